package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"github.com/stretchbot/stretchbot/bot"
	"github.com/stretchbot/stretchbot/bot/telegramtest"
)

// Throughput runs lift every rate limit: Telegram's 30 messages a second
// (and 1 a second per chat) would make any bot look the same, 30
// messages/s, and say nothing about its own cost. The outbox keeps its
// sliding windows with room no run can fill, and the fake server checks
// the same rule, so a violation would still be counted.
var (
	unlimitedBot  = bot.Limits{Global: 1000, GlobalWindow: time.Millisecond, PerChat: 100, PerChatWindow: time.Millisecond}
	unlimitedFake = telegramtest.Limits{Global: 1000, GlobalWindow: time.Millisecond, PerChat: 100, PerChatWindow: time.Millisecond}
	// loadFlood lets simulated users tap faster than people can: they
	// answer the moment a reply arrives.
	loadFlood = bot.Flood{Burst: 1000, Window: time.Second}
)

// throughputOptions configure one throughput run.
type throughputOptions struct {
	users   int
	workers int
	senders int
	wait    time.Duration // how long a simulated user waits for one answer
	dir     string        // where the database goes
	seed    uint64
	profile string        // when set, the bot child writes its CPU profile here
	rtt     time.Duration // added by the fake server to every request
	log     io.Writer
}

// runResult is what one bot (ours or the echo bot) did in a run.
type runResult struct {
	name     string
	users    int
	updates  int64         // sent by the simulated users
	handled  int64         // reported by the bot
	took     time.Duration // first update to the last user done
	sends    int           // counted requests (messages and edits) arriving
	requests int           // every request arriving, polls and answers too
	failures []userFailure
	child    childEvent
	cpu      time.Duration // the bot's CPU time while it ran
	simCPU   time.Duration // the parent's (fake server and users) meanwhile
	peakRSS  int64
	viol     int
}

func (r runResult) updatesPerSec() float64 { return float64(r.updates) / r.took.Seconds() }
func (r runResult) sendsPerSec() float64   { return float64(r.sends) / r.took.Seconds() }

// cpuPer1k returns CPU seconds per 1,000 updates.
func cpuPer1k(cpu time.Duration, updates int64) float64 {
	if updates == 0 {
		return 0
	}
	return cpu.Seconds() * 1000 / float64(updates)
}

// countedCalls returns the server's counted requests and all requests.
func countedCalls(srv *telegramtest.Server) (sends, all int) {
	for _, m := range []string{"sendMessage", "editMessageText", "editMessageReplyMarkup", "sendDocument", "sendPhoto"} {
		sends += srv.Calls(m)
	}
	all = sends
	for _, m := range []string{"getUpdates", "answerCallbackQuery", "sendChatAction", "getMe", "setMyCommands", "deleteWebhook"} {
		all += srv.Calls(m)
	}
	return sends, all
}

// runLoad runs one bot as a child against a fresh fake server and plays
// the users with play.
func runLoad(ctx context.Context, name, role string, opt throughputOptions, base int64, play func(context.Context, *player) error) (runResult, error) {
	res := runResult{name: name, users: opt.users}
	srv := telegramtest.NewServer(telegramtest.Config{Limits: unlimitedFake})
	defer srv.Close()
	if opt.rtt > 0 {
		// Every request is held back by the round trip, as over a network.
		for _, m := range []string{"getMe", "getUpdates", "sendMessage", "editMessageText", "editMessageReplyMarkup",
			"answerCallbackQuery", "sendDocument", "sendPhoto", "setMyCommands", "deleteWebhook"} {
			srv.Inject(telegramtest.Fault{Method: m, Times: 1 << 40, Delay: opt.rtt})
		}
	}
	cfg := childConfig{
		Endpoint: srv.Endpoint(), Token: srv.Token(),
		Workers: opt.workers, Senders: opt.senders, Limits: unlimitedBot, Flood: loadFlood,
		Deadline: opt.wait*20 + 10*time.Minute,
	}
	if opt.profile != "" {
		cfg.Profile = filepath.Join(opt.profile, role+".pprof")
	}
	if role == roleBot {
		cfg.DB = filepath.Join(opt.dir, fmt.Sprintf("load-%d.db", base))
		defer os.Remove(cfg.DB)
	}
	c, err := startChild(role, cfg)
	if err != nil {
		return res, err
	}
	if _, err := c.wait("ready", time.Minute); err != nil {
		return res, err
	}
	s := newSim(srv, opt.users, base, opt.wait)
	sends0, calls0 := countedCalls(srv)
	cpu0 := cpuTime()
	res.took, res.failures = s.run(ctx, play)
	res.simCPU = cpuTime() - cpu0
	sends1, calls1 := countedCalls(srv)
	res.sends, res.requests = sends1-sends0, calls1-calls0
	res.updates = s.updates.Load()
	res.viol = srv.Violations()

	e, err := c.stop(time.Minute)
	if err != nil {
		return res, err
	}
	res.child = e
	res.handled = e.Handled
	res.cpu = e.CPU
	res.peakRSS = e.PeakRSS
	return res, nil
}

// throughput is one repetition: the echo baseline and the real bot, the
// same number of users and updates per user, one after the other against
// fresh fake servers.
type throughput struct {
	bot, echo runResult
}

func (t throughput) ratio() float64 { return t.bot.updatesPerSec() / t.echo.updatesPerSec() }

func runThroughput(ctx context.Context, opt throughputOptions, rep int) (throughput, error) {
	var t throughput
	var err error
	base := int64(1_000_000_000) + int64(rep)*10_000_000
	t.bot, err = runLoad(ctx, "stretchbot", roleBot, opt, base, coachUser(opt.seed))
	if err != nil {
		return t, fmt.Errorf("stretchbot run: %w", err)
	}
	perUser := int((t.bot.updates + int64(opt.users)/2) / int64(opt.users))
	t.echo, err = runLoad(ctx, "echo", roleEcho, opt, base+5_000_000, echoUser(perUser))
	if err != nil {
		return t, fmt.Errorf("echo run: %w", err)
	}
	return t, nil
}

// printThroughput prints one repetition.
func printThroughput(w io.Writer, rep int, t throughput) {
	fmt.Fprintf(w, "\nthroughput run %d: %d users\n", rep+1, t.bot.users)
	for _, r := range []runResult{t.bot, t.echo} {
		fmt.Fprintf(w, "  %-10s %7d updates in %6.2fs = %8.0f updates/s, %8.0f msgs/s out (%d requests), CPU %.3f s/1k updates (+ fake server & users %.3f), peak RSS %s, failed users %d, rate violations %d\n",
			r.name, r.updates, r.took.Seconds(), r.updatesPerSec(), r.sendsPerSec(), r.requests,
			cpuPer1k(r.cpu, r.updates), cpuPer1k(r.simCPU, r.updates), mib(r.peakRSS), len(r.failures), r.viol)
		for i, f := range r.failures {
			if i == 5 {
				fmt.Fprintf(w, "    … %d more\n", len(r.failures)-5)
				break
			}
			fmt.Fprintf(w, "    failed: %v\n", f)
		}
	}
	l := t.bot.child.Latency
	fmt.Fprintf(w, "  handling latency (update received → replies handed to the outbox), %d updates: p50 %s, p90 %s, p99 %s, max %s\n",
		l.N, ms(l.P50), ms(l.P90), ms(l.P99), ms(l.Max))
	if t.bot.child.DBUsers > 0 {
		fmt.Fprintf(w, "  database: %s for %d users = %d bytes/user\n", mib(t.bot.child.DBSize), t.bot.child.DBUsers, t.bot.child.DBSize/int64(t.bot.child.DBUsers))
	}
	fmt.Fprintf(w, "  ratio stretchbot/echo updates/s: %.2f×\n", t.ratio())
}
