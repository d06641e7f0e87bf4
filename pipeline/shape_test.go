package pipeline

import (
	"context"
	"reflect"
	"testing"

	"github.com/vtenrich/vtenrich/pipeline/ioc"
	"github.com/vtenrich/vtenrich/vtclient"
	"github.com/vtenrich/vtenrich/vtclient/cache"
)

// TestShaperKeepsWhatColumnsRead: a result keeps only the details its
// columns read (a copy: the original may be the cache queue's), its raw
// object only under --raw, and gets the run's verdict.
func TestShaperKeepsWhatColumnsRead(t *testing.T) {
	full := realFile(t)
	c, err := buildColumns(Config{Mode: Enrich, Fields: []string{"vt_threat_label", "size", "verdict"},
		Verdict: vtclient.VerdictRule{MaliciousAt: 50, SuspiciousAt: 10}})
	if err != nil {
		t.Fatal(err)
	}
	r := full
	c.shape.apply(&r)
	want := &vtclient.Details{ThreatLabel: "trojan.msil/tasker", Size: 44032}
	if !reflect.DeepEqual(r.Details, want) {
		t.Errorf("kept %+v, want %+v", r.Details, want)
	}
	if r.Raw != nil || r.Verdict != vtclient.VerdictSuspicious {
		t.Errorf("raw kept: %v; verdict %q under 50/10 engines, want suspicious (40 engines)", r.Raw != nil, r.Verdict)
	}
	if full.Details.Names == nil || full.Raw == nil {
		t.Error("the original result was changed")
	}

	c, _ = buildColumns(Config{Mode: Enrich, Raw: true, Include: []string{"size:int"}})
	r = full
	c.shape.apply(&r)
	if r.Details != nil || r.Raw == nil || len(r.Included) != 1 || string(r.Included[0][0]) != "44032" {
		t.Errorf("default columns with --raw --include: details %v, raw %v, included %q", r.Details, r.Raw != nil, r.Included)
	}
	if !c.shape.needsRaw() || c.shape.needsDetails() {
		t.Error("--raw --include need the raw object, not the details")
	}
}

// oldCache answers as a cache of the version before Details: summaries
// without them; read with raw objects, they get them (as the cache's
// codec does).
type oldCache struct {
	mapCache
	rawReads int
}

func (c *oldCache) GetMany(ctx context.Context, keys []cache.Key, withRaw bool) ([]vtclient.Result, error) {
	got, err := c.mapCache.GetMany(ctx, keys, withRaw)
	for i := range got {
		if withRaw && got[i].Found() {
			c.rawReads++
			got[i].Details, _ = vtclient.MapDetails(got[i].Type, got[i].Raw)
		} else {
			got[i].Raw, got[i].Details = nil, nil
		}
	}
	return got, err
}

// TestDetailsOfOldCacheEntries: with a detail column, answers stored
// without details are read again with their raw objects; without one, or
// for answers that have them, the cache is read once.
func TestDetailsOfOldCacheEntries(t *testing.T) {
	file := realFile(t)
	c := &oldCache{}
	c.Put(context.Background(), file)
	keys := []cache.Key{{Type: ioc.MD5, Observable: file.Observable}, {Type: ioc.DNS, Observable: "nothing.example.org"}}

	got, err := cacheView{Cache: c, details: true}.GetMany(context.Background(), keys, false)
	if err != nil {
		t.Fatal(err)
	}
	if got[0].Details == nil || got[0].Details.ThreatLabel != "trojan.msil/tasker" || got[0].Raw != nil || got[1].FromCache {
		t.Errorf("old entry: details %+v, raw kept %v; miss %+v", got[0].Details, got[0].Raw != nil, got[1])
	}
	if c.rawReads != 1 {
		t.Errorf("%d entries read again, want 1", c.rawReads)
	}

	cols, _ := buildColumns(Config{Mode: Enrich})
	if l := newLookupStage(Config{Mode: Enrich, Lookups: Lookups{Cache: c}}, cols, nil, nil); l.cfg.Cache != Cache(c) {
		t.Error("the default columns read no details, yet the cache is wrapped")
	}
	cols, _ = buildColumns(Config{Mode: Enrich, Fields: []string{"names"}})
	if l := newLookupStage(Config{Mode: Enrich, Lookups: Lookups{Cache: c}}, cols, nil, nil); l.cfg.Cache == Cache(c) {
		t.Error("a detail column, yet the cache is not wrapped")
	}
}

// TestShapedResultsSurviveTheRunStore: a result let go of to the run's
// store (no persistent cache to read it again from) comes back with the
// details its columns read and its --include values.
func TestShapedResultsSurviveTheRunStore(t *testing.T) {
	c, err := buildColumns(Config{Mode: Enrich, Fields: []string{"threat_label", "names"}, Include: []string{"size:int"}})
	if err != nil {
		t.Fatal(err)
	}
	r := realFile(t)
	c.shape.apply(&r)
	s := &runStore{dir: t.TempDir()}
	defer s.close()
	lks := []lookup{{typ: ioc.MD5, value: r.Observable}}
	if err := s.keep(lks, []*vtclient.Result{&r}, func(*vtclient.Result) bool { return false }); err != nil {
		t.Fatal(err)
	}
	got, err := s.lookup(context.Background(), lks)
	if err != nil {
		t.Fatal(err)
	}
	back := got[0].result
	if !reflect.DeepEqual(back.Details, r.Details) || !reflect.DeepEqual(back.Included, r.Included) || back.Verdict != r.Verdict {
		t.Errorf("came back with details %+v, included %q, verdict %q", back.Details, back.Included, back.Verdict)
	}
}
