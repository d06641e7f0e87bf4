package vtclient_test

import (
	"errors"
	"strings"
	"testing"
	"testing/synctest"
	"time"

	"github.com/vtenrich/vtenrich/pipeline/ioc"
	"github.com/vtenrich/vtenrich/vtclient"
	"github.com/vtenrich/vtenrich/vtclient/vtfake"
)

// TestDetectedURLs: --detected-urls asks, after a domain or IP, for its
// urls relationship in a request of its own (paced, counted on the daily
// quota) and keeps the URLs some engine flags; files and URLs cost one
// request as before.
func TestDetectedURLs(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		ledger := &vtclient.MemoryLedger{}
		h := newHarness(t, vtfake.Options{}, vtclient.Config{DetectedURLs: true, Rate: 1, Ledger: ledger, DailyQuota: 100})
		defer h.close()
		start := time.Now()
		r, err := h.lookup(ioc.DNS, "example-shop.com") // a malicious domain of the fake
		if err != nil {
			t.Fatal(err)
		}
		if !r.URLsChecked || len(r.DetectedURLs) == 0 || !strings.HasPrefix(r.DetectedURLs[0], "http://example-shop.com/") {
			t.Errorf("checked %v, detected %q", r.URLsChecked, r.DetectedURLs)
		}
		log := h.fake.Log()
		if len(log) != 2 || log[1].Path != "/api/v3/domains/example-shop.com/urls" || log[1].Query != "limit=40" {
			t.Fatalf("requests %+v, want the object then its urls relationship", log)
		}
		if used, _ := ledger.Used(t.Context(), h.c.KeyID(), vtclient.Day(time.Now())); used != 2 {
			t.Errorf("%d requests counted on the daily quota, want 2", used)
		}
		if took := time.Since(start); took < time.Second {
			t.Errorf("the second request did not wait on the rate limiter (1/s): both in %v", took)
		}

		clean, _ := h.lookup(ioc.DNS, "news-portal.info")
		if !clean.URLsChecked || clean.DetectedURLs != nil {
			t.Errorf("a clean domain: checked %v, detected %q", clean.URLsChecked, clean.DetectedURLs)
		}
		before := h.requests()
		if f, _ := h.lookup(ioc.SHA256, strings.Repeat("ab", 32)); f.URLsChecked || h.requests() != before+1 {
			t.Errorf("a file: %d requests, checked %v", h.requests()-before, f.URLsChecked)
		}
	})
}

// TestDetectedURLsNeedAPremiumKey: a public key is refused the urls
// relationship; the object's answer is kept (its quota is spent) and the
// next lookup stops the run with a message that says why.
func TestDetectedURLsNeedAPremiumKey(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		h := newHarness(t, vtfake.Options{PublicKeys: []string{testKey}}, vtclient.Config{DetectedURLs: true})
		defer h.close()
		r, err := h.lookup(ioc.DNS, "example-shop.com")
		if err != nil || !r.Found() || r.Malicious == 0 || r.URLsChecked || !strings.Contains(r.VerboseMsg, "ForbiddenError") {
			t.Fatalf("err %v, found %v, checked %v, msg %q", err, r.Found(), r.URLsChecked, r.VerboseMsg)
		}
		_, err = h.lookup(ioc.DNS, "news-portal.info")
		var fe *vtclient.FatalError
		if !errors.As(err, &fe) || !strings.Contains(fe.Message, "premium") || !strings.Contains(fe.Message, "--detected-urls") {
			t.Errorf("next lookup: %v", err)
		}
		if n := h.requests(); n != 2 {
			t.Errorf("%d requests, want 2: none after the refusal", n)
		}
	})
}
