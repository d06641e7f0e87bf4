package vtfake

import (
	"bufio"
	"errors"
	"maps"
	"net"
	"net/http"
	"slices"
	"strconv"
	"time"
)

// Stats counts the API requests the server has seen (not /_stats and
// /_faults), for tests and for GET /_stats.
type Stats struct {
	Requests int `json:"requests"`
	// ByPath counts requests per URL path (query left out).
	ByPath map[string]int `json:"by_path"`
	// ByObservable counts object requests per "<collection>/<observable>",
	// URLs decoded from their id.
	ByObservable map[string]int `json:"by_observable"`
	// ByStatus counts answers per HTTP status; "none" counts requests left
	// without an answer (reset and stall faults).
	ByStatus map[string]int `json:"by_status"`
	// ByCode counts error answers per VirusTotal error code.
	ByCode map[string]int `json:"by_code"`
}

// Entry is one request in the server's log.
type Entry struct {
	// Time is when the request arrived, by Options.Now.
	Time       time.Time `json:"time"`
	Path       string    `json:"path"`
	Query      string    `json:"query,omitempty"`
	Observable string    `json:"observable,omitempty"`
	// Status is the HTTP status of the answer, 0 when none was given.
	Status int    `json:"status"`
	Code   string `json:"code,omitempty"`
}

func newStats() Stats {
	return Stats{ByPath: map[string]int{}, ByObservable: map[string]int{}, ByStatus: map[string]int{}, ByCode: map[string]int{}}
}

// Stats returns a copy of the counters.
func (s *Server) Stats() Stats {
	s.mu.Lock()
	defer s.mu.Unlock()
	st := s.stats
	st.ByPath, st.ByObservable = maps.Clone(st.ByPath), maps.Clone(st.ByObservable)
	st.ByStatus, st.ByCode = maps.Clone(st.ByStatus), maps.Clone(st.ByCode)
	return st
}

// Log returns every API request seen so far, in arrival order.
func (s *Server) Log() []Entry {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.log)
}

// record adds a finished request to the counters and the log.
func (s *Server) record(e Entry) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.stats.Requests++
	s.stats.ByPath[e.Path]++
	if e.Observable != "" {
		s.stats.ByObservable[e.Observable]++
	}
	if e.Status == 0 {
		s.stats.ByStatus["none"]++
	} else {
		s.stats.ByStatus[strconv.Itoa(e.Status)]++
	}
	if e.Code != "" {
		s.stats.ByCode[e.Code]++
	}
	s.log = append(s.log, e)
}

func (s *Server) serveStats(w http.ResponseWriter, _ *http.Request) {
	writeJSON(w, http.StatusOK, s.Stats())
}

// recorder notes the status and error code of an answer, and logs the
// request before the answer leaves: once a client has its answer, the
// server's log already holds it. It still lets a handler hijack the
// connection.
type recorder struct {
	http.ResponseWriter
	s      *Server
	e      Entry
	status int
	code   string
	logged bool
}

// finish logs the request once, with the answer's status (0: none).
func (r *recorder) finish() {
	if r.logged {
		return
	}
	r.logged = true
	r.e.Status = r.status
	if r.e.Code == "" {
		r.e.Code = r.code
	}
	r.s.record(r.e)
}

// WriteHeader implements http.ResponseWriter, logging the request first.
func (r *recorder) WriteHeader(status int) {
	if r.status == 0 {
		r.status = status
		r.finish()
	}
	r.ResponseWriter.WriteHeader(status)
}

// Write implements http.ResponseWriter.
func (r *recorder) Write(b []byte) (int, error) {
	if r.status == 0 {
		r.WriteHeader(http.StatusOK)
	}
	return r.ResponseWriter.Write(b)
}

// Hijack passes the connection on, for the reset fault.
func (r *recorder) Hijack() (net.Conn, *bufio.ReadWriter, error) {
	hj, ok := r.ResponseWriter.(http.Hijacker)
	if !ok {
		return nil, nil, errors.New("vtfake: the connection cannot be hijacked")
	}
	r.finish()
	return hj.Hijack()
}
