package vtfake

import (
	"net/http"
	"time"
)

// unlimited is the "allowed" VirusTotal reports for a quota without a cap.
const unlimited = 1_000_000_000

// keyUse is one key's counted requests.
type keyUse struct {
	recent []time.Time // the last hour's, oldest first
	days   map[string]int
	months map[string]int
}

// admit counts an object request against key's quotas at now, or reports
// which quota refuses it.
func (s *Server) admit(key string, now time.Time) (ok bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	u := s.use[key]
	if u == nil {
		u = &keyUse{days: map[string]int{}, months: map[string]int{}}
		s.use[key] = u
	}
	u.prune(now)
	day, month := now.UTC().Format(time.DateOnly), now.UTC().Format("2006-01")
	o := &s.opts
	if (o.MinuteQuota > 0 && u.inLast(now, time.Minute) >= o.MinuteQuota) ||
		(o.DailyQuota > 0 && u.days[day] >= o.DailyQuota) ||
		(o.MonthlyQuota > 0 && u.months[month] >= o.MonthlyQuota) {
		return false
	}
	u.recent = append(u.recent, now)
	u.days[day]++
	u.months[month]++
	return true
}

// prune drops the counted requests older than an hour.
func (u *keyUse) prune(now time.Time) {
	i := 0
	for i < len(u.recent) && now.Sub(u.recent[i]) >= time.Hour {
		i++
	}
	u.recent = u.recent[i:]
}

// inLast counts the requests of the last d: the sliding window.
func (u *keyUse) inLast(now time.Time, d time.Duration) int {
	n := 0
	for i := len(u.recent) - 1; i >= 0 && now.Sub(u.recent[i]) < d; i-- {
		n++
	}
	return n
}

// serveQuotas answers GET /api/v3/users/{id}/overall_quotas in the real
// shape: {"data": {"api_requests_hourly": {"user": {"allowed", "used"}}, ...}}.
// The id is the user's API key (or, here, any key the server accepts).
func (s *Server) serveQuotas(w http.ResponseWriter, r *http.Request) {
	rec := &recorder{ResponseWriter: w, s: s, e: Entry{Time: s.now(), Path: r.URL.Path}}
	defer rec.finish()
	key := s.authenticate(rec, r)
	if key == "" {
		return
	}
	id := r.PathValue("id")
	if id != key {
		writeError(rec, http.StatusForbidden, "ForbiddenError", "You are not allowed to perform the requested operation")
		return
	}
	now := s.now()
	s.mu.Lock()
	var hour, day, month int
	if u := s.use[key]; u != nil {
		u.prune(now)
		hour = u.inLast(now, time.Hour)
		day, month = u.days[now.UTC().Format(time.DateOnly)], u.months[now.UTC().Format("2006-01")]
	}
	s.mu.Unlock()
	o := &s.opts
	type use struct {
		Allowed int `json:"allowed"`
		Used    int `json:"used"`
	}
	type quota struct {
		User use `json:"user"`
	}
	allowed := func(n, per int) int {
		if n <= 0 {
			return unlimited
		}
		return n * per
	}
	writeJSON(rec, http.StatusOK, map[string]any{"data": map[string]quota{
		"api_requests_hourly":            {use{allowed(o.MinuteQuota, 60), hour}},
		"api_requests_daily":             {use{allowed(o.DailyQuota, 1), day}},
		"api_requests_monthly":           {use{allowed(o.MonthlyQuota, 1), month}},
		"intelligence_searches_monthly":  {use{0, 0}},
		"intelligence_downloads_monthly": {use{0, 0}},
	}})
}
