package vtfake

import (
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// Fault is a misbehaviour the server can be told to show on coming object
// requests (Server.Inject, POST /_faults), or shows at random (Options).
type Fault string

// The faults. Those that answer an error do so with VirusTotal's code and
// body; the others break the answer itself.
const (
	FaultTransient  Fault = "transient"   // 503 TransientError
	FaultDeadline   Fault = "deadline"    // 504 DeadlineExceededError
	FaultInternal   Fault = "internal"    // 500 InternalError
	FaultBadGateway Fault = "bad-gateway" // 502 with an HTML body, as a proxy answers
	FaultReset      Fault = "reset"       // the connection is closed without an answer
	FaultTruncate   Fault = "truncate"    // a 200 whose body stops half-way
	FaultNonJSON    Fault = "non-json"    // a 200 with an HTML body
	FaultStall      Fault = "stall"       // no answer until the client gives up
	FaultQuota      Fault = "quota"       // 429 QuotaExceededError
	FaultTooMany    Fault = "too-many"    // 429 TooManyRequestsError
	FaultForbidden  Fault = "forbidden"   // 403 ForbiddenError
	FaultBadRequest Fault = "bad-request" // 400 BadRequestError
	FaultWrongKey   Fault = "wrong-key"   // 401 WrongCredentialsError
	FaultNoKey      Fault = "no-key"      // 401 AuthenticationRequiredError
	FaultNotActive  Fault = "not-active"  // 401 UserNotActiveError
	FaultNotFound   Fault = "not-found"   // 404 NotFoundError
	FaultNone       Fault = "none"        // a normal answer (to space out a script)
	FaultMismatch   Fault = "mismatch"    // a 200 with the object of another observable
	FaultEndless    Fault = "endless"     // a 200 whose body never ends
)

// errorFaults are the faults that answer a VirusTotal error.
var errorFaults = map[Fault]struct {
	status    int
	code, msg string
}{
	FaultTransient:  {503, "TransientError", "Transient error, please try again later"},
	FaultDeadline:   {504, "DeadlineExceededError", "The request took too long"},
	FaultInternal:   {500, "InternalError", "Internal error"},
	FaultQuota:      {429, "QuotaExceededError", "Quota exceeded"},
	FaultTooMany:    {429, "TooManyRequestsError", "Too many requests"},
	FaultForbidden:  {403, "ForbiddenError", "You are not allowed to perform the requested operation"},
	FaultBadRequest: {400, "BadRequestError", "The request is invalid"},
	FaultWrongKey:   {401, "WrongCredentialsError", "Wrong API key"},
	FaultNoKey:      {401, "AuthenticationRequiredError", "X-Apikey header is missing"},
	FaultNotActive:  {401, "UserNotActiveError", "User is not active"},
	FaultNotFound:   {404, "NotFoundError", "Resource not found"},
}

// ParseFaults reads a comma-separated list of fault names.
func ParseFaults(list string) ([]Fault, error) {
	var out []Fault
	for _, name := range strings.Split(list, ",") {
		f := Fault(strings.TrimSpace(name))
		if f == "" {
			continue
		}
		if _, ok := errorFaults[f]; !ok && !bodyFault(f) && f != FaultReset && f != FaultStall && f != FaultNone && f != FaultMismatch {
			return nil, fmt.Errorf("unknown fault %q", f)
		}
		out = append(out, f)
	}
	return out, nil
}

func bodyFault(f Fault) bool {
	return f == FaultTruncate || f == FaultNonJSON || f == FaultBadGateway || f == FaultEndless
}

// Inject queues faults: each coming object request takes the next one.
func (s *Server) Inject(faults ...Fault) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.script = append(s.script, faults...)
}

// nextFault is the fault for an object request: the script's next, else
// one drawn at the configured rates.
func (s *Server) nextFault() Fault {
	s.mu.Lock()
	defer s.mu.Unlock()
	if len(s.script) > 0 {
		f := s.script[0]
		s.script = s.script[1:]
		return f
	}
	o := &s.opts
	if o.FailRate+o.ResetRate+o.TruncateRate <= 0 {
		return FaultNone
	}
	switch u := s.rng.Float64(); {
	case u < o.FailRate:
		return FaultTransient
	case u < o.FailRate+o.ResetRate:
		return FaultReset
	case u < o.FailRate+o.ResetRate+o.TruncateRate:
		return FaultTruncate
	}
	return FaultNone
}

// answerFault answers a fault that replaces the answer, and reports
// whether it did.
func (s *Server) answerFault(w http.ResponseWriter, r *http.Request, f Fault) bool {
	if e, ok := errorFaults[f]; ok {
		if e.status == http.StatusTooManyRequests {
			s.setRetryAfter(w)
		}
		writeError(w, e.status, e.code, e.msg)
		return true
	}
	switch f {
	case FaultReset, FaultStall:
		if rec, ok := w.(*recorder); ok {
			rec.e.Code = string(f)
		}
	}
	switch f {
	case FaultReset:
		reset(w)
		return true
	case FaultStall:
		<-r.Context().Done()
		return true
	}
	return false
}

// reset closes the connection without an answer.
func reset(w http.ResponseWriter) {
	if hj, ok := w.(http.Hijacker); ok {
		if conn, _, err := hj.Hijack(); err == nil {
			_ = conn.Close()
			return
		}
	}
	// No connection to close (an in-memory recorder): the nearest thing
	// is an answer that breaks off before its body.
	w.Header().Set("Content-Length", "100")
	w.WriteHeader(http.StatusOK)
}

// writeBody writes a 200 answer, broken as f says.
func writeBody(w http.ResponseWriter, body []byte, f Fault) {
	h := w.Header()
	switch f {
	case FaultTruncate:
		h.Set("Content-Type", "application/json; charset=utf-8")
		h.Set("Content-Length", strconv.Itoa(len(body)))
		w.WriteHeader(http.StatusOK)
		_, _ = w.Write(body[:len(body)/2])
	case FaultEndless:
		// The start of a real answer, then padding inside a string, for
		// as long as the client reads: a hostile or broken server.
		h.Set("Content-Type", "application/json; charset=utf-8")
		w.WriteHeader(http.StatusOK)
		if _, err := io.WriteString(w, `{"data": {"type": "file", "id": "x", "attributes": {"padding": "`); err != nil {
			return
		}
		chunk := []byte(strings.Repeat("A", 64<<10))
		for {
			if _, err := w.Write(chunk); err != nil {
				return
			}
		}
	case FaultNonJSON, FaultBadGateway:
		status, page := http.StatusOK, "<html><body><h1>Please wait</h1></body></html>\n"
		if f == FaultBadGateway {
			status, page = http.StatusBadGateway, "<html><head><title>502 Bad Gateway</title></head><body><h1>502 Bad Gateway</h1></body></html>\n"
		}
		h.Set("Content-Type", "text/html")
		h.Set("Content-Length", strconv.Itoa(len(page)))
		w.WriteHeader(status)
		_, _ = io.WriteString(w, page)
	default:
		h.Set("Content-Type", "application/json; charset=utf-8")
		h.Set("Content-Length", strconv.Itoa(len(body)))
		w.WriteHeader(http.StatusOK)
		_, _ = w.Write(body)
	}
}

// serveFaults queues the faults named in the body (comma-separated), for
// demos: curl -d transient,reset http://127.0.0.1:8089/_faults
func (s *Server) serveFaults(w http.ResponseWriter, r *http.Request) {
	b, err := io.ReadAll(io.LimitReader(r.Body, 1<<16))
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	faults, err := ParseFaults(string(b))
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	s.Inject(faults...)
	w.WriteHeader(http.StatusNoContent)
}

// delay waits Latency ± Jitter, or until the request ends.
func (s *Server) delay(r *http.Request) {
	d := s.opts.Latency
	if j := s.opts.Jitter; j > 0 {
		s.mu.Lock()
		d += time.Duration(s.rng.Int64N(int64(2*j)+1)) - j
		s.mu.Unlock()
	}
	if d <= 0 {
		return
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
	case <-r.Context().Done():
	}
}

func (s *Server) setRetryAfter(w http.ResponseWriter) {
	if ra := s.opts.RetryAfter; ra > 0 {
		w.Header().Set("Retry-After", strconv.Itoa(int((ra+time.Second-1)/time.Second)))
	}
}
