package vtclient_test

import (
	"testing"

	"github.com/vtenrich/vtenrich/vtclient"
)

// TestVerdictRule: the rule of the README, line by line, under the default
// thresholds and others.
func TestVerdictRule(t *testing.T) {
	found := func(mal, sus, harmless, undetected int64) *vtclient.Result {
		return &vtclient.Result{Status: vtclient.StatusSuccess, Malicious: mal, Suspicious: sus, Harmless: harmless, Undetected: undetected}
	}
	def, strict := vtclient.DefaultVerdictRule, vtclient.VerdictRule{MaliciousAt: 5, SuspiciousAt: 2}
	tests := []struct {
		name string
		rule vtclient.VerdictRule
		r    *vtclient.Result
		want string
	}{
		{"two engines: malicious", def, found(2, 0, 50, 10), vtclient.VerdictMalicious},
		{"one engine: suspicious", def, found(1, 0, 50, 10), vtclient.VerdictSuspicious},
		{"one suspicious engine", def, found(0, 1, 50, 10), vtclient.VerdictSuspicious},
		{"none: clean", def, found(0, 0, 50, 10), vtclient.VerdictClean},
		{"no engine analysed it", def, found(0, 0, 0, 0), vtclient.VerdictUnknown},
		{"not found: unknown", def, &vtclient.Result{Status: vtclient.StatusNotFound}, vtclient.VerdictUnknown},
		{"failed: none", def, &vtclient.Result{Status: vtclient.StatusError("TransientError")}, ""},
		{"not in cache: none", def, &vtclient.Result{Status: vtclient.StatusNotInCache}, ""},
		{"screened: none", def, &vtclient.Result{Status: vtclient.StatusScreened("private address")}, ""},
		{"not looked up: none", def, &vtclient.Result{}, ""},
		{"strict: 4 engines are suspicious", strict, found(4, 0, 50, 10), vtclient.VerdictSuspicious},
		{"strict: 5 engines are malicious", strict, found(5, 0, 50, 10), vtclient.VerdictMalicious},
		{"strict: malicious and suspicious add up", strict, found(1, 1, 50, 10), vtclient.VerdictSuspicious},
		{"strict: one engine is clean", strict, found(1, 0, 50, 10), vtclient.VerdictClean},
	}
	for _, tt := range tests {
		if got := tt.rule.Verdict(tt.r); got != tt.want {
			t.Errorf("%s: %q, want %q", tt.name, got, tt.want)
		}
	}
	for _, bad := range []vtclient.VerdictRule{{MaliciousAt: 0, SuspiciousAt: 1}, {MaliciousAt: 2, SuspiciousAt: 0}, {MaliciousAt: 2, SuspiciousAt: 3}} {
		if bad.Check() == nil {
			t.Errorf("%+v accepted", bad)
		}
	}
	if err := strict.Check(); err != nil {
		t.Error(err)
	}
}
