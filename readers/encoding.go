package readers

import (
	"bufio"
	"bytes"
	"fmt"
	"strings"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/transform"
)

// Encodings are the --encoding names, in the order help texts show them.
// Text input is UTF-8 unless one of the others is named; UTF-16 is also
// found without being named (see detectUTF16).
var Encodings = []string{"utf-8", "utf-16le", "utf-16be", "utf-16", "windows-1252", "latin1"}

// textEncoding is a named text encoding and its decoder to UTF-8; nil enc
// is UTF-8 itself, which needs no decoding.
type textEncoding struct {
	name string
	enc  encoding.Encoding
}

// ParseEncoding checks an --encoding value ("" is UTF-8), case-insensitively
// and with the usual spellings (utf8, cp1252, iso-8859-1 ...).
func ParseEncoding(name string) (string, error) {
	e, err := lookupEncoding(name)
	return e.name, err
}

// lookupEncoding finds the encoding of an --encoding value.
func lookupEncoding(name string) (textEncoding, error) {
	switch strings.ReplaceAll(strings.ToLower(name), "_", "-") {
	case "", "utf-8", "utf8":
		return textEncoding{name: "utf-8"}, nil
	case "utf-16le", "utf16le", "utf-16-le":
		return textEncoding{"utf-16le", unicode.UTF16(unicode.LittleEndian, unicode.UseBOM)}, nil
	case "utf-16be", "utf16be", "utf-16-be":
		return textEncoding{"utf-16be", unicode.UTF16(unicode.BigEndian, unicode.UseBOM)}, nil
	case "utf-16", "utf16", "unicode":
		// Windows calls UTF-16LE "Unicode"; a BOM, when there is one, decides.
		return textEncoding{"utf-16", unicode.UTF16(unicode.LittleEndian, unicode.UseBOM)}, nil
	case "windows-1252", "cp1252", "win1252":
		return textEncoding{"windows-1252", charmap.Windows1252}, nil
	case "latin1", "latin-1", "iso-8859-1", "iso8859-1":
		return textEncoding{"latin1", charmap.ISO8859_1}, nil
	}
	return textEncoding{}, fmt.Errorf("unknown encoding %q (want one of %s)", name, strings.Join(Encodings, ", "))
}

// Byte order marks of UTF-16.
var (
	utf16LEBOM = []byte{0xff, 0xfe}
	utf16BEBOM = []byte{0xfe, 0xff}
)

// detectUTF16 recognises UTF-16 text from its first bytes: a byte order
// mark (Excel's "Unicode text", PowerShell 5's Out-File and > redirection),
// or, without one, the zero bytes that every ASCII character has in UTF-16
// and that UTF-8 text never holds. It returns the encoding, or nothing.
func detectUTF16(head []byte) (textEncoding, bool) {
	switch {
	case bytes.HasPrefix(head, []byte{0xff, 0xfe, 0, 0}):
		return textEncoding{}, false // UTF-32LE, which no exporter of logs writes
	case bytes.HasPrefix(head, utf16LEBOM):
		return textEncoding{"utf-16le", unicode.UTF16(unicode.LittleEndian, unicode.ExpectBOM)}, true
	case bytes.HasPrefix(head, utf16BEBOM):
		return textEncoding{"utf-16be", unicode.UTF16(unicode.BigEndian, unicode.ExpectBOM)}, true
	}
	sample := firstLine(head)
	sample = sample[:min(len(sample), 4096)&^1]
	pairs := len(sample) / 2
	if pairs < 2 {
		return textEncoding{}, false
	}
	var evenZeros, oddZeros int
	for i := 0; i < len(sample); i += 2 {
		if sample[i] == 0 {
			evenZeros++
		}
		if sample[i+1] == 0 {
			oddZeros++
		}
	}
	// Mostly ASCII (header names, IPs, hashes): one byte in two is zero,
	// always on the same side.
	switch {
	case oddZeros*2 >= pairs && evenZeros == 0 && sample[0] != 0:
		return textEncoding{"utf-16le", unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM)}, true
	case evenZeros*2 >= pairs && oddZeros == 0 && sample[1] != 0:
		return textEncoding{"utf-16be", unicode.UTF16(unicode.BigEndian, unicode.IgnoreBOM)}, true
	}
	return textEncoding{}, false
}

// decodeTo puts a decoder to UTF-8 in front of in's bytes.
func (in *input) decodeTo(e textEncoding) {
	in.r = bufio.NewReaderSize(transform.NewReader(in.r, e.enc.NewDecoder()), ioBufSize)
}

// Magic numbers of files that are not exports but are often given as one.
var (
	zipMagic      = []byte("PK\x03\x04")
	emptyZipMagic = []byte("PK\x05\x06")
	oleMagic      = []byte{0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1}
)

// notAnExport names what a spreadsheet or archive given as input is, and
// what to do instead: "" when head starts like no such file.
func notAnExport(head []byte) string {
	switch {
	case bytes.HasPrefix(head, zipMagic) && bytes.Contains(head, []byte("xl/")):
		return `this is an Excel workbook (.xlsx), not a CSV export: save it as CSV (File > Save As > "CSV UTF-8 (Comma delimited)") and read that`
	case bytes.HasPrefix(head, zipMagic), bytes.HasPrefix(head, emptyZipMagic):
		return "this is a zip archive (or an Excel/Office file): unzip it, or save a spreadsheet as CSV UTF-8, and read that (vtenrich undoes gzip and zstd itself, not zip)"
	case bytes.HasPrefix(head, oleMagic):
		return `this is an Excel 97-2003 workbook (.xls) or another old Office file: save it as CSV (File > Save As > "CSV UTF-8 (Comma delimited)") and read that`
	}
	return ""
}

// invalidUTF8 describes text that is not UTF-8 at offset at, with what to
// do about it.
func invalidUTF8(file string, line int64, column string, at int64) *InputError {
	return &InputError{File: file, Line: line, Column: column, Offset: at, Reason: "invalid UTF-8",
		Hint: "if the file is in another encoding, name it with --encoding (windows-1252, latin1, utf-16le, utf-16be)"}
}
