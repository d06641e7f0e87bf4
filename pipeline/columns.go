package pipeline

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/apache/arrow/go/v17/arrow"
	"github.com/apache/arrow/go/v17/arrow/array"
	"github.com/apache/arrow/go/v17/arrow/memory"

	"github.com/vtenrich/vtenrich/pipeline/rows"
	"github.com/vtenrich/vtenrich/vtclient"
)

// Naming chooses the names of the added columns.
type Naming int

// The two namings of the VT columns (README, "VT columns").
const (
	// SnakeNames are vt_observable, vt_ioc_type, ... (default).
	SnakeNames Naming = iota
	// SeedNames are the seed system's (msticpy) Observable, IoCType, ...
	SeedNames
)

// valueKind is the Arrow type family of a VT column.
type valueKind int

const (
	kindString valueKind = iota
	kindInt
	kindTime
	kindList
	kindFloat    // --include PATH:float
	kindBool     // --include PATH:bool
	kindIncluded // --include PATH with a wildcard: a list of the path's type
)

// vtField is one VT column: its names, its type, and how to read it from a
// lookup result. Getters report false for "no value" (a null cell).
type vtField struct {
	snake, seed string
	kind        valueKind
	// extra columns are left out of the default set: asked for by --fields.
	extra bool
	// detail names the vtclient.Details field the column reads (its JSON
	// name): results keep only the details some column reads.
	detail string
	// incl is the --include path of the column, nil for the others.
	incl    *includePath
	str     func(r *vtclient.Result) (string, bool)
	num     func(r *vtclient.Result) (int64, bool)
	when    func(r *vtclient.Result) (time.Time, bool)
	list    func(r *vtclient.Result) []string
	flt     func(r *vtclient.Result) (float64, bool)
	boolean func(r *vtclient.Result) (bool, bool)
	// emptyList, for a list column, tells an empty list (looked for, none
	// found) from no value, which is null.
	emptyList func(r *vtclient.Result) bool
}

func (f *vtField) name(n Naming) string {
	if n == SeedNames {
		return f.seed
	}
	return f.snake
}

func (f *vtField) arrowType() arrow.DataType {
	if f.incl != nil {
		return f.incl.arrowType()
	}
	switch f.kind {
	case kindInt:
		return arrow.PrimitiveTypes.Int64
	case kindTime:
		return &arrow.TimestampType{Unit: arrow.Second, TimeZone: "UTC"}
	case kindList:
		return arrow.ListOf(arrow.BinaryTypes.String)
	}
	return arrow.BinaryTypes.String
}

// Field names that the pipeline fills from the row rather than the result.
const (
	fieldSourceIndex  = "vt_source_index"
	fieldVerdict      = "vt_verdict"
	fieldRaw          = "vt_raw_response"
	fieldDetectedURLs = "vt_detected_urls"
)

func always(s string) (string, bool) { return s, true }

func nonEmpty(s string) (string, bool) { return s, s != "" }

// ifFound gates a getter on the lookup having found the object: counters of
// an unknown observable are null, not zero.
func ifFound(get func(r *vtclient.Result) int64) func(r *vtclient.Result) (int64, bool) {
	return func(r *vtclient.Result) (int64, bool) { return get(r), r.Found() }
}

// vtFields lists every VT column in output order (README, "VT columns"):
// the default set, then the extra ones.
var vtFields = append(coreFields, detailFields...)

// coreFields are the seed's columns, the default set.
var coreFields = []vtField{
	{snake: "vt_observable", seed: "Observable", str: func(r *vtclient.Result) (string, bool) { return always(r.Observable) }},
	{snake: "vt_ioc_type", seed: "IoCType", str: func(r *vtclient.Result) (string, bool) { return always(r.Type.String()) }},
	{snake: "vt_status", seed: "Status", str: func(r *vtclient.Result) (string, bool) { return nonEmpty(r.Status.String()) }}, // empty in extract runs: nothing looked up
	{snake: "vt_response_code", seed: "ResponseCode", kind: kindInt, num: responseCode},
	{snake: fieldRaw, seed: "RawResponse", str: func(r *vtclient.Result) (string, bool) { return string(r.Raw), len(r.Raw) > 0 }},
	{snake: "vt_resource", seed: "Resource", str: func(r *vtclient.Result) (string, bool) { return nonEmpty(r.Resource) }},
	{snake: fieldSourceIndex, seed: "SourceIndex", kind: kindInt},
	{snake: "vt_verbose_msg", seed: "VerboseMsg", str: func(r *vtclient.Result) (string, bool) { return nonEmpty(r.VerboseMsg) }},
	{snake: "vt_scan_id", seed: "ScanId", str: func(r *vtclient.Result) (string, bool) { return nonEmpty(r.ScanID) }},
	{snake: "vt_permalink", seed: "Permalink", str: func(r *vtclient.Result) (string, bool) { return nonEmpty(r.Permalink) }},
	{snake: "vt_positives", seed: "Positives", kind: kindInt, num: ifFound(func(r *vtclient.Result) int64 { return r.Positives })},
	{snake: "vt_md5", seed: "MD5", str: func(r *vtclient.Result) (string, bool) { return nonEmpty(r.MD5) }},
	{snake: "vt_sha1", seed: "SHA1", str: func(r *vtclient.Result) (string, bool) { return nonEmpty(r.SHA1) }},
	{snake: "vt_sha256", seed: "SHA256", str: func(r *vtclient.Result) (string, bool) { return nonEmpty(r.SHA256) }},
	{snake: "vt_resolved_domains", seed: "ResolvedDomains", kind: kindList, list: func(r *vtclient.Result) []string { return r.ResolvedDomains }},
	{snake: "vt_resolved_ips", seed: "ResolvedIPs", kind: kindList, list: func(r *vtclient.Result) []string { return r.ResolvedIPs }},
	// In the default set only under --detected-urls: without it nothing fills it.
	{snake: fieldDetectedURLs, seed: "DetectedUrls", kind: kindList, extra: true,
		list:      func(r *vtclient.Result) []string { return r.DetectedURLs },
		emptyList: func(r *vtclient.Result) bool { return r.URLsChecked }},
	{snake: "vt_malicious", seed: "Malicious", kind: kindInt, num: ifFound(func(r *vtclient.Result) int64 { return r.Malicious })},
	{snake: "vt_suspicious", seed: "Suspicious", kind: kindInt, num: ifFound(func(r *vtclient.Result) int64 { return r.Suspicious })},
	{snake: "vt_harmless", seed: "Harmless", kind: kindInt, num: ifFound(func(r *vtclient.Result) int64 { return r.Harmless })},
	{snake: "vt_undetected", seed: "Undetected", kind: kindInt, num: ifFound(func(r *vtclient.Result) int64 { return r.Undetected })},
	{snake: "vt_total", seed: "Total", kind: kindInt, num: ifFound(func(r *vtclient.Result) int64 { return r.Total })},
	{snake: "vt_reputation", seed: "Reputation", kind: kindInt, num: ifFound(func(r *vtclient.Result) int64 { return r.Reputation })},
	{snake: "vt_last_analysis_date", seed: "LastAnalysisDate", kind: kindTime, when: func(r *vtclient.Result) (time.Time, bool) {
		return r.LastAnalysisDate, !r.LastAnalysisDate.IsZero()
	}},
	{snake: "vt_tags", seed: "Tags", kind: kindList, list: func(r *vtclient.Result) []string { return r.Tags }},
	{snake: fieldVerdict, seed: "Verdict", str: func(r *vtclient.Result) (string, bool) { return nonEmpty(r.Verdict) }},
}

// responseCode is null for screened observables: they were never looked up,
// so neither "found" nor "failed" describes them.
func responseCode(r *vtclient.Result) (int64, bool) {
	if r.Status.Outcome == vtclient.Screened {
		return 0, false
	}
	return int64(r.ResponseCode), true
}

// buildColumns resolves the run's VT columns: --fields (or the default
// set), then one column per --include path.
func buildColumns(cfg Config) (*columnBuilder, error) {
	fields, err := selectFields(cfg.Fields, cfg.Raw, cfg.KeepScreened, cfg.Mode == Extract)
	if err != nil {
		return nil, err
	}
	include, err := parseIncludes(cfg.Include)
	if err != nil {
		return nil, err
	}
	if fields, err = detectedURLsField(cfg, fields); err != nil {
		return nil, err
	}
	if cfg.Verdict != (vtclient.VerdictRule{}) {
		if err := cfg.Verdict.Check(); err != nil {
			return nil, err
		}
	}
	for _, p := range include {
		for _, f := range fields {
			if p.name == f.name(cfg.Naming) {
				return nil, fmt.Errorf("--include %s: a VT column has that name already", p.name)
			}
		}
		f := includeField(p)
		fields = append(fields, &f)
	}
	c := newColumnBuilder(fields, cfg.Naming, cfg.Join == JoinRow)
	c.shape = newShaper(cfg.Verdict, cfg.Raw, fields, include)
	return c, nil
}

// detectedURLsField puts vt_detected_urls in the default set under
// --detected-urls, and refuses it without: nothing would fill it (README,
// "vt_detected_urls").
func detectedURLsField(cfg Config, fields []*vtField) ([]*vtField, error) {
	asked := slices.ContainsFunc(fields, func(f *vtField) bool { return f.snake == fieldDetectedURLs })
	switch {
	case asked && !cfg.DetectedURLs:
		return nil, ErrDetectedURLs
	case asked || !cfg.DetectedURLs || len(cfg.Fields) > 0 || cfg.Mode != Enrich:
		return fields, nil
	}
	var out []*vtField
	for i := range vtFields {
		f := &vtFields[i]
		if f.snake == fieldDetectedURLs || slices.Contains(fields, f) {
			out = append(out, f)
		}
	}
	return out, nil
}

// ErrDetectedURLs refuses vt_detected_urls without --detected-urls.
var ErrDetectedURLs = errors.New("vt_detected_urls needs --detected-urls (one more request per domain and IP, for premium API keys): without it nothing fills the column")

// extractFields are the columns of `vtenrich extract`.
var extractFields = []string{"vt_observable", "vt_ioc_type", fieldSourceIndex}

// FieldNames lists the names of every VT column under naming n, for help
// texts and error messages.
func FieldNames(n Naming) []string {
	names := make([]string, len(vtFields))
	for i := range vtFields {
		names[i] = vtFields[i].name(n)
	}
	return names
}

// CheckColumns reports what is wrong with the columns cfg asks for (an
// unknown --fields name, a malformed --include, a verdict rule that is no
// ladder, vt_detected_urls without --detected-urls), so that the CLI can
// refuse it before it opens anything.
func CheckColumns(cfg Config) error {
	if _, err := selectFields(cfg.Fields, false, false, false); err != nil {
		return fmt.Errorf("--fields: %w", err)
	}
	if cfg.Verdict != (vtclient.VerdictRule{}) {
		if err := cfg.Verdict.Check(); err != nil {
			return fmt.Errorf("--malicious-at, --suspicious-at: %w", err)
		}
	}
	cfg.Mode = Enrich
	_, err := buildColumns(cfg)
	return err
}

// selectFields resolves the --fields list (names in either naming; empty
// means the default set) to VT fields in output order.
func selectFields(list []string, raw, keepScreened, extractOnly bool) ([]*vtField, error) {
	// Fields named by --fields come in the order given; the defaults in
	// vtFields order.
	var out []*vtField
	want := map[string]bool{}
	for _, name := range list {
		f := lookupField(name)
		if f == nil {
			names := FieldNames(SnakeNames)
			var any []string // every name lookupField takes, short ones first
			for _, n := range names {
				any = append(any, strings.TrimPrefix(n, "vt_"))
			}
			any = append(append(any, names...), FieldNames(SeedNames)...)
			return nil, fmt.Errorf("unknown VT field %q%s (known: %s)", name, didYouMean(name, any), strings.Join(names, ", "))
		}
		if !want[f.snake] {
			want[f.snake] = true
			out = append(out, f)
		}
	}
	if len(list) > 0 {
		if raw && !want[fieldRaw] {
			out = append(out, lookupField(fieldRaw))
		}
		return out, nil
	}
	defaults := extractFields
	if !extractOnly {
		defaults = defaultFields()
	}
	for _, name := range defaults {
		want[name] = name != fieldRaw
	}
	if extractOnly && keepScreened {
		want["vt_status"] = true
	}
	if raw {
		want[fieldRaw] = true
	}
	for i := range vtFields {
		if want[vtFields[i].snake] {
			out = append(out, &vtFields[i])
		}
	}
	return out, nil
}

// defaultFields are the names of the columns written without --fields.
func defaultFields() []string {
	var names []string
	for i := range vtFields {
		if !vtFields[i].extra && vtFields[i].snake != fieldRaw {
			names = append(names, vtFields[i].snake)
		}
	}
	return names
}

func lookupField(name string) *vtField {
	for i := range vtFields {
		f := &vtFields[i]
		if strings.EqualFold(name, f.snake) || strings.EqualFold(name, f.seed) || strings.EqualFold("vt_"+name, f.snake) {
			return f
		}
	}
	return nil
}

// cell is what one output row carries into the VT columns: the row's
// SourceIndex and the results of its observables (none, one, or under
// --join row all of them).
type cell struct {
	source  int64
	results []*vtclient.Result
	key     int64 // see rows.AddedKeys: the lookup id of results[0] when it has one, else rows.NoResult
}

// columnBuilder builds the added VT columns of one output batch.
//
// String columns (outside --join row) are dictionary-encoded: a batch holds
// each distinct result's strings once and every output row an int32 index.
// A warm run repeats 50k answers over millions of rows, so this turns the
// join's per-row string copies into index writes, and the Parquet writer
// keeps the dictionary (a smaller file, less to compress). Text writers
// print the values, so CSV and JSONL do not change.
type columnBuilder struct {
	shape  *shaper // what results keep for these columns
	fields []*vtField
	naming Naming
	perRow bool // --join row: every field but SourceIndex and Verdict is a list
	schema *arrow.Schema
	shared []bool    // per field: its value is the result's, the same on every row showing it
	sent   *sentKeys // nil unless the writer keeps each key's values (writers.KeyMemory)
	// scratch is what build needs only while it runs, reused batch after
	// batch (build runs on the join's one goroutine): made afresh, it was
	// a sixth of what an enrichment to Parquet allocated.
	scratch buildScratch
}

// buildScratch holds build's working slices between batches.
type buildScratch struct {
	seen     map[*vtclient.Result]int32
	distinct []*vtclient.Result
	strs     []string // a dictionary column's values, one field at a time
	has      []bool
}

// forget drops a built batch's results from the scratch, keeping its
// memory: the scratch must not keep them alive until the next batch.
func (sc *buildScratch) forget(distinct []*vtclient.Result) {
	clear(sc.seen)
	clear(distinct)
	sc.distinct = distinct[:0]
}

// sentKeys are the keys (rows.AddedKeys) whose values went to a writer that
// keeps them, in an earlier batch: their later rows go without them, which
// spares building the same dictionary values again batch after batch (a
// result shows on 34 rows of the bench corpus, and 61% of a batch's rows
// have a result no earlier row of that batch had). What the writer keeps is
// bounded by a budget (a quarter of --max-memory, keptTextShare): once it is spent, the
// rows of keys not sent yet are given as their own (rows.OwnResult), which
// the writer does not keep. The keys kept are the first ones seen, and in
// logs those are the most frequent.
type sentKeys struct {
	budget int
	keys   rows.KeyMap[uint64] // key: the batch that sent it
	batch  uint64              // the batch being built, from 1
	bytes  int                 // about what the writer keeps for keys
	// scratch is omit's copy of the cells of a batch, reused: build is
	// done with it before the next (it holds one batch's results until
	// then, which the resolver holds anyway).
	scratch []cell
}

// omitSent makes later batches leave out the values of keys sent before,
// up to budget bytes of them kept by the writer, and reports whether it
// will (not under --join row, where a row shows all of its results). The
// keys' scope stays the builder: the writer keeps every key sent.
func (c *columnBuilder) omitSent(budget int) bool {
	if c.perRow || !resultKeys {
		return false
	}
	c.sent = &sentKeys{budget: budget}
	return true
}

// resultKeys says whether joined batches carry rows.AddedKeys; tests turn
// it off to compare with writing every cell of every row.
var resultKeys = true

// dictString is the type of the dictionary-encoded string columns.
var dictString = &arrow.DictionaryType{IndexType: arrow.PrimitiveTypes.Int32, ValueType: arrow.BinaryTypes.String}

func newColumnBuilder(fields []*vtField, naming Naming, perRow bool) *columnBuilder {
	arrowFields := make([]arrow.Field, len(fields))
	for i, f := range fields {
		t := f.arrowType()
		switch {
		case perRow && f.snake != fieldSourceIndex && f.snake != fieldVerdict:
			t = arrow.ListOf(t)
		case !perRow && f.kind == kindString:
			t = dictString
		}
		arrowFields[i] = arrow.Field{Name: f.name(naming), Type: t, Nullable: true}
	}
	shared := make([]bool, len(fields))
	for i, f := range fields {
		shared[i] = f.snake != fieldSourceIndex
	}
	return &columnBuilder{fields: fields, naming: naming, perRow: perRow, schema: arrow.NewSchema(arrowFields, nil),
		shared: shared}
}

// build returns the VT columns for cells, one output row per cell, and
// which rows show the same result (nil under --join row, where a row shows
// all of its results).
func (c *columnBuilder) build(cells []cell) (arrow.Record, *rows.AddedKeys) {
	var keys *rows.AddedKeys
	if !c.perRow && resultKeys {
		keys = &rows.AddedKeys{Row: make([]int64, len(cells)), Shared: c.shared, Scope: c}
		for i, cl := range cells {
			keys.Row[i] = cl.key
		}
	}
	if c.sent != nil {
		cells = c.sent.omit(cells, keys, c.fields)
	}
	distinct, index := c.distinct(cells)
	var indices *memory.Buffer // the dictionary columns', shared
	cols := make([]arrow.Array, len(c.fields))
	for i, f := range c.fields {
		dt := c.schema.Field(i).Type
		switch {
		case dt == dictString:
			if indices == nil {
				indices = dictionaryIndices(index)
			}
			cols[i] = dictionaryColumn(f, distinct, index, indices, &c.scratch)
		case !c.perRow:
			cols[i] = fixedFromDistinct(dt, f, distinct, index, cells)
		}
		if cols[i] != nil {
			continue
		}
		b := array.NewBuilder(memory.DefaultAllocator, dt)
		b.Reserve(len(cells))
		for _, cl := range cells {
			c.appendCell(b, f, cl)
		}
		cols[i] = b.NewArray()
		b.Release()
	}
	c.scratch.forget(distinct)
	out := array.NewRecord(c.schema, cols, int64(len(cells)))
	for _, col := range cols {
		col.Release()
	}
	return out, keys
}

// omit returns cells with no result on the rows whose key was sent in an
// earlier batch, notes the keys this batch sends and, past the budget, gives
// the rows of keys not sent yet as their own.
func (s *sentKeys) omit(cells []cell, keys *rows.AddedKeys, fields []*vtField) []cell {
	keys.Omitted = true
	s.batch++
	out, cloned := cells, false
	for i, cl := range cells {
		if cl.key < 0 {
			continue
		}
		switch sent, ok := s.keys.Get(cl.key); {
		case !ok && s.bytes > s.budget:
			keys.Row[i] = rows.OwnResult
		case !ok:
			s.keys.Set(cl.key, s.batch)
			s.bytes += keptSize(cl.results[0], fields)
		case sent < s.batch:
			if !cloned {
				// The caller's cells stay whole; the copy is the
				// scratch of the last batch's.
				out, cloned = append(s.scratch[:0], cells...), true
				s.scratch = out[:0]
			}
			out[i].results = nil
		}
	}
	return out
}

// keptSize is about what keeping r costs: the writer's text of its columns
// (a delimiter each, and an eighth more for quotes and the slack of a
// growing buffer), its index entries there and the join's own entry.
func keptSize(r *vtclient.Result, fields []*vtField) int {
	n := 96
	for _, f := range fields {
		n++
		switch f.kind {
		case kindString:
			if f.str != nil {
				s, _ := f.str(r)
				n += len(s)
			}
		case kindList:
			for _, v := range f.list(r) {
				n += len(v) + 5
			}
		case kindIncluded:
			for _, v := range f.incl.values(r) {
				n += len(v) + 1
			}
		case kindTime:
			n += 20
		default:
			n += 4
		}
	}
	return n + n/8
}

// distinct lists the batch's distinct results and, per output row, the
// index of its result among them (-1: none). Not used under --join row.
func (c *columnBuilder) distinct(cells []cell) ([]*vtclient.Result, []int32) {
	if c.perRow {
		return nil, nil
	}
	sc := &c.scratch
	if sc.seen == nil {
		sc.seen = map[*vtclient.Result]int32{}
	}
	seen, distinct := sc.seen, sc.distinct[:0]
	index := make([]int32, len(cells))
	for i, cl := range cells {
		if len(cl.results) == 0 {
			index[i] = -1
			continue
		}
		r := cl.results[0]
		k, ok := seen[r]
		if !ok {
			k = int32(len(distinct))
			seen[r] = k
			distinct = append(distinct, r)
		}
		index[i] = k
	}
	return distinct, index
}

// dictionaryIndices is the indices buffer of every dictionary column of a
// batch: a row's index is its distinct result's, 0 where it has none (a
// null there, but an index out of the dictionary would still be invalid
// Arrow).
func dictionaryIndices(index []int32) *memory.Buffer {
	idx := make([]int32, len(index))
	for i, k := range index {
		idx[i] = max(k, 0)
	}
	return memory.NewBufferBytes(arrow.GetBytes(idx))
}

// dictionaryColumn builds a string column as indices into the values of
// the distinct results; a row is null where it has no result or the
// result has no such value.
func dictionaryColumn(f *vtField, distinct []*vtclient.Result, index []int32, indices *memory.Buffer, sc *buildScratch) arrow.Array {
	strs := slices.Grow(sc.strs[:0], len(distinct))[:len(distinct)]
	has := slices.Grow(sc.has[:0], len(distinct))[:len(distinct)]
	defer func() { clear(strs); sc.strs, sc.has = strs[:0], has[:0] }() // no result kept alive by its strings
	size := 0
	for k, r := range distinct {
		strs[k], has[k] = f.str(r)
		size += len(strs[k])
	}
	values := array.NewStringBuilder(memory.DefaultAllocator)
	defer values.Release()
	values.Reserve(len(distinct))
	values.ReserveData(size) // one allocation, not a doubling per value
	values.AppendValues(strs, has)
	dict := values.NewArray()
	defer dict.Release()
	valid := newBitmap(len(index))
	for i, k := range index {
		valid.set(i, k >= 0 && has[k])
	}
	data := array.NewData(dictString.IndexType, len(index), []*memory.Buffer{valid.buffer(), indices}, nil, valid.nulls, 0)
	defer data.Release()
	idx := array.MakeFromData(data)
	defer idx.Release()
	return array.NewDictionaryArray(dictString, idx, dict)
}

// fixedFromDistinct returns the column of field f, of type dt, one value per output
// row made once per distinct result, when f is a number, a time or a flag;
// nil for the other kinds (lists and included paths go row by row).
func fixedFromDistinct(dt arrow.DataType, f *vtField, distinct []*vtclient.Result, index []int32, cells []cell) arrow.Array {
	switch {
	case f.snake == fieldSourceIndex:
		src := make([]int64, len(cells))
		for i, cl := range cells {
			src[i] = cl.source
		}
		return fixedArray(dt, src, bitmap{})
	case f.kind == kindInt:
		return fromDistinct(dt, index, valuesOf(distinct, f.num))
	case f.kind == kindFloat:
		return fromDistinct(dt, index, valuesOf(distinct, f.flt))
	case f.kind == kindTime:
		return fromDistinct(dt, index, valuesOf(distinct, func(r *vtclient.Result) (arrow.Timestamp, bool) {
			t, ok := f.when(r)
			return arrow.Timestamp(t.Unix()), ok
		}))
	case f.kind == kindBool:
		// Arrow packs booleans into bits: a builder does that.
		b := array.NewBooleanBuilder(memory.DefaultAllocator)
		defer b.Release()
		d := valuesOf(distinct, f.boolean)
		b.Reserve(len(index))
		for _, k := range index {
			if k >= 0 && d.has[k] {
				b.UnsafeAppend(d.vals[k])
			} else {
				b.UnsafeAppendBoolToBitmap(false)
			}
		}
		return b.NewArray()
	}
	return nil
}

// distinctValues are a field's values for a batch's distinct results, and
// whether each has one.
type distinctValues[T any] struct {
	vals []T
	has  []bool
}

func valuesOf[T any](distinct []*vtclient.Result, get func(*vtclient.Result) (T, bool)) distinctValues[T] {
	d := distinctValues[T]{vals: make([]T, len(distinct)), has: make([]bool, len(distinct))}
	for k, r := range distinct {
		d.vals[k], d.has[k] = get(r)
	}
	return d
}

// fromDistinct returns the column of type dt holding, for each output row,
// the value of its distinct result (index: -1 none), null where there is
// none.
func fromDistinct[T fixedWidth](dt arrow.DataType, index []int32, d distinctValues[T]) arrow.Array {
	out := make([]T, len(index))
	valid := newBitmap(len(index))
	for i, k := range index {
		ok := k >= 0 && d.has[k]
		if ok {
			out[i] = d.vals[k]
		}
		valid.set(i, ok)
	}
	return fixedArray(dt, out, valid)
}

func (c *columnBuilder) appendCell(b array.Builder, f *vtField, cl cell) {
	switch {
	case f.snake == fieldSourceIndex:
		b.(*array.Int64Builder).Append(cl.source)
	case f.snake == fieldVerdict && c.perRow:
		appendWorstVerdict(b.(*array.StringBuilder), cl.results)
	case c.perRow:
		lb := b.(*array.ListBuilder)
		if len(cl.results) == 0 {
			lb.AppendNull()
			return
		}
		lb.Append(true)
		for _, r := range cl.results {
			appendValue(lb.ValueBuilder(), f, r)
		}
	case len(cl.results) == 0:
		b.AppendNull()
	default:
		appendValue(b, f, cl.results[0])
	}
}

func appendValue(b array.Builder, f *vtField, r *vtclient.Result) {
	switch f.kind {
	case kindString:
		if s, ok := f.str(r); ok {
			b.(*array.StringBuilder).Append(s)
			return
		}
	case kindInt:
		if n, ok := f.num(r); ok {
			b.(*array.Int64Builder).Append(n)
			return
		}
	case kindTime:
		if t, ok := f.when(r); ok {
			b.(*array.TimestampBuilder).Append(arrow.Timestamp(t.Unix()))
			return
		}
	case kindFloat:
		if x, ok := f.flt(r); ok {
			b.(*array.Float64Builder).Append(x)
			return
		}
	case kindBool:
		if x, ok := f.boolean(r); ok {
			b.(*array.BooleanBuilder).Append(x)
			return
		}
	case kindIncluded:
		if appendIncludedList(b.(*array.ListBuilder), f.incl, r) {
			return
		}
	case kindList:
		// Empty and absent lists are both null: the cache does not keep the
		// difference, and a column must not depend on where an answer came from.
		if l := f.list(r); len(l) > 0 || f.emptyList != nil && f.emptyList(r) {
			lb := b.(*array.ListBuilder)
			lb.Append(true)
			vb := lb.ValueBuilder().(*array.StringBuilder)
			for _, s := range l {
				vb.Append(s)
			}
			return
		}
	}
	b.AppendNull()
}

var verdictRank = map[string]int{
	vtclient.VerdictMalicious:  4,
	vtclient.VerdictSuspicious: 3,
	vtclient.VerdictClean:      2,
	vtclient.VerdictUnknown:    1,
}

// appendWorstVerdict writes the worst verdict of a row's observables: a row
// is as dangerous as the most dangerous thing in it.
func appendWorstVerdict(b *array.StringBuilder, results []*vtclient.Result) {
	worst := ""
	for _, r := range results {
		if verdictRank[r.Verdict] > verdictRank[worst] {
			worst = r.Verdict
		}
	}
	if worst == "" {
		b.AppendNull()
		return
	}
	b.Append(worst)
}
