package remind

import (
	"context"
	"errors"
	"html"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/stretchbot/stretchbot/bot"
	"github.com/stretchbot/stretchbot/bot/telegramtest"
	"github.com/stretchbot/stretchbot/clock"
	"github.com/stretchbot/stretchbot/coach"
	"github.com/stretchbot/stretchbot/nlu"
	"github.com/stretchbot/stretchbot/store"
)

// e2eWait bounds every real-time wait on the fake Bot API.
const e2eWait = 10 * time.Second

// oneZone resolves every shared location to one zone.
type oneZone string

func (z oneZone) GetTimezoneName(lng, lat float64) string { return string(z) }

// e2e is the whole program minus main: a real store, the real coach, the
// Telegram bot against the fake Bot API, and the scheduler wired as cmd
// wires it (svc.Handle, then Bot.Deliver as bulk).
type e2e struct {
	t     *testing.T
	srv   *telegramtest.Server
	clk   *clock.Fake
	path  string
	db    *store.DB
	svc   *coach.Service
	bot   *bot.Bot
	stop  func()
	s     *Scheduler
	msgs  map[string]string
	fail  func(coach.UserID) error
	start time.Time
}

func newE2E(t *testing.T, start time.Time) *e2e {
	t.Helper()
	x := &e2e{
		t: t, srv: telegramtest.New(t, telegramtest.Config{}), clk: clock.NewFake(start),
		path: filepath.Join(t.TempDir(), "stretchbot.db"), start: start,
		msgs: coach.MustContent().Messages[coach.DefaultLang],
	}
	x.up()
	t.Cleanup(x.down)
	return x
}

// up starts the program.
func (x *e2e) up() {
	x.t.Helper()
	db, err := store.Open(x.path, store.Options{})
	if err != nil {
		x.t.Fatal(err)
	}
	c := coach.MustContent()
	x.db = db
	x.svc = coach.NewService(coach.NewEngine(c, nlu.New(c)), db)
	b, err := bot.New(bot.Config{
		Token: x.srv.Token(), APIEndpoint: x.srv.Endpoint(),
		PollTimeout: time.Second, RequestTimeout: 5 * time.Second,
		ShutdownTimeout: 5 * time.Second, Zones: oneZone("Europe/London"),
	}, x.svc, x.clk, quietLog)
	if err != nil {
		x.t.Fatal(err)
	}
	x.bot = b
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- b.Run(ctx) }()
	x.stop = func() {
		cancel()
		select {
		case err := <-done:
			if err != nil {
				x.t.Errorf("bot Run: %v", err)
			}
		case <-time.After(e2eWait):
			x.t.Error("bot Run did not return")
		}
		b.Close()
		_ = db.Close()
	}
	x.s = New(db, func(ctx context.Context, u coach.UserID, in coach.Input) error {
		if x.fail != nil {
			if err := x.fail(u); err != nil {
				return err
			}
		}
		out, err := x.svc.Handle(ctx, u, in, x.clk.Now())
		if err != nil {
			return err
		}
		return x.bot.Deliver(ctx, u, out, true)
	}, Options{Clock: x.clk, Logger: quietLog})
}

// down stops the program (idempotent).
func (x *e2e) down() {
	if x.stop != nil {
		x.stop()
		x.stop = nil
	}
}

// user stores an onboarded London user: 07:30 and 19:00, quiet 22-07.
func (x *e2e) user(id coach.UserID) telegramtest.User {
	x.t.Helper()
	st := coach.State{
		User: id, Phase: coach.PhaseIdle, Turn: 1,
		Profile: coach.Profile{
			Zone: "Europe/London", Morning: 7*60 + 30, Evening: 19 * 60, Onboarded: true,
			QuietStart: 22 * 60, QuietEnd: 7 * 60, DayBoundary: 4 * 60, SafetyCheck: x.start,
		},
		Created: x.start, Updated: x.start,
	}
	if err := x.db.Save(context.Background(), st, nil); err != nil {
		x.t.Fatal(err)
	}
	return telegramtest.User{ID: int64(id), FirstName: "Sam"}
}

func (x *e2e) tick(at time.Time) {
	x.t.Helper()
	x.clk.Set(at)
	if _, err := x.s.Tick(context.Background(), at); err != nil {
		x.t.Fatalf("Tick: %v", err)
	}
}

// messages returns the chat's sendMessage records.
func (x *e2e) messages(u telegramtest.User) []telegramtest.Sent {
	var out []telegramtest.Sent
	for _, s := range x.srv.Sent(u.ID) {
		if s.Method == "sendMessage" {
			out = append(out, s)
		}
	}
	return out
}

// waitMessages waits for the chat to have n messages in all.
func (x *e2e) waitMessages(u telegramtest.User, n int) []telegramtest.Sent {
	x.t.Helper()
	var got []telegramtest.Sent
	ok := x.srv.WaitFor(e2eWait, func(v telegramtest.View) bool {
		got = got[:0]
		for _, s := range v.Sent(u.ID) {
			if s.Method == "sendMessage" {
				got = append(got, s)
			}
		}
		return len(got) >= n
	})
	if !ok {
		x.t.Fatalf("chat %d: %d of %d messages: %q", u.ID, len(got), n, plain(got))
	}
	return slices.Clone(got)
}

// pings counts the chat's messages that are reminder pings.
func (x *e2e) pings(u telegramtest.User) int {
	n := 0
	for _, s := range x.messages(u) {
		if x.isPing(s) {
			n++
		}
	}
	return n
}

func (x *e2e) isPing(s telegramtest.Sent) bool {
	text := html.UnescapeString(s.Text)
	for k, v := range x.msgs {
		if strings.HasPrefix(k, "remind.ping.") && strings.HasSuffix(text, v) {
			return true
		}
	}
	return false
}

// press presses the button labelled with the catalogue text key on msg
// and waits for the bot to answer the callback.
func (x *e2e) press(u telegramtest.User, msg telegramtest.Sent, key string) {
	x.t.Helper()
	n := len(x.srv.Answers())
	if _, ok := x.srv.PressLabel(u, msg.MessageID, x.msgs[key]); !ok {
		x.t.Fatalf("no %q button on %q (buttons %v)", x.msgs[key], msg.Text, msg.Buttons())
	}
	if _, err := x.srv.WaitAnswers(n+1, e2eWait); err != nil {
		x.t.Fatal(err)
	}
}

func plain(sent []telegramtest.Sent) []string {
	out := make([]string, len(sent))
	for i, s := range sent {
		out[i] = html.UnescapeString(s.Text)
	}
	return out
}

// settle gives the bot's outbox a moment to send anything it still has,
// then reports the chat's messages.
func (x *e2e) settle(u telegramtest.User, n int) []telegramtest.Sent {
	x.t.Helper()
	x.srv.WaitFor(200*time.Millisecond, func(v telegramtest.View) bool { return false })
	got := x.messages(u)
	if len(got) != n {
		x.t.Fatalf("chat %d has %d messages, want %d: %q", u.ID, len(got), n, plain(got))
	}
	return got
}

// TestEndToEnd drives reminders through the Telegram front end: the ping at
// the user's local minute, Snooze, the snoozed ping, Skip today, Start now,
// and a crash in the middle of a slot.
func TestEndToEnd(t *testing.T) {
	london := loc(t, "Europe/London")
	x := newE2E(t, at(london, 2026, 11, 25, 7, 0))
	ann := x.user(1001)

	// The ping comes at 07:30 local, not a minute before.
	x.tick(at(london, 2026, 11, 25, 7, 29))
	x.settle(ann, 0)
	x.tick(at(london, 2026, 11, 25, 7, 30))
	got := x.waitMessages(ann, 1)
	ping := got[0]
	if !x.isPing(ping) || len(ping.Buttons()) != 3 {
		t.Fatalf("ping %q with %d buttons", ping.Text, len(ping.Buttons()))
	}

	// Snooze: confirmed, and the ping comes back once at 08:01.
	x.clk.Set(at(london, 2026, 11, 25, 7, 31))
	x.press(ann, ping, "remind.btn.snooze")
	got = x.waitMessages(ann, 2)
	if !strings.Contains(html.UnescapeString(got[1].Text), "08:01") {
		t.Errorf("snooze confirmation %q", got[1].Text)
	}
	for m := at(london, 2026, 11, 25, 7, 32); !m.After(at(london, 2026, 11, 25, 8, 0)); m = m.Add(time.Minute) {
		x.tick(m)
	}
	x.settle(ann, 2)
	x.tick(at(london, 2026, 11, 25, 8, 1))
	got = x.waitMessages(ann, 3)
	again := got[2]
	if !x.isPing(again) || len(again.Buttons()) != 2 {
		t.Fatalf("snoozed ping %q with %d buttons", again.Text, len(again.Buttons()))
	}

	// Skip today from the snoozed ping: a rest day, the streak is safe, no
	// evening ping.
	x.clk.Set(at(london, 2026, 11, 25, 8, 2))
	x.press(ann, again, "remind.btn.skip")
	x.waitMessages(ann, 4)
	st, err := x.svc.State(context.Background(), 1001)
	if err != nil {
		t.Fatal(err)
	}
	if st.Reminder.RestDay != "2026-11-25" || !slices.Contains(st.Streak.Frozen, "2026-11-25") {
		t.Errorf("after skip: rest %q, frozen %v", st.Reminder.RestDay, st.Streak.Frozen)
	}
	x.tick(at(london, 2026, 11, 25, 19, 0))
	x.settle(ann, 4)

	// Next morning: Start now begins the routine at once.
	x.tick(at(london, 2026, 11, 26, 7, 30))
	got = x.waitMessages(ann, 5)
	x.clk.Set(at(london, 2026, 11, 26, 7, 31))
	x.press(ann, got[4], "remind.btn.start")
	got = x.waitMessages(ann, 6)
	st, err = x.svc.State(context.Background(), 1001)
	if err != nil {
		t.Fatal(err)
	}
	if st.Session == nil || st.Session.Slot != coach.Morning || st.Phase != coach.PhaseStretch {
		t.Fatalf("Start now: phase %s, session %+v; messages %q", st.Phase, st.Session, plain(got[5:]))
	}

	// A crash in the middle of the evening slot: a third of the users'
	// deliveries fail, then the process dies and restarts.
	users := make([]telegramtest.User, 0, 12)
	for id := coach.UserID(2001); id <= 2012; id++ {
		users = append(users, x.user(id))
	}
	x.tick(at(london, 2026, 11, 26, 18, 59))
	x.fail = func(u coach.UserID) error {
		if u%3 == 0 {
			return errors.New("process died")
		}
		return nil
	}
	x.tick(at(london, 2026, 11, 26, 19, 0))
	for _, u := range users {
		if u.ID%3 != 0 {
			x.waitMessages(u, 1)
		}
	}
	x.down()
	x.fail = nil
	x.up()
	x.tick(at(london, 2026, 11, 26, 19, 1))
	for _, u := range users {
		x.waitMessages(u, 1)
	}
	for _, u := range users {
		x.settle(u, 1)
		if n := x.pings(u); n != 1 {
			t.Errorf("user %d: %d pings", u.ID, n)
		}
	}
}
