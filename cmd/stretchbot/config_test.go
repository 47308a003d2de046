package main

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"io"
	"log/slog"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/stretchbot/stretchbot/bot"
	"github.com/stretchbot/stretchbot/clock"
	"github.com/stretchbot/stretchbot/metrics"
	"github.com/stretchbot/stretchbot/remind"
)

var update = flag.Bool("update", false, "rewrite README.md's settings table from the code")

func TestConfigRejectsBadValuesInOneLine(t *testing.T) {
	const tok = "4242:Secret_Token_Value_XYZ"
	tests := []struct {
		name string
		env  map[string]string
		args []string
		want string
	}{
		{"grace from env", map[string]string{"STRETCHBOT_REMINDER_GRACE": "soon"}, nil,
			`STRETCHBOT_REMINDER_GRACE="soon": not a duration like 2h`},
		{"grace from flag", nil, []string{"-reminder-grace", "soon"},
			`-reminder-grace="soon": not a duration like 2h`},
		{"negative duration", map[string]string{"STRETCHBOT_READY_WINDOW": "-5m"}, nil,
			`STRETCHBOT_READY_WINDOW="-5m": not a duration like 2h`},
		{"log format", map[string]string{"STRETCHBOT_LOG_FORMAT": "xml"}, nil,
			`STRETCHBOT_LOG_FORMAT="xml": not text or json`},
		{"log level", nil, []string{"-log-level=loud"},
			`-log-level="loud": not debug, info, warn or error`},
		{"metrics address", map[string]string{"STRETCHBOT_METRICS_ADDR": "9090"}, nil,
			`STRETCHBOT_METRICS_ADDR="9090": not an address like :9090 or 127.0.0.1:9090`},
		{"admin ids", map[string]string{"ADMIN_IDS": "12, bob"}, nil,
			`ADMIN_IDS="12, bob": not a comma-separated list of Telegram user ids like 12345,67890`},
		{"rate", map[string]string{"STRETCHBOT_CHAT_LIMIT": "fast"}, nil,
			`STRETCHBOT_CHAT_LIMIT="fast": not a rate like 30/1s`},
		{"endpoint", map[string]string{"TELEGRAM_API_ENDPOINT": "http://localhost:8081"}, nil,
			`TELEGRAM_API_ENDPOINT="http://localhost:8081": not a Bot API endpoint like http://host:8081/bot%s/%s`},
		{"webhook url", nil, []string{"-webhook-url", "bot.example.org"},
			`-webhook-url="bot.example.org": not an absolute URL like https://bot.example.org/telegram`},
		{"secret never echoed", map[string]string{"STRETCHBOT_WEBHOOK_SECRET": "has spaces Secret_Token_Value_XYZ"}, nil,
			`STRETCHBOT_WEBHOOK_SECRET: not 1-256 characters of A-Z a-z 0-9 _ -`},
		{"token never echoed", map[string]string{"TELEGRAM_BOT_TOKEN": "Secret_Token_Value_XYZ"}, nil,
			`TELEGRAM_BOT_TOKEN: not a bot token like 123456:ABC-DEF… from @BotFather`},
		{"unknown flag", nil, []string{"-verbose"},
			`flag provided but not defined: -verbose (stretchbot serve -h lists the flags)`},
		{"no token", map[string]string{"TELEGRAM_BOT_TOKEN": ""}, nil,
			`TELEGRAM_BOT_TOKEN is not set: create a bot with @BotFather and export its token (or try it without Telegram: stretchbot chat)`},
		{"webhook without secret", map[string]string{"STRETCHBOT_WEBHOOK_URL": "https://bot.example.org/hook"}, nil,
			`webhook mode needs a secret: set STRETCHBOT_WEBHOOK_SECRET (1-256 of A-Z a-z 0-9 _ -)`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			env := map[string]string{"TELEGRAM_BOT_TOKEN": tok}
			for k, v := range tt.env {
				env[k] = v
			}
			var out, errb bytes.Buffer
			code := runServe(context.Background(), tt.args, serveEnv(env), &out, &errb)
			if code != 2 || errb.String() != "stretchbot: "+tt.want+"\n" {
				t.Fatalf("exit %d, stderr %q\nwant %q", code, errb.String(), "stretchbot: "+tt.want+"\n")
			}
			if strings.Contains(errb.String(), "Secret_Token_Value_XYZ") {
				t.Fatal("a secret was echoed")
			}
		})
	}
}

func TestConfigPrecedenceAndDefaults(t *testing.T) {
	parse := func(env map[string]string, args ...string) *config {
		t.Helper()
		c, err := parseConfig(flag.NewFlagSet("t", flag.ContinueOnError), cmdServe, args, serveEnv(env), io.Discard)
		if err != nil {
			t.Fatal(err)
		}
		return c
	}
	d := parse(nil)
	if d.ReminderGrace != remind.DefaultGrace || d.ReadyWindow != metrics.DefaultReadyWindow || d.DB != defaultDB ||
		d.LogFormat != "text" || d.LogLevel != slog.LevelInfo || d.MetricsAddr != "" || d.WebhookListen != ":8080" ||
		d.AdminSocket != defaultDB+".admin.sock" || len(d.AdminIDs) != 0 {
		t.Fatalf("defaults: %+v", d)
	}
	lim := bot.DefaultLimits()
	if bc := d.botConfig(); bc.Limits != lim || bc.Flood != (bot.Flood{Burst: 10, Window: 10 * time.Second}) || bc.Webhook != nil {
		t.Fatalf("default limits %+v / %+v, want %+v and the bot's flood default", bc.Limits, bc.Flood, lim)
	}

	env := map[string]string{"STRETCHBOT_REMINDER_GRACE": "30m", "STRETCHBOT_DB": "/data/env.db", "ADMIN_IDS": " 7, 8,7,",
		"STRETCHBOT_LOG_LEVEL": "debug", "STRETCHBOT_SEND_LIMIT": "20/1s", "STRETCHBOT_ADMIN_SOCKET": "off"}
	c := parse(env, "-reminder-grace", "45m", "-log-format=json")
	if c.ReminderGrace != 45*time.Minute || c.DB != "/data/env.db" || c.LogFormat != "json" || c.LogLevel != slog.LevelDebug ||
		c.SendLimit != (rate{20, time.Second}) || c.AdminSocket != "" || len(c.AdminIDs) != 2 || c.AdminIDs[0] != 7 || c.AdminIDs[1] != 8 {
		t.Fatalf("flags over env over defaults: %+v", c)
	}
	if c := parse(nil, "-db", "/x/y.db"); c.AdminSocket != "/x/y.db.admin.sock" {
		t.Fatalf("socket follows the database: %q", c.AdminSocket)
	}
}

func TestConfigHelpListsEverySetting(t *testing.T) {
	for _, cmd := range []string{cmdServe, cmdBackup, cmdStats, cmdHealthcheck} {
		var out bytes.Buffer
		_, err := parseConfig(flag.NewFlagSet(cmd, flag.ContinueOnError), cmd, []string{"-h"}, serveEnv(nil), &out)
		if !errors.Is(err, errHelp) {
			t.Fatalf("%s -h: %v", cmd, err)
		}
		for _, s := range forCmd(cmd) {
			if !strings.Contains(out.String(), s.Env) {
				t.Errorf("%s -h does not mention %s", cmd, s.Env)
			}
		}
	}
	// STRETCHBOT_LANG and -db belong to chat, which parses its own flags:
	// its usage must say the same.
	var errb bytes.Buffer
	runChatClock(context.Background(), []string{"-h"}, serveEnv(nil), strings.NewReader(""), io.Discard, &errb, clock.NewFake(time.Now()))
	for _, s := range forCmd(cmdChat) {
		if !strings.Contains(errb.String(), "-"+s.Flag) || !strings.Contains(errb.String(), s.Env) {
			t.Errorf("chat -h does not offer -%s (env %s):\n%s", s.Flag, s.Env, errb.String())
		}
	}
}

// The README's settings table is generated from the code; this test fails
// when they differ, and -update rewrites it.
func TestREADMESettingsTable(t *testing.T) {
	const (
		begin = "<!-- settings: generated from cmd/stretchbot/config.go by `go test ./cmd/stretchbot -run README -update` -->\n"
		end   = "<!-- end of settings -->"
	)
	b, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	readme := string(b)
	i, j := strings.Index(readme, begin), strings.Index(readme, end)
	if i < 0 || j < i {
		t.Fatalf("README.md has no settings table between %q and %q", begin, end)
	}
	got, want := readme[i+len(begin):j], configTable()
	if got == want {
		return
	}
	if *update {
		if err := os.WriteFile("../../README.md", []byte(readme[:i+len(begin)]+want+readme[j:]), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	t.Fatalf("README.md's settings table is out of date (go test ./cmd/stretchbot -run README -update):\n%s", want)
}

func TestRedactAttr(t *testing.T) {
	const tok = "555:Recognisable_Token_abcdefghijklmnop"
	for _, format := range []string{"text", "json"} {
		var buf bytes.Buffer
		c := &config{Token: tok, LogFormat: format, LogLevel: slog.LevelDebug}
		log := c.newLogger(&buf).With("base", "url/bot"+tok+"/x")
		log.Info("message with "+tok, "err", errors.New("Post /bot"+tok+"/getMe: refused"), "s", tok, slog.Group("g", "k", tok))
		if strings.Contains(buf.String(), tok) || strings.Count(buf.String(), "<token>") != 5 {
			t.Fatalf("%s: %s", format, buf.String())
		}
	}
}
