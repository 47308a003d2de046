package metrics_test

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchbot/stretchbot/bot"
	"github.com/stretchbot/stretchbot/bot/telegramtest"
	"github.com/stretchbot/stretchbot/clock"
	"github.com/stretchbot/stretchbot/coach"
	"github.com/stretchbot/stretchbot/metrics"
	"github.com/stretchbot/stretchbot/nlu"
	"github.com/stretchbot/stretchbot/store"
)

// Metrics is what the bot reports to.
var _ bot.Observer = (*metrics.Metrics)(nil)

const wait = 15 * time.Second

// get fetches a path from the handler and returns the status and body.
func get(t *testing.T, h http.Handler, path string) (int, string) {
	t.Helper()
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, path, nil))
	return rec.Code, rec.Body.String()
}

// sample returns the value of one series in a /metrics body, or -1 when
// the series is absent. series is written as Prometheus prints it, labels
// in alphabetical order.
func sample(body, series string) float64 {
	re := regexp.MustCompile(`(?m)^` + regexp.QuoteMeta(series) + ` (\S+)$`)
	m := re.FindStringSubmatch(body)
	if m == nil {
		return -1
	}
	v, err := strconv.ParseFloat(m[1], 64)
	if err != nil {
		return -1
	}
	return v
}

func TestReadiness(t *testing.T) {
	clk := clock.NewFake(time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC))
	var dbErr error
	m, err := metrics.New(metrics.Options{DB: func() error { return dbErr }, ReadyWindow: 5 * time.Minute, Clock: clk})
	if err != nil {
		t.Fatal(err)
	}
	h := m.Handler()
	steps := []struct {
		name   string
		do     func()
		status int
		want   string
	}{
		{"no request yet", func() {}, 503, "no successful request yet"},
		{"getMe answered", func() { m.APIResult("getMe", 200, "ok") }, 200, "ready"},
		{"failures do not count", func() {
			clk.Advance(4 * time.Minute)
			m.APIResult("getUpdates", 502, "server")
			m.APIResult("getUpdates", 0, "network")
		}, 200, "ready"},
		{"Telegram failing past the window", func() {
			clk.Advance(2 * time.Minute)
			m.APIResult("getUpdates", 0, "network")
		}, 503, "telegram: last successful request 6m0s ago"},
		{"Telegram back", func() { m.APIResult("getUpdates", 200, "ok") }, 200, "ready"},
		{"database down", func() { dbErr = errors.New("database not open") }, 503, "database: database not open"},
	}
	for _, s := range steps {
		s.do()
		code, body := get(t, h, "/readyz")
		if code != s.status || !strings.Contains(body, s.want) {
			t.Fatalf("%s: /readyz %d %q, want %d %q", s.name, code, body, s.status, s.want)
		}
		if code, body := get(t, h, "/healthz"); code != 200 || body != "ok\n" {
			t.Fatalf("%s: /healthz %d %q", s.name, code, body)
		}
	}
}

func TestNewNeedsDB(t *testing.T) {
	if _, err := metrics.New(metrics.Options{}); err == nil {
		t.Fatal("New without a database check succeeded")
	}
}

func TestReadyzFollowsTheRealDatabase(t *testing.T) {
	db, err := store.Open(filepath.Join(t.TempDir(), "r.db"), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	m, err := metrics.New(metrics.Options{DB: func() error { _, err := db.Meta("ready"); return err }, DBSize: db.Size})
	if err != nil {
		t.Fatal(err)
	}
	m.APIResult("getMe", 200, "ok")
	if code, body := get(t, m.Handler(), "/readyz"); code != 200 {
		t.Fatalf("open database: %d %q", code, body)
	}
	if _, body := get(t, m.Handler(), "/metrics"); sample(body, "stretchbot_db_size_bytes") <= 0 {
		t.Fatalf("no database size in\n%s", body)
	}
	db.Close()
	if code, body := get(t, m.Handler(), "/readyz"); code != 503 || !strings.Contains(body, "database") {
		t.Fatalf("closed database: %d %q", code, body)
	}
}

func TestObserverValuesStayBounded(t *testing.T) {
	m, _ := metrics.New(metrics.Options{DB: func() error { return nil }})
	m.Reminder("exploded")
	m.RedFlag("purple")
	m.RoutineStarted("midnight")
	m.APIResult("sendMessage", 0, "canceled")
	_, body := get(t, m.Handler(), "/metrics")
	for _, bad := range []string{"exploded", "purple", "midnight", `class="canceled"`} {
		if strings.Contains(body, bad) {
			t.Errorf("/metrics has %q", bad)
		}
	}
	if sample(body, `stretchbot_routines_started_total{slot="other"}`) != 1 {
		t.Errorf("an unknown slot is not counted as other")
	}
}

func TestListenServesAndCloses(t *testing.T) {
	m, _ := metrics.New(metrics.Options{DB: func() error { return nil }})
	srv, err := m.Listen("127.0.0.1:0", slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	resp, err := http.Get("http://" + srv.Addr() + "/healthz")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 200 {
		t.Fatalf("/healthz %d", resp.StatusCode)
	}
	if _, err := m.Listen(srv.Addr(), slog.New(slog.DiscardHandler)); err == nil {
		t.Fatal("a second listener on the same port started")
	}
	if err := srv.Close(context.Background()); err != nil {
		t.Fatal(err)
	}
	if _, err := http.Get("http://" + srv.Addr() + "/healthz"); err == nil {
		t.Fatal("still serving after Close")
	}
}

// user plays a Telegram user against the fake server.
type user struct {
	t    *testing.T
	srv  *telegramtest.Server
	u    telegramtest.User
	seen int
}

// buttons waits for the next message with buttons.
func (p *user) buttons() telegramtest.Sent { return p.buttonsFor("") }

// buttonsFor waits for the next message with a button whose action starts
// with prefix.
func (p *user) buttonsFor(prefix string) telegramtest.Sent {
	p.t.Helper()
	var got telegramtest.Sent
	if !p.srv.WaitFor(wait, func(v telegramtest.View) bool {
		all := v.Sent(p.u.ID)
		for i := p.seen; i < len(all); i++ {
			if all[i].Method == "sendMessage" && all[i].Markup != nil && hasAction(all[i], prefix) {
				got, p.seen = all[i], i+1
				return true
			}
		}
		return false
	}) {
		p.t.Fatalf("no buttons; sent: %v", p.srv.Sent(p.u.ID))
	}
	return got
}

// hasAction reports whether a message has a button whose action starts
// with prefix.
func hasAction(s telegramtest.Sent, prefix string) bool {
	for _, b := range s.Buttons() {
		parts := strings.Split(*b.CallbackData, "|")
		if strings.HasPrefix(strings.Join(parts[2:len(parts)-1], "|"), prefix) {
			return true
		}
	}
	return false
}

// press presses the button whose action starts with prefix.
func (p *user) press(s telegramtest.Sent, prefix string) {
	p.t.Helper()
	for _, b := range s.Buttons() {
		parts := strings.Split(*b.CallbackData, "|")
		if strings.HasPrefix(strings.Join(parts[2:len(parts)-1], "|"), prefix) {
			p.srv.Press(p.u, s.MessageID, *b.CallbackData)
			return
		}
	}
	p.t.Fatalf("no button %q on %q", prefix, s.Text)
}

func TestBotDrivesTheMetrics(t *testing.T) {
	// The bot runs at real speed from 08:00 Berlin time tomorrow, so it
	// offers the morning routine whenever the test runs.
	berlin, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		t.Fatal(err)
	}
	tomorrow := time.Now().In(berlin).AddDate(0, 0, 1)
	clk := clock.Shifted(time.Date(tomorrow.Year(), tomorrow.Month(), tomorrow.Day(), 8, 0, 0, 0, berlin))
	srv := telegramtest.New(t, telegramtest.Config{})
	c := coach.MustContent()
	db, err := store.Open(filepath.Join(t.TempDir(), "m.db"), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	svc := coach.NewService(coach.NewEngine(c, nlu.New(c)), db)
	m, err := metrics.New(metrics.Options{DB: func() error { _, err := db.Meta("ready"); return err }, DBSize: db.Size})
	if err != nil {
		t.Fatal(err)
	}
	b, err := bot.New(bot.Config{
		Token: srv.Token(), APIEndpoint: srv.Endpoint(),
		PollTimeout: time.Second, RequestTimeout: 5 * time.Second,
		Limits:   bot.Limits{Global: 30, GlobalWindow: 100 * time.Millisecond, PerChat: 3, PerChatWindow: 60 * time.Millisecond},
		Retry:    bot.Retry{Attempts: 4, Base: 10 * time.Millisecond, Max: 50 * time.Millisecond},
		Flood:    bot.Flood{Burst: 1000, Window: time.Second},
		Zones:    fixedZone("Europe/Berlin"),
		Observer: m,
	}, svc, clk, slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	m.WatchOutbox(b.Pending)
	ctx, cancel := context.WithCancel(context.Background())
	ran := make(chan error, 1)
	go func() { ran <- b.Run(ctx) }()
	defer func() {
		cancel()
		if err := <-ran; err != nil {
			t.Errorf("Run: %v", err)
		}
		b.Close()
	}()

	// Onboard, and a whole morning routine; one send fails with a 500
	// and one with a 429 on the way, and both are retried.
	srv.Inject(telegramtest.Fault{Method: "sendMessage", Code: 500})
	srv.Inject(telegramtest.Fault{Method: "sendMessage", Code: 429, RetryAfter: 1})
	p := &user{t: t, srv: srv, u: telegramtest.User{ID: 4242, LanguageCode: "en"}}
	srv.SendText(p.u, "/start")
	p.press(p.buttons(), "ok")
	p.press(p.buttons(), "no")
	p.press(p.buttons(), "no")
	srv.ShareLocation(p.u, 52.52, 13.40)
	p.press(p.buttons(), "t:07:30")
	p.press(p.buttons(), "t:19:00")
	p.press(p.buttons(), "start:morning")
	s := p.buttons()
	for strings.Contains(s.Text, "/5 · ") {
		p.press(s, "done")
		s = p.buttons()
	}
	p.press(s, "p:2")
	if _, err := srv.WaitAnswers(12, wait); err != nil { // every press handled: the routine is over
		t.Fatal(err)
	}

	// The evening reminder, from the scheduler; snoozed, then skipped.
	if err := b.HandleScheduled(ctx, coach.UserID(p.u.ID), coach.Input{Kind: coach.InputReminder, Slot: coach.Evening, At: clk.Now()}); err != nil {
		t.Fatal(err)
	}
	ping := p.buttonsFor("ping:")
	p.press(ping, "ping:snooze:")
	if _, err := srv.WaitAnswers(13, wait); err != nil {
		t.Fatal(err)
	}
	p.press(ping, "ping:skip:")

	// A red flag in free text.
	srv.SendText(p.u, "I suddenly can't control my bladder and my groin is numb")

	want := map[string]float64{
		`stretchbot_updates_total{kind="command"}`:                                               1,
		`stretchbot_updates_total{kind="location"}`:                                              1,
		`stretchbot_updates_total{kind="text"}`:                                                  1,
		`stretchbot_updates_total{kind="button"}`:                                                14,
		`stretchbot_routines_started_total{slot="morning"}`:                                      1,
		`stretchbot_routines_ended_total{outcome="completed",slot="morning"}`:                    1,
		`stretchbot_routines_ended_total{outcome="stopped",slot="morning"}`:                      0,
		`stretchbot_reminders_total{event="sent"}`:                                               1,
		`stretchbot_reminders_total{event="snoozed"}`:                                            1,
		`stretchbot_reminders_total{event="skipped"}`:                                            1,
		`stretchbot_red_flags_total{level="emergency"}`:                                          1,
		`stretchbot_red_flags_total{level="clinician"}`:                                          0,
		`stretchbot_telegram_errors_total{class="server",code="500",method="sendMessage"}`:       1,
		`stretchbot_telegram_errors_total{class="rate_limited",code="429",method="sendMessage"}`: 1,
		`stretchbot_telegram_requests_total{method="getMe"}`:                                     1,
		`stretchbot_update_handling_seconds_count`:                                               17,
		`stretchbot_outbox_depth`:                                                                0,
	}
	var body string
	ok := srv.WaitFor(wait, func(telegramtest.View) bool {
		_, body = get(t, m.Handler(), "/metrics")
		for series, v := range want {
			if sample(body, series) != v {
				return false
			}
		}
		return true
	})
	if !ok {
		var diff strings.Builder
		for series, v := range want {
			if got := sample(body, series); got != v {
				fmt.Fprintf(&diff, "  %s = %v, want %v\n", series, got, v)
			}
		}
		t.Fatalf("metrics did not move as expected:\n%s", diff.String())
	}
	if sample(body, "stretchbot_db_size_bytes") <= 0 || sample(body, "stretchbot_telegram_last_success_timestamp_seconds") <= 0 {
		t.Fatalf("gauges missing:\n%s", body)
	}
	if code, body := get(t, m.Handler(), "/readyz"); code != 200 {
		t.Fatalf("/readyz %d %q", code, body)
	}
	// No user id and no text in any series.
	for _, bad := range []string{"4242", "bladder"} {
		if strings.Contains(body, bad) {
			t.Fatalf("/metrics holds %q", bad)
		}
	}
}

type fixedZone string

func (z fixedZone) GetTimezoneName(lng, lat float64) string { return string(z) }
