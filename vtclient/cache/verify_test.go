package cache

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/vtenrich/vtenrich/pipeline/ioc"
	"github.com/vtenrich/vtenrich/vtclient"
)

// TestPutRefusesMismatchedAnswers: an answer for another file, IP or domain
// than its observable is not stored, and a file answer whose hash of the
// asked type is missing is stored under the asked hash alone.
func TestPutRefusesMismatchedAnswers(t *testing.T) {
	forEachBackend(t, testPutRefusesMismatchedAnswers)
}

func testPutRefusesMismatchedAnswers(t *testing.T, be testBackend) {
	c := be.openNew(t, Options{})
	md5, _, _ := fileHashes(1)
	otherFile := found(ioc.MD5, md5, 2) // the hashes are file 2's
	otherIP := found(ioc.IPv4, "198.51.100.7", 1)
	otherIP.Resource = "198.51.100.8"
	for _, r := range []vtclient.Result{otherFile, otherIP} {
		if err := c.Put(context.Background(), r); !errors.Is(err, vtclient.ErrMismatchedAnswer) {
			t.Errorf("Put of %v %q holding another object: %v", r.Type, r.Observable, err)
		}
		flush(t, c)
		if _, ok := get(t, c, r.Type, r.Observable, false); ok {
			t.Errorf("%v %q stored", r.Type, r.Observable)
		}
	}

	md5, sha1, sha256 := fileHashes(3)
	unverified := found(ioc.MD5, md5, 3)
	unverified.MD5 = "" // the object does not say which MD5 it has
	put(t, c, unverified)
	flush(t, c)
	if _, ok := get(t, c, ioc.MD5, md5, false); !ok {
		t.Error("the asked hash is not stored")
	}
	for _, k := range []Key{{ioc.SHA1, sha1}, {ioc.SHA256, sha256}} {
		if _, ok := get(t, c, k.Type, k.Observable, false); ok {
			t.Errorf("unverified alias %v served", k.Type)
		}
	}
}

// TestImportRefusesMismatchedAnswers: lines that file an answer under an
// observable it is not for are refused, counted, and described with their
// line numbers; good lines around them are imported.
func TestImportRefusesMismatchedAnswers(t *testing.T) {
	forEachBackend(t, testImportRefusesMismatchedAnswers)
}

func testImportRefusesMismatchedAnswers(t *testing.T, be testBackend) {
	const at = `"fetched_at":"2026-03-01T00:00:00Z"`
	line := func(r vtclient.Result, aliases string) string {
		res, err := json.Marshal(r)
		if err != nil {
			t.Fatal(err)
		}
		data := ""
		if r.Raw != nil {
			data = `,"data":` + compactJSON(t, r.Raw)
		}
		return fmt.Sprintf(`{"type":%q,"observable":%q,"outcome":"found",%s,%s"result":%s%s}`,
			r.Type, r.Observable, at, aliases, res, data)
	}
	md5a, sha1a, _ := fileHashes(1)
	_, sha1b, _ := fileHashes(2)
	good := found(ioc.MD5, md5a, 1)

	anotherFile := found(ioc.MD5, md5a, 2) // file 2's answer filed under file 1's MD5
	anotherFile.Raw = nil                  // (the result alone says so)
	dataOfAnother := good
	dataOfAnother.Raw = found(ioc.MD5, md5a, 2).Raw
	anotherIP := found(ioc.IPv4, "198.51.100.7", 1)
	anotherIP.Resource = "198.51.100.8"
	rawFile := strings.Replace(string(good.Raw), `"id": "c`, `"id": "d`, 1) // id is not its sha256
	tests := []struct{ line, want string }{
		{line(anotherFile, ""), "holds"},
		{line(good, fmt.Sprintf(`"aliases":[{"type":"sha1_hash","observable":%q}],`, sha1b)), "alias sha1_hash"},
		{line(good, fmt.Sprintf(`"aliases":[{"type":"dns","observable":%q}],`, "evil.example.net")), "alias dns"},
		{line(dataOfAnother, ""), "asked for md5_hash"},
		{line(anotherIP, ""), "198.51.100.8"},
		{`{"data":` + compactJSON(t, []byte(rawFile)) + `}`, "is not its sha256"},
	}
	var in strings.Builder
	in.WriteString(line(good, fmt.Sprintf(`"aliases":[{"type":"sha1_hash","observable":%q}],`, sha1a)) + "\n")
	for _, tt := range tests {
		in.WriteString(tt.line + "\n")
	}
	c := be.openNew(t, Options{Now: newClock().Now})
	rep := importString(t, c, in.String())
	if rep.Imported != 1 || rep.Refused != len(tests) || rep.Bad != 0 || len(rep.Refusals) != len(tests) {
		t.Fatalf("report: imported %d refused %d bad %d: %v %v", rep.Imported, rep.Refused, rep.Bad, rep.Refusals, rep.Errors)
	}
	for i, tt := range tests {
		e := rep.Refusals[i]
		if e.Line != i+2 || !strings.Contains(e.Error(), tt.want) || !errors.Is(e, vtclient.ErrMismatchedAnswer) {
			t.Errorf("line %d: refusal %q, want it to contain %q", i+2, e, tt.want)
		}
	}
	if _, ok := get(t, c, ioc.SHA1, sha1a, false); !ok {
		t.Error("the good line's verified alias is missing")
	}
	if _, ok := get(t, c, ioc.SHA1, sha1b, false); ok {
		t.Error("a refused alias is served")
	}
	if _, ok := get(t, c, ioc.IPv4, "198.51.100.7", false); ok {
		t.Error("another IP's answer is served")
	}
}
