package vtfake

import (
	"context"
	"net"
	"net/http"
	"sync"
	"syscall"
)

// PipeListener is an in-memory net.Listener whose connections are
// net.Pipe pairs. Under testing/synctest a server on a real socket keeps
// the bubble from ever being idle (a goroutine blocked on network I/O is
// not durably blocked), so fake time would never advance; pipes block on
// channels, which the bubble sees through.
type PipeListener struct {
	conns chan net.Conn
	done  chan struct{}
	once  sync.Once
}

// NewPipeListener returns a listener ready to Accept and DialContext.
func NewPipeListener() *PipeListener {
	return &PipeListener{conns: make(chan net.Conn), done: make(chan struct{})}
}

// Accept implements net.Listener.
func (l *PipeListener) Accept() (net.Conn, error) {
	select {
	case c := <-l.conns:
		return c, nil
	case <-l.done:
		return nil, net.ErrClosed
	}
}

// Close implements net.Listener.
func (l *PipeListener) Close() error {
	l.once.Do(func() { close(l.done) })
	return nil
}

// Addr implements net.Listener.
func (l *PipeListener) Addr() net.Addr { return pipeAddr{} }

// DialContext connects to the listener, for http.Transport.DialContext.
func (l *PipeListener) DialContext(ctx context.Context, _, _ string) (net.Conn, error) {
	client, server := net.Pipe()
	select {
	case l.conns <- server:
		return client, nil
	case <-l.done:
		return nil, &net.OpError{Op: "dial", Net: "pipe", Addr: pipeAddr{}, Err: syscall.ECONNREFUSED}
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

type pipeAddr struct{}

// Network implements net.Addr.
func (pipeAddr) Network() string { return "pipe" }

// String implements net.Addr.
func (pipeAddr) String() string { return "vtfake.pipe:80" }

// PipeServer serves a handler over a PipeListener: an httptest.Server
// without sockets, for tests under testing/synctest.
type PipeServer struct {
	// URL is the base URL to give the client ("http://vtfake.pipe").
	URL      string
	listener *PipeListener
	server   *http.Server
	client   *http.Client
	done     chan struct{}
}

// NewPipeServer starts serving h in memory.
func NewPipeServer(h http.Handler) *PipeServer {
	l := NewPipeListener()
	ps := &PipeServer{
		URL:      "http://vtfake.pipe",
		listener: l,
		server:   &http.Server{Handler: h},
		client:   &http.Client{Transport: &http.Transport{DialContext: l.DialContext}},
		done:     make(chan struct{}),
	}
	go func() {
		defer close(ps.done)
		_ = ps.server.Serve(l)
	}()
	return ps
}

// Client is an http.Client whose connections go to the server.
func (ps *PipeServer) Client() *http.Client { return ps.client }

// Close closes the client's idle connections, then the server and every
// connection it has, and waits for it to stop, so that a synctest bubble
// has no goroutine left.
func (ps *PipeServer) Close() {
	ps.client.CloseIdleConnections()
	_ = ps.server.Close()
	<-ps.done
}
