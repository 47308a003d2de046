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
	"github.com/stretchbot/stretchbot/coach"
	"github.com/stretchbot/stretchbot/remind"
)

// runServe runs the Telegram bot until ctx is cancelled (SIGINT/SIGTERM),
// then shuts down cleanly and returns 0.
//
// The token comes from TELEGRAM_BOT_TOKEN only (never a flag, so it stays
// out of process listings). TELEGRAM_API_ENDPOINT points the client at
// another Bot API server ("http://host:port/bot%s/%s"). Webhook mode is on
// when a webhook URL is given, and then needs a listen address and a
// secret.
func runServe(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("stretchbot", flag.ContinueOnError)
	fs.SetOutput(stderr)
	db := dbFlag(fs, getenv)
	hookURL := fs.String("webhook-url", getenv("STRETCHBOT_WEBHOOK_URL"), "public HTTPS URL for webhook mode (env STRETCHBOT_WEBHOOK_URL); long polling when empty")
	hookListen := fs.String("webhook-listen", envOr(getenv, "STRETCHBOT_WEBHOOK_LISTEN", ":8080"), "address the webhook server listens on (env STRETCHBOT_WEBHOOK_LISTEN)")
	hookSecret := fs.String("webhook-secret", getenv("STRETCHBOT_WEBHOOK_SECRET"), "webhook secret token, A-Z a-z 0-9 _ - (env STRETCHBOT_WEBHOOK_SECRET)")
	verbose := fs.Bool("v", false, "debug logging")
	grace := fs.Duration("reminder-grace", envDuration(getenv, "STRETCHBOT_REMINDER_GRACE", remind.DefaultGrace), "how late a reminder missed while the bot was down may still be sent (env STRETCHBOT_REMINDER_GRACE)")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "stretchbot: unexpected argument %q\n", fs.Arg(0))
		return 2
	}

	token := getenv("TELEGRAM_BOT_TOKEN")
	if token == "" {
		fmt.Fprintln(stderr, "stretchbot: TELEGRAM_BOT_TOKEN is not set: create a bot with @BotFather and export its token")
		return 2
	}
	cfg := bot.Config{Token: token, APIEndpoint: getenv("TELEGRAM_API_ENDPOINT")}
	if *hookURL != "" {
		if *hookSecret == "" {
			fmt.Fprintln(stderr, "stretchbot: webhook mode needs a secret: set STRETCHBOT_WEBHOOK_SECRET (1-256 of A-Z a-z 0-9 _ -)")
			return 2
		}
		cfg.Webhook = &bot.Webhook{URL: *hookURL, Listen: *hookListen, Secret: *hookSecret}
	}

	level := slog.LevelInfo
	if *verbose {
		level = slog.LevelDebug
	}
	log := slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: level}))

	svc, store, err := openService(*db)
	if err != nil {
		fmt.Fprintf(stderr, "stretchbot: %v\n", err)
		return 1
	}
	defer func() {
		if err := store.Close(); err != nil {
			log.Error("closing the database", "err", err.Error())
		}
	}()

	b, err := bot.New(cfg, svc, clock.Real{}, log)
	if err != nil {
		if errors.Is(err, bot.ErrUnauthorized) {
			fmt.Fprintln(stderr, "stretchbot: Telegram rejected TELEGRAM_BOT_TOKEN (getMe: 401 Unauthorized); check the token from @BotFather")
			return 1
		}
		fmt.Fprintf(stderr, "stretchbot: %v\n", err)
		return 1
	}
	defer b.Close()

	// Reminders: the scheduler finds who is due, the coach decides what
	// to send (and records it durably), the bot delivers at bulk priority
	// behind replies to users' own actions.
	clk := clock.Real{}
	sched := remind.New(store, func(ctx context.Context, u coach.UserID, in coach.Input) error {
		out, err := svc.Handle(ctx, u, in, clk.Now())
		if err != nil {
			return err
		}
		return b.Deliver(ctx, u, out, true)
	}, remind.Options{Grace: *grace, Clock: clk, Logger: log})
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

// envOr returns the environment variable, or def when it is empty.
func envOr(getenv func(string) string, key, def string) string {
	if v := getenv(key); v != "" {
		return v
	}
	return def
}

// envDuration returns the environment variable parsed as a duration, or
// def when it is empty or unparsable (flag parsing reports bad values).
func envDuration(getenv func(string) string, key string, def time.Duration) time.Duration {
	if v := getenv(key); v != "" {
		if d, err := time.ParseDuration(v); err == nil {
			return d
		}
	}
	return def
}
