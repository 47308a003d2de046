// Package bot is stretchbot's Telegram front end. It turns Telegram
// updates into coach inputs, renders the coach's replies natively (HTML,
// inline keyboards with signed callback data, documents, photos), and
// sends everything through one rate-limited outbox.
//
// It is built on tgbotapi v5.5.1 with the library's unsafe defaults
// replaced: a pooled HTTP transport with timeouts, a logger that never
// prints the token, errors classified by code or description, its own
// getUpdates loop that confirms an update only after it was handled, and
// webhooks that check Telegram's secret-token header.
//
// Typical use, in cmd:
//
//	b, err := bot.New(bot.Config{Token: token}, svc, clock.Real{}, logger)
//	...
//	err = b.Run(ctx) // until ctx is cancelled; then drains and returns
//	b.Close()
package bot

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"regexp"
	"sort"
	"sync"
	"sync/atomic"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"
	"github.com/stretchbot/stretchbot/chart"
	"github.com/stretchbot/stretchbot/clock"
	"github.com/stretchbot/stretchbot/coach"
)

// ErrUnauthorized is returned (wrapped) by New when Telegram rejects the
// token, and by Run when it is revoked while running.
var ErrUnauthorized = errors.New("bot: Telegram rejected the token")

// maxGroupsNoted bounds the memory of group chats already told that the
// bot works in private chats; past it the memory starts over.
const maxGroupsNoted = 10000

// allowedUpdates are the update kinds the bot asks for.
const allowedUpdates = `["message","edited_message","channel_post","callback_query","my_chat_member"]`

// Bot is a running Telegram front end for a coach.Service.
type Bot struct {
	cfg    Config
	svc    *coach.Service
	clk    clock.Clock
	log    *slog.Logger
	red    *redactor
	msgs   coach.Catalog
	render renderer
	codec  codec
	zones  ZoneFinder
	cmdRe  *regexp.Regexp

	transport *http.Transport
	api       *tgbotapi.BotAPI // sends; its context ends only at a hard stop
	sendStop  context.CancelFunc
	out       *outbox
	flood     *floodGuard
	disp      *dispatcher
	seen      *seenSet

	// life ends at Close; handling uses it so work in flight finishes
	// after receiving stopped.
	life     context.Context
	lifeStop context.CancelFunc

	running   atomic.Bool
	stopping  atomic.Bool
	closeOnce sync.Once

	mu      sync.Mutex
	groups  map[int64]bool
	timers  map[*delayed]struct{}
	hookURL string // the webhook's bound address, once listening
}

// delayed is a pending hold-timer reply.
type delayed struct {
	t clock.Timer
}

// New connects to the Bot API (getMe checks the token) and returns a Bot
// ready to Run. log receives structured logs; no log line ever holds the
// token or a user's message text.
func New(cfg Config, svc *coach.Service, clk clock.Clock, log *slog.Logger) (*Bot, error) {
	cfg, err := cfg.withDefaults()
	if err != nil {
		return nil, err
	}
	if svc == nil {
		return nil, errors.New("bot: nil service")
	}
	if clk == nil {
		clk = clock.Real{}
	}
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	red := newRedactor(cfg.Token)
	// tgbotapi's logger is package-wide; ours redacts every line.
	_ = tgbotapi.SetLogger(tgLogger{log: log, red: red})

	transport := newTransport(cfg.Workers + cfg.Senders + 1)
	hc := &http.Client{Transport: transport}
	life, lifeStop := context.WithCancel(context.Background())
	sendCtx, sendStop := context.WithCancel(context.Background())
	api, err := tgbotapi.NewBotAPIWithClient(cfg.Token, cfg.APIEndpoint,
		&doer{client: hc, base: sendCtx, timeout: cfg.RequestTimeout, red: red, obs: cfg.Observer})
	if err != nil {
		sendStop()
		lifeStop()
		transport.CloseIdleConnections()
		if c, _ := classify(err); c == classUnauthorized {
			return nil, fmt.Errorf("%w (getMe answered 401)", ErrUnauthorized)
		}
		return nil, fmt.Errorf("bot: getMe: %s", red.String(err.Error()))
	}

	zones := cfg.Zones
	if zones == nil {
		zones = buildZones(log)
	}

	cd := newCodec(cfg.CallbackKey, cfg.Token)
	b := &Bot{
		cfg: cfg, svc: svc, clk: clk, log: log, red: red,
		msgs:      svc.Engine().Content().Messages,
		codec:     cd,
		render:    renderer{codec: cd, log: log},
		zones:     zones,
		cmdRe:     regexp.MustCompile(commandPattern),
		transport: transport,
		api:       api,
		sendStop:  sendStop,
		flood:     newFloodGuard(cfg.Flood),
		disp:      newDispatcher(cfg.Workers),
		seen:      newSeenSet(4096),
		life:      life,
		lifeStop:  lifeStop,
		groups:    map[int64]bool{},
		timers:    map[*delayed]struct{}{},
	}
	b.out = newOutbox(api, clk, log, red, cfg.Limits, cfg.Retry, cfg.Senders, b.markBlocked)
	b.out.holdAtStart(max(cfg.Limits.GlobalWindow, cfg.Limits.PerChatWindow))
	b.enableDurable() // see durable.go
	log.Info("connected to Telegram", "bot", api.Self.UserName, "mode", b.mode())
	return b, nil
}

func (b *Bot) mode() string {
	if b.cfg.Webhook != nil {
		return "webhook"
	}
	return "polling"
}

// Username returns the bot's Telegram username.
func (b *Bot) Username() string { return b.api.Self.UserName }

// Run receives updates (long polling, or the webhook when configured)
// until ctx is cancelled or Close is called. Then it stops receiving,
// finishes the updates in flight, flushes the outbox (bounded by
// Config.ShutdownTimeout) and returns nil. It returns an error when
// receiving cannot go on: the token was revoked, or the webhook cannot
// listen or register.
func (b *Bot) Run(ctx context.Context) error {
	if !b.running.CompareAndSwap(false, true) {
		return errors.New("bot: Run called twice")
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	go func() {
		select {
		case <-b.life.Done():
			cancel()
		case <-ctx.Done():
		}
	}()

	b.setCommands()
	var err error
	if b.cfg.Webhook != nil {
		err = b.serveWebhook(ctx)
	} else {
		err = b.poll(ctx)
	}
	b.log.Info("receiving stopped; finishing updates in flight")
	b.stopping.Store(true)
	b.disp.wait()
	b.stopTimers()
	b.disp.wait() // a timer may have just handed over its reply

	flushCtx, done := context.WithTimeout(context.Background(), b.cfg.ShutdownTimeout)
	defer done()
	left := b.out.pending()
	b.out.close(flushCtx, b.sendStop)
	b.log.Info("outbox flushed", "were_pending", left)
	return err
}

// Close releases the bot's resources and stops a running Run. It is
// idempotent.
func (b *Bot) Close() error {
	b.closeOnce.Do(func() {
		b.lifeStop()
		if !b.running.Load() {
			// Run never started: nothing is queued but delayed replies.
			b.stopping.Store(true)
			b.stopTimers()
			ctx, cancel := context.WithTimeout(context.Background(), b.cfg.ShutdownTimeout)
			b.out.close(ctx, b.sendStop)
			cancel()
		}
		b.transport.CloseIdleConnections()
	})
	return nil
}

// Deliver renders an Output the caller got from the coach.Service for the
// user and queues its replies: at bulk priority when bulk (reminders and
// other unrequested messages: they yield to replies to users' own
// actions), else interactive. Delayed replies (Reply.After) are held and
// sent only if the user's turn is unchanged by then. Nothing is sent to a
// user who blocked the bot. Queueing never blocks, so ctx is not waited
// on. It returns an error only when the bot is shut down.
//
// The reminder scheduler calls it after svc.Handle(ctx, user,
// coach.Input{Kind: coach.InputReminder…}).
func (b *Bot) Deliver(ctx context.Context, user coach.UserID, out coach.Output, bulk bool) error {
	p := prioInteractive
	if bulk {
		p = prioBulk
	}
	return b.deliver(user, out, p, b.log)
}

// deliver queues the output's replies; log is the update's logger.
func (b *Bot) deliver(user coach.UserID, out coach.Output, p priority, log *slog.Logger) error {
	if out.State.Profile.Blocked {
		log.Debug("not sending to a user who blocked the bot", "user", int64(user))
		b.dropQueued(user, out)
		return nil
	}
	var jobs []*job
	for _, r := range out.Replies {
		if r.After > 0 {
			b.later(user, r, p)
			continue
		}
		if r.Chart != nil && r.File == nil {
			f, err := chart.File(r.Chart, b.msgs, out.State.Profile.Lang)
			if err != nil {
				log.Error("drawing the progress chart", "user", int64(user), "err", err.Error())
			} else {
				r.File = f
			}
		}
		jobs = append(jobs, b.track(user, r, b.render.render(user, r, p))...)
	}
	if len(jobs) == 0 {
		return nil
	}
	return b.out.enqueue(jobs...)
}

// later holds a delayed reply until r.After has passed, then sends it if
// the user is still at r.Turn. The check runs in the user's update order,
// so it cannot race a press that moves the turn on.
func (b *Bot) later(user coach.UserID, r coach.Reply, p priority) {
	d := &delayed{}
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.stopping.Load() {
		b.log.Info("delayed reply dropped: shutting down", "user", int64(user))
		return
	}
	b.timers[d] = struct{}{}
	d.t = b.clk.AfterFunc(r.After, func() {
		b.mu.Lock()
		_, live := b.timers[d]
		delete(b.timers, d)
		b.mu.Unlock()
		if !live || b.stopping.Load() {
			return
		}
		b.disp.submit(int64(user), func() {
			defer b.recoverTask(user, "delayed", b.log)
			st, err := b.svc.State(b.life, user)
			if err != nil {
				b.log.Error("delayed reply: cannot load state", "user", int64(user), b.red.Err(err))
				return
			}
			if st.Turn != r.Turn || st.Profile.Blocked {
				b.log.Debug("delayed reply dropped: turn moved on", "user", int64(user))
				return
			}
			r.After = 0
			_ = b.out.enqueue(b.render.render(user, r, p)...)
		})
	})
}

// stopTimers cancels the delayed replies not yet due.
func (b *Bot) stopTimers() {
	b.mu.Lock()
	defer b.mu.Unlock()
	n := 0
	for d := range b.timers {
		if d.t != nil && d.t.Stop() {
			n++
		}
		delete(b.timers, d)
	}
	if n > 0 {
		b.log.Info("delayed replies cancelled at shutdown", "count", n)
	}
}

// markBlocked records a 403 from the user's chat.
func (b *Bot) markBlocked(user coach.UserID) {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := b.svc.SetBlocked(ctx, user, true, b.clk.Now()); err != nil {
		b.log.Error("cannot mark user blocked", "user", int64(user), b.red.Err(err))
	}
}

// setCommands registers the command menu in every catalogue language.
// Failures are logged, not fatal.
func (b *Bot) setCommands() {
	langs := make([]string, 0, len(b.msgs))
	for l := range b.msgs {
		langs = append(langs, l)
	}
	sort.Strings(langs)
	for _, lang := range langs {
		cmds := b.svc.Engine().Commands(lang)
		if len(cmds) == 0 {
			b.log.Warn("no commands to register", "lang", lang)
			continue
		}
		bc := make([]tgbotapi.BotCommand, 0, len(cmds))
		for _, c := range cmds {
			bc = append(bc, tgbotapi.BotCommand{Command: c.Name, Description: c.Description})
		}
		code := lang
		if lang == coach.DefaultLang {
			code = "" // the default for every language without its own list
		}
		cfg := tgbotapi.NewSetMyCommandsWithScopeAndLanguage(tgbotapi.NewBotCommandScopeAllPrivateChats(), code, bc...)
		if _, err := b.api.Request(cfg); err != nil {
			c, _ := classify(err)
			b.log.Warn("setMyCommands failed", "lang", lang, "class", c.String(), b.red.Err(err))
		}
	}
}
