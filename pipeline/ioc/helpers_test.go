package ioc

import (
	"strings"
	"testing"
)

// scanCase is one table case: the text scanned and the matches expected,
// each written "type value" or "type value reason".
type scanCase struct {
	in   string
	want []string
}

// render writes a match as the tables expect it.
func render(m *Match) string {
	s := m.Type.String() + " " + string(m.Value)
	if m.Reason != "" {
		s += " " + m.Reason
	}
	return s
}

// scanAll returns every match of text with cfg, rendered.
func scanAll(cfg Config, text string) []string {
	var got []string
	NewExtractor(cfg).Scan([]byte(text), func(m *Match) { got = append(got, render(m)) })
	return got
}

// runScanCases checks each case with cfg, as a subtest named after its
// input.
func runScanCases(t *testing.T, cfg Config, cases []scanCase) {
	t.Helper()
	for _, c := range cases {
		name := c.in
		if len(name) > 60 {
			name = name[:60]
		}
		t.Run(name, func(t *testing.T) {
			got := scanAll(cfg, c.in)
			if strings.Join(got, "\n") != strings.Join(c.want, "\n") {
				t.Errorf("Scan(%q)\n got: %q\nwant: %q", c.in, got, c.want)
			}
		})
	}
}
