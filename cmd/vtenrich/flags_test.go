package main

import (
	"testing"
	"time"
)

func TestParseBytes(t *testing.T) {
	cases := []struct {
		in   string
		want int64
		err  bool
	}{
		{"64MiB", 64 << 20, false}, {"512m", 512 << 20, false}, {"1GiB", 1 << 30, false}, {"100000", 100000, false},
		{"2kb", 2000, false}, {"1.5GiB", 0, true}, {"512x", 0, true}, {"", 0, true}, {"-1M", 0, true}, {"0", 0, true},
	}
	for _, c := range cases {
		got, err := parseBytes(c.in)
		if (err != nil) != c.err || got != c.want {
			t.Errorf("parseBytes(%q) = %d, %v; want %d, error %v", c.in, got, err, c.want, c.err)
		}
	}
}

func TestParseDuration(t *testing.T) {
	cases := []struct {
		in   string
		want time.Duration
		err  bool
	}{
		{"0", 0, false}, {"7d", 7 * 24 * time.Hour, false}, {"1d12h", 36 * time.Hour, false}, {"90m", 90 * time.Minute, false},
		{"1.5d", 0, true}, {"7days", 0, true}, {"x", 0, true}, {"-1h", 0, true},
	}
	for _, c := range cases {
		got, err := parseDuration(c.in)
		if (err != nil) != c.err || got != c.want {
			t.Errorf("parseDuration(%q) = %v, %v; want %v, error %v", c.in, got, err, c.want, c.err)
		}
	}
}
