package main

import (
	"os"
	"testing"
)

// TestMain lets a test run the real CLI as a subprocess: with
// VTENRICH_AS_CLI=1 the test binary is vtenrich, signals and all.
func TestMain(m *testing.M) {
	if os.Getenv("VTENRICH_AS_CLI") == "1" {
		main()
	}
	os.Exit(m.Run())
}
