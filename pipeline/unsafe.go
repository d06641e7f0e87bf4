package pipeline

import "unsafe"

// unsafeBytes views s as bytes without copying. The scanner only reads it;
// Arrow string values are immutable views of the column buffer anyway.
func unsafeBytes(s string) []byte {
	return unsafe.Slice(unsafe.StringData(s), len(s))
}
