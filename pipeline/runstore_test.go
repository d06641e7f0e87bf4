package pipeline

import (
	"context"
	"reflect"
	"testing"

	"github.com/vtenrich/vtenrich/pipeline/ioc"
	"github.com/vtenrich/vtenrich/vtclient"
)

// TestRunStoreRoundTrip: what the run store keeps comes back as it was:
// whole outcomes (raw object included), bare ones, marks of outcomes the
// persistent cache holds; a key never kept is not seen.
func TestRunStoreRoundTrip(t *testing.T) {
	s := &runStore{dir: t.TempDir()}
	defer s.close()
	whole := &vtclient.Result{Observable: "evil.org", Type: ioc.DNS, Status: vtclient.StatusSuccess,
		ResponseCode: 1, Positives: 3, Tags: []string{"c2"}, Raw: []byte(`{"id":"evil.org"}`), Verdict: "malicious"}
	bareOne := &vtclient.Result{Observable: "8.8.4.4", Type: ioc.IPv4, Status: vtclient.StatusNotInCache,
		ResponseCode: -1, VerboseMsg: "not in the cache and --offline is set"}
	cached := &vtclient.Result{Observable: "good.org", Type: ioc.DNS, Status: vtclient.StatusNotFound, FromCache: true}
	lks := []lookup{{typ: ioc.DNS, value: "evil.org"}, {typ: ioc.IPv4, value: "8.8.4.4"}, {typ: ioc.DNS, value: "good.org"}}
	if err := s.keep(lks, []*vtclient.Result{whole, bareOne, cached},
		func(r *vtclient.Result) bool { return r.FromCache }); err != nil {
		t.Fatal(err)
	}
	got, err := s.lookup(context.Background(), append(lks, lookup{typ: ioc.DNS, value: "new.org"}))
	if err != nil {
		t.Fatal(err)
	}
	if !got[0].seen || !reflect.DeepEqual(got[0].result, whole) {
		t.Errorf("whole outcome came back as %+v", got[0].result)
	}
	if !got[1].seen || !reflect.DeepEqual(got[1].result, bareOne) {
		t.Errorf("bare outcome came back as %+v", got[1].result)
	}
	if !got[2].seen || !got[2].inCache {
		t.Errorf("the cache's outcome came back as %+v", got[2])
	}
	if got[3].seen {
		t.Errorf("a key never kept is seen: %+v", got[3])
	}
}
