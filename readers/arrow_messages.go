package readers

import (
	"encoding/binary"
	"fmt"
	"io"
	"sync/atomic"

	"github.com/apache/arrow/go/v17/arrow/ipc"
	"github.com/apache/arrow/go/v17/arrow/memory"
)

// maxIPCMetadata bounds the flatbuffer metadata of one IPC message. Real
// metadata is kilobytes (megabytes for tens of thousands of columns).
const maxIPCMetadata = 64 << 20

// ipcContinuation marks the start of an IPC message (format 0.15 and later).
const ipcContinuation = 0xFFFFFFFF

// boundedMessageReader reads IPC stream messages as Arrow's own message
// reader does, but checks the metadata length before allocating it: Arrow's
// reader makes a buffer of whatever int32 the stream claims, up to 2 GiB,
// outside any allocator. Message bodies go through the (capped) allocator.
type boundedMessageReader struct {
	r        io.Reader
	mem      memory.Allocator
	msg      *ipc.Message // the last message; it is released when the next is read
	refCount atomic.Int64
}

// newBoundedMessageReader reads messages from r.
func newBoundedMessageReader(r io.Reader, mem memory.Allocator) *boundedMessageReader {
	m := &boundedMessageReader{r: r, mem: mem}
	m.refCount.Store(1)
	return m
}

// Message reads the next message, or returns io.EOF at the end-of-stream
// marker or the end of input.
func (m *boundedMessageReader) Message() (*ipc.Message, error) {
	var word [4]byte
	if _, err := io.ReadFull(m.r, word[:]); err != nil {
		return nil, fmt.Errorf("arrow/ipc: could not read continuation indicator: %w", err)
	}
	n := binary.LittleEndian.Uint32(word[:])
	if n == ipcContinuation {
		if _, err := io.ReadFull(m.r, word[:]); err != nil {
			return nil, fmt.Errorf("arrow/ipc: could not read message length: %w", err)
		}
		n = binary.LittleEndian.Uint32(word[:])
	}
	if n == 0 {
		return nil, io.EOF // end-of-stream marker
	}
	if n > maxIPCMetadata {
		return nil, fmt.Errorf("arrow/ipc: message metadata of %d bytes, more than %d: a corrupt length?", n, maxIPCMetadata)
	}
	meta := memory.NewBufferBytes(make([]byte, n))
	if _, err := io.ReadFull(m.r, meta.Bytes()); err != nil {
		return nil, fmt.Errorf("arrow/ipc: could not read message metadata: %w", err)
	}
	if err := checkSchemaMessage(meta.Bytes()); err != nil {
		return nil, err
	}
	empty := memory.NewBufferBytes(nil)
	probe := ipc.NewMessage(meta, empty)
	bodyLen := probe.BodyLen()
	probe.Release()
	if bodyLen < 0 {
		return nil, fmt.Errorf("arrow/ipc: negative message body length %d", bodyLen)
	}
	body := memory.NewResizableBuffer(m.mem)
	defer body.Release()
	body.Resize(int(bodyLen))
	if _, err := io.ReadFull(m.r, body.Bytes()); err != nil {
		return nil, fmt.Errorf("arrow/ipc: could not read message body: %w", err)
	}
	if m.msg != nil {
		m.msg.Release()
	}
	m.msg = ipc.NewMessage(meta, body)
	return m.msg, nil
}

// Retain implements ipc.MessageReader.
func (m *boundedMessageReader) Retain() { m.refCount.Add(1) }

// Release implements ipc.MessageReader.
func (m *boundedMessageReader) Release() {
	if m.refCount.Add(-1) == 0 && m.msg != nil {
		m.msg.Release()
		m.msg = nil
	}
}
