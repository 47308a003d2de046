package bot

import (
	"sync"
	"time"
)

// floodGuard is a token bucket per user (see Flood). It is safe for
// concurrent use.
type floodGuard struct {
	burst float64
	rate  float64 // tokens per second

	mu      sync.Mutex
	buckets map[int64]*bucket
}

type bucket struct {
	tokens float64
	at     time.Time
	noted  bool // the "slow down" note was sent for this flood
}

func newFloodGuard(f Flood) *floodGuard {
	return &floodGuard{
		burst:   float64(f.Burst),
		rate:    float64(f.Burst) / f.Window.Seconds(),
		buckets: map[int64]*bucket{},
	}
}

// allow takes a token for the user at now. When there is none it reports
// false, and note is true for the first refusal of a flood: the one that
// deserves a "slow down" note.
func (g *floodGuard) allow(user int64, now time.Time) (ok, note bool) {
	g.mu.Lock()
	defer g.mu.Unlock()
	b := g.buckets[user]
	if b == nil {
		if len(g.buckets) >= 4096 {
			g.pruneLocked(now)
		}
		b = &bucket{tokens: g.burst, at: now}
		g.buckets[user] = b
	}
	if el := now.Sub(b.at).Seconds(); el > 0 {
		b.tokens = min(g.burst, b.tokens+el*g.rate)
	}
	b.at = now
	if b.tokens >= 1 {
		b.tokens--
		b.noted = false
		return true, false
	}
	if b.noted {
		return false, false
	}
	b.noted = true
	return false, true
}

// pruneLocked forgets users whose buckets have refilled: they are
// indistinguishable from new ones.
func (g *floodGuard) pruneLocked(now time.Time) {
	for id, b := range g.buckets {
		if b.tokens+now.Sub(b.at).Seconds()*g.rate >= g.burst {
			delete(g.buckets, id)
		}
	}
}
