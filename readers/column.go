package readers

import (
	"github.com/apache/arrow/go/v17/arrow"
	"github.com/apache/arrow/go/v17/arrow/array"
	"github.com/apache/arrow/go/v17/arrow/bitutil"
	"github.com/apache/arrow/go/v17/arrow/memory"
)

// strCol builds one Arrow string column the way Arrow lays it out: all
// values back to back in one byte slice plus int32 offsets. Parsers append
// field bytes straight into it, and array() hands the slices to Arrow
// without copying, so a CSV field costs two appends and no allocation.
//
// Bytes appended after the last offset belong to the value being built;
// end() closes it. truncate drops them along with any later rows, which is
// how a bad row is rolled back.
type strCol struct {
	data  []byte
	offs  []int32 // offs[i] is where value i starts; len(offs) = rows+1
	valid []byte  // validity bitmap; nil while no value is null
	nulls int
}

// newStrCol makes an empty column with room for about rows values of bytes
// bytes in all, so that steady-state batches do not regrow their buffers.
// Its buffers come from columnBuffers.
func newStrCol(rows, bytes int) strCol {
	offs := columnBuffers.getInt32s(rows + 1)[:1]
	offs[0] = 0
	return strCol{data: columnBuffers.get(bytes), offs: offs}
}

// firstBuffers is the room each of ncols new columns gets before its first
// batch: enough that a narrow file's columns never regrow in steady state
// (1024 values, 16 KiB), but no more than columnBudget for all columns
// together, so a file of 150,000 columns costs a few MiB before its first
// row instead of gigabytes. Columns grow as values come.
func firstBuffers(ncols, maxRows int) (rows, bytes int) {
	ncols = max(ncols, 1)
	rows = min(maxRows, 1024, max(1, columnBudget/4/ncols))
	bytes = min(16<<10, columnBudget/ncols)
	return rows, bytes
}

// columnBudget bounds the buffers all new columns of a source get at first.
const columnBudget = 4 << 20

// len is the number of complete values.
func (c *strCol) len() int { return len(c.offs) - 1 }

// pending is the value being built: bytes appended since the last end().
func (c *strCol) pending() []byte { return c.data[c.offs[len(c.offs)-1]:] }

// appendPart adds bytes to the value being built, which may be huge.
func (c *strCol) appendPart(b []byte) { c.data = appendDoubling(c.data, b) }

// appendDoubling appends src to dst, growing dst by doubling rather than by
// append's factor of 1.25 for large slices: a 64 MiB field then costs
// 128 MiB of allocation in all, not 320.
func appendDoubling(dst, src []byte) []byte {
	if len(dst)+len(src) > cap(dst) {
		grown := make([]byte, len(dst), max(2*cap(dst), len(dst)+len(src)))
		copy(grown, dst)
		dst = grown
	}
	return append(dst, src...)
}

// append adds a complete value.
func (c *strCol) append(b []byte) {
	c.data = append(c.data, b...)
	c.end()
}

// end closes the value being built.
func (c *strCol) end() {
	c.offs = append(c.offs, int32(len(c.data)))
	if c.valid != nil {
		c.setValid(c.len()-1, true)
	}
}

// appendNull adds a null value, dropping any pending bytes.
func (c *strCol) appendNull() {
	c.data = c.data[:c.offs[len(c.offs)-1]]
	row := c.len()
	if c.valid == nil {
		c.valid = make([]byte, bitutil.BytesForBits(int64(row+1)), bitutil.BytesForBits(int64(cap(c.offs))))
		bitutil.SetBitsTo(c.valid, 0, int64(row), true)
	}
	c.offs = append(c.offs, c.offs[len(c.offs)-1])
	c.setValid(row, false)
	c.nulls++
}

// reopen makes the last value the one being built again, with sep
// appended, so that more bytes extend it; a null last value is dropped
// instead, to be replaced.
func (c *strCol) reopen(sep byte) {
	last := c.len() - 1
	if c.valid != nil && !bitutil.BitIsSet(c.valid, last) {
		c.truncate(last)
		return
	}
	c.offs = c.offs[:last+1]
	c.data = append(c.data, sep)
}

// padNulls appends nulls until the column has n values.
func (c *strCol) padNulls(n int) {
	for c.len() < n {
		c.appendNull()
	}
}

// setValid sets the validity bit of row, growing the bitmap as needed.
func (c *strCol) setValid(row int, ok bool) {
	for len(c.valid) <= row/8 {
		c.valid = append(c.valid, 0)
	}
	bitutil.SetBitTo(c.valid, row, ok)
}

// truncate keeps the first n values and drops the rest, pending bytes too.
func (c *strCol) truncate(n int) {
	if c.valid != nil && c.len() > n {
		c.nulls -= (c.len() - n) - bitutil.CountSetBits(c.valid, n, c.len()-n)
	}
	c.data = c.data[:c.offs[n]]
	c.offs = c.offs[:n+1]
}

// array hands the complete values to Arrow and leaves c empty, with fresh
// buffers as large as the ones handed over. Pending bytes are dropped.
func (c *strCol) array() *array.String {
	n, size := c.len(), int(c.offs[c.len()])
	a := c.wrap()
	*c = newStrCol(n, size)
	return a
}

// wrap makes an Arrow array of the complete values, sharing c's buffers.
// c must not be appended to afterwards: Arrow arrays are immutable.
func (c *strCol) wrap() *array.String {
	n := c.len()
	var valid *memory.Buffer
	if c.valid != nil {
		for int64(len(c.valid)) < bitutil.BytesForBits(int64(n)) {
			c.valid = append(c.valid, 0)
		}
		valid = memory.NewBufferBytes(c.valid)
	}
	offs := memory.NewBufferWithAllocator(arrow.GetBytes(c.offs), columnBuffers)
	data := memory.NewBufferWithAllocator(c.data[:c.offs[n]], columnBuffers)
	d := array.NewData(arrow.BinaryTypes.String, n, []*memory.Buffer{valid, offs, data}, nil, c.nulls, 0)
	offs.Release() // the array's references are the only ones: their
	data.Release() // release gives the buffers back to columnBuffers
	defer d.Release()
	return array.NewStringData(d)
}

// splitOff hands the first n values to Arrow and keeps the later ones, and
// the value being built, in fresh buffers. It lets a reader flush the
// complete rows of a batch while a row is half read.
func (c *strCol) splitOff(n int) *array.String {
	start := c.offs[n]
	tail := newStrCol(n, int(start))
	tail.data = append(tail.data, c.data[start:]...)
	tail.offs = tail.offs[:0]
	for _, o := range c.offs[n:] {
		tail.offs = append(tail.offs, o-start)
	}
	if c.valid != nil {
		rest := c.len() - n
		tail.valid = make([]byte, bitutil.BytesForBits(int64(rest)))
		bitutil.CopyBitmap(c.valid, n, rest, tail.valid, 0)
		tail.nulls = rest - bitutil.CountSetBits(tail.valid, 0, rest)
	}
	c.truncate(n)
	head := c.wrap()
	*c = tail
	return head
}
