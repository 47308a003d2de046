package remind

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchbot/stretchbot/clock"
	"github.com/stretchbot/stretchbot/coach"
	"github.com/stretchbot/stretchbot/store"
)

// harness runs a Scheduler against a real store in t.TempDir() and the
// real coach, recording what each user was sent.
type harness struct {
	t     *testing.T
	path  string
	db    *store.DB
	svc   *coach.Service
	clk   *clock.Fake
	s     *Scheduler
	opt   Options
	texts map[string]string // catalogue key -> English text, for matching

	mu     sync.Mutex
	sent   map[coach.UserID][]string // reply texts
	inputs map[coach.UserID][]coach.Input
	fail   func(coach.UserID, coach.Input) error
}

var quietLog = slog.New(slog.NewTextHandler(io.Discard, nil))

func newHarness(t *testing.T, start time.Time, opt Options) *harness {
	t.Helper()
	h := &harness{
		t: t, path: filepath.Join(t.TempDir(), "stretchbot.db"), clk: clock.NewFake(start), opt: opt,
		sent: map[coach.UserID][]string{}, inputs: map[coach.UserID][]coach.Input{},
	}
	c := coach.MustContent()
	h.texts = c.Messages[coach.DefaultLang]
	h.open()
	t.Cleanup(func() { _ = h.db.Close() })
	return h
}

// open opens the store and a fresh scheduler: a (re)start.
func (h *harness) open() {
	h.t.Helper()
	db, err := store.Open(h.path, store.Options{NoSync: true})
	if err != nil {
		h.t.Fatal(err)
	}
	h.db = db
	h.svc = coach.NewService(coach.NewEngine(coach.MustContent(), nil), db)
	opt := h.opt
	opt.Clock = h.clk
	opt.Logger = quietLog
	h.s = New(db, h.handle, opt)
}

// restart simulates a crash and a new process: the scheduler's memory is
// lost, the store is closed and opened again.
func (h *harness) restart() {
	h.t.Helper()
	if err := h.db.Close(); err != nil {
		h.t.Fatal(err)
	}
	h.open()
}

func (h *harness) handle(ctx context.Context, u coach.UserID, in coach.Input) error {
	h.mu.Lock()
	fail := h.fail
	h.inputs[u] = append(h.inputs[u], in)
	h.mu.Unlock()
	if fail != nil {
		if err := fail(u, in); err != nil {
			return err
		}
	}
	out, err := h.svc.Handle(ctx, u, in, h.clk.Now())
	if err != nil {
		return err
	}
	h.mu.Lock()
	defer h.mu.Unlock()
	for _, r := range out.Replies {
		h.sent[u] = append(h.sent[u], r.Text)
	}
	return nil
}

// user stores an onboarded user with quiet hours 22:00-07:00.
func (h *harness) user(id coach.UserID, zone string, morning, evening coach.Clock, edit ...func(*coach.State)) {
	h.t.Helper()
	st := coach.State{
		User: id, Phase: coach.PhaseIdle, Turn: 1,
		Profile: coach.Profile{
			Zone: zone, Morning: morning, Evening: evening, Onboarded: true,
			QuietStart: 22 * 60, QuietEnd: 7 * 60, DayBoundary: 4 * 60,
			SafetyCheck: h.clk.Now(),
		},
		Created: h.clk.Now(), Updated: h.clk.Now(),
	}
	for _, e := range edit {
		e(&st)
	}
	if err := h.db.Save(context.Background(), st, nil); err != nil {
		h.t.Fatal(err)
	}
}

func (h *harness) state(id coach.UserID) coach.State {
	h.t.Helper()
	st, err := h.db.Load(context.Background(), id)
	if err != nil {
		h.t.Fatal(err)
	}
	return st
}

func (h *harness) edit(id coach.UserID, f func(*coach.State)) {
	h.t.Helper()
	st := h.state(id)
	f(&st)
	if err := h.db.Save(context.Background(), st, nil); err != nil {
		h.t.Fatal(err)
	}
}

// tick moves the clock to at and ticks.
func (h *harness) tick(at time.Time) Stats {
	h.t.Helper()
	h.clk.Set(at)
	st, err := h.s.Tick(context.Background(), at)
	if err != nil {
		h.t.Fatalf("Tick(%s): %v", at.UTC().Format(time.RFC3339), err)
	}
	return st
}

// sweep ticks every minute from from to to, both included.
func (h *harness) sweep(from, to time.Time) {
	for t := from; !t.After(to); t = t.Add(time.Minute) {
		h.tick(t)
	}
}

// pings returns how many reminder pings user u received (any slot, any
// lead-in), and every text u received.
func (h *harness) pings(u coach.UserID) (int, []string) {
	h.mu.Lock()
	defer h.mu.Unlock()
	n := 0
	for _, s := range h.sent[u] {
		for k, v := range h.texts {
			if strings.HasPrefix(k, "remind.ping.") && strings.HasSuffix(s, v) {
				n++
				break
			}
		}
	}
	return n, slices.Clone(h.sent[u])
}

// reminders counts the InputReminder deliveries to u.
func (h *harness) reminders(u coach.UserID) int {
	h.mu.Lock()
	defer h.mu.Unlock()
	n := 0
	for _, in := range h.inputs[u] {
		if in.Kind == coach.InputReminder {
			n++
		}
	}
	return n
}

func (h *harness) has(u coach.UserID, key string) bool {
	h.mu.Lock()
	defer h.mu.Unlock()
	for _, s := range h.sent[u] {
		if strings.Contains(s, h.texts[key]) {
			return true
		}
	}
	return false
}

func (h *harness) wantPings(u coach.UserID, n int) {
	h.t.Helper()
	if got, texts := h.pings(u); got != n {
		h.t.Errorf("user %d got %d pings, want %d: %q", u, got, n, texts)
	}
}

func loc(t testing.TB, name string) *time.Location {
	t.Helper()
	l, err := time.LoadLocation(name)
	if err != nil {
		t.Fatal(err)
	}
	return l
}

func at(l *time.Location, y int, mo time.Month, d, h, m int) time.Time {
	return time.Date(y, mo, d, h, m, 0, 0, l)
}

func clk(h, m int) coach.Clock { return coach.Clock(h*60 + m) }

func TestTickOnTimeInEachZone(t *testing.T) {
	london, ny := loc(t, "Europe/London"), loc(t, "America/New_York")
	h := newHarness(t, at(london, 2026, 11, 25, 7, 0), Options{})
	h.user(1, "Europe/London", clk(7, 30), clk(19, 0))
	h.user(2, "America/New_York", clk(7, 30), clk(19, 0))
	h.user(3, "Australia/Adelaide", clk(7, 30), clk(19, 0))

	h.tick(at(london, 2026, 11, 25, 7, 29))
	h.wantPings(1, 0)
	st := h.tick(at(london, 2026, 11, 25, 7, 30).Add(2 * time.Second))
	if st.OnTime != 1 || st.Minutes != 1 {
		t.Errorf("stats %+v", st)
	}
	h.wantPings(1, 1)
	h.wantPings(2, 0)
	// The same minute again: nothing new.
	h.tick(at(london, 2026, 11, 25, 7, 30).Add(40 * time.Second))
	h.wantPings(1, 1)
	if n := h.reminders(1); n != 1 {
		t.Errorf("user 1 had %d reminder deliveries", n)
	}
	h.tick(at(ny, 2026, 11, 25, 7, 30))
	h.wantPings(2, 1)
	h.tick(at(london, 2026, 11, 25, 19, 0))
	h.wantPings(1, 2)
	// Adelaide's 07:30 on the 26th is 21:00 UTC on the 25th (+10:30).
	h.tick(time.Date(2026, 11, 25, 21, 0, 0, 0, time.UTC))
	h.wantPings(3, 1)
	if got := h.state(1).Reminder.LastSlot; got != "2026-11-25/evening" {
		t.Errorf("LastSlot %q", got)
	}
}

// TestDST sweeps DST nights minute by minute: a reminder at a time that
// does not exist fires once at the next valid minute, one at a time that
// occurs twice fires once, at its first occurrence; the scheduler does not
// even deliver it twice.
func TestDST(t *testing.T) {
	tests := []struct {
		name    string
		zone    string
		morning coach.Clock
		from    time.Time // local night start (UTC instant)
		want    time.Time // the one firing, UTC
	}{
		{"London spring 01:30", "Europe/London", clk(1, 30), time.Date(2026, 3, 28, 23, 0, 0, 0, time.UTC), time.Date(2026, 3, 29, 1, 0, 0, 0, time.UTC)},
		{"London fall 01:30", "Europe/London", clk(1, 30), time.Date(2026, 10, 24, 23, 0, 0, 0, time.UTC), time.Date(2026, 10, 25, 0, 30, 0, 0, time.UTC)},
		{"New York spring 02:30", "America/New_York", clk(2, 30), time.Date(2026, 3, 8, 4, 0, 0, 0, time.UTC), time.Date(2026, 3, 8, 7, 0, 0, 0, time.UTC)},
		{"New York fall 01:30", "America/New_York", clk(1, 30), time.Date(2026, 11, 1, 3, 0, 0, 0, time.UTC), time.Date(2026, 11, 1, 5, 30, 0, 0, time.UTC)},
		{"Adelaide spring 02:30", "Australia/Adelaide", clk(2, 30), time.Date(2026, 10, 3, 14, 0, 0, 0, time.UTC), time.Date(2026, 10, 3, 16, 30, 0, 0, time.UTC)},
		{"Adelaide fall 02:30", "Australia/Adelaide", clk(2, 30), time.Date(2026, 4, 4, 13, 0, 0, 0, time.UTC), time.Date(2026, 4, 4, 16, 0, 0, 0, time.UTC)},
		{"Lord Howe spring 02:15", "Australia/Lord_Howe", clk(2, 15), time.Date(2026, 10, 3, 13, 0, 0, 0, time.UTC), time.Date(2026, 10, 3, 15, 30, 0, 0, time.UTC)},
		{"Lord Howe fall 01:45", "Australia/Lord_Howe", clk(1, 45), time.Date(2026, 4, 4, 12, 0, 0, 0, time.UTC), time.Date(2026, 4, 4, 14, 45, 0, 0, time.UTC)},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			h := newHarness(t, tc.from, Options{})
			h.user(1, tc.zone, tc.morning, clk(19, 0), func(s *coach.State) { s.Profile.DayBoundary = 4 * 60 })
			var fired []time.Time
			for m := tc.from; m.Before(tc.from.Add(6 * time.Hour)); m = m.Add(time.Minute) {
				before, _ := h.pings(1)
				h.tick(m)
				if after, _ := h.pings(1); after > before {
					fired = append(fired, m)
				}
			}
			if len(fired) != 1 || !fired[0].Equal(tc.want) {
				t.Errorf("fired at %v, want once at %v", fired, tc.want)
			}
			if n := h.reminders(1); n != 1 {
				t.Errorf("%d reminder deliveries, want 1", n)
			}
		})
	}
}

func TestChangesTakeEffectAtOnce(t *testing.T) {
	london := loc(t, "Europe/London")
	h := newHarness(t, at(london, 2026, 11, 25, 7, 0), Options{})
	h.user(1, "Europe/London", clk(8, 0), clk(19, 0))
	h.user(2, "Europe/London", clk(8, 0), clk(19, 0))
	h.sweep(at(london, 2026, 11, 25, 7, 0), at(london, 2026, 11, 25, 7, 50))

	h.edit(1, func(s *coach.State) { s.Profile.Morning = clk(7, 55) })
	h.edit(2, func(s *coach.State) { s.Profile.Zone = "America/New_York" })
	h.sweep(at(london, 2026, 11, 25, 7, 51), at(london, 2026, 11, 25, 8, 30))
	h.wantPings(1, 1) // at 07:55, not 08:00
	h.wantPings(2, 0) // 08:00 London is 03:00 in New York
	if n := h.reminders(1); n != 1 {
		t.Errorf("user 1: %d deliveries", n)
	}
	h.sweep(at(london, 2026, 11, 25, 12, 55), at(london, 2026, 11, 25, 13, 5))
	h.wantPings(2, 1) // 08:00 New York
}

// TestRestartMidSlot crashes while a minute's pings are being handed out,
// and again after they were stored but before the tick was recorded: after
// each restart every user has exactly one ping.
func TestRestartMidSlot(t *testing.T) {
	london := loc(t, "Europe/London")
	h := newHarness(t, at(london, 2026, 11, 25, 7, 0), Options{Workers: 4})
	const n = 40
	for u := coach.UserID(1); u <= n; u++ {
		h.user(u, "Europe/London", clk(7, 30), clk(19, 0))
	}
	h.tick(at(london, 2026, 11, 25, 7, 29))
	crashed := errors.New("process died")
	h.fail = func(u coach.UserID, in coach.Input) error {
		if u%3 == 0 {
			return crashed
		}
		return nil
	}
	st := h.tick(at(london, 2026, 11, 25, 7, 30).Add(5 * time.Second))
	if st.Failed != n/3 {
		t.Fatalf("stats %+v", st)
	}
	h.fail = nil
	h.restart()
	st = h.tick(at(london, 2026, 11, 25, 7, 31).Add(20 * time.Second))
	if st.Minutes != 2 {
		t.Errorf("after restart processed %d minutes, want 2 (07:30 again, 07:31)", st.Minutes)
	}
	for u := coach.UserID(1); u <= n; u++ {
		h.wantPings(u, 1)
		if h.has(u, "remind.late") {
			t.Errorf("user %d: a one-minute-late ping apologised", u)
		}
	}

	// Second crash: the evening pings were stored, the tick was not.
	h.tick(at(london, 2026, 11, 25, 19, 0))
	for u := coach.UserID(1); u <= n; u++ {
		h.wantPings(u, 2)
	}
	v, _ := at(london, 2026, 11, 25, 18, 59).UTC().MarshalText()
	if err := h.db.SetMeta(metaLast, v); err != nil {
		t.Fatal(err)
	}
	h.restart()
	st = h.tick(at(london, 2026, 11, 25, 19, 1))
	if st.OnTime != n {
		t.Errorf("redelivered %d reminders, want %d", st.OnTime, n)
	}
	for u := coach.UserID(1); u <= n; u++ {
		h.wantPings(u, 2)
	}
}

func TestDowntimeCatchUp(t *testing.T) {
	london := loc(t, "Europe/London")
	h := newHarness(t, at(london, 2026, 11, 25, 3, 0), Options{})
	h.user(1, "Europe/London", clk(7, 30), clk(19, 0)) // 30 min late: sent, with an apology
	h.user(2, "Europe/London", clk(5, 30), clk(19, 0)) // 2.5 h late: missed, day frozen
	h.user(3, "Europe/London", clk(7, 58), clk(19, 0)) // 2 min late: on time
	h.user(4, "Europe/London", clk(6, 50), clk(19, 0)) // late inside quiet hours: held until 07:00
	h.tick(at(london, 2026, 11, 25, 3, 0))
	h.restart() // down from 03:00 to 08:00

	now := at(london, 2026, 11, 25, 8, 0).Add(10 * time.Second)
	h.clk.Set(now)
	if err := h.s.Start(context.Background()); err != nil {
		t.Fatal(err)
	}
	<-h.s.Stop().Done()

	h.wantPings(1, 1)
	if !h.has(1, "remind.late") {
		t.Error("user 1: catch-up without apology")
	}
	h.wantPings(2, 0)
	if fr := h.state(2).Streak.Frozen; !slices.Contains(fr, "2026-11-25") {
		t.Errorf("user 2: missed day not frozen: %v", fr)
	}
	h.wantPings(3, 1)
	if h.has(3, "remind.late") {
		t.Error("user 3: on time but apologised")
	}
	// User 4's catch-up came at 08:00, after quiet hours: sent at once.
	h.wantPings(4, 1)
	if v, err := h.db.Meta(metaDowntime); err != nil || v == nil {
		t.Errorf("downtime not recorded: %s %v", v, err)
	}
}

func TestCatchUpHeldByQuietHours(t *testing.T) {
	london := loc(t, "Europe/London")
	h := newHarness(t, at(london, 2026, 11, 25, 6, 0), Options{})
	h.user(1, "Europe/London", clk(6, 30), clk(19, 0))
	h.tick(at(london, 2026, 11, 25, 6, 0))
	h.restart()
	st := h.tick(at(london, 2026, 11, 25, 6, 45)) // 15 min late, inside quiet hours
	if st.CatchUps != 1 {
		t.Errorf("stats %+v", st)
	}
	h.wantPings(1, 0)
	if w := h.state(1).WakeAt; !w.Equal(at(london, 2026, 11, 25, 7, 0)) {
		t.Errorf("WakeAt %v", w)
	}
	h.sweep(at(london, 2026, 11, 25, 6, 46), at(london, 2026, 11, 25, 7, 5))
	h.wantPings(1, 1)
	if !h.has(1, "remind.held") {
		t.Errorf("no held-back note")
	}
}

func TestGraceWindow(t *testing.T) {
	london := loc(t, "Europe/London")
	h := newHarness(t, at(london, 2026, 11, 25, 7, 0), Options{Grace: 30 * time.Minute})
	h.user(1, "Europe/London", clk(7, 10), clk(19, 0)) // 35 min late: missed
	h.user(2, "Europe/London", clk(7, 20), clk(19, 0)) // 25 min late: sent
	h.tick(at(london, 2026, 11, 25, 7, 0))
	h.restart()
	st := h.tick(at(london, 2026, 11, 25, 7, 45))
	if st.Missed != 1 || st.CatchUps != 1 || st.Downtime != 44*time.Minute {
		t.Errorf("stats %+v", st)
	}
	h.wantPings(1, 0)
	h.wantPings(2, 1)
}

func TestNeverPinged(t *testing.T) {
	london := loc(t, "Europe/London")
	start := at(london, 2026, 11, 25, 7, 0)
	h := newHarness(t, start, Options{})
	h.user(1, "Europe/London", clk(7, 30), clk(19, 0)) // control
	h.user(2, "Europe/London", clk(7, 30), clk(19, 0), func(s *coach.State) {
		s.Pause = &coach.Pause{From: start.Add(-time.Hour), Until: start.Add(48 * time.Hour), Reason: "user"}
	})
	h.user(3, "Europe/London", clk(7, 30), clk(19, 0), func(s *coach.State) { s.Profile.Blocked = true })
	h.user(4, "Europe/London", clk(7, 30), clk(19, 0), func(s *coach.State) {
		s.Profile.Onboarded = false
		s.Phase = coach.PhaseOnbEvening
	})
	h.user(5, "Europe/London", clk(7, 30), clk(19, 0))
	if err := h.db.Delete(context.Background(), 5); err != nil {
		t.Fatal(err)
	}
	h.sweep(at(london, 2026, 11, 25, 7, 29), at(london, 2026, 11, 25, 7, 31))
	h.wantPings(1, 1)
	for u := coach.UserID(2); u <= 5; u++ {
		if n, texts := h.pings(u); n != 0 || len(texts) != 0 {
			t.Errorf("user %d was sent %q", u, texts)
		}
	}
	if st, _ := h.db.Load(context.Background(), 5); st.Phase != coach.PhaseNew {
		t.Errorf("deleted user came back: %+v", st)
	}
}

func TestSnoozeThroughWake(t *testing.T) {
	london := loc(t, "Europe/London")
	h := newHarness(t, at(london, 2026, 11, 25, 7, 0), Options{})
	h.user(1, "Europe/London", clk(7, 30), clk(19, 0))
	h.tick(at(london, 2026, 11, 25, 7, 30))
	h.clk.Set(at(london, 2026, 11, 25, 7, 31))
	out, err := h.svc.Handle(context.Background(), 1,
		coach.Input{Kind: coach.InputButton, Action: "ping:snooze:m:20261125"}, h.clk.Now())
	if err != nil || !out.State.Reminder.Snoozed {
		t.Fatalf("snooze: %v %+v", err, out.State.Reminder)
	}
	h.sweep(at(london, 2026, 11, 25, 7, 32), at(london, 2026, 11, 25, 8, 0))
	h.wantPings(1, 1)
	st := h.tick(at(london, 2026, 11, 25, 8, 1))
	if st.Wakes != 1 {
		t.Errorf("stats %+v", st)
	}
	h.wantPings(1, 2)
	if !h.has(1, "remind.snoozed") {
		t.Error("no snoozed ping")
	}
	if w := h.state(1).WakeAt; !w.IsZero() {
		t.Errorf("WakeAt %v left", w)
	}
	h.sweep(at(london, 2026, 11, 25, 8, 2), at(london, 2026, 11, 25, 8, 10))
	h.wantPings(1, 2)
}

func TestPauseEndsWithBackNote(t *testing.T) {
	london := loc(t, "Europe/London")
	start := at(london, 2026, 11, 25, 9, 0)
	h := newHarness(t, start, Options{})
	h.user(1, "Europe/London", clk(7, 30), clk(19, 0), func(s *coach.State) {
		s.Pause = &coach.Pause{From: start.Add(-72 * time.Hour), Until: start.Add(time.Hour), Reason: "user"}
		s.WakeAt = s.Pause.Until
	})
	h.sweep(start, start.Add(59*time.Minute))
	if _, texts := h.pings(1); len(texts) != 0 {
		t.Fatalf("sent during the pause: %q", texts)
	}
	h.tick(start.Add(time.Hour))
	if !h.has(1, "remind.back") {
		t.Error("no back note")
	}
	if st := h.state(1); st.Pause != nil || !st.WakeAt.IsZero() {
		t.Errorf("pause %+v, wake %v", st.Pause, st.WakeAt)
	}
	h.sweep(at(london, 2026, 11, 25, 19, 0), at(london, 2026, 11, 25, 19, 0))
	h.wantPings(1, 1)
}

func TestHandlerPanicAndRetry(t *testing.T) {
	london := loc(t, "Europe/London")
	h := newHarness(t, at(london, 2026, 11, 25, 7, 0), Options{})
	h.user(1, "Europe/London", clk(7, 30), clk(19, 0))
	h.user(2, "Europe/London", clk(7, 30), clk(19, 0))
	h.fail = func(u coach.UserID, in coach.Input) error {
		if u == 1 {
			panic("boom")
		}
		return nil
	}
	st := h.tick(at(london, 2026, 11, 25, 7, 30))
	if st.Failed != 1 || st.OnTime != 2 {
		t.Errorf("stats %+v", st)
	}
	h.wantPings(1, 0)
	h.wantPings(2, 1)
	h.fail = nil
	st = h.tick(at(london, 2026, 11, 25, 7, 31))
	if st.Retried != 1 || st.Failed != 0 {
		t.Errorf("stats %+v", st)
	}
	h.wantPings(1, 1)
	h.wantPings(2, 1)
}

// failingIndex fails Due for one zone.
type failingIndex struct {
	Index
	zone string
}

func (f failingIndex) Due(ctx context.Context, zone string, c coach.Clock) ([]coach.UserID, error) {
	if zone == f.zone {
		return nil, errors.New("disk on fire")
	}
	return f.Index.Due(ctx, zone, c)
}

func TestIndexErrorResumesAtTheFailedMinute(t *testing.T) {
	london := loc(t, "Europe/London")
	h := newHarness(t, at(london, 2026, 11, 25, 7, 0), Options{})
	h.user(1, "Europe/London", clk(7, 30), clk(19, 0))
	h.tick(at(london, 2026, 11, 25, 7, 29))
	broken := New(failingIndex{h.db, "Europe/London"}, h.handle, Options{Logger: quietLog})
	broken.last, broken.loaded = h.s.last, true
	if _, err := broken.Tick(context.Background(), at(london, 2026, 11, 25, 7, 30)); err == nil {
		t.Fatal("no error from a failing index")
	}
	h.wantPings(1, 0)
	h.restart()
	h.tick(at(london, 2026, 11, 25, 7, 31))
	h.wantPings(1, 1)
}

func TestUnknownZoneIsSkipped(t *testing.T) {
	london := loc(t, "Europe/London")
	h := newHarness(t, at(london, 2026, 11, 25, 7, 0), Options{})
	h.user(1, "Mars/Olympus_Mons", clk(7, 30), clk(19, 0))
	h.user(2, "Europe/London", clk(7, 30), clk(19, 0))
	h.sweep(at(london, 2026, 11, 25, 7, 29), at(london, 2026, 11, 25, 7, 31))
	h.wantPings(2, 1)
	h.wantPings(1, 0)
}

func TestStartStop(t *testing.T) {
	london := loc(t, "Europe/London")
	h := newHarness(t, at(london, 2026, 11, 25, 7, 30), Options{})
	h.user(1, "Europe/London", clk(7, 30), clk(19, 0))
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	if err := h.s.Start(ctx); err != nil {
		t.Fatal(err)
	}
	if err := h.s.Start(ctx); err == nil {
		t.Error("started twice")
	}
	h.wantPings(1, 1) // the first run processes the current minute
	select {
	case <-h.s.Stop().Done():
	case <-time.After(10 * time.Second):
		t.Fatal("Stop did not finish")
	}
	<-h.s.Stop().Done() // stopping again is harmless
}
