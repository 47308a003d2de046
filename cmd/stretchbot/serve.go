package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"time"

	"github.com/stretchbot/stretchbot/bot"
	"github.com/stretchbot/stretchbot/clock"
	"github.com/stretchbot/stretchbot/metrics"
	"github.com/stretchbot/stretchbot/remind"
	"github.com/stretchbot/stretchbot/store"
)

// stopTimeout bounds the shutdown of the side listeners (metrics, admin
// socket) once the bot has stopped.
const stopTimeout = 10 * time.Second

// runServe runs the Telegram bot until ctx is cancelled (SIGINT/SIGTERM),
// then shuts down cleanly and returns 0.
//
// Every setting is an environment variable with a flag overriding it (see
// settings); the token and the webhook secret are environment only, so
// they stay out of process listings. Alongside the bot it runs the
// reminder scheduler, the admin socket for `backup` and `stats`, and, when
// STRETCHBOT_METRICS_ADDR is set, the metrics and health listener.
func runServe(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("stretchbot", flag.ContinueOnError)
	cfg, err := parseConfig(fs, cmdServe, args, getenv, stdout)
	if errors.Is(err, errHelp) {
		return 0
	}
	if err != nil {
		fmt.Fprintf(stderr, "stretchbot: %v\n", err)
		return 2
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "stretchbot: unexpected argument %q\n", fs.Arg(0))
		return 2
	}
	if err := cfg.validateServe(); err != nil {
		fmt.Fprintf(stderr, "stretchbot: %v\n", err)
		return 2
	}
	log := cfg.newLogger(stderr)
	clk := clock.Real{}

	svc, st, err := openService(cfg.DB)
	if err != nil {
		fmt.Fprintf(stderr, "stretchbot: %v\n", err)
		return 1
	}
	defer func() {
		if err := st.Close(); err != nil {
			log.Error("closing the database", "err", err.Error())
		}
	}()

	bc := cfg.botConfig() // Zones left nil: bot builds tzf's finder in the background
	bc.Admin = bot.Admin{IDs: cfg.AdminIDs, Stats: statsCounts(st)}
	var m *metrics.Metrics
	if cfg.MetricsAddr != "" {
		m, err = metrics.New(metrics.Options{DB: dbCheck(st), DBSize: st.Size, ReadyWindow: cfg.ReadyWindow, Clock: clk})
		if err != nil {
			fmt.Fprintf(stderr, "stretchbot: %v\n", err)
			return 1
		}
		bc.Observer = m
	}

	b, err := bot.New(bc, svc, clk, log)
	if err != nil {
		if errors.Is(err, bot.ErrUnauthorized) {
			fmt.Fprintln(stderr, "stretchbot: Telegram rejected TELEGRAM_BOT_TOKEN (getMe: 401 Unauthorized); check the token from @BotFather")
			return 1
		}
		fmt.Fprintf(stderr, "stretchbot: %v\n", err)
		return 1
	}
	defer b.Close()

	if m != nil {
		m.WatchOutbox(b.Pending)
		ms, err := m.Listen(cfg.MetricsAddr, log)
		if err != nil {
			fmt.Fprintf(stderr, "stretchbot: STRETCHBOT_METRICS_ADDR=%q: %v\n", cfg.MetricsAddr, err)
			return 1
		}
		defer closeWithin(ms.Close, log, "metrics listener")
		kctx, stopKeep := context.WithCancel(ctx)
		kept := make(chan struct{})
		go func() {
			defer close(kept)
			keepAlive(kctx, clk, cfg.ReadyWindow/3, m.LastSuccess, b.Ping, log)
		}()
		defer func() { stopKeep(); <-kept }()
	}
	if cfg.AdminSocket != "" {
		as, err := serveAdmin(cfg.AdminSocket, st, log)
		if err != nil {
			// The bot works without it; only backup and stats must then
			// wait for it to stop.
			log.Warn("no admin socket: backup and stats need the bot stopped", "err", err.Error())
		} else {
			defer closeWithin(as.Close, log, "admin socket")
		}
	}

	// Reminders: the scheduler finds who is due, the coach decides what
	// to send (and records it durably), the bot delivers at bulk priority
	// behind replies to users' own actions.
	sched := remind.New(st, b.HandleScheduled, remind.Options{Grace: cfg.ReminderGrace, Clock: clk, Logger: log})
	if err := sched.Start(ctx); err != nil {
		fmt.Fprintf(stderr, "stretchbot: reminders: %v\n", err)
		return 1
	}

	fmt.Fprintf(stdout, "stretchbot: @%s is running; press Ctrl-C to stop\n", b.Username())
	start := time.Now()
	err = b.Run(ctx)
	<-sched.Stop().Done() // let a tick in progress finish before the database closes
	if err != nil {
		fmt.Fprintf(stderr, "stretchbot: %v\n", err)
		return 1
	}
	log.Info("stopped cleanly", "uptime", time.Since(start).Round(time.Second))
	return 0
}

// dbCheck reports whether the database answers a read.
func dbCheck(st *store.DB) func() error {
	return func() error {
		_, err := st.Meta("ready")
		return err
	}
}

// closeWithin calls a graceful close bounded by stopTimeout and logs a
// failure.
func closeWithin(close func(context.Context) error, log *slog.Logger, what string) {
	ctx, cancel := context.WithTimeout(context.Background(), stopTimeout)
	defer cancel()
	if err := close(ctx); err != nil {
		log.Warn("did not stop cleanly", "what", what, "err", err.Error())
	}
}

// keepAlive asks Telegram getMe whenever no request has succeeded for
// `every`, until ctx ends. A polling bot talks to Telegram all the time;
// a webhook bot on a quiet night does not, and /readyz must still tell
// whether Telegram is reachable.
func keepAlive(ctx context.Context, clk clock.Clock, every time.Duration, last func() time.Time, ping func(context.Context) error, log *slog.Logger) {
	if every <= 0 {
		every = time.Minute
	}
	for {
		select {
		case <-ctx.Done():
			return
		case <-clk.After(every):
		}
		if clk.Now().Sub(last()) < every {
			continue
		}
		pctx, cancel := context.WithTimeout(ctx, 30*time.Second)
		err := ping(pctx)
		cancel()
		if err != nil && ctx.Err() == nil {
			log.Warn("Telegram did not answer getMe", "err", err.Error())
		}
	}
}
