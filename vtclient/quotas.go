package vtclient

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"time"
)

// QuotaUse is one quota as the API reports it.
type QuotaUse struct {
	Allowed int64 `json:"allowed"`
	Used    int64 `json:"used"`
}

// Quotas is what `vtenrich quota` shows: the key's API request quotas as
// VirusTotal reports them, and today's requests in the local Ledger. The
// API reports hourly, daily and monthly quotas; the per-minute rate is not
// part of its answer (a free key: 4/min, shown as 240/hour).
type Quotas struct {
	Hourly  QuotaUse `json:"api_requests_hourly"`
	Daily   QuotaUse `json:"api_requests_daily"`
	Monthly QuotaUse `json:"api_requests_monthly"`
	// All holds every quota the API reported for the key's user, by its
	// name (api_requests_daily, intelligence_searches_monthly, ...).
	All map[string]QuotaUse `json:"all"`
	// Group holds the quotas of the key's group, when it belongs to one.
	Group map[string]QuotaUse `json:"group,omitempty"`
	// Day is today (UTC); LedgerUsed the requests the Ledger holds for the
	// key on Day, and DailyQuota the configured cap (0: none).
	Day        string `json:"day"`
	LedgerUsed int    `json:"ledger_used"`
	DailyQuota int    `json:"daily_quota"`
}

// Quotas fetches GET /api/v3/users/{key}/overall_quotas. The request waits
// on the rate limiter but takes nothing from the daily quota: VirusTotal
// does not count it. The key is in the path; every error is redacted.
func (c *Client) Quotas(ctx context.Context) (Quotas, error) {
	q := Quotas{Day: Day(time.Now()), DailyQuota: c.cfg.DailyQuota}
	var err error
	if q.LedgerUsed, err = c.cfg.Ledger.Used(ctx, c.keyID, q.Day); err != nil {
		return q, fmt.Errorf("daily quota ledger: %w", err)
	}
	if err := c.wait(ctx); err != nil {
		return q, err
	}
	rctx, cancel := context.WithTimeout(ctx, c.cfg.Timeout)
	defer cancel()
	ans, err := c.get(rctx, "users/"+pathEscape(c.cfg.APIKey)+"/overall_quotas")
	defer ans.res.release()
	status, body := ans.status, ans.body
	if err != nil {
		if ctx.Err() != nil {
			return q, ctx.Err()
		}
		return q, fmt.Errorf("fetching the quotas: %s", c.redact.Replace(err.Error()))
	}
	if status != http.StatusOK {
		code, msg, ok := parseAPIError(body)
		if !ok {
			code, msg = fmt.Sprintf("HTTP %d", status), snippet(body)
		}
		if status == http.StatusUnauthorized {
			return q, c.setFatal(fatalFor(code, msg))
		}
		return q, fmt.Errorf("fetching the quotas: %s: %s", code, c.redact.Replace(msg))
	}
	var env struct {
		Data map[string]struct {
			User  *QuotaUse `json:"user"`
			Group *QuotaUse `json:"group"`
		} `json:"data"`
	}
	if err := json.Unmarshal(body, &env); err != nil || env.Data == nil {
		return q, fmt.Errorf("fetching the quotas: not a quota answer: %s", c.redact.Replace(snippet(body)))
	}
	q.All, q.Group = map[string]QuotaUse{}, map[string]QuotaUse{}
	for name, v := range env.Data {
		if v.User != nil {
			q.All[name] = *v.User
		}
		if v.Group != nil {
			q.Group[name] = *v.Group
		}
	}
	q.Hourly, q.Daily, q.Monthly = q.All["api_requests_hourly"], q.All["api_requests_daily"], q.All["api_requests_monthly"]
	if len(q.Group) == 0 {
		q.Group = nil
	}
	return q, nil
}
