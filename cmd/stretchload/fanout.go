package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"sync"
	"time"

	"github.com/stretchbot/stretchbot/bot"
	"github.com/stretchbot/stretchbot/bot/telegramtest"
	"github.com/stretchbot/stretchbot/clock"
	"github.com/stretchbot/stretchbot/coach"
	"github.com/stretchbot/stretchbot/remind"
	"github.com/stretchbot/stretchbot/store"
)

// fanoutAt is the minute every fan-out user is due: their morning clock
// is this instant's local time in their zone.
var fanoutAt = time.Date(2026, 3, 11, 7, 0, 0, 0, time.UTC)

// fanoutBase is the first fan-out user id (and chat id).
const fanoutBase = 2_000_000_000

// timedIndex is the scheduler's index with its lookups timed: the time to
// find who is due.
type timedIndex struct {
	remind.Index
	mu    sync.Mutex
	took  time.Duration
	calls int
	users int
}

func (t *timedIndex) add(d time.Duration, users int) {
	t.mu.Lock()
	t.took += d
	t.calls++
	t.users += users
	t.mu.Unlock()
}

// reset returns the lookups timed so far and starts over.
func (t *timedIndex) reset() (took time.Duration, calls, users int) {
	t.mu.Lock()
	defer t.mu.Unlock()
	took, calls, users = t.took, t.calls, t.users
	t.took, t.calls, t.users = 0, 0, 0
	return
}

func (t *timedIndex) Due(ctx context.Context, zone string, at coach.Clock) ([]coach.UserID, error) {
	start := time.Now()
	u, err := t.Index.Due(ctx, zone, at)
	t.add(time.Since(start), len(u))
	return u, err
}

func (t *timedIndex) Zones(ctx context.Context) ([]string, error) {
	start := time.Now()
	z, err := t.Index.Zones(ctx)
	t.add(time.Since(start), 0)
	return z, err
}

func (t *timedIndex) Wakes(ctx context.Context, until time.Time) ([]coach.UserID, error) {
	start := time.Now()
	u, err := t.Index.Wakes(ctx, until)
	t.add(time.Since(start), len(u))
	return u, err
}

// childFanout runs the real bot and one scheduler tick at cfg.TickAt: the
// scheduler finds the due users, the coach makes and stores each ping
// (fsync on), the bot sends them at bulk priority within its limits.
func childFanout(ctx context.Context, cfg childConfig, emit func(childEvent)) error {
	b, svc, db, times, err := openBot(cfg, bot.Config{
		PollTimeout: 10 * time.Second, Senders: cfg.Senders, Limits: cfg.Limits,
		ShutdownTimeout: time.Minute,
	}, store.Options{})
	if err != nil {
		return err
	}
	defer db.Close()
	runDone := make(chan error, 1)
	go func() { runDone <- b.Run(ctx) }()
	emit(childEvent{Event: "ready", Startup: times, RSS: currentRSS()})

	idx := &timedIndex{Index: db}
	fixed := clock.NewFake(cfg.TickAt)
	sched := remind.New(idx, func(ctx context.Context, u coach.UserID, in coach.Input) error {
		out, err := svc.Handle(ctx, u, in, fixed.Now())
		if err != nil {
			return err
		}
		return b.Deliver(ctx, u, out, true)
	}, remind.Options{Clock: fixed, Logger: childLogger()})
	cpu0 := cpuTime()
	start := time.Now()
	st, err := sched.Tick(ctx, cfg.TickAt)
	tickTook := time.Since(start)
	if err != nil {
		return fmt.Errorf("tick: %w", err)
	}
	lookup, _, found := idx.reset()
	<-ctx.Done() // the parent stops us once the sends are in
	if err := <-runDone; err != nil {
		return err
	}
	b.Close()
	emit(childEvent{
		Event: "result", Handled: int64(st.OnTime + st.CatchUps), CPU: cpuTime() - cpu0, PeakRSS: peakRSS(),
		Lookup: Percentiles{N: found, P50: lookup, P99: lookup, Max: lookup}, LookupMax: found,
		TickTook: tickTook, TickStats: st, DBSize: db.Size(),
	})
	return nil
}

// fanoutOptions configure one fan-out run.
type fanoutOptions struct {
	users   int
	cap     int // sends per second
	senders int // the outbox's sends in flight
	dir     string
}

// fanoutResult is what one fan-out run measured.
type fanoutResult struct {
	users     int
	cap       int
	seedTook  time.Duration
	lookup    time.Duration // the scheduler's index lookups
	found     int           // users the lookups returned
	tick      time.Duration // the whole tick: lookups, steps, saves, hand-over
	sent      int           // pings that arrived
	first     time.Time     // first and last arrival
	last      time.Time
	rate      float64  // pings per second, first to last arrival
	over      int      // sends over the cap, counted by the fake server
	overExact int      // the same, recounted from the sorted arrival times
	overWhy   []string // the fake server's description of each
	dups      int      // users pinged more than once
	missed    int      // users never pinged
	cpu       time.Duration
	peakRSS   int64
}

// runFanout seeds the users, runs the bot and the scheduler as a child
// with the cap, and counts what the fake server received.
func runFanout(ctx context.Context, opt fanoutOptions, rep int) (fanoutResult, error) {
	res := fanoutResult{users: opt.users, cap: opt.cap}
	path := filepath.Join(opt.dir, fmt.Sprintf("fanout-%d.db", rep))
	defer os.Remove(path)
	clocks := map[string]coach.Clock{}
	for _, z := range seedZones {
		c, err := clockAt(z, fanoutAt)
		if err != nil {
			return res, err
		}
		clocks[z] = c
	}
	var err error
	res.seedTook, err = seed(ctx, path, opt.users, func(i int) coach.State {
		z := seedZones[i%len(seedZones)]
		return seededUser(coach.UserID(fanoutBase+i), z, clocks[z], (clocks[z]+12*60)%(24*60), fanoutAt)
	})
	if err != nil {
		return res, err
	}

	lim := telegramtest.Limits{Global: opt.cap, GlobalWindow: time.Second, PerChat: 3, PerChatWindow: 3 * time.Second}
	srv := telegramtest.NewServer(telegramtest.Config{Limits: lim})
	defer srv.Close()
	budget := time.Duration(float64(opt.users)/float64(opt.cap)*1.5*float64(time.Second)) + 2*time.Minute
	c, err := startChild(roleFanout, childConfig{
		Endpoint: srv.Endpoint(), Token: srv.Token(), DB: path, Senders: opt.senders,
		Limits:   bot.Limits{Global: opt.cap, GlobalWindow: time.Second, PerChat: 3, PerChatWindow: 3 * time.Second},
		Deadline: budget + time.Minute, TickAt: fanoutAt,
	})
	if err != nil {
		return res, err
	}
	if _, err := c.wait("ready", time.Minute); err != nil {
		return res, err
	}
	// Wait until every user has a ping, then a little longer for
	// duplicates to show.
	seen, pinged := 0, 0
	srv.WaitFor(budget, func(v telegramtest.View) bool {
		all := v.All()
		for ; seen < len(all); seen++ {
			if all[seen].Method == "sendMessage" && all[seen].ChatID >= fanoutBase {
				pinged++
			}
		}
		return pinged >= opt.users
	})
	time.Sleep(2 * time.Second)
	e, err := c.stop(2 * time.Minute)
	if err != nil {
		return res, err
	}
	res.lookup, res.found, res.tick = e.Lookup.Max, e.LookupMax, e.TickTook
	res.cpu, res.peakRSS = e.CPU, e.PeakRSS

	per := make(map[int64]int, opt.users)
	var arrivals []time.Time
	for _, s := range srv.AllSent() {
		if telegramtest.IsCounted(s.Method) {
			arrivals = append(arrivals, s.At)
		}
		if s.Method != "sendMessage" || s.ChatID < fanoutBase || s.ChatID >= fanoutBase+int64(opt.users) {
			continue
		}
		per[s.ChatID]++
		res.sent++
		if res.first.IsZero() || s.At.Before(res.first) {
			res.first = s.At
		}
		if s.At.After(res.last) {
			res.last = s.At
		}
	}
	for _, n := range per {
		if n > 1 {
			res.dups++
		}
	}
	res.missed = opt.users - len(per)
	if d := res.last.Sub(res.first); d > 0 {
		res.rate = float64(res.sent-1) / d.Seconds()
	}
	res.over = srv.Violations()
	res.overWhy = srv.ViolationDetails()
	res.overExact = overCap(arrivals, opt.cap, time.Second)
	return res, nil
}

// overCap counts the arrivals that had n others in the window before
// them: sorted by time, arrival i breaks the rule when arrival i-n is less
// than win earlier. The fake server's own counter compares each arrival
// with the n-th one recorded before it, and concurrent requests are
// recorded in a slightly different order than their timestamps.
func overCap(at []time.Time, n int, win time.Duration) int {
	slices.SortFunc(at, func(a, b time.Time) int { return a.Compare(b) })
	over := 0
	for i := n; i < len(at); i++ {
		if at[i].Sub(at[i-n]) < win {
			over++
		}
	}
	return over
}

func printFanout(w io.Writer, rep int, r fanoutResult) {
	fmt.Fprintf(w, "\nfan-out run %d: %d users due at %s (seeded in %.1fs)\n", rep+1, r.users, fanoutAt.Format("15:04 MST"), r.seedTook.Seconds())
	fmt.Fprintf(w, "  found due: %d users in %s of index lookups; the tick (lookups, %d coach steps saved with fsync, hand-over) took %.2fs\n",
		r.found, ms(r.lookup), r.found, r.tick.Seconds())
	fmt.Fprintf(w, "  sent %d pings in %.1fs = %.0f/s against a cap of %d/s (%.1f%%); over the cap %d (fake server's count; %d from the sorted arrival times), duplicates %d, missed %d\n",
		r.sent, r.last.Sub(r.first).Seconds(), r.rate, r.cap, 100*r.rate/float64(r.cap), r.over, r.overExact, r.dups, r.missed)
	for _, d := range r.overWhy {
		fmt.Fprintf(w, "    over the cap: %s\n", d)
	}
	fmt.Fprintf(w, "  bot CPU %.1fs (%.3f s/1k pings), peak RSS %s\n", r.cpu.Seconds(), cpuPer1k(r.cpu, int64(r.sent)), mib(r.peakRSS))
}

func printFanoutSummary(w io.Writer, runs []fanoutResult) {
	var lookup, rate, share, tick []float64
	over, overExact, dups, missed := 0, 0, 0, 0
	for _, r := range runs {
		lookup = append(lookup, float64(r.lookup))
		rate = append(rate, r.rate)
		share = append(share, 100*r.rate/float64(r.cap))
		tick = append(tick, r.tick.Seconds())
		over, overExact, dups, missed = over+r.over, overExact+r.overExact, dups+r.dups, missed+r.missed
	}
	fmt.Fprintf(w, "\nfan-out, median of %d: lookup %s, tick %.2fs, %.0f pings/s = %.1f%% of the cap; over the cap %d by arrival times (%d by the fake server's counter), duplicates %d, missed %d (all runs)\n",
		len(runs), ms(time.Duration(median(lookup))), median(tick), median(rate), median(share), overExact, over, dups, missed)
}
