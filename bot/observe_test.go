package bot

import (
	"context"
	"encoding/json"
	"log/slog"
	"strings"
	"sync"
	"testing"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"
	"github.com/stretchbot/stretchbot/bot/telegramtest"
	"github.com/stretchbot/stretchbot/coach"
)

// events records what an Observer was told.
type events struct {
	NopObserver
	mu  sync.Mutex
	got []string
}

func (e *events) add(s string) {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.got = append(e.got, s)
}
func (e *events) RoutineStarted(s coach.Slot) { e.add("started " + string(s)) }
func (e *events) RoutineEnded(s coach.Slot, c bool) {
	e.add("ended " + string(s) + map[bool]string{true: " completed", false: " stopped"}[c])
}
func (e *events) Reminder(ev string)    { e.add("reminder " + ev) }
func (e *events) RedFlag(l coach.Level) { e.add("redflag " + string(l)) }

func TestObserveStep(t *testing.T) {
	now := time.Date(2026, 4, 1, 8, 0, 0, 0, time.UTC)
	day := coach.Day("2026-04-01")
	button := func(a string) coach.Input { return coach.Input{Kind: coach.InputButton, Action: a} }
	ping := []coach.Reply{{Text: "time to stretch"}}
	tests := []struct {
		name string
		in   coach.Input
		out  coach.Output
		want string
	}{
		{"routine started now", coach.Input{Kind: coach.InputCommand, Command: "stretch"},
			coach.Output{State: coach.State{Session: &coach.Session{Slot: coach.Morning, Started: now}}}, "started morning"},
		{"routine in progress is not a start", button("done"),
			coach.Output{State: coach.State{Session: &coach.Session{Slot: coach.Morning, Started: now.Add(-time.Minute)}}}, ""},
		{"routine records", button("p:3"), coach.Output{Records: []coach.Record{
			{Kind: coach.RecordRoutine, Routine: &coach.RoutineRecord{Slot: coach.Evening, Completed: true}},
			{Kind: coach.RecordRoutine, Routine: &coach.RoutineRecord{Slot: coach.Morning}},
			{Kind: coach.RecordRedFlag, RedFlag: &coach.RedFlagRecord{Level: coach.LevelClinician}},
			{Kind: coach.RecordRedFlag}, // malformed: ignored
		}}, "ended evening completed|ended morning stopped|redflag clinician"},
		{"reminder sent", coach.Input{Kind: coach.InputReminder, Slot: coach.Morning}, coach.Output{Replies: ping}, "reminder sent"},
		{"reminder held back", coach.Input{Kind: coach.InputReminder, Slot: coach.Morning}, coach.Output{}, ""},
		{"missed slot", coach.Input{Kind: coach.InputReminder, Text: coach.ReminderMissed}, coach.Output{Replies: ping}, ""},
		{"snoozed", button("ping:snooze:m:20260401"),
			coach.Output{State: coach.State{Reminder: coach.Reminder{Snoozed: true, Snooze: now.Add(coach.SnoozeFor)}}}, "reminder snoozed"},
		{"snooze refused (already snoozed earlier)", button("ping:snooze:m:20260401"),
			coach.Output{State: coach.State{Reminder: coach.Reminder{Snoozed: true, Snooze: now.Add(-time.Minute)}}}, ""},
		{"skipped", button("ping:skip:m:20260401"),
			coach.Output{State: coach.State{Reminder: coach.Reminder{RestDay: day}}, Replies: ping}, "reminder skipped"},
		{"skip of a stale ping", button("ping:skip:m:20260301"), coach.Output{}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ev := &events{}
			b := &Bot{cfg: Config{Observer: ev}}
			b.observeStep(tt.in, tt.out, now)
			if got := strings.Join(ev.got, "|"); got != tt.want {
				t.Fatalf("events %q, want %q", got, tt.want)
			}
		})
	}
}

func TestKindOf(t *testing.T) {
	private := &tgbotapi.Chat{ID: 1, Type: "private"}
	group := &tgbotapi.Chat{ID: -1, Type: "group"}
	tests := []struct {
		u    tgbotapi.Update
		want string
	}{
		{tgbotapi.Update{Message: &tgbotapi.Message{Chat: private, Text: "hello"}}, "text"},
		{tgbotapi.Update{Message: &tgbotapi.Message{Chat: private, Text: "/start"}}, "command"},
		{tgbotapi.Update{Message: &tgbotapi.Message{Chat: private, Location: &tgbotapi.Location{}}}, "location"},
		{tgbotapi.Update{Message: &tgbotapi.Message{Chat: private, Sticker: &tgbotapi.Sticker{}}}, "media"},
		{tgbotapi.Update{Message: &tgbotapi.Message{Chat: private}}, "service"},
		{tgbotapi.Update{Message: &tgbotapi.Message{Chat: group, Text: "hi"}}, "group"},
		{tgbotapi.Update{EditedMessage: &tgbotapi.Message{Chat: private, Text: "x"}}, "edited"},
		{tgbotapi.Update{CallbackQuery: &tgbotapi.CallbackQuery{}}, "button"},
		{tgbotapi.Update{ChannelPost: &tgbotapi.Message{Chat: group}}, "channel"},
		{tgbotapi.Update{MyChatMember: &tgbotapi.ChatMemberUpdated{}}, "membership"},
		{tgbotapi.Update{}, "other"},
	}
	for _, tt := range tests {
		got := kindOf(tt.u)
		if got != tt.want {
			t.Errorf("kindOf = %q, want %q", got, tt.want)
		}
		found := false
		for _, k := range UpdateKinds {
			found = found || k == got
		}
		if !found {
			t.Errorf("kind %q is not in UpdateKinds", got)
		}
	}
}

// panicky panics with a value that quotes what it was given: the kind of
// value that must never reach a log.
type panicky struct {
	events
	text string
}

func (p *panicky) GetTimezoneName(lng, lat float64) string {
	panic("zone lookup failed for " + p.text + " with token " + telegramtest.DefaultToken)
}

func (p *panicky) RedFlag(l coach.Level) {
	panic(struct{ Text, Token string }{p.text, telegramtest.DefaultToken})
}

// TestPanicsAreLoggedWithoutTheirValue provokes a panic while handling a
// message and one while handling a button, logs in text and in JSON, and
// checks every line for the token and the user's text.
func TestPanicsAreLoggedWithoutTheirValue(t *testing.T) {
	const text = "my hip clicks when I climb stairs 90210"
	for _, format := range []string{"text", "json"} {
		t.Run(format, func(t *testing.T) {
			srv := telegramtest.New(t, telegramtest.Config{Limits: fastLimits()})
			lb := &logBuffer{}
			opts := &slog.HandlerOptions{Level: slog.LevelDebug}
			log := slog.New(slog.NewTextHandler(lb, opts))
			if format == "json" {
				log = slog.New(slog.NewJSONHandler(lb, opts))
			}
			p := &panicky{text: text}
			cfg := testConfig(srv)
			cfg.Zones, cfg.Observer = p, p
			b, err := New(cfg, newService(t), nil, log)
			if err != nil {
				t.Fatal(err)
			}
			ctx, cancel := context.WithCancel(context.Background())
			ran := make(chan error, 1)
			go func() { ran <- b.Run(ctx) }()
			stop := func() {
				cancel()
				if err := <-ran; err != nil {
					t.Errorf("Run: %v", err)
				}
				b.Close()
			}

			u := telegramtest.User{ID: 7301}
			srv.SendText(u, text)
			sent, err := srv.WaitSent(u.ID, 1, wait)
			if err != nil {
				t.Fatal(err)
			}
			// Panic 1: the zone finder, on a shared location.
			srv.ShareLocation(u, 1, 2)
			// Panic 2: the observer, on the red flag of a "yes" at the
			// safety gate, pressed as a button.
			m := sent[len(sent)-1]
			srv.Press(u, m.MessageID, *m.Buttons()[0].CallbackData) // OK
			var gate telegramtest.Sent
			srv.WaitFor(wait, func(v telegramtest.View) bool {
				for _, s := range v.Sent(u.ID) {
					if s.MessageID > m.MessageID && s.Markup != nil {
						gate = s
						return true
					}
				}
				return false
			})
			for _, btn := range gate.Buttons() {
				if strings.Contains(*btn.CallbackData, "|yes|") {
					srv.Press(u, gate.MessageID, *btn.CallbackData)
				}
			}
			msgs := b.svc.Engine().Content().Messages
			if !srv.WaitFor(wait, func(v telegramtest.View) bool {
				apology, toast := false, false
				for _, s := range v.Sent(u.ID) {
					apology = apology || s.Text == msgs.T("en", "bot.error")
				}
				for _, a := range v.Answers() {
					toast = toast || a.Text == msgs.T("en", "bot.error_toast")
				}
				return apology && toast
			}) {
				t.Fatalf("no apology and toast after the panics; logs:\n%s", lb.String())
			}
			stop()
			logs := lb.String()
			if strings.Count(logs, "panic while handling an update") != 2 || !strings.Contains(logs, "panic(string)") ||
				!strings.Contains(logs, "panic(struct") || !strings.Contains(logs, "GetTimezoneName") {
				t.Fatalf("panics not logged as expected:\n%s", logs)
			}
			for _, secret := range []string{text, "90210", telegramtest.DefaultToken} {
				if strings.Contains(logs, secret) {
					t.Fatalf("logs hold %q:\n%s", secret, logs)
				}
			}
			for _, line := range strings.Split(strings.TrimSpace(logs), "\n") {
				if !strings.Contains(line, "panic while handling") {
					continue
				}
				if format == "json" {
					var v struct {
						Update *int  `json:"update"`
						User   int64 `json:"user"`
					}
					if err := json.Unmarshal([]byte(line), &v); err != nil || v.Update == nil || v.User != u.ID {
						t.Fatalf("panic line without update id or user: %s (%v)", line, err)
					}
				} else if !strings.Contains(line, " update=") {
					t.Fatalf("panic line without update id: %s", line)
				}
			}
		})
	}
}
