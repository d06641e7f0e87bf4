package rows

import (
	"testing"

	"github.com/apache/arrow/go/v17/arrow"
)

func TestIsUUID(t *testing.T) {
	fsb16 := &arrow.FixedSizeBinaryType{ByteWidth: 16}
	other := arrow.NewMetadata([]string{"k"}, []string{"v"})
	for _, tc := range []struct {
		name string
		f    arrow.Field
		want bool
	}{
		{"marked", UUIDField(arrow.Field{Name: "u", Type: fsb16}), true},
		{"marked, its other metadata kept", UUIDField(arrow.Field{Name: "u", Type: fsb16, Metadata: other}), true},
		{"unmarked", arrow.Field{Name: "u", Type: fsb16}, false},
		{"another extension", arrow.Field{Name: "u", Type: fsb16, Metadata: arrow.NewMetadata([]string{extensionNameKey}, []string{"x.y"})}, false},
		{"not 16 bytes", UUIDField(arrow.Field{Name: "u", Type: &arrow.FixedSizeBinaryType{ByteWidth: 8}}), false},
		{"not fixed-size binary", UUIDField(arrow.Field{Name: "u", Type: arrow.BinaryTypes.String}), false},
	} {
		if got := IsUUID(tc.f); got != tc.want {
			t.Errorf("%s: IsUUID = %v, want %v", tc.name, got, tc.want)
		}
	}
	if f := UUIDField(arrow.Field{Name: "u", Type: fsb16, Metadata: other}); f.Metadata.FindKey("k") < 0 {
		t.Error("UUIDField dropped the field's other metadata")
	}
}
