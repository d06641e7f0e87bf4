package vtfake

import (
	"encoding/json"
	"net/http"
	"strings"
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
	s.delay(r)
	key := s.authenticate(rec, r)
	if key == "" {
		return
	}
	if s.forbidden[key] {
		writeError(rec, http.StatusForbidden, "ForbiddenError", "You are not allowed to perform the requested operation")
		return
	}
	f := s.nextFault()
	if s.answerFault(rec, r, f) {
		return
	}
	if !s.admit(key, s.now()) {
		s.setRetryAfter(rec)
		writeError(rec, http.StatusTooManyRequests, "QuotaExceededError", "Quota exceeded")
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
