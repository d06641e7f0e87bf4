package pipeline

import (
	"context"
	"reflect"
	"strings"

	"github.com/vtenrich/vtenrich/vtclient"
	"github.com/vtenrich/vtenrich/vtclient/cache"
)

// shaper makes a lookup's result what the run holds until the join has
// written it (the answers of a run stay in memory for the run): its
// verdict under the run's rule, the values of the --include paths taken
// from the raw object, only the details some column reads, and the raw
// object itself only under --raw. Every result passes through it, whether
// the cache or the API answered.
type shaper struct {
	rule    vtclient.VerdictRule
	raw     bool           // --raw: keep the raw object
	include []*includePath // --include: needs the raw object
	details []int          // the Details fields read, by index; nil: none
	all     bool           // every Details field is read
}

// detailIndex maps the JSON name of each Details field to its index.
var detailIndex = func() map[string]int {
	m := map[string]int{}
	t := reflect.TypeFor[vtclient.Details]()
	for i := range t.NumField() {
		name, _, _ := strings.Cut(t.Field(i).Tag.Get("json"), ",")
		m[name] = i
	}
	return m
}()

func newShaper(rule vtclient.VerdictRule, raw bool, fields []*vtField, include []*includePath) *shaper {
	if rule == (vtclient.VerdictRule{}) {
		rule = vtclient.DefaultVerdictRule
	}
	s := &shaper{rule: rule, raw: raw, include: include}
	seen := map[int]bool{}
	for _, f := range fields {
		if i, ok := detailIndex[f.detail]; ok && f.detail != "" && !seen[i] {
			seen[i] = true
			s.details = append(s.details, i)
		}
	}
	s.all = len(s.details) == len(detailIndex)
	return s
}

// needsRaw reports whether results must come with their raw object: for
// --raw, and to take the --include values from it.
func (s *shaper) needsRaw() bool { return s.raw || len(s.include) > 0 }

// needsDetails reports whether a column reads the details.
func (s *shaper) needsDetails() bool { return len(s.details) > 0 }

// apply shapes r; see shaper.
func (s *shaper) apply(r *vtclient.Result) {
	r.Verdict = s.rule.Verdict(r)
	if len(s.include) > 0 && len(r.Raw) > 0 {
		r.Included = extractIncluded(r.Raw, s.include)
	}
	r.Details = s.trim(r.Details)
	if !s.raw {
		r.Raw = nil
	}
}

// trim returns a copy of d with only the fields the run reads: a file's
// names or engines can run to kilobytes, and results are held for the run.
// d itself may be shared with the cache's queue, so it is never changed.
func (s *shaper) trim(d *vtclient.Details) *vtclient.Details {
	switch {
	case d == nil || len(s.details) == 0:
		return nil
	case s.all:
		return d
	}
	out := new(vtclient.Details)
	src, dst := reflect.ValueOf(d).Elem(), reflect.ValueOf(out).Elem()
	for _, i := range s.details {
		dst.Field(i).Set(src.Field(i))
	}
	return out
}

// detailsCache reads answers stored by versions before Details a second
// time, with their raw objects, which the cache maps to details (answers
// stored since hold them in their summary and are read once). Runs with
// detail columns only.
type detailsCache struct{ Cache }

// GetMany implements Cache.
func (c detailsCache) GetMany(ctx context.Context, keys []cache.Key, withRaw bool) ([]vtclient.Result, error) {
	got, err := c.Cache.GetMany(ctx, keys, withRaw)
	if err != nil || withRaw {
		return got, err
	}
	var again []cache.Key
	var at []int
	for i := range got {
		if got[i].FromCache && got[i].Found() && got[i].Details == nil {
			again, at = append(again, keys[i]), append(at, i)
		}
	}
	if len(again) == 0 {
		return got, nil
	}
	old, err := c.Cache.GetMany(ctx, again, true)
	if err != nil {
		return nil, err
	}
	for j, i := range at {
		if old[j].FromCache { // else gone meanwhile (a purge): keep the first answer
			old[j].Raw = nil
			got[i] = old[j]
		}
	}
	return got, nil
}

// newLookupStage is the lookup stage of a run whose columns are cols.
func newLookupStage(cfg Config, cols *columnBuilder, res *resolver, stats *Stats) *lookupStage {
	l := &lookupStage{cfg: cfg.Lookups, raw: cfg.Raw, dry: cfg.DryRun, res: res, stats: stats}
	if cols == nil || cols.shape == nil {
		l.shape = newShaper(cfg.Verdict, cfg.Raw, nil, nil)
		return l
	}
	l.shape, l.raw = cols.shape, cols.shape.needsRaw()
	if cols.shape.needsDetails() && l.cfg.Cache != nil && !l.raw {
		l.cfg.Cache = detailsCache{l.cfg.Cache}
	}
	return l
}
