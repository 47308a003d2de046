// Command stretchload measures stretchbot's speed and scale on this
// machine, in one run, against an in-process fake Bot API on loopback
// (bot/telegramtest). Nothing leaves the machine.
//
//	go run ./cmd/stretchload                      # all three parts, 3 repetitions each
//	go run ./cmd/stretchload -part throughput -users 10000 -repeat 3
//	go run ./cmd/stretchload -part fanout -fanout-users 100000 -cap 1000
//	go run ./cmd/stretchload -part scale -scale-users 1000000
//
// Parts:
//
//   - throughput: N simulated users (default 10,000) each onboard and do a
//     whole routine against the real bot (bot.New and Run, the real
//     tgbotapi client, a real bbolt file with fsync on), pressing the
//     buttons the bot actually sent, typing some answers, a "hurts" for
//     some, a red flag for a few, a question for some. Then the same
//     users send the same number of messages to tgbotapi's README echo bot
//     (with the bot's hardened HTTP transport), for a baseline measured in
//     the same run. Rate limits are lifted on both sides for this part.
//   - fanout: M users (default 100,000) due for a reminder in the same
//     minute; the real scheduler finds them and the bot sends at a cap
//     (default 1,000/s) that the fake server checks.
//   - scale: a database of 1,000,000 users: the bot's start-up, its idle
//     RSS, the file size and the time to find who is due in a minute.
//
// The bots run in child processes (this binary re-run), so their CPU and
// RSS are measured apart from the fake server's and the users'. Every
// child stops when the parent closes its stdin or exits, and at its own
// deadline.
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime"
	"syscall"
	"time"
)

// processStart is when this process began, for start-up timing.
var processStart = time.Now()

func main() {
	if role := os.Getenv(roleEnv); role != "" {
		os.Exit(runChild(role))
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	os.Exit(run(ctx, os.Args[1:], os.Stdout, os.Stderr))
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("stretchload", flag.ContinueOnError)
	fs.SetOutput(stderr)
	part := fs.String("part", "all", "what to measure: throughput, fanout, scale or all")
	repeat := fs.Int("repeat", 3, "repetitions of each part; the median is reported")
	users := fs.Int("users", 10_000, "throughput: simulated users")
	workers := fs.Int("workers", 0, "throughput: bot.Config.Workers (0: the bot's default)")
	senders := fs.Int("senders", 64, "throughput and fanout: bot.Config.Senders, the outbox's sends in flight; it must cover the send rate × (round trip + the durable outbox's ack), so it is raised with the limits (at Telegram's 30/s the default 8 is plenty)")
	rtt := fs.Duration("rtt", 0, "throughput: a network round trip the fake Bot API adds to every request (0: loopback only)")
	wait := fs.Duration("wait", time.Minute, "throughput: how long a simulated user waits for one answer before giving up")
	seed := fs.Uint64("seed", 1, "throughput: seed of the users' choices")
	fanUsers := fs.Int("fanout-users", 100_000, "fanout: users due in the same minute")
	capRate := fs.Int("cap", 1000, "fanout: the bot's global send cap per second (the fake server checks it)")
	scaleUsers := fs.Int("scale-users", 1_000_000, "scale: users in the database")
	profile := fs.String("profile", "", "throughput: directory where the bots write CPU profiles (bot.pprof, echo.pprof)")
	dir := fs.String("dir", "", "directory for the database files (default: a new temporary directory, removed at the end)")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if fs.NArg() > 0 || *repeat < 1 || *users < 1 || *fanUsers < 1 || *scaleUsers < 1 || *capRate < 1 {
		fmt.Fprintln(stderr, "stretchload: bad arguments; see -h")
		return 2
	}
	parts := map[string]bool{}
	switch *part {
	case "all":
		parts["throughput"], parts["fanout"], parts["scale"] = true, true, true
	case "throughput", "fanout", "scale":
		parts[*part] = true
	default:
		fmt.Fprintf(stderr, "stretchload: unknown part %q\n", *part)
		return 2
	}
	workDir := *dir
	if workDir == "" {
		d, err := os.MkdirTemp("", "stretchload-")
		if err != nil {
			fmt.Fprintf(stderr, "stretchload: %v\n", err)
			return 1
		}
		defer os.RemoveAll(d)
		workDir = d
	}
	fmt.Fprintf(stdout, "stretchload %s: %s, %d CPUs, GOMAXPROCS %d, %s\n",
		time.Now().UTC().Format("2006-01-02 15:04 MST"), runtime.Version(), runtime.NumCPU(), runtime.GOMAXPROCS(0), runtime.GOOS+"/"+runtime.GOARCH)

	failed := false
	if parts["throughput"] {
		opt := throughputOptions{users: *users, workers: *workers, senders: *senders, wait: *wait, dir: workDir, seed: *seed, profile: *profile, rtt: *rtt, log: stderr}
		var runs []throughput
		for rep := range *repeat {
			t, err := runThroughput(ctx, opt, rep)
			if err != nil {
				fmt.Fprintf(stderr, "stretchload: throughput: %v\n", err)
				return 1
			}
			printThroughput(stdout, rep, t)
			if len(t.bot.failures)+len(t.echo.failures) > 0 || t.bot.viol+t.echo.viol > 0 {
				failed = true
			}
			runs = append(runs, t)
		}
		printThroughputSummary(stdout, runs)
	}
	if parts["fanout"] {
		var runs []fanoutResult
		for rep := range *repeat {
			r, err := runFanout(ctx, fanoutOptions{users: *fanUsers, cap: *capRate, senders: *senders, dir: workDir}, rep)
			if err != nil {
				fmt.Fprintf(stderr, "stretchload: fanout: %v\n", err)
				return 1
			}
			printFanout(stdout, rep, r)
			if r.overExact > 0 || r.dups > 0 || r.missed > 0 {
				failed = true
			}
			runs = append(runs, r)
		}
		printFanoutSummary(stdout, runs)
	}
	if parts["scale"] {
		r, err := runScale(ctx, scaleOptions{users: *scaleUsers, dir: workDir, repeat: *repeat}, stdout)
		if err != nil {
			fmt.Fprintf(stderr, "stretchload: scale: %v\n", err)
			return 1
		}
		printScale(stdout, r)
	}
	if failed {
		fmt.Fprintln(stdout, "\nFAILED: some users did not finish, or a rule was broken (see above)")
		return 1
	}
	return 0
}

// printThroughputSummary prints the medians of the repetitions.
func printThroughputSummary(w io.Writer, runs []throughput) {
	var ups, eups, ratio, sends, p50, p99, cpu, ecpu, rss, bpu []float64
	for _, t := range runs {
		ups = append(ups, t.bot.updatesPerSec())
		eups = append(eups, t.echo.updatesPerSec())
		ratio = append(ratio, t.ratio())
		sends = append(sends, t.bot.sendsPerSec())
		p50 = append(p50, float64(t.bot.child.Latency.P50))
		p99 = append(p99, float64(t.bot.child.Latency.P99))
		cpu = append(cpu, cpuPer1k(t.bot.cpu, t.bot.updates))
		ecpu = append(ecpu, cpuPer1k(t.echo.cpu, t.echo.updates))
		rss = append(rss, float64(t.bot.peakRSS))
		if t.bot.child.DBUsers > 0 {
			bpu = append(bpu, float64(t.bot.child.DBSize)/float64(t.bot.child.DBUsers))
		}
	}
	fmt.Fprintf(w, "\nthroughput, median of %d: stretchbot %.0f updates/s, echo %.0f updates/s, ratio %.2f×; %.0f msgs/s out; latency p50 %s p99 %s; CPU %.3f s/1k updates (echo %.3f); peak RSS %s; %.0f bytes/user\n",
		len(runs), median(ups), median(eups), median(ratio), median(sends),
		ms(time.Duration(median(p50))), ms(time.Duration(median(p99))), median(cpu), median(ecpu), mib(int64(median(rss))), median(bpu))
}
