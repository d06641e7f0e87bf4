package pipeline

import (
	"context"
	"errors"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/apache/arrow/go/v17/arrow"
	"github.com/apache/arrow/go/v17/arrow/array"
	"github.com/apache/arrow/go/v17/arrow/memory"

	"github.com/vtenrich/vtenrich/pipeline/ioc"
	"github.com/vtenrich/vtenrich/pipeline/rows"
	"github.com/vtenrich/vtenrich/vtclient"
	"github.com/vtenrich/vtenrich/writers"
)

// testBatch is a one-column batch of the given messages, rows First.. on.
func testBatch(first int64, msgs ...string) *rows.Batch {
	b := array.NewStringBuilder(memory.DefaultAllocator)
	b.AppendValues(msgs, nil)
	col := b.NewArray()
	schema := arrow.NewSchema([]arrow.Field{{Name: "msg", Type: arrow.BinaryTypes.String}}, nil)
	return &rows.Batch{First: first, Source: "test", Record: array.NewRecord(schema, []arrow.Array{col}, int64(len(msgs)))}
}

// resolvedResolver holds n resolved lookups named o0, o1, ...
func resolvedResolver(n int) *resolver {
	r := newResolver(1<<30, "", nil, NewStats())
	for id := range uint32(n) {
		v := "o" + string(rune('0'+id))
		r.Add(ioc.DNS, []byte(v))
	}
	r.Publish(context.Background(), false, 0)
	for id := range uint32(n) {
		v := "o" + string(rune('0'+id))
		r.Resolve(id, &vtclient.Result{Observable: v, Type: ioc.DNS,
			Status: vtclient.StatusSuccess, Verdict: []string{"clean", "malicious", "suspicious"}[id%3]})
	}
	return r
}

func TestJoinModes(t *testing.T) {
	// Row 0 has o0 and o1, row 1 nothing, row 2 has o2.
	f := func() *found {
		return &found{batch: testBatch(10, "a", "b", "c"), rowOf: []int32{0, 0, 2}, ids: []uint32{0, 1, 2}, maxID: 2}
	}
	fields, err := selectFields([]string{"observable", "source_index", "verdict"}, false, false, false)
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		mode     JoinMode
		take     []int32 // nil: every row once
		source   []int64
		verdicts string
		keys     []int64 // nil: no keys
	}{
		{JoinLeft, []int32{0, 0, 1, 2}, []int64{10, 10, 11, 12}, `["clean","malicious",null,"suspicious"]`, []int64{0, 1, rows.NoResult, 2}},
		{JoinInner, []int32{0, 0, 2}, []int64{10, 10, 12}, `["clean","malicious","suspicious"]`, []int64{0, 1, 2}},
		{JoinRow, nil, []int64{10, 11, 12}, `["malicious",null,"suspicious"]`, nil},
	}
	for _, c := range cases {
		j := &joinStage{mode: c.mode, res: resolvedResolver(3), stats: NewStats(),
			cols: newColumnBuilder(fields, SnakeNames, c.mode == JoinRow)}
		ff := f()
		out := j.join(ff, 0, ff.batch.NumRows())
		if !slices.Equal(out.Take, c.take) {
			t.Errorf("mode %d: take %v, want %v", c.mode, out.Take, c.take)
		}
		if (out.Keys == nil) != (c.keys == nil) || out.Keys != nil && !slices.Equal(out.Keys.Row, c.keys) {
			t.Errorf("mode %d: keys %+v, want %v", c.mode, out.Keys, c.keys)
		}
		if out.Keys != nil && !slices.Equal(out.Keys.Shared, []bool{true, false, true}) {
			t.Errorf("mode %d: shared %v, want the source index alone per row", c.mode, out.Keys.Shared)
		}
		src := out.Added.Column(1).(*array.Int64).Int64Values() // fields come in the order given
		if !slices.Equal(src, c.source) {
			t.Errorf("mode %d: source index %v, want %v", c.mode, src, c.source)
		}
		verdicts, _ := out.Added.Column(2).MarshalJSON()
		if strings.ReplaceAll(string(verdicts), "\n", "") != c.verdicts {
			t.Errorf("mode %d: verdicts %s, want %s", c.mode, verdicts, c.verdicts)
		}
		if c.mode == JoinRow {
			obs, _ := out.Added.Column(0).MarshalJSON()
			if want := `[["o0","o1"],null,["o2"]]`; strings.ReplaceAll(string(obs), "\n", "") != want {
				t.Errorf("--join row observables %s, want %s", obs, want)
			}
		}
	}
}

// TestJoinKeysKeepTheirPromise: rows with the same key hold the same values
// in every shared column, in one batch and across batches of the run, and a
// screened outcome (its batch's own) is never keyed with others.
func TestJoinKeysKeepTheirPromise(t *testing.T) {
	fields, err := selectFields(nil, false, true, false)
	if err != nil {
		t.Fatal(err)
	}
	j := &joinStage{mode: JoinLeft, res: resolvedResolver(3), stats: NewStats(), cols: newColumnBuilder(fields, SnakeNames, false)}
	screened := []*vtclient.Result{{Observable: "10.0.0.1", Type: ioc.IPv4, Status: vtclient.StatusScreened("private")}}
	batches := []*found{
		{batch: testBatch(0, "a", "b", "c", "d"), rowOf: []int32{0, 1, 1, 3}, ids: []uint32{2, 0, 2, 0 | screenedBit}, maxID: 2, screened: screened},
		{batch: testBatch(4, "e", "f"), rowOf: []int32{0, 1, 1}, ids: []uint32{0, 1, 2}, maxID: 2},
	}
	seen := map[int64]string{} // key: its shared values
	var scope any
	for n, f := range batches {
		out := j.join(f, 0, f.batch.NumRows())
		if n > 0 && out.Keys.Scope != scope {
			t.Errorf("batch %d: scope %v, want the run's %v", n, out.Keys.Scope, scope)
		}
		scope = out.Keys.Scope
		for i, key := range out.Keys.Row {
			var vals []string
			for c, shared := range out.Keys.Shared {
				if shared {
					vals = append(vals, out.Added.Column(c).ValueStr(i))
				}
			}
			text := strings.Join(vals, "|")
			switch {
			case key == rows.OwnResult:
				if !strings.Contains(text, "10.0.0.1") {
					t.Errorf("batch %d row %d: own result %q, want the screened outcome", n, i, text)
				}
			case seen[key] == "":
				seen[key] = text
			case seen[key] != text:
				t.Errorf("batch %d row %d: key %d shows %q, earlier %q", n, i, key, text, seen[key])
			}
		}
	}
	if len(seen) != 4 { // ids 0, 1, 2 and no result
		t.Errorf("keys %v, want 3 results and no result", seen)
	}
}

// TestJoinOmittedKeysWriteTheSameCSV: when the writer keeps each key's text
// (writers.KeyMemory), the rows of a key sent in an earlier batch go
// without its values, and past the budget new keys go as their own; the
// CSV written is the same as when every row carries every value.
func TestJoinOmittedKeysWriteTheSameCSV(t *testing.T) {
	fields, err := selectFields(nil, false, false, false)
	if err != nil {
		t.Fatal(err)
	}
	batches := func() []*found {
		return []*found{
			{batch: testBatch(0, "a", "b", "c"), rowOf: []int32{0, 0, 2}, ids: []uint32{0, 1, 0}, maxID: 1},
			{batch: testBatch(3, "d", "e", "f"), rowOf: []int32{0, 1, 2, 2}, ids: []uint32{1, 2, 0, 3}, maxID: 3},
			{batch: testBatch(6, "g", "h"), rowOf: []int32{0, 1, 1}, ids: []uint32{3, 2, 4}, maxID: 4},
		}
	}
	write := func(budget int) (string, int, int) {
		j := &joinStage{mode: JoinLeft, res: resolvedResolver(5), stats: NewStats(), cols: newColumnBuilder(fields, SnakeNames, false)}
		if budget >= 0 {
			j.cols.omitSent(budget)
		}
		schema := rows.OutputSchema(testBatch(0).Record.Schema(), j.cols.schema)
		var buf strings.Builder
		w, err := writers.New(&buf, schema, writers.Options{Format: rows.CSV})
		if err != nil {
			t.Fatal(err)
		}
		omitted, own := 0, 0
		for _, f := range batches() {
			out := j.join(f, 0, f.batch.NumRows())
			for i, key := range out.Keys.Row {
				if key >= 0 && out.Added.Column(0).IsNull(i) {
					omitted++
				}
				if key == rows.OwnResult {
					own++
				}
			}
			if budget < 0 {
				out.Keys = nil // the reference: every cell of every row rendered
			}
			if err := w.Write(out); err != nil {
				t.Fatal(err)
			}
		}
		if err := w.Close(); err != nil {
			t.Fatal(err)
		}
		return buf.String(), omitted, own
	}
	want, _, _ := write(-1)
	for _, tc := range []struct {
		budget              int
		omitted, ownAtLeast int
	}{{1 << 20, 4, 0}, {0, 1, 1}} {
		got, omitted, own := write(tc.budget)
		if got != want {
			t.Errorf("budget %d: CSV\n%s\nwant (every value on every row)\n%s", tc.budget, got, want)
		}
		if omitted != tc.omitted || own < tc.ownAtLeast {
			t.Errorf("budget %d: %d rows without values, %d as their own; want %d and at least %d", tc.budget, omitted, own, tc.omitted, tc.ownAtLeast)
		}
	}
}

func TestSpillRoundTrip(t *testing.T) {
	s := &spillFile{dir: t.TempDir()}
	defer s.close()
	var refs []*spillRef
	var want []*found
	for i := range 3 {
		b := testBatch(int64(i*2), strings.Repeat("x", i+1), "y") // each batch its own values
		if i == 1 {
			js := array.NewStringBuilder(memory.DefaultAllocator)
			js.AppendValues([]string{`{"msg":"x"}`, `{"msg":"y","n":1.0}`}, nil)
			b.JSON = js.NewStringArray()
		}
		f := &found{batch: b, rowOf: []int32{0, 1}, ids: []uint32{uint32(i), uint32(i + 10)}, maxID: int64(i + 10)}
		if i == 2 { // --keep-screened: the screened outcomes travel with the batch
			f.ids[1] = 0 | screenedBit
			f.screened = []*vtclient.Result{{Observable: "10.0.0.1", Type: ioc.IPv4, Status: vtclient.StatusScreened("private")}}
		}
		ref, err := s.put(f)
		if err != nil {
			t.Fatal(err)
		}
		refs, want = append(refs, ref), append(want, f)
	}
	// Every batch is read back before any is compared: the file reuses its
	// buffers from one batch to the next, and a batch must not share them.
	var gots []*found
	for _, ref := range refs {
		got, err := s.get(ref)
		if err != nil {
			t.Fatal(err)
		}
		gots = append(gots, got)
	}
	for i, got := range gots {
		w := want[i]
		if !array.RecordEqual(got.batch.Record, w.batch.Record) || got.batch.First != w.batch.First {
			t.Errorf("batch %d came back different", i)
		}
		if (w.batch.JSON == nil) != (got.batch.JSON == nil) || (w.batch.JSON != nil && !array.Equal(w.batch.JSON, got.batch.JSON)) {
			t.Errorf("batch %d: JSON text came back different", i)
		}
		if !slices.Equal(got.rowOf, w.rowOf) || !slices.Equal(got.ids, w.ids) || got.maxID != w.maxID {
			t.Errorf("batch %d: occurrences %v %v, want %v %v", i, got.rowOf, got.ids, w.rowOf, w.ids)
		}
		if !reflect.DeepEqual(got.screened, w.screened) {
			t.Errorf("batch %d: screened %v, want %v", i, got.screened, w.screened)
		}
	}
}

func TestSelectFields(t *testing.T) {
	cases := []struct {
		list          []string
		raw, keep, ex bool
		want          []string
		err           bool
	}{
		{ex: true, want: []string{"vt_observable", "vt_ioc_type", "vt_source_index"}},
		{ex: true, keep: true, want: []string{"vt_observable", "vt_ioc_type", "vt_status", "vt_source_index"}},
		{list: []string{"Positives", "vt_observable", "verdict", "positives"}, want: []string{"vt_positives", "vt_observable", "vt_verdict"}},
		{list: []string{"observable"}, raw: true, want: []string{"vt_observable", "vt_raw_response"}},
		{list: []string{"no_such"}, err: true},
		{list: []string{"ThreatLabel", "vt_names", "asn", "Title"}, want: []string{"vt_threat_label", "vt_names", "vt_asn", "vt_title"}},
	}
	for _, c := range cases {
		got, err := selectFields(c.list, c.raw, c.keep, c.ex)
		if (err != nil) != c.err {
			t.Errorf("%v: error %v", c.list, err)
			continue
		}
		var names []string
		for _, f := range got {
			names = append(names, f.snake)
		}
		if !c.err && !slices.Equal(names, c.want) {
			t.Errorf("%v: %v, want %v", c.list, names, c.want)
		}
	}
	if _, err := selectFields([]string{"verdit"}, false, false, false); err == nil || !strings.Contains(err.Error(), `did you mean "verdict"`) {
		t.Errorf("a mistyped field: %v, want a suggestion", err)
	}
	all, _ := selectFields(nil, false, false, false)
	if len(all) != len(coreFields)-2 {
		t.Errorf("the default set has %d fields, want the seed's but the raw response and the detected URLs", len(all))
	}
	// --detected-urls puts vt_detected_urls back in its place; without it
	// the column cannot be asked for.
	c, err := buildColumns(Config{Mode: Enrich, DetectedURLs: true})
	if err != nil || len(c.fields) != len(coreFields)-1 || c.fields[15].snake != "vt_detected_urls" || c.fields[16].snake != "vt_malicious" {
		t.Errorf("--detected-urls: %v, fields %d", err, len(c.fields))
	}
	if _, err := buildColumns(Config{Mode: Enrich, Fields: []string{"DetectedUrls"}}); !errors.Is(err, ErrDetectedURLs) {
		t.Errorf("vt_detected_urls without --detected-urls: %v", err)
	}
}

// TestInnerJoinOfABatchWithoutObservables: nothing taken is an empty take
// list, not nil (which means every row once).
func TestInnerJoinOfABatchWithoutObservables(t *testing.T) {
	fields, _ := selectFields(nil, false, false, true)
	j := &joinStage{mode: JoinInner, res: resolvedResolver(0), stats: NewStats(), cols: newColumnBuilder(fields, SnakeNames, false)}
	out := j.join(&found{batch: testBatch(0, "a", "b"), maxID: -1}, 0, 2)
	if out.Take == nil || out.Len() != 0 || out.Added.NumRows() != 0 {
		t.Errorf("take %v, %d rows, %d added rows; want an empty, non-nil take", out.Take, out.Len(), out.Added.NumRows())
	}
}

func TestSpillResetStartsOver(t *testing.T) {
	s := &spillFile{dir: t.TempDir()}
	defer s.close()
	f := &found{batch: testBatch(0, "x"), maxID: -1}
	ref, err := s.put(f)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.get(ref); err != nil {
		t.Fatal(err)
	}
	if err := s.reset(); err != nil {
		t.Fatal(err)
	}
	if st, _ := s.f.Stat(); st.Size() != 0 || s.end != 0 {
		t.Fatalf("after reset the file holds %d bytes", st.Size())
	}
	ref, err = s.put(&found{batch: testBatch(5, "y", "z"), maxID: -1})
	if err != nil || ref.off != 0 {
		t.Fatalf("put after reset at %d, %v", ref.off, err)
	}
	got, err := s.get(ref)
	if err != nil || got.batch.NumRows() != 2 || got.batch.First != 5 {
		t.Fatalf("batch after reset: %v, %v", got, err)
	}
}
