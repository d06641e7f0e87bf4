package writers

import (
	"fmt"
	"testing"

	"github.com/apache/arrow/go/v17/arrow"
	"github.com/apache/arrow/go/v17/arrow/array"
	"github.com/apache/arrow/go/v17/arrow/memory"
)

// TestTakeArrayKeepsEveryRow takes rows, repeated and out of order, of the
// types takeArray builds by hand rather than by Arrow's concatenation:
// run-end-encoded arrays (sliced, as batches cut them: Arrow v17's
// Concatenate read every row from the first runs), structs holding them,
// and unions (which Arrow v17 cannot concatenate).
func TestTakeArrayKeepsEveryRow(t *testing.T) {
	mem := memory.NewCheckedAllocator(memory.DefaultAllocator)
	defer mem.AssertSize(t, 0)
	str := func(vs ...string) arrow.Array {
		b := array.NewStringBuilder(mem)
		defer b.Release()
		for _, v := range vs {
			if v == "" {
				b.AppendNull()
			} else {
				b.Append(v)
			}
		}
		return b.NewArray()
	}
	i32 := func(vs ...int32) arrow.Array {
		b := array.NewInt32Builder(mem)
		defer b.Release()
		b.AppendValues(vs, nil)
		return b.NewArray()
	}
	i16 := func(vs ...int16) arrow.Array {
		b := array.NewInt16Builder(mem)
		defer b.Release()
		b.AppendValues(vs, nil)
		return b.NewArray()
	}

	values := str("a", "b", "", "d")
	ends32, ends16 := i32(3, 5, 6, 10), i16(3, 5, 6, 10)
	ree := array.NewRunEndEncodedArray(ends32, values, 10, 0)
	ree16 := array.NewRunEndEncodedArray(ends16, values, 10, 0)
	sliced := array.NewSlice(ree, 2, 9) // rows 2..8 of the runs a a a b b _ d d d d
	plain := str("p0", "p1", "", "p3", "p4", "p5", "p6")
	stData := array.NewData(arrow.StructOf(
		arrow.Field{Name: "r", Type: sliced.DataType(), Nullable: true},
		arrow.Field{Name: "s", Type: plain.DataType(), Nullable: true}), 7,
		[]*memory.Buffer{memory.NewBufferBytes([]byte{0b1111011})}, []arrow.ArrayData{sliced.Data(), plain.Data()}, 1, 0)
	st := array.NewStructData(stData)
	stData.Release()
	codes := array.NewInt8Builder(mem)
	codes.AppendValues([]int8{0, 1, 1, 0, 0, 1, 0}, nil)
	codeArr := codes.NewArray()
	codes.Release()
	head := array.NewSlice(ree, 0, 7)
	sparse, err := array.NewSparseUnionFromArrays(codeArr, []arrow.Array{plain, head})
	if err != nil {
		t.Fatal(err)
	}
	offsets := i32(0, 0, 1, 1, 2, 2, 3)
	xyz := str("x", "y", "z")
	dense, err := array.NewDenseUnionFromArrays(codeArr, offsets, []arrow.Array{plain, xyz})
	if err != nil {
		t.Fatal(err)
	}
	arrays := map[string]arrow.Array{"ree": ree, "ree int16 ends": ree16, "sliced ree": sliced, "struct": st, "sparse union": sparse, "dense union": dense}
	defer func() {
		for _, a := range []arrow.Array{values, ends32, ends16, plain, codeArr, offsets, head, xyz} {
			a.Release()
		}
		for _, a := range arrays {
			a.Release()
		}
	}()
	for name, arr := range arrays {
		for _, idx := range [][]int32{{0, 1, 2, 3, 4, 5, 6}, {6, 5, 4, 3, 2, 1, 0}, {3, 3, 0, 6, 6, 6, 1, 2}, {}, {4}} {
			t.Run(fmt.Sprintf("%s %v", name, idx), func(t *testing.T) {
				got, err := takeArray(mem, arr, idx)
				if err != nil {
					t.Fatal(err)
				}
				defer got.Release()
				if got.Len() != len(idx) {
					t.Fatalf("%d rows, want %d", got.Len(), len(idx))
				}
				for i, row := range idx {
					if g, w := got.ValueStr(i), arr.ValueStr(int(row)); g != w || got.IsNull(i) != arr.IsNull(int(row)) {
						t.Errorf("row %d (source %d): %q null=%v, want %q null=%v", i, row, g, got.IsNull(i), w, arr.IsNull(int(row)))
					}
				}
			})
		}
	}
}
