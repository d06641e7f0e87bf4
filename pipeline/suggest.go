package pipeline

import (
	"strings"

	"github.com/agnivade/levenshtein"
)

// Closest returns the candidate nearest to name (case-insensitively, at
// most a third of its length in edits, and at least 2), for "did you mean"
// in the messages of a mistyped column, field or flag name.
func Closest(name string, candidates []string) (string, bool) {
	best, bestD := "", max(2, len(name)/3)+1
	for _, c := range candidates {
		if d := levenshtein.ComputeDistance(strings.ToLower(name), strings.ToLower(c)); d < bestD {
			best, bestD = c, d
		}
	}
	return best, best != ""
}

// didYouMean is " (did you mean X?)" for the closest candidate, or "".
func didYouMean(name string, candidates []string) string {
	if c, ok := Closest(name, candidates); ok {
		return " (did you mean " + quote(c) + "?)"
	}
	return ""
}

func quote(s string) string { return `"` + s + `"` }
