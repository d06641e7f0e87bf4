package ioc

import (
	"fmt"
	"slices"
	"strings"
	"testing"
)

// scanned is what a scan reported, copied out of the reused Match.
func scanned(scan func([]byte, func(*Match)), text string) []Match {
	var got []Match
	scan([]byte(text), func(m *Match) {
		c := *m
		c.Value = slices.Clone(m.Value)
		got = append(got, c)
	})
	return got
}

func sameMatches(a, b []Match) bool {
	return slices.EqualFunc(a, b, func(x, y Match) bool {
		return x.Type == y.Type && string(x.Value) == string(y.Value) && x.Reason == y.Reason && x.Start == y.Start && x.End == y.End
	})
}

// remembered counts the values m holds.
func remembered(m *Memo) int {
	n := 0
	for _, s := range m.at {
		if s.h != 0 {
			n++
		}
	}
	return n
}

// TestMemoSameAsScan checks that a Memo reports what its Extractor does,
// on a first sight, a second (remembered) and a third (from memory), for
// every line of the accuracy corpus: a memo that answered a repeat
// differently would send something else.
func TestMemoSameAsScan(t *testing.T) {
	sources, names, _ := loadCorpus(t)
	var texts []string
	for _, n := range names {
		for _, l := range sources[n] {
			texts = append(texts, l.text)
		}
	}
	texts = append(texts, fuzzSeeds...)
	for _, hosts := range []bool{false, true} {
		direct := NewExtractor(Config{URLHosts: hosts})
		m := NewMemo(NewExtractor(Config{URLHosts: hosts}))
		for _, text := range texts {
			want := scanned(direct.Scan, text)
			for sight := range 3 {
				if got := scanned(m.Scan, text); !sameMatches(got, want) {
					t.Fatalf("hosts=%v sight %d: %q\nmemo:   %v\ndirect: %v", hosts, sight+1, text, got, want)
				}
			}
		}
		if remembered(m) == 0 {
			t.Fatalf("hosts=%v: nothing remembered after %d lines seen three times", hosts, len(texts))
		}
	}
}

// TestMemoBounded checks that a Memo forgets past its bounds, never
// remembers a value longer than memoMaxValue, passes over a field whose
// values do not repeat, and answers right all along.
func TestMemoBounded(t *testing.T) {
	direct := NewExtractor(Config{})
	m := NewMemo(NewExtractor(Config{}))
	check := func(col int, text string) {
		t.Helper()
		if got, want := scanned(func(b []byte, fn func(*Match)) { m.ScanField(col, b, fn) }, text), scanned(direct.Scan, text); !sameMatches(got, want) {
			t.Fatalf("%q: memo %v, direct %v", text, got, want)
		}
	}
	started := false
	for i := range 20000 {
		text := fmt.Sprintf("dst=203.0.%d.%d host=h%d.example-shop.com path=/a/very/long/path/to/make/the/value/longer/%d", i>>8&0xff, i&0xff, i, i)
		check(0, text)
		before := len(m.arena)
		check(0, text) // the second sight remembers it
		if len(m.arena) < before {
			started = true
		}
		if len(m.arena)+len(m.matches)*48 > memoMaxBytes+2*memoMaxValue {
			t.Fatalf("after %d values the memo holds %d bytes and %d matches", i+1, len(m.arena), len(m.matches))
		}
	}
	if !started {
		t.Fatal("the memo never started over")
	}
	long := "url=https://evil-shop.com/" + strings.Repeat("a", memoMaxValue)
	check(0, long)
	check(0, long)
	for _, s := range m.at {
		if s.h != 0 && string(m.arena[s.key:s.key+s.n]) == long {
			t.Fatal("a value longer than memoMaxValue was remembered")
		}
	}
	for i := range memoWindow {
		check(3, fmt.Sprintf("2024-05-01T10:%02d:%02d.%03dZ", i/3600%60, i/60%60, i))
	}
	if m.fields[3].skip != memoSkip {
		t.Fatalf("a field of timestamps is not passed over: skip %d", m.fields[3].skip)
	}
	check(3, "dst=8.8.8.8")
	if m.fields[3].skip != memoSkip-1 {
		t.Fatalf("a passed-over field's value went through the memo: skip %d", m.fields[3].skip)
	}
}

// FuzzMemo checks that, for any input, a Memo's first scan and its answer
// from memory are what the Extractor reports.
func FuzzMemo(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		want := scanned(NewExtractor(Config{}).Scan, in)
		m := NewMemo(NewExtractor(Config{}))
		for pass := range 3 {
			if got := scanned(m.Scan, in); !sameMatches(got, want) {
				t.Fatalf("pass %d: memo %v, direct %v", pass, got, want)
			}
		}
	})
}
