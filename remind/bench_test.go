package remind

import (
	"context"
	"path/filepath"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchbot/stretchbot/coach"
	"github.com/stretchbot/stretchbot/store"
)

// benchZones are real zones spread around the world, with whole, half and
// three-quarter hour offsets.
var benchZones = []string{
	"Europe/London", "Europe/Berlin", "Europe/Moscow", "Asia/Kolkata", "Asia/Kathmandu",
	"Asia/Shanghai", "Asia/Tokyo", "Australia/Adelaide", "Australia/Sydney", "Pacific/Auckland",
	"America/New_York", "America/Chicago", "America/Denver", "America/Los_Angeles", "America/Sao_Paulo",
	"Africa/Lagos", "Africa/Nairobi", "Asia/Dubai", "America/St_Johns", "Australia/Lord_Howe",
}

// BenchmarkTick100k measures one firing (one Tick, one new minute) with
// 100,000 users registered in a real store: mornings spread over
// 06:00-08:55 and evenings over 18:00-20:55 in 5-minute steps, in 20 zones.
// The handler only counts, so this is the scheduler's own cost: the zone
// list, one index lookup per zone, the hand-over to the worker pool and the
// bookkeeping write. users/op is how many users were due per firing.
func BenchmarkTick100k(b *testing.B) {
	const users = 100_000
	db, err := store.Open(filepath.Join(b.TempDir(), "bench.db"), store.Options{NoSync: true})
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	ctx := context.Background()
	var wg sync.WaitGroup
	var next atomic.Int64
	start := time.Date(2026, 11, 25, 0, 0, 0, 0, time.UTC)
	for range 64 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				u := int(next.Add(1))
				if u > users {
					return
				}
				step := coach.Clock((u / len(benchZones)) % 36 * 5)
				st := coach.State{
					User: coach.UserID(u), Phase: coach.PhaseIdle,
					Profile: coach.Profile{
						Zone: benchZones[u%len(benchZones)], Morning: 6*60 + step, Evening: 18*60 + step,
						Onboarded: true, QuietStart: 22 * 60, QuietEnd: 7 * 60, DayBoundary: 4 * 60,
					},
					Created: start, Updated: start,
				}
				if err := db.Save(ctx, st, nil); err != nil {
					b.Error(err)
					return
				}
			}
		}()
	}
	wg.Wait()

	var due atomic.Int64
	s := New(db, func(ctx context.Context, u coach.UserID, in coach.Input) error {
		due.Add(1)
		return nil
	}, Options{Logger: quietLog})
	if _, err := s.Tick(ctx, start); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 1; i <= b.N; i++ {
		if _, err := s.Tick(ctx, start.Add(time.Duration(i)*time.Minute)); err != nil {
			b.Fatal(err)
		}
	}
	b.StopTimer()
	b.ReportMetric(float64(due.Load())/float64(b.N), "users/op")
}
