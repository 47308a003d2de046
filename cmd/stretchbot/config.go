package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/stretchbot/stretchbot/bot"
)

// config is every setting of the long-running commands, parsed and
// validated.
type config struct {
	Token         string
	APIEndpoint   string
	DB            string
	AdminSocket   string // "" when off
	LogFormat     string // "text" or "json"
	LogLevel      slog.Level
	MetricsAddr   string // "" when off
	ReadyWindow   time.Duration
	WebhookURL    string // "" for long polling
	WebhookListen string
	WebhookSecret string
	ReminderGrace time.Duration
	AdminIDs      []int64
	SendLimit     rate   // bot.Limits.Global over GlobalWindow
	ChatLimit     rate   // bot.Limits.PerChat over PerChatWindow
	FloodLimit    rate   // bot.Flood
	Lang          string // chat only: the texts' language; "" for the user's own
}

// rate is "N per window".
type rate struct {
	N      int
	Window time.Duration
}

// Subcommands that read settings.
const (
	cmdServe       = "serve"
	cmdBackup      = "backup"
	cmdStats       = "stats"
	cmdHealthcheck = "healthcheck"
	cmdChat        = "chat"
)

// setting is one configuration setting: an environment variable, and a
// flag that overrides it (none for secrets, which stay out of process
// listings).
type setting struct {
	Env     string
	Flag    string // "" for environment only
	Default string // parsed like any value; shown in the README
	Shown   string // how the default reads in the README when not Default
	Meaning string
	Cmds    []string
	// Secret settings never appear in messages, not even when invalid.
	Secret bool
	// parse stores v in c or returns why it is not valid, as a phrase
	// such as "not a duration like 2h".
	parse func(c *config, v string) error
}

// settings is the one list of settings: flags, environment, validation,
// usage and the README's table all come from it.
var settings = []setting{
	{Env: "TELEGRAM_BOT_TOKEN", Default: "", Shown: "(required)", Secret: true, Cmds: []string{cmdServe},
		Meaning: "the bot's token from @BotFather; environment only, never logged",
		parse: func(c *config, v string) error {
			if v != "" && !tokenShape.MatchString(v) {
				return errors.New("not a bot token like 123456:ABC-DEF… from @BotFather")
			}
			c.Token = v
			return nil
		}},
	{Env: "TELEGRAM_API_ENDPOINT", Flag: "api-endpoint", Shown: "Telegram's", Cmds: []string{cmdServe},
		Meaning: "another Bot API server, in tgbotapi's format `http://host:port/bot%s/%s`",
		parse: func(c *config, v string) error {
			if v == "" {
				return nil
			}
			u, err := url.Parse(fmt.Sprintf(v, "TOKEN", "getMe"))
			if strings.Count(v, "%s") != 2 || strings.Count(v, "%") != 2 || err != nil || u.Host == "" || u.Scheme != "http" && u.Scheme != "https" {
				return errors.New("not a Bot API endpoint like http://host:8081/bot%s/%s")
			}
			c.APIEndpoint = v
			return nil
		}},
	{Env: "STRETCHBOT_DB", Flag: "db", Default: defaultDB, Cmds: []string{cmdServe, cmdBackup, cmdStats, cmdChat},
		Meaning: "the bbolt database file (created 0600, its directory 0700)",
		parse: func(c *config, v string) error {
			if strings.TrimSpace(v) == "" {
				return errors.New("not a file path")
			}
			c.DB = v
			return nil
		}},
	{Env: "STRETCHBOT_ADMIN_SOCKET", Flag: "admin-socket", Shown: "`<db>.admin.sock`", Cmds: []string{cmdServe, cmdBackup, cmdStats},
		Meaning: "the running bot's local admin socket (0600), which `backup` and `stats` use while the bot holds the database; `off` for none",
		parse: func(c *config, v string) error {
			c.AdminSocket = v
			return nil
		}},
	{Env: "STRETCHBOT_LOG_FORMAT", Flag: "log-format", Default: "text", Cmds: []string{cmdServe},
		Meaning: "`text` or `json` (one object per line)",
		parse: func(c *config, v string) error {
			if v != "text" && v != "json" {
				return errors.New("not text or json")
			}
			c.LogFormat = v
			return nil
		}},
	{Env: "STRETCHBOT_LOG_LEVEL", Flag: "log-level", Default: "info", Cmds: []string{cmdServe},
		Meaning: "`debug`, `info`, `warn` or `error`",
		parse: func(c *config, v string) error {
			var l slog.Level
			if err := l.UnmarshalText([]byte(v)); err != nil || strings.ContainsAny(v, "+-") {
				return errors.New("not debug, info, warn or error")
			}
			c.LogLevel = l
			return nil
		}},
	{Env: "STRETCHBOT_METRICS_ADDR", Flag: "metrics-addr", Shown: "off", Cmds: []string{cmdServe, cmdHealthcheck},
		Meaning: "where to serve `/metrics`, `/healthz` and `/readyz`, e.g. `:9090`; empty: off",
		parse: func(c *config, v string) error {
			if v == "" {
				return nil
			}
			if _, port, err := net.SplitHostPort(v); err != nil || port == "" {
				return errors.New("not an address like :9090 or 127.0.0.1:9090")
			}
			c.MetricsAddr = v
			return nil
		}},
	{Env: "STRETCHBOT_READY_WINDOW", Flag: "ready-window", Default: "5m", Cmds: []string{cmdServe},
		Meaning: "`/readyz` fails when Telegram has not answered a request successfully for this long",
		parse:   func(c *config, v string) error { return parseDuration(v, &c.ReadyWindow) }},
	{Env: "STRETCHBOT_WEBHOOK_URL", Flag: "webhook-url", Shown: "(long polling)", Cmds: []string{cmdServe},
		Meaning: "public HTTPS URL Telegram posts updates to; webhook mode when set",
		parse: func(c *config, v string) error {
			if v == "" {
				return nil
			}
			u, err := url.Parse(v)
			if err != nil || u.Host == "" || u.Scheme != "https" && u.Scheme != "http" {
				return errors.New("not an absolute URL like https://bot.example.org/telegram")
			}
			c.WebhookURL = v
			return nil
		}},
	{Env: "STRETCHBOT_WEBHOOK_LISTEN", Flag: "webhook-listen", Default: ":8080", Cmds: []string{cmdServe},
		Meaning: "local address the webhook server listens on (TLS is the reverse proxy's job)",
		parse: func(c *config, v string) error {
			if _, port, err := net.SplitHostPort(v); err != nil || port == "" {
				return errors.New("not an address like :8080")
			}
			c.WebhookListen = v
			return nil
		}},
	{Env: "STRETCHBOT_WEBHOOK_SECRET", Shown: "(required for webhooks)", Secret: true, Cmds: []string{cmdServe},
		Meaning: "secret Telegram must send with every webhook request: 1-256 of `A-Z a-z 0-9 _ -`; environment only",
		parse: func(c *config, v string) error {
			if v != "" && !secretShape.MatchString(v) {
				return errors.New("not 1-256 characters of A-Z a-z 0-9 _ -")
			}
			c.WebhookSecret = v
			return nil
		}},
	{Env: "STRETCHBOT_REMINDER_GRACE", Flag: "reminder-grace", Default: "2h", Cmds: []string{cmdServe},
		Meaning: "how late a reminder missed while the bot was down may still be sent",
		parse:   func(c *config, v string) error { return parseDuration(v, &c.ReminderGrace) }},
	{Env: "ADMIN_IDS", Flag: "admin-ids", Shown: "(none)", Cmds: []string{cmdServe},
		Meaning: "comma-separated Telegram user ids allowed to use `/stats`",
		parse: func(c *config, v string) error {
			c.AdminIDs = nil
			for f := range strings.SplitSeq(v, ",") {
				f = strings.TrimSpace(f)
				if f == "" {
					continue
				}
				id, err := strconv.ParseInt(f, 10, 64)
				if err != nil || id <= 0 {
					return errors.New("not a comma-separated list of Telegram user ids like 12345,67890")
				}
				if !slices.Contains(c.AdminIDs, id) {
					c.AdminIDs = append(c.AdminIDs, id)
				}
			}
			return nil
		}},
	{Env: "STRETCHBOT_SEND_LIMIT", Flag: "send-limit", Default: "30/1s", Cmds: []string{cmdServe},
		Meaning: "most messages sent in total per window (Telegram allows about 30 a second)",
		parse:   func(c *config, v string) error { return parseRate(v, &c.SendLimit) }},
	{Env: "STRETCHBOT_CHAT_LIMIT", Flag: "chat-limit", Default: "3/3s", Cmds: []string{cmdServe},
		Meaning: "most messages sent to one chat per window (Telegram allows about 1 a second)",
		parse:   func(c *config, v string) error { return parseRate(v, &c.ChatLimit) }},
	{Env: "STRETCHBOT_FLOOD_LIMIT", Flag: "flood-limit", Default: "10/10s", Cmds: []string{cmdServe},
		Meaning: "most updates one user may send per window; more are dropped with one \"slow down\"",
		parse:   func(c *config, v string) error { return parseRate(v, &c.FloodLimit) }},
	{Env: "STRETCHBOT_LANG", Flag: "lang", Shown: "from Telegram", Cmds: []string{cmdChat},
		Meaning: "`chat` only: language of the texts; English is the fallback (the bot uses each user's Telegram language)",
		parse: func(c *config, v string) error {
			c.Lang = v
			return nil
		}},
}

var (
	tokenShape  = regexp.MustCompile(`^\d+:[A-Za-z0-9_-]+$`)
	secretShape = regexp.MustCompile(`^[A-Za-z0-9_-]{1,256}$`)
)

func parseDuration(v string, dst *time.Duration) error {
	d, err := time.ParseDuration(v)
	if err != nil || d <= 0 {
		return errors.New("not a duration like 2h")
	}
	*dst = d
	return nil
}

func parseRate(v string, dst *rate) error {
	n, w, ok := strings.Cut(v, "/")
	count, err1 := strconv.Atoi(n)
	d, err2 := time.ParseDuration(w)
	if !ok || err1 != nil || err2 != nil || count <= 0 || d <= 0 {
		return errors.New("not a rate like 30/1s")
	}
	*dst = rate{N: count, Window: d}
	return nil
}

// forCmd returns the settings a subcommand reads.
func forCmd(cmd string) []setting {
	var out []setting
	for _, s := range settings {
		if slices.Contains(s.Cmds, cmd) {
			out = append(out, s)
		}
	}
	return out
}

// errHelp is returned by parseConfig for -h; the usage was printed.
var errHelp = flag.ErrHelp

// parseConfig reads the settings of cmd: a flag's value when given, else
// the environment variable's when set, else the default. fs may hold the
// subcommand's own flags already; its arguments are left in fs.Args(). An
// invalid value gives one line naming the setting as it was given (the
// variable or the flag) and why, e.g.
//
//	STRETCHBOT_REMINDER_GRACE="soon": not a duration like 2h
//
// For -h it prints the usage to help and returns errHelp.
func parseConfig(fs *flag.FlagSet, cmd string, args []string, getenv func(string) string, help io.Writer) (*config, error) {
	own := forCmd(cmd)
	given := map[string]string{}
	for _, s := range own {
		if s.Flag == "" {
			continue
		}
		fs.Func(s.Flag, s.Meaning+" (env "+s.Env+")", func(v string) error {
			given[s.Flag] = v
			return nil
		})
	}
	fs.SetOutput(io.Discard)
	fs.Usage = func() {}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			printUsage(help, fs, cmd)
			return nil, errHelp
		}
		return nil, fmt.Errorf("%v (stretchbot %s -h lists the flags)", err, cmd)
	}
	c := &config{}
	for _, s := range own {
		v, name := s.Default, ""
		if fv, ok := given[s.Flag]; ok && s.Flag != "" {
			v, name = fv, "-"+s.Flag
		} else if ev := getenv(s.Env); ev != "" {
			v, name = ev, s.Env
		}
		if err := s.parse(c, v); err != nil {
			if name == "" {
				name = s.Env + " (default)"
			}
			if s.Secret {
				return nil, fmt.Errorf("%s: %v", name, err)
			}
			return nil, fmt.Errorf("%s=%q: %v", name, v, err)
		}
	}
	if slices.ContainsFunc(own, func(s setting) bool { return s.Env == "STRETCHBOT_ADMIN_SOCKET" }) {
		switch c.AdminSocket {
		case "off":
			c.AdminSocket = ""
		case "":
			if c.DB != "" {
				c.AdminSocket = c.DB + ".admin.sock"
			}
		}
	}
	return c, nil
}

// validateServe checks what only makes sense together, for the bot.
func (c *config) validateServe() error {
	if c.Token == "" {
		return errors.New("TELEGRAM_BOT_TOKEN is not set: create a bot with @BotFather and export its token (or try it without Telegram: stretchbot chat)")
	}
	if c.WebhookURL != "" && c.WebhookSecret == "" {
		return errors.New("webhook mode needs a secret: set STRETCHBOT_WEBHOOK_SECRET (1-256 of A-Z a-z 0-9 _ -)")
	}
	return nil
}

// botConfig is the bot's part of the configuration.
func (c *config) botConfig() bot.Config {
	cfg := bot.Config{
		Token:       c.Token,
		APIEndpoint: c.APIEndpoint,
		Limits: bot.Limits{
			Global: c.SendLimit.N, GlobalWindow: c.SendLimit.Window,
			PerChat: c.ChatLimit.N, PerChatWindow: c.ChatLimit.Window,
		},
		Flood: bot.Flood{Burst: c.FloodLimit.N, Window: c.FloodLimit.Window},
	}
	if c.WebhookURL != "" {
		cfg.Webhook = &bot.Webhook{URL: c.WebhookURL, Listen: c.WebhookListen, Secret: c.WebhookSecret}
	}
	return cfg
}

// newLogger returns the process logger: text or JSON on w, at the level,
// with every string that holds the token replaced (bot redacts its own
// lines already; this is the backstop for everything else).
func (c *config) newLogger(w io.Writer) *slog.Logger {
	opts := &slog.HandlerOptions{Level: c.LogLevel, ReplaceAttr: redactAttr(c.Token)}
	if c.LogFormat == "json" {
		return slog.New(slog.NewJSONHandler(w, opts))
	}
	return slog.New(slog.NewTextHandler(w, opts))
}

// redactAttr returns a ReplaceAttr function that cuts token out of every
// attribute, the message included.
func redactAttr(token string) func([]string, slog.Attr) slog.Attr {
	if token == "" {
		return nil
	}
	return func(_ []string, a slog.Attr) slog.Attr {
		v := a.Value.Resolve()
		switch v.Kind() {
		case slog.KindString:
			if s := v.String(); strings.Contains(s, token) {
				a.Value = slog.StringValue(strings.ReplaceAll(s, token, "<token>"))
			}
		case slog.KindAny:
			if s := fmt.Sprint(v.Any()); strings.Contains(s, token) {
				a.Value = slog.StringValue(strings.ReplaceAll(s, token, "<token>"))
			}
		}
		return a
	}
}

// printUsage prints a subcommand's settings and its own flags.
func printUsage(w io.Writer, fs *flag.FlagSet, cmd string) {
	fmt.Fprintf(w, "Usage of stretchbot %s. Each setting is an environment variable; a flag overrides it.\n\n", cmd)
	mine := map[string]bool{}
	for _, s := range forCmd(cmd) {
		def := s.Shown
		if def == "" {
			def = s.Default
		}
		name := s.Env + " (environment only)"
		if s.Flag != "" {
			name = "-" + s.Flag + ", " + s.Env
			mine[s.Flag] = true
		}
		fmt.Fprintf(w, "  %s   default: %s\n    \t%s\n", name, strings.Trim(def, "`"), s.Meaning)
	}
	fs.VisitAll(func(f *flag.Flag) {
		if mine[f.Name] {
			return
		}
		if f.DefValue == "" || f.DefValue == "false" {
			fmt.Fprintf(w, "  -%s\n    \t%s\n", f.Name, f.Usage)
		} else {
			fmt.Fprintf(w, "  -%s   default: %s\n    \t%s\n", f.Name, f.DefValue, f.Usage)
		}
	})
}

// configTable is the README's configuration table, in Markdown.
func configTable() string {
	var b strings.Builder
	b.WriteString("| variable | flag | default | meaning |\n| --- | --- | --- | --- |\n")
	for _, s := range settings {
		flagCol := "(none)"
		if s.Flag != "" {
			flagCol = "`-" + s.Flag + "`"
		}
		def := s.Shown
		if def == "" {
			def = "`" + s.Default + "`"
		}
		fmt.Fprintf(&b, "| `%s` | %s | %s | %s |\n", s.Env, flagCol, def, strings.ReplaceAll(s.Meaning, "|", "\\|"))
	}
	return b.String()
}
