package bot

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"path"
	"runtime"
	"strings"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"
	"github.com/stretchbot/stretchbot/coach"
)

// Observer receives what the bot does, for metrics. The bot derives every
// event from coach Inputs and Outputs and from Bot API answers, so the
// coach stays free of any metrics code. Calls carry no user id and no
// text. Implementations must be safe for concurrent use and fast: they
// run on the handling path.
type Observer interface {
	// UpdateHandled is called once per update received, with its kind
	// (see UpdateKinds) and how long it took from its arrival until it
	// was handled (its replies handed to the outbox), including any wait
	// behind the same user's earlier updates.
	UpdateHandled(kind string, took time.Duration)
	// RoutineStarted is called when a step started a routine.
	RoutineStarted(slot coach.Slot)
	// RoutineEnded is called for every routine record: completed, or
	// stopped early.
	RoutineEnded(slot coach.Slot, completed bool)
	// Reminder is called with "sent" when a reminder ping was sent, and
	// with "snoozed" or "skipped" when its button was pressed and the
	// coach accepted it.
	Reminder(event string)
	// RedFlag is called for every red flag recorded, with its level.
	RedFlag(level coach.Level)
	// APIResult is called after every Bot API request: the method, the
	// HTTP status (0 when no answer came) and the error class ("ok" on
	// success; see errClass.String for the others).
	APIResult(method string, status int, class string)
}

// UpdateKinds are the kinds Observer.UpdateHandled reports.
var UpdateKinds = []string{
	"text", "command", "button", "location", "media", "service", "edited",
	"group", "channel", "membership", "duplicate", "other",
}

// NopObserver is an Observer that does nothing; Config.Observer defaults
// to it.
type NopObserver struct{}

func (NopObserver) UpdateHandled(string, time.Duration) {}
func (NopObserver) RoutineStarted(coach.Slot)           {}
func (NopObserver) RoutineEnded(coach.Slot, bool)       {}
func (NopObserver) Reminder(string)                     {}
func (NopObserver) RedFlag(coach.Level)                 {}
func (NopObserver) APIResult(string, int, string)       {}

// obs returns the configured observer.
func (b *Bot) obs() Observer { return b.cfg.Observer }

// Pending returns how many sends are queued in the outbox or in flight:
// the outbox depth.
func (b *Bot) Pending() int { return b.out.pending() }

// Ping asks Telegram who the bot is (getMe). Health checks call it when no
// other request succeeded recently, so "Telegram reachable" stays true on
// a quiet bot; like every request, its outcome reaches the Observer.
func (b *Bot) Ping(ctx context.Context) error {
	done := make(chan error, 1)
	go func() {
		_, err := b.api.GetMe()
		done <- err
	}()
	select {
	case err := <-done:
		if err != nil {
			return fmt.Errorf("bot: getMe: %s", b.red.String(err.Error()))
		}
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// HandleScheduled is the reminder scheduler's handler (a remind.Handler):
// it runs the input through the coach, reports it to the Observer and
// delivers the replies at bulk priority, behind replies to users' own
// actions. A non-nil error means nothing was stored or queued.
func (b *Bot) HandleScheduled(ctx context.Context, user coach.UserID, in coach.Input) error {
	now := b.clk.Now()
	out, err := b.svc.Handle(ctx, user, in, now)
	if err != nil {
		return err
	}
	b.observeStep(in, out, now)
	return b.deliver(user, out, prioBulk, b.log)
}

// kindOf names an update's kind for the Observer and the logs.
func kindOf(u tgbotapi.Update) string {
	m, edited := u.Message, false
	if m == nil && u.EditedMessage != nil {
		m, edited = u.EditedMessage, true
	}
	switch {
	case u.CallbackQuery != nil:
		return "button"
	case m != nil:
		switch {
		case m.Chat == nil || !m.Chat.IsPrivate():
			return "group"
		case edited:
			return "edited"
		case strings.HasPrefix(m.Text, "/"):
			return "command"
		case m.Text != "":
			return "text"
		case m.Location != nil:
			return "location"
		case mediaKind(m) != "":
			return "media"
		}
		return "service"
	case u.ChannelPost != nil:
		return "channel"
	case u.MyChatMember != nil:
		return "membership"
	}
	return "other"
}

// observeUpdate reports one handled update; deferred with the time it
// arrived.
func (b *Bot) observeUpdate(kind string, start time.Time) {
	b.obs().UpdateHandled(kind, time.Since(start))
}

// Ping button actions, as the coach issues them ("ping:<verb>:…").
const (
	pingSnoozePrefix = "ping:snooze:"
	pingSkipPrefix   = "ping:skip:"
)

// observeStep derives the Observer's events from one coach step made at
// now:
//   - a routine started when the output holds a session that started now;
//   - a routine ended for each routine record (completed or not);
//   - a red flag for each red-flag record;
//   - a reminder was sent when InputReminder produced replies;
//   - a reminder was snoozed when a ping's snooze button left the ping
//     snoozed until now+coach.SnoozeFor, skipped when a ping's skip button
//     made today a rest day and got a reply.
func (b *Bot) observeStep(in coach.Input, out coach.Output, now time.Time) {
	o := b.obs()
	if s := out.State.Session; s != nil && s.Started.Equal(now) {
		o.RoutineStarted(s.Slot)
	}
	for _, r := range out.Records {
		switch {
		case r.Kind == coach.RecordRoutine && r.Routine != nil:
			o.RoutineEnded(r.Routine.Slot, r.Routine.Completed)
		case r.Kind == coach.RecordRedFlag && r.RedFlag != nil:
			o.RedFlag(r.RedFlag.Level)
		}
	}
	rem := out.State.Reminder
	switch {
	case in.Kind == coach.InputReminder && in.Text != coach.ReminderMissed && len(out.Replies) > 0:
		o.Reminder("sent")
	case in.Kind == coach.InputButton && strings.HasPrefix(in.Action, pingSnoozePrefix):
		if rem.Snoozed && rem.Snooze.Equal(now.Add(coach.SnoozeFor)) {
			o.Reminder("snoozed")
		}
	case in.Kind == coach.InputButton && strings.HasPrefix(in.Action, pingSkipPrefix):
		if rem.RestDay != "" && len(out.Replies) > 0 {
			o.Reminder("skipped")
		}
	}
}

// panicText describes a recovered panic for the logs without its value,
// which may hold user data: runtime errors (nil dereference, index out of
// range) by their message, anything else by its type only; plus where it
// happened.
func panicText(r any) string {
	var what string
	if re, ok := r.(runtime.Error); ok {
		what = re.Error()
	} else {
		what = fmt.Sprintf("panic(%T)", r)
	}
	var pcs [16]uintptr
	n := runtime.Callers(4, pcs[:])
	frames := runtime.CallersFrames(pcs[:n])
	for {
		f, more := frames.Next()
		if f.Function != "" && !strings.HasPrefix(f.Function, "runtime.") {
			return fmt.Sprintf("%s at %s (%s:%d)", what, f.Function, path.Base(f.File), f.Line)
		}
		if !more {
			return what
		}
	}
}

// maxErrorBody bounds how much of a failed answer is read to classify it.
const maxErrorBody = 64 << 10

// observeAnswer reports a Bot API answer (or the lack of one) to the
// Observer and returns the response with its body intact.
func (d *doer) observeAnswer(req *http.Request, resp *http.Response, err error) *http.Response {
	if d.obs == nil {
		return resp
	}
	method := path.Base(req.URL.Path)
	if err != nil {
		c, _ := classify(err)
		d.obs.APIResult(method, 0, c.String())
		return resp
	}
	if resp.StatusCode < 300 {
		d.obs.APIResult(method, resp.StatusCode, classOK.String())
		return resp
	}
	body, _ := io.ReadAll(io.LimitReader(resp.Body, maxErrorBody))
	resp.Body = struct {
		io.Reader
		io.Closer
	}{io.MultiReader(bytes.NewReader(body), resp.Body), resp.Body}
	var api struct {
		Code       int    `json:"error_code"`
		Desc       string `json:"description"`
		Parameters struct {
			RetryAfter int `json:"retry_after"`
		} `json:"parameters"`
	}
	class := classServer // an answer that is not the Bot API's JSON: a proxy's page
	if json.Unmarshal(body, &api) == nil {
		if api.Code == 0 {
			api.Code = resp.StatusCode
		}
		class, _ = classifyAPI(api.Code, api.Desc, api.Parameters.RetryAfter)
	}
	d.obs.APIResult(method, resp.StatusCode, class.String())
	return resp
}
