package ioc

import (
	"strings"
	"testing"
)

func TestSkipList(t *testing.T) {
	list := `# known good
*.microsoft.com
8.8.8.8          # resolver
10.0.0.0/8
2001:4860::/32
hxxp://evil[.]com/ok#frag
` + md5a + `

`
	skip, err := LoadSkipList(strings.NewReader(list), "good.txt")
	if err != nil {
		t.Fatal(err)
	}
	if skip.Len() != 6 {
		t.Errorf("Len = %d, want 6", skip.Len())
	}
	runScanCases(t, Config{SkipList: skip}, []scanCase{
		{"login.microsoft.com microsoft.com notmicrosoft.com", []string{"dns login.microsoft.com skip-list", "dns microsoft.com skip-list", "dns notmicrosoft.com"}},
		{"8.8.8.8 8.8.4.4", []string{"ipv4 8.8.8.8 skip-list", "ipv4 8.8.4.4"}},
		{"2001:4860:4860::8888 2606:4700::1111", []string{"ipv6 2001:4860:4860::8888 skip-list", "ipv6 2606:4700::1111"}},
		{"http://evil.com/ok#frag http://evil.com/bad", []string{"url http://evil.com/ok#frag skip-list", "url http://evil.com/bad"}},
		{"https://www.microsoft.com/x http://8.8.8.8/", []string{"url https://www.microsoft.com/x skip-list", "url http://8.8.8.8/ skip-list"}},
		{md5a + " " + strings.ToUpper(md5a), []string{"md5_hash " + md5a + " skip-list", "md5_hash " + md5a + " skip-list"}},
		{"10.1.2.3", []string{"ipv4 10.1.2.3 private"}},
	})
}

func TestLoadSkipListErrors(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"evil.com\nnot an observable\n", "list.txt:2: "},
		{"# c\n\n10.0.0.0/33", "list.txt:3: "},
		{"a b", "list.txt:1: "},
	} {
		_, err := LoadSkipList(strings.NewReader(c.in), "list.txt")
		if err == nil || !strings.HasPrefix(err.Error(), c.want) {
			t.Errorf("LoadSkipList(%q) error = %v, want prefix %q", c.in, err, c.want)
		}
	}
	var nilList *SkipList
	if nilList.Len() != 0 || nilList.has(MD5, []byte(md5a)) || nilList.hasName([]byte("a.com")) {
		t.Error("nil SkipList is not empty")
	}
}
