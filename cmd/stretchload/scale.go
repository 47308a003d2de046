package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"time"

	"github.com/stretchbot/stretchbot/bot"
	"github.com/stretchbot/stretchbot/bot/telegramtest"
	"github.com/stretchbot/stretchbot/clock"
	"github.com/stretchbot/stretchbot/coach"
	"github.com/stretchbot/stretchbot/remind"
	"github.com/stretchbot/stretchbot/store"
)

// scaleQuiet is the minute the start-up scheduler takes for now: nobody
// is due at minute :01 (every seeded clock is a multiple of five minutes
// in zones offset by whole, half or three-quarter hours), so start-up
// does not include sending reminders.
var scaleQuiet = time.Date(2026, 3, 11, 3, 1, 0, 0, time.UTC)

// scaleBase is the first scale user id.
const scaleBase = 3_000_000_000

// scaleClocks places user i: a zone of seedZones, a morning clock from
// 06:00 to 08:55 and an evening clock from 18:00 to 20:55 in 5-minute
// steps.
func scaleClocks(i int) (zone string, morning, evening coach.Clock) {
	step := coach.Clock((i / len(seedZones)) % 36 * 5)
	return seedZones[i%len(seedZones)], 6*60 + step, 18*60 + step
}

// childStartup starts the bot as cmd/stretchbot does (content, NLU model,
// database, bot.New with getMe and the time-zone finder, the reminder
// scheduler's Start), stays idle, measures its RSS, then times the
// scheduler's index lookups for every minute of a day.
func childStartup(ctx context.Context, cfg childConfig, emit func(childEvent)) error {
	b, svc, db, times, err := openBot(cfg, bot.Config{PollTimeout: 10 * time.Second}, store.Options{})
	if err != nil {
		return err
	}
	defer db.Close()
	t := time.Now()
	fixed := clock.NewFake(cfg.TickAt)
	sched := remind.New(db, func(ctx context.Context, u coach.UserID, in coach.Input) error {
		out, err := svc.Handle(ctx, u, in, fixed.Now())
		if err != nil {
			return err
		}
		return b.Deliver(ctx, u, out, true)
	}, remind.Options{Clock: fixed, Logger: childLogger()})
	if err := sched.Start(ctx); err != nil {
		return err
	}
	times["scheduler"] = time.Since(t)
	times["total"] = time.Since(processStart)
	emit(childEvent{Event: "ready", Startup: times, RSS: currentRSS()})

	runDone := make(chan error, 1)
	go func() { runDone <- b.Run(ctx) }()
	select {
	case <-time.After(cfg.IdleFor):
	case <-ctx.Done():
	}
	idleRSS := currentRSS()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	goroutines := runtime.NumGoroutine()

	// Every minute of a day through the scheduler's own Tick, with a
	// handler that only counts: the lookups are timed, not the sends.
	idx := &timedIndex{Index: db}
	counter := remind.New(idx, func(context.Context, coach.UserID, coach.Input) error { return nil },
		remind.Options{Clock: fixed, Logger: childLogger()})
	var lookups []time.Duration
	maxUsers, maxTook := 0, time.Duration(0)
	for m := range cfg.LookupMinutes {
		if ctx.Err() != nil {
			break
		}
		if _, err := counter.Tick(ctx, cfg.LookupFrom.Add(time.Duration(m)*time.Minute)); err != nil {
			return fmt.Errorf("lookup tick: %w", err)
		}
		took, _, users := idx.reset()
		lookups = append(lookups, took)
		if users > maxUsers || users == maxUsers && took > maxTook {
			maxUsers, maxTook = users, took
		}
	}
	<-sched.Stop().Done()
	emit(childEvent{
		Event: "result", Lookup: percentiles(lookups), LookupMax: maxUsers, TickTook: maxTook,
		IdleRSS: idleRSS, IdleHeap: ms.HeapInuse, Goroutines: goroutines, PeakRSS: peakRSS(), DBSize: db.Size(),
	})
	// Stay until stopped, so the parent decides when the bot ends.
	<-ctx.Done()
	if err := <-runDone; err != nil {
		return err
	}
	b.Close()
	return nil
}

// scaleOptions configure the scale part.
type scaleOptions struct {
	users   int
	dir     string
	repeat  int
	idle    time.Duration // how long the bot idles before its RSS is read; 10 s when 0
	minutes int           // minutes whose due users are looked up; a day when 0
}

// scaleRun is one start of the bot at scale.
type scaleRun struct {
	wall    time.Duration            // exec to ready, seen by the parent
	startup map[string]time.Duration // the child's own timings
	ready   childEvent
	result  childEvent
}

// scaleResult is the scale part's measurements.
type scaleResult struct {
	users    int
	idle     time.Duration
	minutes  int
	seedTook time.Duration
	fileSize int64
	runs     []scaleRun
}

// runScale seeds the database once and starts the bot on it repeat times.
func runScale(ctx context.Context, opt scaleOptions, progress io.Writer) (scaleResult, error) {
	if opt.idle <= 0 {
		opt.idle = 10 * time.Second
	}
	if opt.minutes <= 0 {
		opt.minutes = 24 * 60
	}
	res := scaleResult{users: opt.users, idle: opt.idle, minutes: opt.minutes}
	path := filepath.Join(opt.dir, "scale.db")
	defer os.Remove(path)
	fmt.Fprintf(progress, "\nscale: seeding %d users…\n", opt.users)
	var err error
	res.seedTook, err = seed(ctx, path, opt.users, func(i int) coach.State {
		z, m, e := scaleClocks(i)
		return seededUser(coach.UserID(scaleBase+i), z, m, e, scaleQuiet)
	})
	if err != nil {
		return res, err
	}
	if fi, err := os.Stat(path); err == nil {
		res.fileSize = fi.Size()
	}
	srv := telegramtest.NewServer(telegramtest.Config{})
	defer srv.Close()
	for rep := range opt.repeat {
		// The scheduler remembers the last minute it processed: each start
		// begins where the previous one's lookups ended, so that it has
		// no minutes to catch up and looks up minutes it has not seen.
		tickAt := scaleQuiet.Add(time.Duration(rep*opt.minutes) * time.Minute)
		start := time.Now()
		c, err := startChild(roleStartup, childConfig{
			Endpoint: srv.Endpoint(), Token: srv.Token(), DB: path, Deadline: 10 * time.Minute,
			TickAt: tickAt, IdleFor: opt.idle,
			LookupFrom: tickAt.Add(time.Minute), LookupMinutes: opt.minutes,
		})
		if err != nil {
			return res, err
		}
		ready, err := c.wait("ready", 2*time.Minute)
		if err != nil {
			return res, err
		}
		run := scaleRun{wall: time.Since(start), startup: ready.Startup, ready: ready}
		if run.result, err = c.wait("result", 5*time.Minute); err != nil {
			return res, err
		}
		if err := c.close(time.Minute); err != nil {
			return res, err
		}
		res.runs = append(res.runs, run)
	}
	return res, nil
}

func printScale(w io.Writer, r scaleResult) {
	fmt.Fprintf(w, "scale: %d users seeded in %.1fs; file %s (%d bytes/user)\n", r.users, r.seedTook.Seconds(), mib(r.fileSize), r.fileSize/int64(r.users))
	var total, wall, rss, lookupMax, lookupP50 []float64
	for i, run := range r.runs {
		s := run.startup
		fmt.Fprintf(w, "  start %d: ready %s after exec (in-process %s: content %s, NLU %s, db open %s, bot.New %s [getMe; the tz finder builds in the background], scheduler %s); RSS at ready %s\n",
			i+1, ms(run.wall), ms(s["total"]), ms(s["content"]), ms(s["nlu"]), ms(s["db"]), ms(s["bot"]), ms(s["scheduler"]), mib(run.ready.RSS))
		res := run.result
		fmt.Fprintf(w, "    idle %v: RSS %s (heap in use %s, %d goroutines); due lookups over %d minutes: p50 %s, p99 %s, max %s; busiest minute %d users in %s\n",
			r.idle, mib(res.IdleRSS), mib(int64(res.IdleHeap)), res.Goroutines, r.minutes, ms(res.Lookup.P50), ms(res.Lookup.P99), ms(res.Lookup.Max), res.LookupMax, ms(res.TickTook))
		total = append(total, float64(s["total"]))
		wall = append(wall, float64(run.wall))
		rss = append(rss, float64(res.IdleRSS))
		lookupMax = append(lookupMax, float64(res.TickTook))
		lookupP50 = append(lookupP50, float64(res.Lookup.P50))
	}
	fmt.Fprintf(w, "\nscale, median of %d: start-up %s in-process (%s from exec), idle RSS %s, due lookup %s at the busiest minute (p50 over a day %s), file %s\n",
		len(r.runs), ms(time.Duration(median(total))), ms(time.Duration(median(wall))), mib(int64(median(rss))),
		ms(time.Duration(median(lookupMax))), ms(time.Duration(median(lookupP50))), mib(r.fileSize))
}
