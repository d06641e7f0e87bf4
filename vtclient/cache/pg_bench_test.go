package cache

import (
	"context"
	"fmt"
	"testing"

	"golang.org/x/time/rate"

	"github.com/vtenrich/vtenrich/pipeline/ioc"
	"github.com/vtenrich/vtenrich/vtclient"
)

// BenchmarkPGClaim is the cost of what the pipeline does per lookup on a
// database cache: a Claim of a key nobody holds, then the Put of its
// answer and its flush.
func BenchmarkPGClaim(b *testing.B) {
	s := pgBackend.openNew(b, Options{})
	ctx := context.Background()
	b.ResetTimer()
	for i := range b.N {
		k := Key{ioc.DNS, fmt.Sprintf("bench-%d.example.net", i)}
		if _, err := s.Claim(ctx, []Key{k}, false, false); err != nil {
			b.Fatal(err)
		}
		if err := s.Put(ctx, found(k.Type, k.Observable, i)); err != nil {
			b.Fatal(err)
		}
	}
	flush(b, s)
}

// BenchmarkPGReserveSlot is one round trip to the limiter's row.
func BenchmarkPGReserveSlot(b *testing.B) {
	s := pgBackend.openNew(b, Options{})
	l := s.Limiter(vtclient.KeyID("k"), rate.Limit(1e9), 1).(*pgLimiter)
	b.ResetTimer()
	for range b.N {
		if _, err := l.reserve(context.Background(), 1); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkPGLimiterThroughput: 32 waiters on a key whose rate is far
// above what the database can hand out one slot at a time: the slots a
// second that batching gives (ns/op is the time per slot).
func BenchmarkPGLimiterThroughput(b *testing.B) {
	for _, per := range []float64{1000, 100000} {
		b.Run(fmt.Sprintf("%g/s", per), func(b *testing.B) {
			s := pgBackend.openNew(b, Options{})
			l := s.Limiter(vtclient.KeyID("k"), rate.Limit(per), 1)
			b.SetParallelism(16) // 32 goroutines on 2 cores
			b.ResetTimer()
			b.RunParallel(func(pb *testing.PB) {
				for pb.Next() {
					if err := l.Wait(context.Background()); err != nil {
						b.Error(err)
						return
					}
				}
			})
		})
	}
}
