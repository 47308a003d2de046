package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/exec"
	"runtime"
	"runtime/pprof"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"
	"github.com/stretchbot/stretchbot/bot"
	"github.com/stretchbot/stretchbot/clock"
	"github.com/stretchbot/stretchbot/coach"
	"github.com/stretchbot/stretchbot/nlu"
	"github.com/stretchbot/stretchbot/remind"
	"github.com/stretchbot/stretchbot/store"
)

// The bots under test run in child processes (this same binary, re-run
// with STRETCHLOAD_ROLE set), so that their CPU time and peak RSS are
// theirs alone: the fake Bot API and the simulated users stay in the
// parent. A child reads one JSON config line on stdin, writes JSON events
// on stdout ("ready", then "result"), and stops when its stdin closes or
// its deadline passes, so it never outlives the parent.

// roleEnv names the environment variable that makes the binary a child.
const roleEnv = "STRETCHLOAD_ROLE"

// Child roles.
const (
	roleBot     = "bot"     // the real bot, long polling
	roleEcho    = "echo"    // tgbotapi's README echo bot
	roleFanout  = "fanout"  // the real bot and the reminder scheduler for one due minute
	roleStartup = "startup" // the bot's start-up at scale, idle RSS, due lookups
)

// childConfig is what the parent tells a child.
type childConfig struct {
	Endpoint string        `json:"endpoint"`
	Token    string        `json:"token"`
	DB       string        `json:"db"`
	Workers  int           `json:"workers"`
	Senders  int           `json:"senders"`
	Limits   bot.Limits    `json:"limits"`
	Flood    bot.Flood     `json:"flood"`
	Deadline time.Duration `json:"deadline"`
	// Profile, when set, is where the child writes a CPU profile of its
	// measured phase.
	Profile string `json:"profile,omitempty"`

	// Fan-out and start-up: the instant the scheduler treats as now.
	TickAt time.Time `json:"tick_at"`
	// Start-up: how long to stay idle before measuring RSS, and the
	// minutes (from LookupFrom) whose due users are looked up.
	IdleFor       time.Duration `json:"idle_for"`
	LookupFrom    time.Time     `json:"lookup_from"`
	LookupMinutes int           `json:"lookup_minutes"`
}

// childEvent is one line a child writes.
type childEvent struct {
	Event string `json:"event"` // "ready", "result" or "error"
	Error string `json:"error,omitempty"`

	// ready
	Startup map[string]time.Duration `json:"startup,omitempty"` // phase → time
	RSS     int64                    `json:"rss,omitempty"`

	// result
	Handled    int64         `json:"handled,omitempty"`
	Latency    Percentiles   `json:"latency"`
	CPU        time.Duration `json:"cpu,omitempty"` // since ready
	PeakRSS    int64         `json:"peak_rss,omitempty"`
	DBSize     int64         `json:"db_size,omitempty"`
	DBUsers    int           `json:"db_users,omitempty"`
	Lookup     Percentiles   `json:"lookup"` // one minute's index lookups
	LookupMax  int           `json:"lookup_max_users,omitempty"`
	TickTook   time.Duration `json:"tick_took,omitempty"`
	TickStats  remind.Stats  `json:"tick_stats"`
	IdleRSS    int64         `json:"idle_rss,omitempty"`
	IdleHeap   uint64        `json:"idle_heap,omitempty"`
	Goroutines int           `json:"goroutines,omitempty"`
}

// runChild plays the role named by STRETCHLOAD_ROLE and returns the exit
// code.
func runChild(role string) int {
	out := json.NewEncoder(os.Stdout)
	var outMu sync.Mutex
	emit := func(e childEvent) {
		outMu.Lock()
		defer outMu.Unlock()
		_ = out.Encode(e)
	}
	in := bufio.NewReader(os.Stdin)
	line, err := in.ReadBytes('\n')
	if err != nil {
		emit(childEvent{Event: "error", Error: "reading config: " + err.Error()})
		return 1
	}
	var cfg childConfig
	if err := json.Unmarshal(line, &cfg); err != nil {
		emit(childEvent{Event: "error", Error: "config: " + err.Error()})
		return 1
	}
	if cfg.Deadline <= 0 {
		cfg.Deadline = 10 * time.Minute
	}
	ctx, cancel := context.WithTimeout(context.Background(), cfg.Deadline)
	defer cancel()
	go func() { // the parent closing stdin (or dying) stops the child
		_, _ = io.Copy(io.Discard, in)
		cancel()
	}()
	var run func(context.Context, childConfig, func(childEvent)) error
	switch role {
	case roleBot:
		run = childBot
	case roleEcho:
		run = childEcho
	case roleFanout:
		run = childFanout
	case roleStartup:
		run = childStartup
	default:
		emit(childEvent{Event: "error", Error: "unknown role " + role})
		return 2
	}
	if err := run(ctx, cfg, emit); err != nil {
		emit(childEvent{Event: "error", Error: err.Error()})
		return 1
	}
	return 0
}

// childLogger logs warnings and errors to stderr: operational lines with
// ids and classes, never message text or the token (the bot sees to it).
func childLogger() *slog.Logger {
	return slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelWarn}))
}

// latencyObserver collects the bot's handling latencies.
type latencyObserver struct {
	bot.NopObserver
	lat     latencies
	handled atomic.Int64
}

func (o *latencyObserver) UpdateHandled(kind string, took time.Duration) {
	o.handled.Add(1)
	o.lat.add(took)
}

// openBot opens the store, the coach and the bot the way cmd/stretchbot
// does, timing each part.
func openBot(cfg childConfig, bc bot.Config, opts store.Options) (*bot.Bot, *coach.Service, *store.DB, map[string]time.Duration, error) {
	times := map[string]time.Duration{}
	t := time.Now()
	c, err := coach.LoadContent()
	if err != nil {
		return nil, nil, nil, nil, err
	}
	times["content"] = time.Since(t)
	t = time.Now()
	model := nlu.New(c)
	times["nlu"] = time.Since(t)
	t = time.Now()
	db, err := store.Open(cfg.DB, opts)
	if err != nil {
		return nil, nil, nil, nil, err
	}
	times["db"] = time.Since(t)
	svc := coach.NewService(coach.NewEngine(c, model), db)
	t = time.Now()
	bc.Token, bc.APIEndpoint = cfg.Token, cfg.Endpoint
	b, err := bot.New(bc, svc, clock.Real{}, childLogger())
	if err != nil {
		db.Close()
		return nil, nil, nil, nil, err
	}
	times["bot"] = time.Since(t) // getMe and, with no Zones, tzf's finder
	return b, svc, db, times, nil
}

// childBot runs the real bot until stopped and reports its handling
// latencies and costs.
func childBot(ctx context.Context, cfg childConfig, emit func(childEvent)) error {
	obs := &latencyObserver{}
	b, _, db, times, err := openBot(cfg, bot.Config{
		PollTimeout: 10 * time.Second, Workers: cfg.Workers, Senders: cfg.Senders,
		Limits: cfg.Limits, Flood: cfg.Flood, Observer: obs,
	}, store.Options{})
	if err != nil {
		return err
	}
	defer db.Close()
	stopProfile, err := startProfile(cfg.Profile)
	if err != nil {
		return err
	}
	cpu0 := cpuTime()
	emit(childEvent{Event: "ready", Startup: times, RSS: currentRSS()})
	err = b.Run(ctx)
	stopProfile()
	b.Close()
	cpu := cpuTime() - cpu0
	if err != nil {
		return fmt.Errorf("bot: %w", err)
	}
	st, err := db.Stats(context.Background())
	if err != nil {
		return err
	}
	emit(childEvent{
		Event: "result", Handled: obs.handled.Load(), Latency: obs.lat.summary(),
		CPU: cpu, PeakRSS: peakRSS(), DBSize: db.Size(), DBUsers: st.Users,
	})
	return nil
}

// startProfile starts a CPU profile written to path, and block and mutex
// profiles written next to it (path-block, path-mutex) when stopped; it
// returns the function that stops them. With no path it does nothing.
func startProfile(path string) (func(), error) {
	if path == "" {
		return func() {}, nil
	}
	f, err := os.Create(path)
	if err != nil {
		return nil, err
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		f.Close()
		return nil, err
	}
	runtime.SetBlockProfileRate(int(50 * time.Microsecond))
	runtime.SetMutexProfileFraction(10)
	return func() {
		pprof.StopCPUProfile()
		f.Close()
		for _, name := range []string{"block", "mutex"} {
			if pf, err := os.Create(strings.TrimSuffix(path, ".pprof") + "-" + name + ".pprof"); err == nil {
				_ = pprof.Lookup(name).WriteTo(pf, 0)
				pf.Close()
			}
		}
	}, nil
}

// hardenedTransport has the settings of the bot's own HTTP transport
// (bot/client.go), so the echo baseline pays the same connection costs:
// pooled keep-alive connections (32 idle per host), dial and TLS
// timeouts.
func hardenedTransport() *http.Transport {
	return &http.Transport{
		Proxy:                 http.ProxyFromEnvironment,
		DialContext:           (&net.Dialer{Timeout: 10 * time.Second, KeepAlive: 30 * time.Second}).DialContext,
		ForceAttemptHTTP2:     true,
		MaxIdleConns:          64,
		MaxIdleConnsPerHost:   32,
		IdleConnTimeout:       90 * time.Second,
		TLSHandshakeTimeout:   10 * time.Second,
		ExpectContinueTimeout: time.Second,
	}
}

// childEcho is tgbotapi's README echo bot (GetUpdatesChan, one update at
// a time, a reply to each message), with the hardened HTTP client.
func childEcho(ctx context.Context, cfg childConfig, emit func(childEvent)) error {
	_ = tgbotapi.SetLogger(log.New(io.Discard, "", 0))
	client := &http.Client{Transport: hardenedTransport(), Timeout: 30 * time.Second}
	api, err := tgbotapi.NewBotAPIWithClient(cfg.Token, cfg.Endpoint, client)
	if err != nil {
		return fmt.Errorf("echo: getMe failed")
	}
	u := tgbotapi.NewUpdate(0)
	u.Timeout = 1 // seconds: the loop notices a stop within a second
	updates := api.GetUpdatesChan(u)
	stopProfile, err := startProfile(cfg.Profile)
	if err != nil {
		return err
	}
	defer stopProfile()
	cpu0 := cpuTime()
	emit(childEvent{Event: "ready", RSS: currentRSS()})
	go func() {
		<-ctx.Done()
		api.StopReceivingUpdates()
	}()
	var handled int64
	for update := range updates {
		if update.Message == nil {
			continue
		}
		msg := tgbotapi.NewMessage(update.Message.Chat.ID, update.Message.Text)
		msg.ReplyToMessageID = update.Message.MessageID
		if _, err := api.Send(msg); err == nil {
			handled++
		}
	}
	emit(childEvent{Event: "result", Handled: handled, CPU: cpuTime() - cpu0, PeakRSS: peakRSS()})
	return nil
}

// child is a running child process, seen from the parent.
type child struct {
	role   string
	cmd    *exec.Cmd
	stdin  io.WriteCloser
	events chan childEvent
	exited chan struct{}
}

// startChild starts this binary as a child with the role and config.
func startChild(role string, cfg childConfig) (*child, error) {
	exe, err := os.Executable()
	if err != nil {
		return nil, err
	}
	cmd := exec.Command(exe)
	cmd.Env = append(os.Environ(), roleEnv+"="+role)
	cmd.Stderr = os.Stderr
	stdin, err := cmd.StdinPipe()
	if err != nil {
		return nil, err
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	c := &child{role: role, cmd: cmd, stdin: stdin, events: make(chan childEvent, 4), exited: make(chan struct{})}
	go func() {
		dec := json.NewDecoder(stdout)
		for {
			var e childEvent
			if err := dec.Decode(&e); err != nil {
				break
			}
			c.events <- e
		}
		_ = cmd.Wait()
		close(c.events)
		close(c.exited)
	}()
	line, _ := json.Marshal(cfg)
	if _, err := stdin.Write(append(line, '\n')); err != nil {
		c.kill()
		return nil, err
	}
	return c, nil
}

// wait returns the child's next event, which must be of the kind.
func (c *child) wait(kind string, timeout time.Duration) (childEvent, error) {
	select {
	case e, ok := <-c.events:
		switch {
		case !ok:
			return e, fmt.Errorf("%s child exited before %q", c.role, kind)
		case e.Event == "error":
			return e, fmt.Errorf("%s child: %s", c.role, e.Error)
		case e.Event != kind:
			return e, fmt.Errorf("%s child: got %q, want %q", c.role, e.Event, kind)
		}
		return e, nil
	case <-time.After(timeout):
		c.kill()
		return childEvent{}, fmt.Errorf("%s child: no %q within %v", c.role, kind, timeout)
	}
}

// stop closes the child's stdin, waits for its result and its exit.
func (c *child) stop(timeout time.Duration) (childEvent, error) {
	_ = c.stdin.Close()
	e, err := c.wait("result", timeout)
	select {
	case <-c.exited:
	case <-time.After(timeout):
		c.kill()
		return e, errors.Join(err, fmt.Errorf("%s child did not exit", c.role))
	}
	return e, err
}

// close closes the child's stdin and waits for it to exit, after its
// events were read.
func (c *child) close(timeout time.Duration) error {
	_ = c.stdin.Close()
	for {
		select {
		case e, ok := <-c.events:
			if !ok {
				<-c.exited
				return nil
			}
			if e.Event == "error" {
				return fmt.Errorf("%s child: %s", c.role, e.Error)
			}
		case <-time.After(timeout):
			c.kill()
			return fmt.Errorf("%s child did not exit", c.role)
		}
	}
}

// kill ends the child process (by its pid) and waits for it.
func (c *child) kill() {
	_ = c.stdin.Close()
	_ = c.cmd.Process.Kill()
	<-c.exited
}
