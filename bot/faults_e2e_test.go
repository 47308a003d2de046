package bot

import (
	"fmt"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchbot/stretchbot/bot/telegramtest"
	"github.com/stretchbot/stretchbot/clock"
)

// runClock moves a fake clock forward fast (step per tick of real time)
// until the test ends, so minutes of backoff and rate windows pass in
// moments without a single sleep in the code under test.
func runClock(t *testing.T, clk *clock.Fake, step time.Duration) {
	t.Helper()
	done := make(chan struct{})
	stopped := make(chan struct{})
	go func() {
		defer close(stopped)
		tick := time.NewTicker(2 * time.Millisecond)
		defer tick.Stop()
		for {
			select {
			case <-done:
				return
			case <-tick.C:
				clk.Advance(step)
			}
		}
	}()
	t.Cleanup(func() { close(done); <-stopped })
}

// TestE2EFaultsLoseNothing plays six users through onboarding and a full
// routine while the fake Bot API fails in every way it can: getUpdates
// down for over a minute, 429 storms with retry_after, 5xx bursts (JSON and
// a proxy's HTML page), slow answers, answers slower than the request
// timeout, and connections closed without an answer. Telegram's real
// limits apply, in the fake clock's time, which runs 50 times faster than
// real time. Nothing may be lost, each chat's order must hold, and no rate
// limit may be exceeded.
func TestE2EFaultsLoseNothing(t *testing.T) {
	start0 := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	clk := clock.NewFake(start0)
	srv := telegramtest.New(t, telegramtest.Config{Clock: clk}) // Telegram's limits
	svc := newService(t)
	cfg := testConfig(srv)
	cfg.Limits = DefaultLimits()
	cfg.Flood = Flood{Burst: 1000, Window: time.Second}
	cfg.RequestTimeout = 500 * time.Millisecond // real time: the slowest faults outlast it
	cfg.Retry = Retry{Attempts: 30, Base: 500 * time.Millisecond, Max: 30 * time.Second}

	faults := []telegramtest.Fault{
		// getUpdates fails 7 times in a row: with backoff 1, 2, 4 … 60 s,
		// over a minute of the fake clock.
		{Method: "getUpdates", Code: 502, Times: 7},
		{Code: 429, RetryAfter: 5, Times: 12},
		{Code: 500, Times: 10},
		{Code: 502, HTML: true, Times: 4},
		{Delay: 100 * time.Millisecond, Times: 10}, // slow
		{Delay: 2 * time.Second, Times: 3},         // slower than the request timeout
		{Drop: true, Times: 6},                     // connection closed
		{Method: "answerCallbackQuery", Code: 500, Times: 3},
	}
	injected := 0
	for _, f := range faults {
		srv.Inject(f)
		injected += f.Times
	}
	// The poll must meet its faults before anything else happens: wait for
	// the first failure before the clock starts racing.
	h := start(t, srv, svc, cfg, clk)
	defer func() {
		if t.Failed() {
			t.Log(h.logs.String())
		}
	}()
	if !srv.WaitFor(wait, func(v telegramtest.View) bool { return v.Calls("getUpdates") >= 1 }) {
		t.Fatal("never polled")
	}
	runClock(t, clk, 100*time.Millisecond)
	if !srv.WaitFor(wait, func(v telegramtest.View) bool { return v.Calls("getUpdates") >= 8 }) {
		t.Fatal("polling did not come back after the failures")
	}
	down := clk.Now().Sub(start0)

	var finished atomic.Int32
	t.Run("users", func(t *testing.T) {
		for i := 0; i < 6; i++ {
			id := int64(9101 + i)
			t.Run(fmt.Sprint(id), func(t *testing.T) {
				t.Parallel()
				p := &player{t: t, srv: srv, u: telegramtest.User{ID: id}}
				seen := p.finish(p.onboard())
				if strings.Join(seen, ",") != "1/5,2/5,3/5,4/5,5/5" {
					t.Fatalf("stretches %v", seen)
				}
				finished.Add(1)
			})
		}
	})
	if finished.Load() != 6 {
		t.Fatalf("%d of 6 users finished", finished.Load())
	}
	if n := srv.FaultsLeft(); n != 0 {
		t.Fatalf("%d injected faults never triggered", n)
	}
	if v := srv.Violations(); v != 0 {
		t.Fatalf("rate limit violated %d times: %v", v, srv.ViolationDetails())
	}
	if down < time.Minute {
		t.Fatalf("getUpdates was down for %v of the fake clock, want over a minute", down)
	}
	// Every press (12 each) was answered; the three answers that failed
	// are not retried (a toast is only worth it within seconds).
	if n, calls := len(srv.Answers()), srv.Calls("answerCallbackQuery"); calls < 6*12 || n < 6*12-3 {
		t.Fatalf("%d callback answers of %d attempts, want 72", n, calls)
	}
	t.Logf("faults injected %d; getUpdates down %v (fake); %d sends recorded", injected, down.Round(time.Second), len(srv.AllSent()))
}
