package pipeline

import (
	"testing"

	"github.com/vtenrich/vtenrich/pipeline/ioc"
	"github.com/vtenrich/vtenrich/vtclient"
)

func TestTableWatermark(t *testing.T) {
	tbl := newTable()
	for id := range uint32(4) {
		tbl.add(lookup{id: id, typ: ioc.DNS, value: "x"}, nil)
	}
	steps := []struct {
		resolve uint32
		ready   []bool // ready(maxID) for maxID 0..3 after the step
	}{
		{2, []bool{false, false, false, false}},
		{0, []bool{true, false, false, false}},
		{1, []bool{true, true, true, false}},
		{3, []bool{true, true, true, true}},
	}
	for _, s := range steps {
		tbl.resolve(s.resolve, &vtclient.Result{Status: vtclient.StatusSuccess})
		for maxID, want := range s.ready {
			if got := tbl.ready(int64(maxID)); got != want {
				t.Errorf("after resolving %d: ready(%d) = %v, want %v", s.resolve, maxID, got, want)
			}
		}
	}
	if !tbl.ready(-1) {
		t.Error("a batch without observables must always be ready")
	}
	if known, resolved := tbl.counts(); known != 4 || resolved != 4 {
		t.Errorf("counts = %d, %d; want 4, 4", known, resolved)
	}
}

func TestTableTakeInOrder(t *testing.T) {
	tbl := newTable()
	for id := range uint32(5) {
		tbl.add(lookup{id: id}, nil)
	}
	tbl.add(lookup{id: 5}, &vtclient.Result{}) // resolved at once: never pending
	got, done := tbl.take(3)
	if done || len(got) != 3 || got[0].id != 0 || got[2].id != 2 {
		t.Fatalf("take(3) = %v, %v", got, done)
	}
	got, done = tbl.take(10)
	if done || len(got) != 2 || got[0].id != 3 || got[1].id != 4 {
		t.Fatalf("take(10) = %v, %v", got, done)
	}
	if got, done = tbl.take(1); done || got != nil {
		t.Fatalf("take on an open, empty table = %v, %v; want nothing, not done", got, done)
	}
	tbl.close()
	if _, done = tbl.take(1); !done {
		t.Fatal("take on a closed, empty table must say done")
	}
}
