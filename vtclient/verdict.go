package vtclient

import "fmt"

// Verdicts, from worst to best; the worst verdict of a row's observables is
// its verdict under --join row.
const (
	VerdictMalicious  = "malicious"
	VerdictSuspicious = "suspicious"
	VerdictClean      = "clean"
	VerdictUnknown    = "unknown"
)

// VerdictRule sums a result's detections up in one word (README, "Verdict
// rule"). The first line that holds decides:
//
//	malicious   at least MaliciousAt engines call it malicious
//	suspicious  at least SuspiciousAt engines call it malicious or suspicious
//	clean       some engine analysed it (harmless or undetected)
//	unknown     no engine did, or VirusTotal does not know it (NotFound)
//
// Lookups that failed, were not made or were screened have no verdict.
type VerdictRule struct {
	MaliciousAt  int64 // --malicious-at
	SuspiciousAt int64 // --suspicious-at
}

// DefaultVerdictRule: malicious from two engines, suspicious from one.
// Two, not one: a single engine's detection is the commonest VirusTotal
// false positive, and such an object is still reported, as suspicious
// (with Positives 1), so nothing is hidden.
var DefaultVerdictRule = VerdictRule{MaliciousAt: 2, SuspiciousAt: 1}

// Check refuses thresholds that make no ladder: each at least 1, and
// suspicious no higher than malicious (else an object flagged by fewer
// engines than MaliciousAt could read "clean").
func (v VerdictRule) Check() error {
	switch {
	case v.MaliciousAt < 1 || v.SuspiciousAt < 1:
		return fmt.Errorf("the verdict thresholds must be at least 1 engine (malicious at %d, suspicious at %d)", v.MaliciousAt, v.SuspiciousAt)
	case v.SuspiciousAt > v.MaliciousAt:
		return fmt.Errorf("the suspicious threshold (%d engines) cannot be above the malicious one (%d)", v.SuspiciousAt, v.MaliciousAt)
	}
	return nil
}

// Verdict is r's verdict under the rule, "" when it has none.
func (v VerdictRule) Verdict(r *Result) string {
	switch r.Status.Outcome {
	case NotFound:
		return VerdictUnknown
	case Found:
	default:
		return ""
	}
	switch {
	case r.Malicious >= v.MaliciousAt:
		return VerdictMalicious
	case r.Malicious+r.Suspicious >= v.SuspiciousAt:
		return VerdictSuspicious
	case r.Harmless+r.Undetected > 0:
		return VerdictClean
	}
	return VerdictUnknown
}
