package readers

import (
	"bytes"

	"github.com/vtenrich/vtenrich/pipeline/rows"
)

// Magic numbers at the start of the formats Sniff recognises.
var (
	parquetMagic     = []byte("PAR1")
	arrowFileMagic   = []byte("ARROW1")
	arrowStreamMagic = []byte{0xff, 0xff, 0xff, 0xff} // IPC continuation marker
	utf8BOM          = []byte{0xef, 0xbb, 0xbf}
	gzipMagic        = []byte{0x1f, 0x8b}
	zstdMagic        = []byte{0x28, 0xb5, 0x2f, 0xfd}
)

// Sniff guesses the format of decompressed input from its first bytes:
// Parquet and Arrow by their magic numbers, JSONL by a '{' (or a JSON
// array by '[' then '{') after optional white space, TSV when the first line has tabs and no commas, and CSV
// otherwise. head may be any length; a few hundred bytes are plenty.
func Sniff(head []byte) rows.Format {
	switch {
	case bytes.HasPrefix(head, parquetMagic):
		return rows.Parquet
	case bytes.HasPrefix(head, arrowFileMagic):
		return rows.Arrow
	case bytes.HasPrefix(head, arrowStreamMagic):
		return rows.ArrowStream
	}
	text := bytes.TrimLeft(bytes.TrimPrefix(head, utf8BOM), " \t\r\n")
	if len(text) > 0 && text[0] == '{' {
		return rows.JSONL
	}
	if len(text) > 0 && text[0] == '[' {
		// A JSON array of objects, or of nothing; a CSV header may start
		// with '[' too ("[time],host"), but never with "[{" or "[]".
		if rest := bytes.TrimLeft(text[1:], " \t\r\n"); len(rest) > 0 && (rest[0] == '{' || rest[0] == ']') {
			return rows.JSONL
		}
	}
	first := text
	if i := bytes.IndexByte(first, '\n'); i >= 0 {
		first = first[:i]
	}
	if bytes.IndexByte(first, '\t') >= 0 && bytes.IndexByte(first, ',') < 0 {
		return rows.TSV
	}
	return rows.CSV
}

// compression names the stream compression found by its magic bytes: "gzip",
// "zstd", or "" for none.
func compression(head []byte) string {
	switch {
	case bytes.HasPrefix(head, gzipMagic):
		return "gzip"
	case bytes.HasPrefix(head, zstdMagic), zstdSkippable(head):
		return "zstd"
	}
	return ""
}

// zstdSkippable reports whether head starts with a zstd skippable frame
// (magic 0x184D2A50 to 0x184D2A5F, little-endian), as pzstd writes before
// its frames and as seekable zstd files hold their index in.
func zstdSkippable(head []byte) bool {
	return len(head) >= 4 && head[0]&0xf0 == 0x50 && head[1] == 0x2a && head[2] == 0x4d && head[3] == 0x18
}
