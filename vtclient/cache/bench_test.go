package cache

import (
	"context"
	"fmt"
	"testing"

	"github.com/vtenrich/vtenrich/pipeline/ioc"
	"github.com/vtenrich/vtenrich/vtclient"
)

// warmCache holds n results of every type but files, plus n files under
// three hashes each, all flushed to disk.
func warmCache(b *testing.B, n int) (*Cache, []Key) {
	c := openTest(b, Options{})
	var keys []Key
	for i := range n {
		md5, _, _ := fileHashes(i)
		for _, r := range []vtclient.Result{
			found(ioc.DNS, domain(i)+fmt.Sprint(i), i),
			found(ioc.IPv4, fmt.Sprintf("198.51.%d.%d", i/256, i%256), i),
			found(ioc.MD5, md5, i),
		} {
			if err := c.Put(context.Background(), r); err != nil {
				b.Fatal(err)
			}
			keys = append(keys, Key{r.Type, r.Observable})
		}
	}
	if err := c.Flush(context.Background()); err != nil {
		b.Fatal(err)
	}
	return c, keys
}

func lookupsPerSecond(b *testing.B, lookups int) {
	b.ReportMetric(float64(lookups)/b.Elapsed().Seconds(), "lookups/s")
}

// BenchmarkGetWarm: lookups served from a warm cache (every key a hit).
func BenchmarkGetWarm(b *testing.B) {
	c, keys := warmCache(b, 10000)
	ctx := context.Background()
	for _, withRaw := range []bool{false, true} {
		b.Run(fmt.Sprintf("Get/raw=%v", withRaw), func(b *testing.B) {
			i := 0
			for b.Loop() {
				k := keys[i%len(keys)]
				if _, ok, err := c.Get(ctx, k.Type, k.Observable, withRaw); !ok || err != nil {
					b.Fatal(ok, err)
				}
				i++
			}
			lookupsPerSecond(b, i)
		})
	}
	b.Run("Get/parallel", func(b *testing.B) {
		b.RunParallel(func(pb *testing.PB) {
			i := 0
			for pb.Next() {
				k := keys[i%len(keys)]
				if _, ok, err := c.Get(ctx, k.Type, k.Observable, false); !ok || err != nil {
					b.Error(ok, err)
					return
				}
				i++
			}
		})
		lookupsPerSecond(b, b.N)
	})
	for _, size := range []int{100, 1000} {
		b.Run(fmt.Sprintf("GetMany/%d", size), func(b *testing.B) {
			n := 0
			for b.Loop() {
				start := n % (len(keys) - size)
				rs, err := c.GetMany(ctx, keys[start:start+size], false)
				if err != nil || !rs[size-1].FromCache {
					b.Fatal(err)
				}
				n += size
			}
			lookupsPerSecond(b, n)
		})
	}
}

// BenchmarkClaim: the cost per key of Claim, the write transaction a
// lookup takes before it is sent: keys answered (hits), keys claimed
// (misses, each claim then released by Put's transaction in real use; here
// by Release, outside the timer), one key a call and a batch of 100.
func BenchmarkClaim(b *testing.B) {
	c, keys := warmCache(b, 10000)
	ctx := context.Background()
	perKey := func(b *testing.B, n int) {
		b.ReportMetric(float64(b.Elapsed().Microseconds())/float64(n), "µs/key")
	}
	for _, size := range []int{1, 100} {
		b.Run(fmt.Sprintf("hit/%d", size), func(b *testing.B) {
			n := 0
			for b.Loop() {
				start := n % (len(keys) - size)
				cl, err := c.Claim(ctx, keys[start:start+size], false, false)
				if err != nil || cl[size-1].State != Answered {
					b.Fatal(err)
				}
				n += size
			}
			perKey(b, n)
		})
		b.Run(fmt.Sprintf("miss/%d", size), func(b *testing.B) {
			n := 0
			batch := make([]Key, size)
			for b.Loop() {
				for i := range batch {
					batch[i] = Key{ioc.DNS, fmt.Sprintf("absent-%d.example.net", n+i)}
				}
				cl, err := c.Claim(ctx, batch, false, false)
				if err != nil || cl[size-1].State != Claimed {
					b.Fatal(err)
				}
				b.StopTimer()
				if err := c.Release(ctx, batch); err != nil {
					b.Fatal(err)
				}
				b.StartTimer()
				n += size
			}
			perKey(b, n)
		})
	}
}

// BenchmarkGetWarmRealObject: hits on the real 34 KiB v3 file object, with
// and without the raw object (--raw decompresses it).
func BenchmarkGetWarmRealObject(b *testing.B) {
	c := openTest(b, Options{})
	ctx := context.Background()
	file := fixture(b, "vt3_file_object.json")
	const n = 2000
	for i := range n {
		md5, _, _ := fileHashes(i)
		r := found(ioc.MD5, md5, i)
		r.Raw = file
		if err := c.Put(ctx, r); err != nil {
			b.Fatal(err)
		}
	}
	if err := c.Flush(ctx); err != nil {
		b.Fatal(err)
	}
	for _, withRaw := range []bool{false, true} {
		b.Run(fmt.Sprintf("raw=%v", withRaw), func(b *testing.B) {
			i := 0
			for b.Loop() {
				md5, _, _ := fileHashes(i % n)
				if _, ok, err := c.Get(ctx, ioc.MD5, md5, withRaw); !ok || err != nil {
					b.Fatal(ok, err)
				}
				i++
			}
			lookupsPerSecond(b, i)
		})
	}
}

// BenchmarkGetMiss: the cost of asking for something the cache lacks, the
// hot path of every new observable.
func BenchmarkGetMiss(b *testing.B) {
	c, _ := warmCache(b, 10000)
	ctx := context.Background()
	b.Run("Get", func(b *testing.B) {
		i := 0
		for b.Loop() {
			if _, ok, err := c.Get(ctx, ioc.DNS, fmt.Sprintf("absent-%d.example.net", i), false); ok || err != nil {
				b.Fatal(ok, err)
			}
			i++
		}
		lookupsPerSecond(b, i)
	})
	b.Run("GetMany/1000", func(b *testing.B) {
		keys := make([]Key, 1000)
		for i := range keys {
			keys[i] = Key{ioc.DNS, fmt.Sprintf("absent-%d.example.net", i)}
		}
		n := 0
		for b.Loop() {
			if _, err := c.GetMany(ctx, keys, false); err != nil {
				b.Fatal(err)
			}
			n += len(keys)
		}
		lookupsPerSecond(b, n)
	})
}

// BenchmarkPut: results stored per second, through to the disk (the timer
// includes the final Flush). Files are stored under three keys.
func BenchmarkPut(b *testing.B) {
	ctx := context.Background()
	file := fixture(b, "vt3_file_object.json")
	for _, kind := range []string{"dns", "file", "file-34KiB-raw"} {
		b.Run(kind, func(b *testing.B) {
			c := openTest(b, Options{})
			i := 0
			for b.Loop() {
				var r vtclient.Result
				switch kind {
				case "dns":
					r = found(ioc.DNS, fmt.Sprintf("h%d.example.net", i), i)
				case "file":
					md5, _, _ := fileHashes(i)
					r = found(ioc.MD5, md5, i)
				default:
					md5, _, _ := fileHashes(i)
					r = found(ioc.MD5, md5, i)
					r.Raw = file
				}
				if err := c.Put(ctx, r); err != nil {
					b.Fatal(err)
				}
				i++
			}
			if err := c.Flush(ctx); err != nil {
				b.Fatal(err)
			}
			b.ReportMetric(float64(i)/b.Elapsed().Seconds(), "results/s")
		})
	}
}

// BenchmarkReserve: one ledger reservation, a committed transaction each,
// with synchronous=FULL (what Open sets) and NORMAL for comparison.
func BenchmarkReserve(b *testing.B) {
	ctx := context.Background()
	for _, sync := range []string{"FULL", "NORMAL"} {
		b.Run(sync, func(b *testing.B) {
			c := openTest(b, Options{})
			if _, err := c.w.Exec("PRAGMA synchronous = " + sync); err != nil {
				b.Fatal(err)
			}
			for b.Loop() {
				if _, err := c.Reserve(ctx, vtclient.KeyID("k"), "2026-03-02", 0); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
