package ioc

import (
	"math"
	"strings"
	"testing"
)

const (
	md5a    = "44d88612fea8a8f36de82e1278abb02f"
	sha1a   = "3395856ce81f2b7382dee72602f798b642f14140"
	sha256a = "275a021bbfb6489e54d471899f7db9d1663fc695ec2fe2a2c4538aabf651fd0f"
)

func TestScanHash(t *testing.T) {
	runScanCases(t, Config{}, []scanCase{
		{md5a, []string{"md5_hash " + md5a}},
		{strings.ToUpper(md5a), []string{"md5_hash " + md5a}},
		{"sha1=" + sha1a, []string{"sha1_hash " + sha1a}},
		{"SHA256:" + sha256a + ".", []string{"sha256_hash " + sha256a}},
		{md5a + "," + sha1a + "," + sha256a, []string{"md5_hash " + md5a, "sha1_hash " + sha1a, "sha256_hash " + sha256a}},
		{md5a + "," + md5a + "," + md5a + "," + md5a, []string{"md5_hash " + md5a, "md5_hash " + md5a, "md5_hash " + md5a, "md5_hash " + md5a}},
		{md5a + " " + md5a, []string{"md5_hash " + md5a, "md5_hash " + md5a}},
		{"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", []string{"md5_hash aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa low-entropy"}},
		{strings.Repeat("0", 64), []string{"sha256_hash " + strings.Repeat("0", 64) + " low-entropy"}},
		{strings.Repeat("01", 20), []string{"sha1_hash " + strings.Repeat("01", 20) + " low-entropy"}},
		{md5a[:31], nil},
		{md5a + "0", []string{"md5_hash " + md5a + "0 part-of-longer-hex"}},
		{sha256a + sha256a, []string{"sha256_hash " + sha256a + sha256a + " part-of-longer-hex"}},
		{sha1a + "ab", []string{"sha1_hash " + sha1a + "ab part-of-longer-hex"}},
		{"0x" + md5a, []string{"md5_hash " + md5a + " part-of-longer-word"}},
		{"x" + md5a + "z", []string{"md5_hash " + md5a + " part-of-longer-word"}},
		{"sample_" + md5a + "_unpacked.exe", []string{"dns sample_" + md5a + "_unpacked.exe unknown-tld", "md5_hash " + md5a}},
		{md5a + ".exe", []string{"dns " + md5a + ".exe unknown-tld", "md5_hash " + md5a}},
		{md5a + ".evil.com", []string{"dns " + md5a + ".evil.com"}},
		{"{" + md5a + "}", []string{"md5_hash " + md5a}},
		{"GUID {6F9619FF-8B86-D011-B42D-00C04FC964FF}", nil},
		{"é" + md5a + "ü", []string{"md5_hash " + md5a}},
		{strings.Repeat("word ", 1000) + md5a + strings.Repeat(" word", 1000), []string{"md5_hash " + md5a}},
		{"implant.exe  81ed03caf6901e444c72ac67d192fb9c", []string{"dns implant.exe unknown-tld", "md5_hash 81ed03caf6901e444c72ac67d192fb9c"}},
	})
}

func TestEntropy(t *testing.T) {
	for _, c := range []struct {
		in   string
		want float64
	}{
		{"aaaa", 0},
		{"abab", 1},
		{"0123456789abcdef", 4},
		{md5a, 3.5},
	} {
		if got := entropy([]byte(c.in)); math.Abs(got-c.want) > 0.1 {
			t.Errorf("entropy(%q) = %.2f, want %.2f", c.in, got, c.want)
		}
	}
}
