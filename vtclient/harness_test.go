package vtclient_test

import (
	"context"
	"net/http"
	"sync"
	"testing"
	"testing/synctest"

	"github.com/vtenrich/vtenrich/pipeline/ioc"
	"github.com/vtenrich/vtenrich/vtclient"
	"github.com/vtenrich/vtenrich/vtclient/vtfake"
)

// testKey is the API key of the harness unless a test sets one.
const testKey = "test-key-0123456789"

// harness is a Client wired to an in-memory vtfake server. Build it inside
// a synctest bubble, so that every sleep and limiter wait is fake time.
type harness struct {
	t     *testing.T
	fake  *vtfake.Server
	ps    *vtfake.PipeServer
	c     *vtclient.Client
	mu    sync.Mutex
	notes []string
	// wrapped: a handler stands in front of the fake, which may not see
	// every request.
	wrapped bool
}

// newHarness starts a fake with fo (or the handler wrap makes of it) and a
// client with cfg pointed at it.
func newHarness(t *testing.T, fo vtfake.Options, cfg vtclient.Config, wrap ...func(http.Handler) http.Handler) *harness {
	t.Helper()
	fake, err := vtfake.New(fo)
	if err != nil {
		t.Fatal(err)
	}
	var h http.Handler = fake
	for _, w := range wrap {
		h = w(h)
	}
	hs := &harness{t: t, fake: fake, ps: vtfake.NewPipeServer(h), wrapped: len(wrap) > 0}
	cfg.BaseURL, cfg.HTTPClient = hs.ps.URL, hs.ps.Client()
	if cfg.APIKey == "" {
		cfg.APIKey = testKey
	}
	if cfg.Notify == nil {
		cfg.Notify = func(msg string) {
			hs.mu.Lock()
			hs.notes = append(hs.notes, msg)
			hs.mu.Unlock()
		}
	}
	hs.c, err = vtclient.New(cfg)
	if err != nil {
		hs.ps.Close()
		t.Fatal(err)
	}
	return hs
}

// close stops the server so that the bubble ends with no goroutine left,
// and checks that the client counted every request the server saw.
func (h *harness) close() {
	h.t.Helper()
	h.ps.Close()
	if got, want := h.c.Stats().Requests, int64(len(h.fake.Log())); got != want && !h.wrapped {
		h.t.Errorf("client sent %d requests, server saw %d", got, want)
	}
}

func (h *harness) lookup(t ioc.Type, obs string) (vtclient.Result, error) {
	return h.c.Lookup(context.Background(), t, obs)
}

// requests is the number of requests the fake has seen, once every
// handler has finished (a stalled one logs when the client gives up).
func (h *harness) requests() int {
	synctest.Wait()
	return len(h.fake.Log())
}

func (h *harness) messages() []string {
	h.mu.Lock()
	defer h.mu.Unlock()
	return append([]string(nil), h.notes...)
}
