package bot

import (
	"errors"
	"fmt"
	"net/url"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"
)

// Config configures a Bot. Only Token is required; every zero field takes
// the default documented on it.
type Config struct {
	// Token is the bot token from @BotFather. It is never logged.
	Token string
	// APIEndpoint is the Bot API endpoint in tgbotapi's format,
	// "http://host:port/bot%s/%s"; Telegram's when empty.
	APIEndpoint string

	// PollTimeout is the long-poll timeout of getUpdates (whole seconds);
	// 50 s by default. Requests for getUpdates time out 15 s after it.
	PollTimeout time.Duration
	// RequestTimeout bounds every other request; 20 s by default.
	RequestTimeout time.Duration

	// Workers is how many users' updates are handled at the same time;
	// 100 by default, the most one getUpdates call returns, so the whole
	// batch is handled at once and its saves share fsyncs (BENCHMARKS.md).
	// One user's updates are always handled in order.
	Workers int
	// Senders is how many sends may be in flight at once; 8 by default.
	Senders int
	// Limits are the outbox's rate limits; DefaultLimits when zero.
	Limits Limits
	// Retry is the outbox's policy for 5xx and network errors.
	Retry Retry
	// Flood is the per-user flood guard.
	Flood Flood
	// ShutdownTimeout bounds the flush of the outbox when Run stops;
	// 10 s by default.
	ShutdownTimeout time.Duration

	// CallbackKey signs button data. When empty it is derived from the
	// token with HMAC-SHA256, so buttons keep working across restarts; the
	// token itself never appears in button data.
	CallbackKey []byte

	// Webhook, when set, receives updates by webhook instead of long
	// polling.
	Webhook *Webhook

	// Zones resolves shared locations to time zones. When nil, New starts
	// building tzf's default finder on the lite data set in the
	// background, once per process (a second or more; about 40 MiB kept,
	// see zones.go); a location shared before it is ready waits for it.
	Zones ZoneFinder

	// Observer receives events for metrics; NopObserver when nil.
	Observer Observer
	// Admin configures the operators' commands (/stats); none when zero.
	Admin Admin
}

// Limits is the outbox's sending rule, in sliding windows: at most Global
// sends in any GlobalWindow, at most PerChat sends to one chat in any
// PerChatWindow. A send counts from when it starts until GlobalWindow
// (PerChatWindow) after it finished, so the rule holds at Telegram's end
// whatever the network delay; failed attempts count too.
//
// Counted sends are messages, documents, photos and edits. Callback
// answers are not counted: Telegram does not count them, and they must be
// answered within seconds, so they are immediate requests outside the
// outbox.
type Limits struct {
	Global        int
	GlobalWindow  time.Duration
	PerChat       int
	PerChatWindow time.Duration
}

// DefaultLimits returns Telegram's guidance: 30 messages per second in
// total, and per chat 1 per second on average with a burst of 3 (3 in any
// 3 seconds).
func DefaultLimits() Limits {
	return Limits{Global: 30, GlobalWindow: time.Second, PerChat: 3, PerChatWindow: 3 * time.Second}
}

// Retry is how the outbox retries a send that failed with a 5xx or a
// network error: after Base, 2×Base, 4×Base… capped at Max, each with ±50 %
// jitter, at most Attempts times in all; then it logs the user id and the
// error class and gives the message up. A 429 is retried after its
// retry_after, at most 10 times.
type Retry struct {
	Attempts int           // 6 by default
	Base     time.Duration // 500 ms by default
	Max      time.Duration // 30 s by default
}

// Flood is the per-user flood guard: a token bucket of Burst updates that
// refills at Burst per Window. An update beyond it is dropped before it
// reaches the coach (no database write); the first one dropped in a row
// gets one "slow down" note. The default, 10 per 10 s, lets a person tap
// through a routine at any human speed.
type Flood struct {
	Burst  int           // 10 by default
	Window time.Duration // 10 s by default
}

// Webhook configures webhook mode. TLS is left to a reverse proxy in front
// of Listen.
type Webhook struct {
	// URL is the public HTTPS address Telegram posts to; its path is the
	// path served.
	URL string
	// Listen is the local address to serve on, e.g. ":8443".
	Listen string
	// Secret is sent to Telegram as secret_token and must come back in
	// every request's X-Telegram-Bot-Api-Secret-Token header: 1-256
	// characters of A-Z, a-z, 0-9, _ and -. Required.
	Secret string
	// MaxBodyBytes limits a request body; 1 MiB by default.
	MaxBodyBytes int64
}

// ZoneFinder resolves a point to an IANA time zone name ("" when unknown).
// github.com/ringsaturn/tzf's finders implement it.
type ZoneFinder interface {
	GetTimezoneName(lng, lat float64) string
}

// ErrNoToken is returned by New when Config.Token is empty.
var ErrNoToken = errors.New("bot: no token")

// withDefaults returns c with defaults filled in, or an error for an
// unusable configuration.
func (c Config) withDefaults() (Config, error) {
	if c.Token == "" {
		return c, ErrNoToken
	}
	if c.APIEndpoint == "" {
		c.APIEndpoint = tgbotapi.APIEndpoint
	}
	if c.PollTimeout <= 0 {
		c.PollTimeout = 50 * time.Second
	}
	if c.PollTimeout < time.Second {
		c.PollTimeout = time.Second
	}
	if c.RequestTimeout <= 0 {
		c.RequestTimeout = 20 * time.Second
	}
	if c.Workers <= 0 {
		c.Workers = 100
	}
	if c.Senders <= 0 {
		c.Senders = 8
	}
	if c.Limits == (Limits{}) {
		c.Limits = DefaultLimits()
	}
	if c.Limits.Global <= 0 || c.Limits.PerChat <= 0 || c.Limits.GlobalWindow <= 0 || c.Limits.PerChatWindow <= 0 {
		return c, fmt.Errorf("bot: limits must all be positive: %+v", c.Limits)
	}
	if c.Retry.Attempts <= 0 {
		c.Retry.Attempts = 6
	}
	if c.Retry.Base <= 0 {
		c.Retry.Base = 500 * time.Millisecond
	}
	if c.Retry.Max <= 0 {
		c.Retry.Max = 30 * time.Second
	}
	if c.Flood.Burst <= 0 {
		c.Flood.Burst = 10
	}
	if c.Flood.Window <= 0 {
		c.Flood.Window = 10 * time.Second
	}
	if c.ShutdownTimeout <= 0 {
		c.ShutdownTimeout = 10 * time.Second
	}
	if c.Observer == nil {
		c.Observer = NopObserver{}
	}
	if w := c.Webhook; w != nil {
		cp := *w
		if err := cp.validate(); err != nil {
			return c, err
		}
		if cp.MaxBodyBytes <= 0 {
			cp.MaxBodyBytes = 1 << 20
		}
		c.Webhook = &cp
	}
	return c, nil
}

func (w *Webhook) validate() error {
	if w.Secret == "" {
		return errors.New("bot: webhook mode needs a secret (STRETCHBOT_WEBHOOK_SECRET)")
	}
	if len(w.Secret) > 256 {
		return errors.New("bot: webhook secret is longer than 256 characters")
	}
	for _, r := range w.Secret {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '_' || r == '-') {
			return errors.New("bot: webhook secret may only hold A-Z, a-z, 0-9, _ and -")
		}
	}
	u, err := url.Parse(w.URL)
	if err != nil || u.Host == "" || (u.Scheme != "https" && u.Scheme != "http") {
		return fmt.Errorf("bot: webhook URL %q is not an absolute http(s) URL", w.URL)
	}
	if w.Listen == "" {
		return errors.New("bot: webhook mode needs a listen address")
	}
	return nil
}

// path returns the path the webhook serves.
func (w *Webhook) path() string {
	u, err := url.Parse(w.URL)
	if err != nil || u.Path == "" {
		return "/"
	}
	return u.Path
}
