package vtclient

import (
	"testing"

	"golang.org/x/time/rate"
)

func TestParseRate(t *testing.T) {
	tests := []struct {
		in   string
		want float64 // per second
		text string  // FormatRate of the result
	}{
		{"", 4.0 / 60, "4/min"},
		{"4/min", 4.0 / 60, "4/min"},
		{"1000/min", 1000.0 / 60, "1000/min"},
		{"10/s", 10, "10/s"},
		{"20000/d", 20000.0 / 86400, "20000/d"},
		{"2/h", 2.0 / 3600, "2/h"},
		{" 4 / minute ", 4.0 / 60, "4/min"},
		{"30/mins", 0.5, "30/min"},
		{"0.5/s", 0.5, "30/min"},
		{"500/day", 500.0 / 86400, "500/d"},
	}
	for _, tt := range tests {
		got, err := ParseRate(tt.in)
		if err != nil {
			t.Errorf("ParseRate(%q): %v", tt.in, err)
			continue
		}
		if diff := float64(got) - tt.want; diff > 1e-12 || diff < -1e-12 {
			t.Errorf("ParseRate(%q) = %v, want %v", tt.in, got, tt.want)
		}
		if s := FormatRate(got); s != tt.text {
			t.Errorf("FormatRate(ParseRate(%q)) = %q, want %q", tt.in, s, tt.text)
		}
	}
	for _, bad := range []string{"4", "4/", "/min", "x/min", "0/min", "-1/min", "4/week", "NaN/s", "4/min/s"} {
		if _, err := ParseRate(bad); err == nil {
			t.Errorf("ParseRate(%q): no error", bad)
		}
	}
	if FormatRate(rate.Inf) != "unlimited" {
		t.Error("FormatRate(Inf)")
	}
}
