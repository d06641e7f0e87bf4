package vtclient

import (
	"testing"
)

func TestParseRate(t *testing.T) {
	tests := []struct {
		in   string
		want float64 // per second
	}{
		{"", 4.0 / 60},
		{"4/min", 4.0 / 60},
		{"1000/min", 1000.0 / 60},
		{"10/s", 10},
		{"20000/d", 20000.0 / 86400},
		{"2/h", 2.0 / 3600},
		{" 4 / minute ", 4.0 / 60},
		{"30/mins", 0.5},
		{"0.5/s", 0.5},
		{"500/day", 500.0 / 86400},
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
	}
	for _, bad := range []string{"4", "4/", "/min", "x/min", "0/min", "-1/min", "4/week", "NaN/s", "4/min/s"} {
		if _, err := ParseRate(bad); err == nil {
			t.Errorf("ParseRate(%q): no error", bad)
		}
	}
}
