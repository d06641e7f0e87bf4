package vtfake

import (
	"net/http"
	"strconv"
	"strings"

	json "github.com/goccy/go-json"
)

// objectTypes maps each object collection to the type of its objects.
var objectTypes = map[string]string{
	"files": "file", "urls": "url", "domains": "domain", "ip_addresses": "ip_address",
}

// relationshipsOf lists the relationships the fake serves per collection;
// asking for another one is a 400, as asking VirusTotal for a relationship
// a collection does not have.
var relationshipsOf = map[string][]string{
	"domains":      {"resolutions", "urls"},
	"ip_addresses": {"resolutions", "urls"},
}

// serveObject answers GET /api/v3/{files,urls,domains,ip_addresses}/{id}.
func (s *Server) serveObject(w http.ResponseWriter, r *http.Request) {
	coll, id := r.PathValue("coll"), r.PathValue("id")
	rec := &recorder{ResponseWriter: w, s: s, e: Entry{Time: s.now(), Path: r.URL.Path, Query: r.URL.RawQuery}}
	defer rec.finish()
	if _, ok := objectTypes[coll]; !ok {
		writeError(rec, http.StatusNotFound, "NotFoundError", "Resource not found")
		return
	}
	rec.e.Observable = coll + "/" + s.observable(coll, id)
	f, ok := s.admitRequest(rec, r, func(string) bool { return false })
	if !ok {
		return
	}
	rels, bad := relationships(coll, r.URL.Query().Get("relationships"))
	if bad != "" {
		writeError(rec, http.StatusBadRequest, "InvalidArgumentError", "Relationship "+bad+" not found for "+objectTypes[coll])
		return
	}
	if f == FaultMismatch {
		rec.e.Code = string(f)
		id = neighbour(coll, id)
	}
	obj, fail := s.object(coll, id, rels, baseURL(r))
	if fail != nil {
		writeError(rec, fail.status, fail.code, fail.msg)
		return
	}
	body, err := json.MarshalIndent(map[string]json.RawMessage{"data": obj}, "", "    ")
	if err != nil {
		writeError(rec, http.StatusInternalServerError, "InternalError", err.Error())
		return
	}
	if bodyFault(f) {
		rec.e.Code = string(f)
	}
	writeBody(rec, body, f)
}

// failure is an error answer.
type failure struct {
	status    int
	code, msg string
}

// relationships parses ?relationships=a,b; bad names the first one the
// collection does not have.
func relationships(coll, list string) (names []string, bad string) {
	for _, n := range strings.Split(list, ",") {
		if n = strings.TrimSpace(n); n == "" {
			continue
		}
		ok := false
		for _, m := range relationshipsOf[coll] {
			ok = ok || m == n
		}
		if !ok {
			return nil, n
		}
		names = append(names, n)
	}
	return names, ""
}

// baseURL is the scheme and host the client used, for the links.
func baseURL(r *http.Request) string {
	scheme := "http"
	if r.TLS != nil {
		scheme = "https"
	}
	return scheme + "://" + r.Host
}

// premiumOnly are the relationships VirusTotal serves to premium keys
// only; keys in Options.PublicKeys get 403 ForbiddenError for them.
var premiumOnly = map[string]bool{"urls": true}

// maxRelationshipLimit is the largest page of a relationship request.
const maxRelationshipLimit = 40

// serveRelationship answers GET /api/v3/{domains,ip_addresses}/{id}/{rel}:
// a page of the related objects, whole (not descriptors). Each request
// counts on the key's quota, as an object request does.
func (s *Server) serveRelationship(w http.ResponseWriter, r *http.Request) {
	coll, id, rel := r.PathValue("coll"), r.PathValue("id"), r.PathValue("rel")
	rec := &recorder{ResponseWriter: w, s: s, e: Entry{Time: s.now(), Path: r.URL.Path, Query: r.URL.RawQuery}}
	defer rec.finish()
	if names, bad := relationships(coll, rel); bad != "" || len(names) != 1 {
		writeError(rec, http.StatusNotFound, "NotFoundError", "Resource not found")
		return
	}
	id = strings.ToLower(strings.TrimSuffix(id, "."))
	rec.e.Observable = coll + "/" + id + "/" + rel
	f, ok := s.admitRequest(rec, r, func(key string) bool { return premiumOnly[rel] && s.public[key] })
	if !ok {
		return
	}
	limit := 10
	if v := r.URL.Query().Get("limit"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 {
			writeError(rec, http.StatusBadRequest, "InvalidArgumentError", "Invalid limit")
			return
		}
		limit = min(n, maxRelationshipLimit)
	}
	items := relatedItems(coll, id, rel)
	count := len(items)
	if len(items) > limit {
		items = items[:limit]
	}
	if items == nil {
		items = []related{}
	}
	body, err := json.MarshalIndent(map[string]any{"data": items, "meta": map[string]int{"count": count},
		"links": map[string]string{"self": baseURL(r) + r.URL.RequestURI()}}, "", "    ")
	if err != nil {
		writeError(rec, http.StatusInternalServerError, "InternalError", err.Error())
		return
	}
	writeBody(rec, body, f)
}

// admitRequest does what VirusTotal does before it answers any request,
// in its order: the latency, the key (401), the key's rights (403: a
// forbidden key, or one that denied says may not), a scripted fault, the
// quota (429). It returns the fault to shape the answer with, and false
// when an error has been written instead.
func (s *Server) admitRequest(rec *recorder, r *http.Request, denied func(key string) bool) (Fault, bool) {
	s.delay(r)
	key := s.authenticate(rec, r)
	if key == "" {
		return "", false
	}
	if s.forbidden[key] || denied(key) {
		writeError(rec, http.StatusForbidden, "ForbiddenError", "You are not allowed to perform the requested operation")
		return "", false
	}
	f := s.nextFault()
	if s.answerFault(rec, r, f) {
		return "", false
	}
	if !s.admit(key, s.now()) {
		s.setRetryAfter(rec)
		writeError(rec, http.StatusTooManyRequests, "QuotaExceededError", "Quota exceeded")
		return "", false
	}
	return f, true
}
