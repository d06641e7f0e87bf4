package ioc

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// The accuracy corpus (testdata/accuracy, README there) holds realistic log
// lines from many sources, each followed by the observables an analyst
// would send to VirusTotal ("  + type value") and, where worth checking,
// the ones that must be found but screened ("  - type value reason"), as
// labelled by hand by the rules in the README's "What is looked up, and
// what is screened". TestAccuracy scans every line with the default
// configuration and the corpus's skip-list, and measures what would be
// sent against those labels.

// minAccuracy is the precision and recall the whole corpus must reach.
const minAccuracy = 0.99

var accuracyDir = envOr("ACCURACY_DIR", filepath.Join("..", "..", "testdata", "accuracy"))

// corpusLine is one log line of the corpus and its labels.
type corpusLine struct {
	file     string
	line     int
	text     string
	send     []label // what is looked up
	screened []label // what is found and screened, with the reason
}

// label is one expected observable.
type label struct {
	typ    Type
	value  string
	reason string // screened labels only
}

func (l label) String() string {
	if l.reason != "" {
		return l.typ.String() + " " + l.value + " " + l.reason
	}
	return l.typ.String() + " " + l.value
}

// readCorpusFile parses one source file of the corpus.
func readCorpusFile(path string) ([]corpusLine, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var lines []corpusLine
	s := bufio.NewScanner(f)
	s.Buffer(nil, 1<<20)
	for n := 1; s.Scan(); n++ {
		text := s.Text()
		switch {
		case strings.TrimSpace(text) == "", strings.HasPrefix(strings.TrimLeft(text, " "), "//"):
			continue
		case strings.HasPrefix(text, "  + "), strings.HasPrefix(text, "  - "):
			if len(lines) == 0 {
				return nil, fmt.Errorf("%s:%d: a label before any log line", path, n)
			}
			l, err := parseLabel(text[4:], text[2] == '-')
			if err != nil {
				return nil, fmt.Errorf("%s:%d: %v", path, n, err)
			}
			last := &lines[len(lines)-1]
			if text[2] == '+' {
				last.send = append(last.send, l)
			} else {
				last.screened = append(last.screened, l)
			}
		case strings.HasPrefix(text, "  "):
			return nil, fmt.Errorf("%s:%d: an indented line that is neither a label (+ or -) nor a comment", path, n)
		default:
			lines = append(lines, corpusLine{file: filepath.Base(path), line: n, text: text})
		}
	}
	return lines, s.Err()
}

// parseLabel reads "type value" (sent) or "type value reason" (screened).
func parseLabel(s string, screened bool) (label, error) {
	f := strings.Fields(s)
	want := 2
	if screened {
		want = 3
	}
	if len(f) != want {
		return label{}, fmt.Errorf("label %q: want %d fields", s, want)
	}
	t, err := ParseType(f[0])
	if err != nil {
		return label{}, err
	}
	l := label{typ: t, value: f[1]}
	if screened {
		l.reason = f[2]
		if !slices.Contains(Reasons, l.reason) || l.reason == ReasonInvalid {
			return label{}, fmt.Errorf("label %q: unknown reason %q", s, l.reason)
		}
	}
	return l, nil
}

// tally counts one source's outcomes.
type tally struct {
	lines, negatives  int
	tp, fp, fn        int
	screenOK, screenN int
}

func (t *tally) add(o tally) {
	t.lines += o.lines
	t.negatives += o.negatives
	t.tp += o.tp
	t.fp += o.fp
	t.fn += o.fn
	t.screenOK += o.screenOK
	t.screenN += o.screenN
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 1
	}
	return float64(a) / float64(b)
}

func (t tally) precision() float64 { return ratio(t.tp, t.tp+t.fp) }
func (t tally) recall() float64    { return ratio(t.tp, t.tp+t.fn) }

// scoreLine scans one corpus line and compares what would be sent (and
// what is screened) with its labels. It returns the outcome and a
// description of every disagreement.
func scoreLine(e *Extractor, l corpusLine) (tally, []string) {
	sent := map[label]bool{}
	screened := map[label]bool{}
	e.Scan([]byte(l.text), func(m *Match) {
		k := label{typ: m.Type, value: string(m.Value)}
		if m.Reason == "" {
			sent[k] = true
		} else {
			screened[label{typ: m.Type, value: string(m.Value), reason: m.Reason}] = true
		}
	})
	var t tally
	var diffs []string
	t.lines = 1
	want := map[label]bool{}
	for _, s := range l.send {
		want[s] = true
	}
	if len(want) == 0 {
		t.negatives = 1
	}
	for k := range want {
		if sent[k] {
			t.tp++
		} else {
			t.fn++
			diffs = append(diffs, "missed: "+k.String())
		}
	}
	for k := range sent {
		if !want[k] {
			t.fp++
			diffs = append(diffs, "sent, not wanted: "+k.String())
		}
	}
	for _, s := range l.screened {
		t.screenN++
		if screened[s] {
			t.screenOK++
		} else {
			diffs = append(diffs, "not screened as labelled: "+s.String())
		}
	}
	slices.Sort(diffs)
	return t, diffs
}

// loadCorpus reads every source file of the corpus and its skip-list.
func loadCorpus(t *testing.T) (map[string][]corpusLine, []string, *SkipList) {
	t.Helper()
	f, err := os.Open(filepath.Join(accuracyDir, "skip-list.txt"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	skip, err := LoadSkipList(f, "skip-list.txt")
	if err != nil {
		t.Fatal(err)
	}
	paths, err := filepath.Glob(filepath.Join(accuracyDir, "*.txt"))
	if err != nil {
		t.Fatal(err)
	}
	sources := map[string][]corpusLine{}
	var names []string
	for _, p := range paths {
		if filepath.Base(p) == "skip-list.txt" {
			continue
		}
		lines, err := readCorpusFile(p)
		if err != nil {
			t.Fatal(err)
		}
		name := strings.TrimSuffix(filepath.Base(p), ".txt")
		sources[name] = lines
		names = append(names, name)
	}
	return sources, names, skip
}

// TestAccuracyLabels checks that every label is written in normal form
// (lower-case names and hashes, canonical addresses, punycode), so that a
// mismatch in TestAccuracy is the scanner's and not a typo's.
func TestAccuracyLabels(t *testing.T) {
	sources, names, _ := loadCorpus(t)
	for _, name := range names {
		for _, l := range sources[name] {
			for _, lab := range append(slices.Clone(l.send), l.screened...) {
				if v, r := Check(lab.typ, lab.value, nil); r == ReasonInvalid || v != lab.value {
					t.Errorf("%s:%d: label %s is not a normalised %s (Check gives %q, %q)", l.file, l.line, lab, lab.typ, v, r)
				}
			}
		}
	}
}

// TestAccuracy measures, per source and overall, the precision and recall
// of what would be sent to VirusTotal, and how many screened labels are
// screened for the labelled reason. It fails below minAccuracy overall;
// with -v it prints the table (Markdown, as in the README) and every
// disagreement.
func TestAccuracy(t *testing.T) {
	sources, names, skip := loadCorpus(t)
	e := NewExtractor(Config{SkipList: skip})
	var total tally
	var table strings.Builder
	table.WriteString("| source | lines | hard negatives | sent: precision | sent: recall | screened as labelled |\n|---|--:|--:|--:|--:|--:|\n")
	row := func(name string, s tally) {
		fmt.Fprintf(&table, "| %s | %d | %d | %.3f (%d/%d) | %.3f (%d/%d) | %d/%d |\n", name, s.lines, s.negatives,
			s.precision(), s.tp, s.tp+s.fp, s.recall(), s.tp, s.tp+s.fn, s.screenOK, s.screenN)
	}
	for _, name := range names {
		var s tally
		for _, l := range sources[name] {
			lt, diffs := scoreLine(e, l)
			s.add(lt)
			if len(diffs) > 0 {
				t.Logf("%s:%d: %s\n\t%s", l.file, l.line, l.text, strings.Join(diffs, "\n\t"))
			}
		}
		row(name, s)
		total.add(s)
	}
	row("**all**", total)
	t.Logf("accuracy on %d lines from %d sources:\n%s", total.lines, len(names), table.String())
	if total.precision() < minAccuracy || total.recall() < minAccuracy {
		t.Errorf("precision %.3f, recall %.3f: want at least %.2f each", total.precision(), total.recall(), minAccuracy)
	}
	if ratio(total.screenOK, total.screenN) < minAccuracy {
		t.Errorf("%d of %d screened labels screened as labelled: want at least %.2f", total.screenOK, total.screenN, minAccuracy)
	}
}

func envOr(k, def string) string {
	if v := os.Getenv(k); v != "" {
		return v
	}
	return def
}
