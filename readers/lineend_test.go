package readers

import (
	"io"
	"strings"
	"testing"
	"testing/iotest"

	"github.com/vtenrich/vtenrich/pipeline/rows"
)

// TestCRToLFAcrossReads: the quoting state carries from one Read to the
// next, so a file read a byte at a time translates as one read at once.
func TestCRToLFAcrossReads(t *testing.T) {
	for _, tc := range []struct {
		format   rows.Format
		in, want string
	}{
		{rows.CSV, "a,b\r\"x\ry\",\"p\"\"\rq\"\r1,2\r", "a,b\n\"x\ry\",\"p\"\"\rq\"\n1,2\n"},
		{rows.CSV, "a\r\"\"\r\"\"\"\"\r", "a\n\"\"\n\"\"\"\"\n"},
		{rows.TSV, "a\tb\r1\t\"x\ry\"\r", "a\tb\n1\t\"x\ry\"\n"},
		{rows.JSONL, "{\"a\":\"1\"}\r{\"a\":\"\\\"\"}\r", "{\"a\":\"1\"}\n{\"a\":\"\\\"\"}\n"},
	} {
		for _, r := range []io.Reader{newCRToLF(strings.NewReader(tc.in), tc.format, ','),
			newCRToLF(iotest.OneByteReader(strings.NewReader(tc.in)), tc.format, ',')} {
			got, err := io.ReadAll(r)
			if err != nil || string(got) != tc.want {
				t.Errorf("%s %q: got %q, %v; want %q", tc.format, tc.in, got, err, tc.want)
			}
		}
	}
}
