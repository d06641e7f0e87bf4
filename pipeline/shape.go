package pipeline

import (
	"context"
	"reflect"
	"slices"
	"strings"

	"github.com/vtenrich/vtenrich/pipeline/ioc"
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
	if len(s.details) > 0 {
		// A corrupt details object leaves the detail columns null: the
		// rest of the answer is good.
		_ = r.LoadDetails()
	} else {
		r.SetDetailsJSON(nil)
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

// cacheView is the run's view of the cache when its columns need more
// than some stored answers hold:
//
//   - details: answers stored by versions before Details are read a second
//     time, with their raw objects, which the cache maps to details
//     (answers stored since hold them in their summary and are read once);
//   - urls (--detected-urls): a domain or IP answered without its URLs is
//     a miss, asked again with them; its claim counts only answers
//     fetched during the run (cache.Claim's refresh).
type cacheView struct {
	Cache
	details, urls bool
}

// hasURLs reports whether a lookup of type t gets detected URLs.
func hasURLs(t ioc.Type) bool { return t == ioc.DNS || t == ioc.IPv4 || t == ioc.IPv6 }

// GetMany implements Cache.
func (c cacheView) GetMany(ctx context.Context, keys []cache.Key, withRaw bool) ([]vtclient.Result, error) {
	got, err := c.Cache.GetMany(ctx, keys, withRaw)
	if err != nil {
		return got, err
	}
	var again []cache.Key
	var at []int
	for i := range got {
		r := &got[i]
		switch {
		case !r.FromCache || !r.Found():
		case c.urls && hasURLs(keys[i].Type) && !r.URLsChecked:
			*r = vtclient.Result{} // a miss: asked again, with its URLs
		case c.details && !withRaw && !r.HasDetails():
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

// Claim implements Cache.
func (c cacheView) Claim(ctx context.Context, keys []cache.Key, withRaw, refresh bool) ([]cache.Claim, error) {
	if c.urls && slices.ContainsFunc(keys, func(k cache.Key) bool { return hasURLs(k.Type) }) {
		refresh = true
	}
	return c.Cache.Claim(ctx, keys, withRaw, refresh)
}

// newLookupStage is the lookup stage of a run whose columns are cols.
func newLookupStage(cfg Config, cols *columnBuilder, res *resolver, stats *Stats) *lookupStage {
	l := &lookupStage{cfg: cfg.Lookups, raw: cfg.Raw, dry: cfg.DryRun, res: res, stats: stats}
	if cols == nil || cols.shape == nil {
		l.shape = newShaper(cfg.Verdict, cfg.Raw, nil, nil)
		return l
	}
	l.shape, l.raw = cols.shape, cols.shape.needsRaw()
	// Offline, an answer without its URLs is the best there is: kept, its
	// vt_detected_urls null.
	urls := cfg.DetectedURLs && (cfg.Lookups.Client != nil || cfg.DryRun)
	view := cacheView{Cache: l.cfg.Cache, details: cols.shape.needsDetails() && !l.raw, urls: urls}
	if l.cfg.Cache != nil && (view.details || view.urls) {
		l.cfg.Cache = view
	}
	return l
}
