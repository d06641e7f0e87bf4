package vtclient

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
)

// DetectedURLsLimit is how many of a domain's or IP's URLs --detected-urls
// asks for: one page of the urls relationship, the largest VirusTotal
// serves.
const DetectedURLsLimit = 40

// detectedURLs asks for the URLs VirusTotal knows under a domain or IP (the
// urls relationship: premium keys only) and keeps those some engine calls
// malicious. It is a request of its own, paced and counted like an
// object's: an object request's ?relationships=urls would bring only the
// URLs' ids, not the URLs nor their detections.
//
// The object's answer is kept whatever happens here: its quota is spent.
// A failure leaves res.URLsChecked false and says why in VerboseMsg; a 403
// means the key is not premium, so it stops the run from the next lookup
// on (every one would be refused the same way).
func (c *Client) detectedURLs(ctx context.Context, coll string, res *Result) error {
	path := coll + "/" + pathEscape(res.Resource) + "/urls?limit=" + strconv.Itoa(DetectedURLsLimit)
	var rel Result // Lookups counts the lookup; Requests, this request too
	a, done, err := c.fetch(ctx, path, &rel)
	var fatal *FatalError
	switch {
	case errors.As(err, &fatal):
		return nil // the next lookup stops the run; this answer is kept
	case err != nil && ctx.Err() != nil:
		return nil // stopped: the object's answer is still good
	case err != nil:
		return err
	case done && rel.Status.Code == CodeForbidden:
		c.setFatal(&FatalError{Code: CodeForbidden, Message: "--detected-urls: VirusTotal refused the urls relationship of " +
			res.Observable + ": it is for premium API keys only; run without --detected-urls (" + rel.VerboseMsg + ")"})
		res.VerboseMsg = "detected URLs not fetched: " + rel.Status.String()
		return nil
	case done:
		res.VerboseMsg = "detected URLs not fetched: " + rel.Status.String() + ": " + rel.VerboseMsg
		return nil
	}
	urls, err := maliciousURLs(c.redactJSON(a.data)) // a column: no key in it, however the answer spells it
	if err != nil {
		res.VerboseMsg = "detected URLs not fetched: " + CodeBadResponse + ": " + err.Error()
		return nil
	}
	res.DetectedURLs, res.URLsChecked = urls, true
	return nil
}

// maliciousURLs lists the URLs of a page of URL objects that at least one
// engine calls malicious, in VirusTotal's order.
func maliciousURLs(data []byte) ([]string, error) {
	var objs []struct {
		Attributes struct {
			URL               string           `json:"url"`
			LastAnalysisStats map[string]int64 `json:"last_analysis_stats"`
		} `json:"attributes"`
	}
	if err := json.Unmarshal(data, &objs); err != nil {
		return nil, fmt.Errorf("the urls relationship is not a list of URL objects: %w", err)
	}
	var out []string
	for _, o := range objs {
		if o.Attributes.LastAnalysisStats["malicious"] > 0 {
			out = appendNew(out, o.Attributes.URL)
		}
	}
	return out, nil
}
