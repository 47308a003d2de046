package main

import (
	"context"
	"os"
	"strings"
	"testing"
	"time"
)

// TestMain lets the test binary play the child roles, as the real binary
// does: the load runs below start it again with STRETCHLOAD_ROLE set.
func TestMain(m *testing.M) {
	if role := os.Getenv(roleEnv); role != "" {
		os.Exit(runChild(role))
	}
	os.Exit(m.Run())
}

func TestThroughputSmall(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	const users = 12
	opt := throughputOptions{users: users, senders: 16, wait: time.Minute, dir: t.TempDir(), seed: 7}
	tp, err := runThroughput(ctx, opt, 0)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range []runResult{tp.bot, tp.echo} {
		if len(r.failures) > 0 {
			t.Errorf("%s: %d users failed, first: %v", r.name, len(r.failures), r.failures[0])
		}
		if r.viol != 0 {
			t.Errorf("%s: %d rate violations", r.name, r.viol)
		}
		if r.updates == 0 || r.took <= 0 || r.cpu <= 0 || r.peakRSS <= 0 {
			t.Errorf("%s: nothing measured: %+v", r.name, r)
		}
	}
	// Onboarding (8) and a routine (5 stretches and the pain score) are
	// at least 14 updates a user.
	if tp.bot.updates < users*14 {
		t.Errorf("the users sent %d updates, want at least %d", tp.bot.updates, users*14)
	}
	if tp.bot.handled != tp.bot.updates {
		t.Errorf("the bot handled %d updates, the users sent %d", tp.bot.handled, tp.bot.updates)
	}
	if l := tp.bot.child.Latency; l.N != int(tp.bot.updates) || l.P50 <= 0 || l.P99 < l.P50 {
		t.Errorf("latency %+v for %d updates", l, tp.bot.updates)
	}
	if tp.bot.child.DBUsers != users {
		t.Errorf("%d users stored, want %d", tp.bot.child.DBUsers, users)
	}
	if tp.echo.updates != int64(users)*int64((tp.bot.updates+users/2)/users) {
		t.Errorf("echo: %d updates, want the bot's count per user", tp.echo.updates)
	}
	var out strings.Builder
	printThroughput(&out, 0, tp)
	printThroughputSummary(&out, []throughput{tp})
	for _, want := range []string{"updates/s", "p99", "ratio", "bytes/user"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("report lacks %q:\n%s", want, out.String())
		}
	}
}

func TestFanoutSmall(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	const users, capRate = 300, 200
	r, err := runFanout(ctx, fanoutOptions{users: users, cap: capRate, senders: 16, dir: t.TempDir()}, 0)
	if err != nil {
		t.Fatal(err)
	}
	if r.found != users || r.sent != users || r.missed != 0 || r.dups != 0 || r.overExact != 0 {
		t.Fatalf("found %d, sent %d, missed %d, duplicates %d, over the cap %d; want %d, %d, 0, 0, 0",
			r.found, r.sent, r.missed, r.dups, r.overExact, users, users)
	}
	// In any second at most capRate arrive, so over a run of d seconds at
	// most capRate×(d+1): a short run's average may exceed the cap.
	d := r.last.Sub(r.first).Seconds()
	if r.rate <= 0 || r.rate > capRate*(d+1)/d {
		t.Fatalf("send rate %.0f/s over %.2fs against a cap of %d/s", r.rate, d, capRate)
	}
	if r.lookup <= 0 || r.tick < r.lookup {
		t.Fatalf("lookup %v, tick %v", r.lookup, r.tick)
	}
}

func TestScaleSmall(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	const users = 2000
	r, err := runScale(ctx, scaleOptions{users: users, dir: t.TempDir(), repeat: 2, idle: 100 * time.Millisecond, minutes: 12 * 60}, &strings.Builder{})
	if err != nil {
		t.Fatal(err)
	}
	if len(r.runs) != 2 || r.fileSize <= 0 {
		t.Fatalf("runs %d, file %d bytes", len(r.runs), r.fileSize)
	}
	// The second start looks up the next 12 hours: someone is due then
	// too.
	if r.runs[1].result.LookupMax == 0 {
		t.Errorf("the second start found nobody due")
	}
	run := r.runs[0]
	for _, k := range []string{"content", "nlu", "db", "bot", "scheduler", "total"} {
		if run.startup[k] <= 0 {
			t.Errorf("start-up phase %q not timed: %v", k, run.startup)
		}
	}
	res := run.result
	// 12 hours from 03:02 UTC cover every zone's morning or evening
	// somewhere: the busiest minute has users due, and no minute more
	// than the users of one (zone, clock).
	perClock := users / len(seedZones) / 36
	if res.LookupMax < perClock || res.LookupMax > 2*len(seedZones)*(perClock+1) {
		t.Errorf("busiest minute: %d users due", res.LookupMax)
	}
	if res.Lookup.N != 12*60 || res.IdleRSS <= 0 {
		t.Errorf("lookups %+v, idle RSS %d", res.Lookup, res.IdleRSS)
	}
}

func TestPercentiles(t *testing.T) {
	ms := func(n int) time.Duration { return time.Duration(n) * time.Millisecond }
	tests := []struct {
		name string
		in   []time.Duration
		want Percentiles
	}{
		{"none", nil, Percentiles{}},
		{"one", []time.Duration{ms(3)}, Percentiles{N: 1, P50: ms(3), P90: ms(3), P99: ms(3), Max: ms(3)}},
		{"hundred", func() []time.Duration {
			var d []time.Duration
			for i := 100; i >= 1; i-- {
				d = append(d, ms(i))
			}
			return d
		}(), Percentiles{N: 100, P50: ms(50), P90: ms(90), P99: ms(99), Max: ms(100)}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := percentiles(tc.in); got != tc.want {
				t.Fatalf("got %+v, want %+v", got, tc.want)
			}
		})
	}
	if got := median([]float64{5, 1, 3}); got != 3 {
		t.Fatalf("median = %v, want 3", got)
	}
}

func TestOverCap(t *testing.T) {
	t0 := time.Date(2026, 3, 11, 7, 0, 0, 0, time.UTC)
	at := func(ms ...int) []time.Time {
		var out []time.Time
		for _, m := range ms {
			out = append(out, t0.Add(time.Duration(m)*time.Millisecond))
		}
		return out
	}
	tests := []struct {
		name string
		in   []time.Time
		want int
	}{
		{"none", nil, 0},
		{"within the cap", at(0, 10, 1000, 1010, 2000), 0},
		{"third in a second", at(0, 500, 999), 1},
		{"unsorted", at(999, 0, 500), 1},
		{"exactly a window apart", at(0, 1, 1000, 1001), 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := overCap(tc.in, 2, time.Second); got != tc.want {
				t.Fatalf("overCap = %d, want %d", got, tc.want)
			}
		})
	}
}

func TestPlanShares(t *testing.T) {
	const n = 20000
	var locate, hurts, red, question int
	for i := range n {
		p := planFor(i, 1)
		if p != planFor(i, 1) {
			t.Fatal("plans are not reproducible")
		}
		if p.locate {
			locate++
		}
		if p.hurtAt >= 0 {
			hurts++
			if p.redFlag {
				red++
			}
		}
		if p.question >= 0 {
			question++
		}
	}
	near := func(name string, got int, share float64) {
		if want := share * n; float64(got) < want*0.9 || float64(got) > want*1.1 {
			t.Errorf("%s: %d of %d, want about %.0f", name, got, n, want)
		}
	}
	near("location shared", locate, shareLocate)
	near("a stretch hurts", hurts, shareHurts)
	near("red flag", red, shareHurts*shareRedFlag)
	near("question", question, shareQuestion)
}

func TestRunArguments(t *testing.T) {
	for _, args := range [][]string{{"-part", "nope"}, {"-repeat", "0"}, {"extra"}} {
		var out, errOut strings.Builder
		if code := run(context.Background(), args, &out, &errOut); code != 2 {
			t.Errorf("run %v = %d, want 2", args, code)
		}
	}
}
