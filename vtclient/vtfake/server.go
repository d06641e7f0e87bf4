// Package vtfake is a fake VirusTotal API v3 server, faithful to the real
// answers' shapes, for tests, demos and benchmarks: the four object
// endpoints with ?relationships=, x-apikey authentication, per-key quotas
// answering 429, GET /api/v3/users/{key}/overall_quotas, deterministic
// synthetic objects, real objects from a fixtures folder, fault injection,
// and GET /_stats.
//
// Tests use it in-process (httptest.NewServer(srv), or NewPipeServer under
// testing/synctest); cmd/vtfake runs it standalone.
package vtfake

import (
	"math/rand/v2"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"

	json "github.com/goccy/go-json"
)

// Options configures a Server. The zero value is a server that accepts any
// non-empty key, has no quotas and injects no faults.
type Options struct {
	// Keys are the accepted API keys; empty accepts any non-empty key.
	Keys []string
	// ForbiddenKeys are accepted keys whose lookups answer 403
	// ForbiddenError, like a key without the needed privilege.
	ForbiddenKeys []string
	// MinuteQuota, DailyQuota and MonthlyQuota cap each key's object
	// requests (0: none). The minute quota is a sliding 60-second window,
	// so tests can assert that a client never exceeds it; the daily one
	// resets at 00:00 UTC like VirusTotal's.
	MinuteQuota, DailyQuota, MonthlyQuota int
	// RetryAfter, when positive, is sent as Retry-After with 429 answers.
	RetryAfter time.Duration
	// Fixtures is a folder of real v3 objects (*.json, each the "data"
	// member of an answer or a whole answer), served instead of synthetic
	// ones for their ids (and, for files, md5/sha1/sha256; for URLs, the
	// URL's id).
	Fixtures string
	// DescriptorsOnly makes relationship items bare {type, id}
	// descriptors, without the related objects' attributes.
	DescriptorsOnly bool
	// PublicKeys are accepted keys of the public (free) API: the
	// relationships VirusTotal keeps for premium keys (urls) answer them
	// 403 ForbiddenError.
	PublicKeys []string
	// FailRate, ResetRate and TruncateRate are the fractions of object
	// requests answered 503 TransientError, with a closed connection, and
	// with a truncated body.
	FailRate, ResetRate, TruncateRate float64
	// Latency delays every answer, give or take Jitter.
	Latency, Jitter time.Duration
	// Seed makes the random faults and jitter repeatable.
	Seed uint64
	// Now is the server's clock (default time.Now); tests drive quotas
	// with it.
	Now func() time.Time
}

// Server is the fake API; it implements http.Handler.
type Server struct {
	opts      Options
	now       func() time.Time
	mux       *http.ServeMux
	keys      map[string]bool
	forbidden map[string]bool
	public    map[string]bool
	fixtures  map[string][]byte // "<collection>/<id>" → object

	mu       sync.Mutex
	rng      *rand.Rand
	use      map[string]*keyUse
	script   []Fault
	registry map[string]string // file hash → sha256, URL sha256 → URL
	stats    Stats
	log      []Entry
}

// New builds a Server, loading the fixtures folder when one is given.
func New(opts Options) (*Server, error) {
	s := &Server{
		opts:      opts,
		now:       opts.Now,
		keys:      set(opts.Keys),
		forbidden: set(opts.ForbiddenKeys),
		public:    set(opts.PublicKeys),
		rng:       rand.New(rand.NewPCG(opts.Seed, opts.Seed^0x9e3779b97f4a7c15)),
		use:       map[string]*keyUse{},
		registry:  map[string]string{},
		stats:     newStats(),
	}
	if s.now == nil {
		s.now = time.Now
	}
	if opts.Fixtures != "" {
		fx, err := loadFixtures(opts.Fixtures)
		if err != nil {
			return nil, err
		}
		s.fixtures = fx
	}
	s.warmUp()
	s.mux = http.NewServeMux()
	s.mux.HandleFunc("GET /api/v3/{coll}/{id}", s.serveObject)
	s.mux.HandleFunc("GET /api/v3/{coll}/{id}/{rel}", s.serveRelationship)
	s.mux.HandleFunc("GET /api/v3/users/{id}/overall_quotas", s.serveQuotas)
	s.mux.HandleFunc("GET /_stats", s.serveStats)
	s.mux.HandleFunc("POST /_faults", s.serveFaults)
	s.mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		writeError(w, http.StatusNotFound, "NotFoundError", "Resource not found")
	})
	return s, nil
}

// ServeHTTP implements http.Handler.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) { s.mux.ServeHTTP(w, r) }

func set(list []string) map[string]bool {
	m := make(map[string]bool, len(list))
	for _, k := range list {
		m[k] = true
	}
	return m
}

// authenticate answers 401 or 403 as VirusTotal does and returns the key,
// or "" when it answered.
func (s *Server) authenticate(w http.ResponseWriter, r *http.Request) string {
	key := r.Header.Get("x-apikey")
	switch {
	case key == "":
		writeError(w, http.StatusUnauthorized, "AuthenticationRequiredError", "X-Apikey header is missing")
		return ""
	case len(s.keys) > 0 && !s.keys[key]:
		writeError(w, http.StatusUnauthorized, "WrongCredentialsError", "Wrong API key")
		return ""
	}
	return key
}

// writeError writes a VirusTotal error answer.
func writeError(w http.ResponseWriter, status int, code, msg string) {
	var body struct {
		Error struct {
			Code    string `json:"code"`
			Message string `json:"message"`
		} `json:"error"`
	}
	body.Error.Code, body.Error.Message = code, msg
	if rec, ok := w.(*recorder); ok {
		rec.code = code
	}
	writeJSON(w, status, body)
}

// writeJSON writes v as an indented JSON answer, as VirusTotal does.
func writeJSON(w http.ResponseWriter, status int, v any) {
	b, err := json.MarshalIndent(v, "", "    ")
	if err != nil {
		status, b = http.StatusInternalServerError, []byte(`{"error": {"code": "InternalError", "message": "encoding failed"}}`)
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Content-Length", strconv.Itoa(len(b)))
	w.WriteHeader(status)
	_, _ = w.Write(b)
}

// warmUp renders an answer of every kind once before the server serves.
// When 32 requests reached a fresh server at once, an object now and then
// came out broken (a member without its value) and was served as an
// InternalError: 2 of 40 fresh processes of
// TestEndlessBodiesStayWithinTheBudget, 0 of 60 with the warm-up. The
// likely cause is goccy/go-json compiling a type's encoder on first use
// from many goroutines at once. What the warm-up noted in the registry is
// forgotten: it is no request's.
func (s *Server) warmUp() {
	for _, q := range [][2]string{{"files", strings.Repeat("a", 64)}, {"domains", "warm-up.example.com"},
		{"ip_addresses", "192.0.2.1"}, {"urls", "aHR0cDovL3dhcm0tdXAuZXhhbXBsZS5jb20v"}} {
		if obj, fail := s.object(q[0], q[1], []string{"resolutions"}, "http://127.0.0.1"); fail == nil {
			_, _ = json.MarshalIndent(map[string]json.RawMessage{"data": obj}, "", "    ")
		}
	}
	_, _ = json.MarshalIndent(map[string]any{"data": []related{}, "meta": map[string]int{"count": 0},
		"links": map[string]string{"self": ""}}, "", "    ")
	clear(s.registry)
}
