package store

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/stretchbot/stretchbot/coach"
	bolt "go.etcd.io/bbolt"
)

// BenchmarkSave measures durable saves (fsync on) from many concurrent
// users: 32 goroutines per CPU, each saving its own users' state and one
// record, so bbolt's Batch can share fsyncs between them.
func BenchmarkSave(b *testing.B) {
	db := openTest(b, Options{})
	var next atomic.Int64
	b.SetParallelism(32)
	b.ReportAllocs()
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		ctx := context.Background()
		u := coach.UserID(next.Add(1))
		st := onboarded(u, "Europe/Paris", 420, 1140)
		rec := []coach.Record{routine(t0, 2)}
		for pb.Next() {
			st.Turn++
			if err := db.Save(ctx, st, rec); err != nil {
				b.Error(err)
				return
			}
		}
	})
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "saves/s")
}

// dueBench is the shared 100k-user database of BenchmarkDue, built once.
var dueBench struct {
	once sync.Once
	dir  string
	db   *DB
	err  error
}

const (
	benchUsers = 100_000
	benchZones = 400
)

// benchZone and benchClock place user u: 400 zones, mornings spread over
// 06:00-08:59 and evenings over 18:00-20:59 in 5-minute steps.
func benchZone(u int) string { return fmt.Sprintf("Zone/%03d", u%benchZones) }
func benchClock(u int, evening bool) coach.Clock {
	c := coach.Clock(6*60 + (u/benchZones)%36*5)
	if evening {
		c += 12 * 60
	}
	return c
}

// openDueBench builds (once) a database of benchUsers users in benchZones
// zones, writing them in large transactions with fsync off.
func openDueBench() (*DB, error) {
	dueBench.once.Do(func() {
		dueBench.dir, dueBench.err = os.MkdirTemp("", "stretchbot-bench-")
		if dueBench.err != nil {
			return
		}
		db, err := Open(filepath.Join(dueBench.dir, "due.db"), Options{NoSync: true})
		if err != nil {
			dueBench.err = err
			return
		}
		dueBench.db = db
		const perTx = 10_000
		for start := 0; start < benchUsers && dueBench.err == nil; start += perTx {
			dueBench.err = db.bolt.Update(func(tx *bolt.Tx) error {
				for u := start; u < start+perTx; u++ {
					st := onboarded(coach.UserID(u+1), benchZone(u), benchClock(u, false), benchClock(u, true))
					v, err := json.Marshal(st)
					if err != nil {
						return err
					}
					w := write{user: st.User, key: userKey(st.User), state: v, entry: entryOf(st.Profile, st.WakeAt)}
					if err := w.apply(tx); err != nil {
						return err
					}
				}
				return nil
			})
		}
	})
	return dueBench.db, dueBench.err
}

func TestMain(m *testing.M) {
	code := m.Run()
	if dueBench.db != nil {
		_ = dueBench.db.Close()
	}
	if dueBench.dir != "" {
		_ = os.RemoveAll(dueBench.dir)
	}
	os.Exit(code)
}

// BenchmarkDue measures one reminder firing's index lookup with 100k users
// in 400 zones: about 7 users are due per (zone, minute).
func BenchmarkDue(b *testing.B) {
	db, err := openDueBench()
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	found := 0
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		u := i % benchUsers
		got, err := db.Due(ctx, benchZone(u), benchClock(u, i%2 == 1))
		if err != nil {
			b.Fatal(err)
		}
		if len(got) == 0 {
			b.Fatalf("nobody due in %s at %d", benchZone(u), benchClock(u, i%2 == 1))
		}
		found += len(got)
	}
	b.ReportMetric(float64(found)/float64(b.N), "users/op")
	b.ReportMetric(float64(db.Size())/(1<<20), "MiB-file")
}

// BenchmarkZones measures listing the distinct zones of 100k users.
func BenchmarkZones(b *testing.B) {
	db, err := openDueBench()
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		z, err := db.Zones(ctx)
		if err != nil || len(z) != benchZones {
			b.Fatalf("Zones = %d, %v", len(z), err)
		}
	}
}
