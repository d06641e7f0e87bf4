package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/vtenrich/vtenrich/vtclient/vtfake"
)

// TestCacheSpeaksInAnswers: stats, export and purge count the same thing,
// answers, and purge without a filter asks for --all.
func TestCacheSpeaksInAnswers(t *testing.T) {
	f := newFake(t, vtfake.Options{})
	// Four observables, one a file found by MD5 (stored under its three
	// hashes: three keys, one answer).
	mustRun(t, 0, "", f.flags("--columns", "CommandLine", seedCSV)...)
	stats := mustRun(t, 0, "", "cache", "stats", "--cache", f.cache)
	if !strings.Contains(stats.stdout, "answers: 4,") || strings.Contains(stats.stdout, "objects") {
		t.Errorf("cache stats:\n%s", stats.stdout)
	}
	export := mustRun(t, 0, "", "cache", "export", "--cache", f.cache, "-o", filepath.Join(t.TempDir(), "x.jsonl"))
	if !strings.Contains(export.stderr, "exported 4 answers") {
		t.Errorf("cache export: %s", export.stderr)
	}
	for _, c := range []struct {
		args   []string
		stderr string
	}{
		{nil, "purge deletes answers fetched more than --older-than DURATION ago, or every answer with --all"},
		{[]string{"--all", "--older-than", "7d"}, "--all and --older-than exclude each other"},
		{[]string{"--older-than", "0"}, "say --all"},
	} {
		r := cli(t, "", append([]string{"cache", "purge", "--cache", f.cache}, c.args...)...)
		if r.code != exitUsage || !strings.Contains(r.stderr, c.stderr) {
			t.Errorf("cache purge %s: exit %d, %q; want 2 and %q", strings.Join(c.args, " "), r.code, r.stderr, c.stderr)
		}
	}
	if r := mustRun(t, 0, "", "cache", "purge", "--older-than", "1d", "--cache", f.cache); !strings.Contains(r.stderr, "purged 0 answers") {
		t.Errorf("purge of nothing old: %s", r.stderr)
	}
	if r := mustRun(t, 0, "", "cache", "purge", "--all", "--cache", f.cache); !strings.Contains(r.stderr, "purged 4 answers") {
		t.Errorf("purge --all: %s", r.stderr)
	}
}

// TestStatsCountsTooManyAndRetries: the API line of --stats tells 429
// answers and retries of transient failures apart from the calls.
func TestStatsCountsTooManyAndRetries(t *testing.T) {
	f := newFake(t, vtfake.Options{})
	f.Inject(vtfake.FaultTooMany, vtfake.FaultTransient)
	r := mustRun(t, 0, "", f.flags("--stats", "--columns", "CommandLine", seedCSV)...)
	// 4 observables: 4 answers, plus a 429 and a failure asked again.
	if want := "api:         6 calls, of which 1 answered 429 Too Many Requests and 1 retried a transient failure"; !strings.Contains(r.stderr, want) {
		t.Errorf("stats lack %q:\n%s", want, r.stderr)
	}
}

// TestNoCacheFileBeforeTheFirstLookup: a run that fails before it looks
// anything up leaves no cache file; one that looks up makes it.
func TestNoCacheFileBeforeTheFirstLookup(t *testing.T) {
	f := newFake(t, vtfake.Options{})
	missing := filepath.Join(t.TempDir(), "nope.csv")
	for _, c := range []struct {
		name string
		env  string
		args []string
	}{
		{"no key", "", []string{"--vt-url", f.url, "--cache", f.cache, seedCSV}},
		{"missing input file", "", f.flags(missing)},
		{"bad column", "", f.flags("--columns", "NoSuchColumn", seedCSV)},
		{"key too short", "abc", []string{"--vt-url", f.url, "--cache", f.cache, seedCSV}},
		{"lookup without a key", "", []string{"lookup", "--vt-url", f.url, "--cache", f.cache, "8.8.8.8"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			t.Setenv("VT_API_KEY", c.env)
			if r := cli(t, "", c.args...); r.code != exitError {
				t.Fatalf("exit %d, want 1: %s", r.code, r.stderr)
			}
			if matches, _ := filepath.Glob(f.cache + "*"); len(matches) > 0 {
				t.Errorf("the failed run left %q", matches)
			}
		})
	}
	mustRun(t, 0, "", f.flags("--columns", "CommandLine", seedCSV)...)
	if _, err := os.Stat(f.cache); err != nil {
		t.Errorf("a run that looked up made no cache: %v", err)
	}
}
