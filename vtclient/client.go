package vtclient

import (
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"

	"golang.org/x/time/rate"
)

// Version is the vtenrich version sent in the User-Agent header; the CLI
// sets it from its build information.
var Version = "dev"

// DefaultBaseURL is the VirusTotal API root.
const DefaultBaseURL = "https://www.virustotal.com"

// Defaults for the zero values of Config, and NoRetries, the Retries value
// for none (0 means the default).
const (
	DefaultRetries = 5
	DefaultTimeout = 30 * time.Second
	NoRetries      = -1
)

// Config configures a Client. The zero value of every field but APIKey is a
// usable default.
type Config struct {
	// BaseURL is the API root, DefaultBaseURL when empty (--vt-url).
	BaseURL string
	// APIKey is sent in the x-apikey header and never written anywhere.
	APIKey string
	// Rate paces every request, retries included (--rate; 0 means
	// DefaultRate). Requests are spaced 0.83% wider than the rate says, so
	// that network jitter cannot squeeze one request too many into the
	// API's quota window (see paced).
	Rate rate.Limit
	// Burst is how many requests may go out back to back. The default,
	// 0, is DefaultBurst of Rate: 1 for a free key, which so never sends 5
	// in any minute.
	Burst int
	// Limiter, when set, makes the limiter that paces requests at Rate
	// and Burst, such as one that processes sharing a cache database draw
	// from together, so that --rate is the key's and not each process's.
	// Nil, or a nil Limiter from it: a limiter of this process alone.
	Limiter LimiterFunc
	// Workers is how many goroutines the caller runs Lookup from (default
	// 1); it sizes the connection pool.
	Workers int
	// DailyQuota caps the requests per UTC day for this key, across runs
	// and processes sharing Ledger (--daily-quota; 0: no cap).
	DailyQuota int
	// Ledger counts the day's requests; nil means a MemoryLedger.
	Ledger Ledger
	// Retries is how often a transient failure (5xx, reset, timeout, bad
	// body) is retried: 0 means DefaultRetries, NoRetries (or any negative
	// number) none, so --retries 0 maps to NoRetries. 429 answers are not
	// counted here: they are governed by QuotaWindow.
	Retries int
	// Timeout bounds each request, body included (--timeout; 0 means
	// DefaultTimeout).
	Timeout time.Duration
	// WaitQuota makes the client sleep until 00:00 UTC when the daily quota
	// is spent, instead of failing the remaining lookups (--wait-quota).
	WaitQuota bool
	// UserAgent overrides "vtenrich/<Version>".
	UserAgent string
	// HTTPClient replaces the client's own keep-alive transport (tests,
	// custom TLS). Its redirect policy is replaced: a redirect would be a
	// request that never waited on the rate limiter.
	HTTPClient *http.Client
	// Notify receives progress and warning messages for the user, such as
	// "waiting until 00:00 UTC". It may be called from several goroutines
	// but never concurrently. Nil drops them.
	Notify func(msg string)
	// Relationships are fetched with each domain and IP object in the same
	// request (default: resolutions, the only one known). They cost no
	// quota, but come as the related objects' ids only.
	Relationships []string
	// DetectedURLs asks, after each domain and IP found, for the URLs
	// VirusTotal knows under it (one more request, counted on the quota;
	// premium keys only) to fill Result.DetectedURLs (--detected-urls).
	DetectedURLs bool
	// BodyBudget bounds the bytes of answer bodies all requests hold at
	// once (default DefaultBodyBudget, at least one answer of the largest
	// size, 64 MiB): a request whose answer would overrun it waits. So
	// 32 workers reading endless or huge answers hold this much, not
	// 32 × 64 MiB.
	BodyBudget int64
}

// relationshipsOf lists, per collection, the relationships the client may
// ask for. Files and URLs have no resolutions, and asking for a
// relationship a collection lacks is a 400, so the others are never sent.
var relationshipsOf = map[string][]string{
	"domains":      {"resolutions"},
	"ip_addresses": {"resolutions"},
}

// Client looks observables up in VirusTotal, holding to the rate, the
// daily quota and the retry policy. It is safe for concurrent use.
type Client struct {
	cfg     Config
	base    string
	http    *http.Client
	limiter Limiter
	keyID   string
	rels    map[string]string // collection → "?relationships=..." or ""
	redact  *strings.Replacer
	forms   []string // the key's spellings redact replaces
	bodies  *bodyBudget

	mu       sync.Mutex
	state    state
	stats    Stats
	notifyMu sync.Mutex
}

// New checks cfg and builds a Client.
func New(cfg Config) (*Client, error) {
	if strings.TrimSpace(cfg.APIKey) == "" {
		return nil, errNoKey
	}
	if cfg.BaseURL == "" {
		cfg.BaseURL = DefaultBaseURL
	}
	u, err := url.Parse(cfg.BaseURL)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, fmt.Errorf("invalid VirusTotal URL %q: want http(s)://host[:port]", cfg.BaseURL)
	}
	if cfg.Rate == 0 {
		cfg.Rate, _ = ParseRate(DefaultRate)
	}
	if cfg.Rate < 0 {
		return nil, errors.New("the request rate must be positive")
	}
	if cfg.Burst == 0 {
		cfg.Burst = DefaultBurst(cfg.Rate)
	}
	cfg.Burst = max(cfg.Burst, 1)
	cfg.Workers = max(cfg.Workers, 1)
	if cfg.DailyQuota < 0 {
		return nil, errors.New("the daily quota must be 0 (none) or positive")
	}
	if cfg.Ledger == nil {
		cfg.Ledger = &MemoryLedger{}
	}
	switch {
	case cfg.Retries == 0:
		cfg.Retries = DefaultRetries
	case cfg.Retries < 0:
		cfg.Retries = 0
	}
	if cfg.Timeout <= 0 {
		cfg.Timeout = DefaultTimeout
	}
	if cfg.BodyBudget <= 0 {
		cfg.BodyBudget = DefaultBodyBudget
	}
	if cfg.UserAgent == "" {
		cfg.UserAgent = "vtenrich/" + Version
	}
	if cfg.Relationships == nil {
		cfg.Relationships = []string{"resolutions"}
	}
	rels, err := relationshipQueries(cfg.Relationships)
	if err != nil {
		return nil, err
	}
	forms := redactForms(cfg.APIKey)
	c := &Client{
		cfg:     cfg,
		base:    strings.TrimRight(cfg.BaseURL, "/") + "/api/v3/",
		http:    httpClient(cfg),
		limiter: newLimiter(cfg, KeyID(cfg.APIKey)),
		keyID:   KeyID(cfg.APIKey),
		rels:    rels,
		redact:  redactor(forms),
		forms:   forms,
		bodies:  newBodyBudget(cfg.BodyBudget),
	}
	c.stats.Errors = map[string]int64{}
	return c, nil
}

// paced is the limiter rate for a configured rate. VirusTotal counts a
// key's requests per minute. At N a minute spaced exactly 60/N s apart,
// the first request and the (N+1)th leave 60 s apart, so if the first is
// held up on its way longer than the other, VirusTotal sees N+1 in one
// minute. Spacing them so that N intervals last a minute plus
// jitterAllowance absorbs that much difference; beyond it VirusTotal
// answers 429 and the client retries after backing off. That is 0.83%
// under the configured rate, whatever the rate: a premium key still gets
// 0.99x of what it pays for.
func paced(r rate.Limit) rate.Limit {
	if r == rate.Inf {
		return r
	}
	return r * rate.Limit(time.Minute) / rate.Limit(time.Minute+jitterAllowance)
}

// jitterAllowance is the difference in delay between two requests' trips,
// a minute apart, that pacing absorbs. Round trips to VirusTotal vary by
// tens of milliseconds; half a second also covers a retransmitted data
// packet (TCP's shortest retransmission timeout is 200 ms), though not a
// lost SYN on a new connection (1 s), which costs a 429 and a retry.
const jitterAllowance = 500 * time.Millisecond

// DefaultBurst is the burst of a rate: one request, and as many more as
// the paced rate sends in catchUp. With one alone, a pool whose every
// worker is busy when a request's turn comes loses that turn for good: at
// 600/s against 50 ms of latency, the moments a garbage collection or the
// input's scan held the workers back cost 3-5% of the rate. A burst lets
// workers that come back late send what they missed, and it fits in the
// minute's jitterAllowance: in any minute the paced rate sends N less
// 0.5 s of it, the burst at most 0.05 s of it more. A rate under 20/s
// (every free key) has a burst of 1.
func DefaultBurst(r rate.Limit) int {
	if r == rate.Inf || r <= 0 {
		return 1
	}
	return 1 + int(float64(paced(r))*catchUp.Seconds())
}

// catchUp is how much of the rate a burst may catch up: a tenth of
// jitterAllowance.
const catchUp = jitterAllowance / 10

// relationshipQueries checks the configured relationship names and builds
// the query string of each collection.
func relationshipQueries(names []string) (map[string]string, error) {
	known := map[string]bool{}
	for _, list := range relationshipsOf {
		for _, n := range list {
			known[n] = true
		}
	}
	out := map[string]string{}
	for _, n := range names {
		if !known[n] {
			return nil, fmt.Errorf("unknown relationship %q (known: resolutions; detected URLs are Config.DetectedURLs)", n)
		}
	}
	for coll, list := range relationshipsOf {
		var ask []string
		for _, n := range names {
			for _, m := range list {
				if n == m {
					ask = append(ask, n)
				}
			}
		}
		if len(ask) > 0 {
			out[coll] = "?relationships=" + strings.Join(ask, ",")
		}
	}
	return out, nil
}

// httpClient is the configured client with redirects turned off, or a
// keep-alive client of our own: gzip (net/http asks for it and inflates it
// by itself), proxies from the environment, one idle connection per worker.
func httpClient(cfg Config) *http.Client {
	var hc http.Client
	if cfg.HTTPClient != nil {
		hc = *cfg.HTTPClient
	} else {
		hc.Transport = &http.Transport{
			Proxy:                 http.ProxyFromEnvironment,
			DialContext:           (&net.Dialer{Timeout: 30 * time.Second, KeepAlive: 30 * time.Second}).DialContext,
			ForceAttemptHTTP2:     true,
			MaxIdleConns:          max(100, cfg.Workers+1),
			MaxIdleConnsPerHost:   cfg.Workers + 1,
			IdleConnTimeout:       90 * time.Second,
			TLSHandshakeTimeout:   10 * time.Second,
			ExpectContinueTimeout: time.Second,
		}
	}
	hc.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	return &hc
}

// Workers is the number of concurrent lookups the client is configured for.
func (c *Client) Workers() int { return c.cfg.Workers }

// KeyID is the identifier of the client's key in ledgers and stats.
func (c *Client) KeyID() string { return c.keyID }

// notify passes a message, with the key redacted, to Config.Notify.
func (c *Client) notify(msg string) {
	if c.cfg.Notify == nil {
		return
	}
	c.notifyMu.Lock()
	defer c.notifyMu.Unlock()
	c.cfg.Notify(c.redact.Replace(msg))
}

// CloseIdleConnections closes the idle keep-alive connections (tests, and
// long-lived programs between bursts of lookups).
func (c *Client) CloseIdleConnections() { c.http.CloseIdleConnections() }
