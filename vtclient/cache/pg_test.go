package cache

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/url"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"golang.org/x/time/rate"

	"github.com/vtenrich/vtenrich/pipeline/ioc"
	"github.com/vtenrich/vtenrich/vtclient"
	"github.com/vtenrich/vtenrich/vtclient/cache/pgtest"
)

// The tests of what only a database cache does: URLs, the schema, the
// global rate limiter, a database that goes away.

func TestParsePGTarget(t *testing.T) {
	tests := []struct {
		in                      string
		schema, display, host   string
		conn, password, wantErr string
	}{
		{in: "postgres://u@db.example:5432/vt?sslmode=require",
			schema: "vtenrich", display: "postgres://u@db.example:5432/vt?sslmode=require", host: "db.example:5432",
			conn: "postgres://u@db.example:5432/vt?sslmode=require"},
		{in: "postgresql://u:s3cret@db/vt?schema=team_a&sslmode=disable",
			schema: "team_a", display: "postgresql://u@db/vt?schema=team_a&sslmode=disable", host: "db",
			conn: "postgresql://u:s3cret@db/vt?sslmode=disable", password: "s3cret"},
		{in: "postgres://db/vt?password=hunter22&user=u",
			schema: "vtenrich", display: "postgres://db/vt?user=u", host: "db",
			conn: "postgres://db/vt?password=hunter22&user=u", password: "hunter22"},
		{in: "postgres://db/vt?schema=Bad-Name", wantErr: "schema="},
		{in: "postgres://db/vt?schema=a&schema=b", wantErr: "schema="},
		{in: "postgres://u:pw@[db/vt", wantErr: "cannot read"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := parsePGTarget(tt.in)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) || strings.Contains(err.Error(), "pw@") {
					t.Fatalf("error %v, want one saying %q without the password", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got.schema != tt.schema || got.display != tt.display || got.host != tt.host || got.conn != tt.conn || got.password != tt.password {
				t.Errorf("got %+v", got)
			}
		})
	}
}

func TestPGText(t *testing.T) {
	for _, s := range []string{"evil.example.net", "http://x/\xff\x00", `\x41`, "", "ü"} {
		enc := pgText(s)
		if strings.ContainsRune(enc, 0) || !strings.HasPrefix(enc, hexPrefix) && enc != s {
			t.Errorf("pgText(%q) = %q", s, enc)
		}
		if back := fromPGText(enc); back != s {
			t.Errorf("fromPGText(pgText(%q)) = %q", s, back)
		}
	}
}

// TestPGUnreachable: a database that cannot be reached at Open is an
// error at once, naming the host and not the password.
func TestPGUnreachable(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close() // nobody listens there now
	_, err = Open("postgres://analyst:Sup3rSecret@"+addr+"/vt?connect_timeout=5", Options{})
	if err == nil {
		t.Fatal("Open of a database nobody serves: no error")
	}
	if msg := err.Error(); !strings.Contains(msg, addr) || strings.Contains(msg, "Sup3rSecret") {
		t.Errorf("error %q: want the host %s and never the password", msg, addr)
	}
}

// TestPGConcurrentOpen: processes that start at once on a new schema
// create and migrate it once, and all open it.
func TestPGConcurrentOpen(t *testing.T) {
	target := pgBackend.fresh(t)
	var wg sync.WaitGroup
	for range 6 {
		wg.Go(func() {
			s, err := openRetry(target, Options{UnsavedDir: t.TempDir()})
			if err != nil {
				t.Error(err)
				return
			}
			if v := stats(t, s).SchemaVersion; v != len(pgMigrations) {
				t.Errorf("schema version %d", v)
			}
			s.Close()
		})
	}
	wg.Wait()
}

// TestPGLimiterHoldsTheRate: two owners of one database (two processes)
// with 8 waiters each draw from one key's limiter at 40/s: together they
// get at most 40 slots, plus one of tolerance, in any second. The bound is
// an upper one: a loaded machine only makes the rate lower.
func TestPGLimiterHoldsTheRate(t *testing.T) {
	if testing.Short() {
		t.Skip("takes two seconds")
	}
	const perSecond, grants = 40, 80
	target := pgBackend.fresh(t)
	key := vtclient.KeyID("the team's key")
	var (
		mu    sync.Mutex
		times []time.Time
	)
	var wg sync.WaitGroup
	start := time.Now()
	for range 2 {
		s := pgBackend.open(t, target, Options{})
		l := s.Limiter(key, rate.Limit(perSecond), 1)
		for range 8 {
			wg.Go(func() {
				for {
					if err := l.Wait(context.Background()); err != nil {
						t.Error(err)
						return
					}
					mu.Lock()
					if len(times) == grants {
						mu.Unlock()
						return
					}
					times = append(times, time.Now())
					mu.Unlock()
				}
			})
		}
	}
	wg.Wait()
	most := pgtest.BusiestSecond(times)
	t.Logf("%d slots in %v for 2 owners at %d/s: %.1f/s; at most %d in any second",
		grants, time.Since(start).Round(time.Millisecond), perSecond, float64(grants)/time.Since(start).Seconds(), most)
	if most > perSecond+1 {
		t.Errorf("%d slots in one second, want at most %d", most, perSecond+1)
	}
}

// TestPGLimiterBatches: waiters that queue while a reservation is in
// flight share the next one, so a fast key costs fewer round trips than
// requests; a slow key's limiter reserves one slot at a time.
func TestPGLimiterBatches(t *testing.T) {
	s := pgBackend.openNew(t, Options{})
	key := vtclient.KeyID("k")
	if l := s.Limiter(key, rate.Limit(4.0/60), 1).(*pgLimiter); l.batch != 1 {
		t.Errorf("4/min: %d slots a reservation, want 1", l.batch)
	}
	if s.Limiter(key, rate.Inf, 1) != nil {
		t.Error("an unlimited rate got a database limiter")
	}
	l := s.Limiter(key, rate.Limit(100000), 1).(*pgLimiter)
	if l.batch != maxSlotBatch {
		t.Errorf("100000/s: %d slots a reservation, want %d", l.batch, maxSlotBatch)
	}
	var wg sync.WaitGroup
	for range 32 {
		wg.Go(func() {
			for range 20 {
				if err := l.Wait(context.Background()); err != nil {
					t.Error(err)
					return
				}
			}
		})
	}
	wg.Wait()
	var tat time.Time
	p := s.(*PG)
	if err := p.pool.QueryRow(context.Background(), `SELECT tat FROM rate_limits WHERE key_id = $1`, key).Scan(&tat); err != nil {
		t.Fatal(err)
	}
	if tat.IsZero() {
		t.Error("no limiter state in the database")
	}
}

// proxy is a TCP forwarder to the test server that a test can cut, as a
// database restart or a network outage would, without disturbing the
// other tests that use the server.
type proxy struct {
	t      testing.TB
	addr   string
	target string

	mu    sync.Mutex
	ln    net.Listener
	conns []net.Conn
}

func newProxy(t testing.TB, target string) *proxy {
	p := &proxy{t: t, target: target}
	p.restore()
	p.addr = p.ln.Addr().String()
	t.Cleanup(p.cut)
	return p
}

// restore listens again (on the same address) and forwards.
func (p *proxy) restore() {
	addr := p.addr
	if addr == "" {
		addr = "127.0.0.1:0"
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		p.t.Fatal(err)
	}
	p.mu.Lock()
	p.ln = ln
	p.mu.Unlock()
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			s, err := net.Dial("tcp", p.target)
			if err != nil {
				c.Close()
				continue
			}
			p.mu.Lock()
			p.conns = append(p.conns, c, s)
			p.mu.Unlock()
			go func() { io.Copy(s, c); s.Close() }()
			go func() { io.Copy(c, s); c.Close() }()
		}
	}()
}

// cut closes the listener and every connection.
func (p *proxy) cut() {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.ln != nil {
		p.ln.Close()
		p.ln = nil
	}
	for _, c := range p.conns {
		c.Close()
	}
	p.conns = nil
}

// throughProxy is target (a postgres URL) reached through a new proxy.
func throughProxy(t *testing.T, target string) (string, *proxy) {
	u, err := url.Parse(target)
	if err != nil {
		t.Fatal(err)
	}
	p := newProxy(t, u.Host)
	u.Host = p.addr
	return u.String(), p
}

// TestPGOutage: the database goes away for a moment (a restart): the
// operations in flight retry and succeed once it is back, with nothing
// lost; the user is told it went and came back.
func TestPGOutage(t *testing.T) {
	target, px := throughProxy(t, pgBackend.fresh(t))
	var w warnings
	s := pgBackend.open(t, target, Options{Warn: w.warn, FlushInterval: 10 * time.Millisecond})
	ctx := context.Background()
	put(t, s, found(ioc.DNS, domain(0), 0))
	flush(t, s)
	px.cut()
	done := make(chan error, 1)
	go func() {
		cl, err := s.Claim(ctx, []Key{{ioc.DNS, domain(1)}}, false, false)
		if err == nil && cl[0].State != Claimed {
			err = fmt.Errorf("claim after the outage: %v", cl[0].State)
		}
		if err == nil {
			err = s.Put(ctx, found(ioc.DNS, domain(1), 1))
		}
		if err == nil {
			err = s.Flush(ctx)
		}
		done <- err
	}()
	waitFor(t, func() bool { return strings.Contains(w.all(), "lost the database") })
	px.restore()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	for i := range 2 {
		if _, ok := get(t, s, ioc.DNS, domain(i), false); !ok {
			t.Errorf("answer %d lost", i)
		}
	}
	if !strings.Contains(w.all(), "is back") {
		t.Errorf("warnings: %q", w.all())
	}
}

// TestPGUnavailable: a database gone for longer than Options.Retry fails
// the operations with an UnavailableError (ErrCacheFull too: stop
// fetching), keeps the answers it could not store in the local side file,
// and the next Open imports them.
func TestPGUnavailable(t *testing.T) {
	target, px := throughProxy(t, pgBackend.fresh(t))
	dir := t.TempDir()
	var w warnings
	s, err := openRetry(target, Options{Warn: w.warn, Retry: 300 * time.Millisecond, UnsavedDir: dir, FlushInterval: 10 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	px.cut()
	for i := range 3 {
		s.Put(ctx, found(ioc.DNS, domain(i), i))
	}
	err = s.Flush(ctx)
	var ue *UnavailableError
	if !errors.As(err, &ue) || !errors.Is(err, ErrCacheFull) || !errors.Is(err, ErrUnavailable) {
		t.Fatalf("Flush with the database gone: %v", err)
	}
	if !strings.HasPrefix(ue.Unsaved, dir) || !strings.Contains(err.Error(), ue.Unsaved) {
		t.Errorf("error %q, side file %s", err, ue.Unsaved)
	}
	if _, err := os.Stat(ue.Unsaved); err != nil {
		t.Fatalf("no side file: %v", err)
	}
	if _, ok := get(t, s, ioc.DNS, domain(0), false); !ok {
		t.Error("an answer in the side file is not visible")
	}
	if _, err := s.Claim(ctx, []Key{{ioc.DNS, domain(7)}}, false, false); !errors.Is(err, ErrCacheFull) {
		t.Errorf("Claim with the database gone: %v", err)
	}
	s.Close()

	px.restore()
	s2 := pgBackend.open(t, target, Options{Warn: w.warn, UnsavedDir: dir})
	for i := range 3 {
		if _, ok := get(t, s2, ioc.DNS, domain(i), false); !ok {
			t.Errorf("answer %d of the side file not imported", i)
		}
	}
	if _, err := os.Stat(ue.Unsaved); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("the side file is left after its import: %v", err)
	}
}

// waitFor polls cond for up to 30 s.
func waitFor(t *testing.T, cond func() bool) {
	t.Helper()
	for deadline := time.Now().Add(30 * time.Second); !cond(); time.Sleep(5 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatal("timed out")
		}
	}
}
