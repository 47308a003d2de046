package coach

import (
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"
)

// rmEngine returns an engine for the reminder rules.
func rmEngine(t *testing.T) *Engine {
	t.Helper()
	return NewEngine(MustContent(), nil)
}

func rmLoc(t testing.TB, name string) *time.Location {
	t.Helper()
	l, err := time.LoadLocation(name)
	if err != nil {
		t.Fatal(err)
	}
	return l
}

// rmAt is a local wall time in loc.
func rmAt(loc *time.Location, y int, mo time.Month, d, h, mi int) time.Time {
	return time.Date(y, mo, d, h, mi, 0, 0, loc)
}

func rmClock(h, m int) Clock { return Clock(h*60 + m) }

// rmMember is an onboarded London user: morning 07:30, evening 19:00, quiet
// hours 22:00-07:00, day boundary 04:00, safety check done recently.
func rmMember(now time.Time) State {
	return State{
		User: 42, Phase: PhaseIdle, Turn: 7,
		Profile: Profile{
			Zone: "Europe/London", Morning: rmClock(7, 30), Evening: rmClock(19, 0), Onboarded: true,
			QuietStart: rmClock(22, 0), QuietEnd: rmClock(7, 0), DayBoundary: rmClock(4, 0),
			SafetyCheck: now.Add(-time.Hour),
		},
	}
}

// rmTexts lists the replies' texts.
func rmTexts(o Output) []string {
	var out []string
	for _, r := range o.Replies {
		out = append(out, r.Text)
	}
	return out
}

// rmActions lists the actions of a reply's buttons.
func rmActions(r Reply) []string {
	var out []string
	for _, row := range r.Buttons {
		for _, b := range row {
			out = append(out, b.Action)
		}
	}
	return out
}

// rmIsPing reports whether text is one of the slot's ping texts (possibly
// after a lead-in).
func rmIsPing(e *Engine, slot Slot, text string) bool {
	for i := 1; i <= pingVariants; i++ {
		if strings.HasSuffix(text, e.t(State{}, fmt.Sprintf("remind.ping.%s.%d", slot, i))) {
			return true
		}
	}
	return false
}

func TestRemindCatalogue(t *testing.T) {
	c := MustContent()
	keys := []string{
		"remind.late", "remind.held", "remind.snoozed", "remind.back",
		"remind.followup.morning", "remind.followup.evening",
		"remind.snooze.ok", "remind.snooze.again", "remind.skip.ok", "remind.skip.done",
		"remind.btn.start", "remind.btn.snooze", "remind.btn.skip",
		"remind.notice.start", "remind.notice.snooze", "remind.notice.snoozed_once",
		"remind.notice.skip", "remind.notice.rest", "remind.notice.done",
		"remind.notice.paused", "remind.notice.stale",
	}
	for _, s := range []Slot{Morning, Evening} {
		seen := map[string]bool{}
		for i := 1; i <= pingVariants; i++ {
			k := fmt.Sprintf("remind.ping.%s.%d", s, i)
			keys = append(keys, k)
			if v := c.Messages[DefaultLang][k]; seen[v] {
				t.Errorf("%s repeats another variant", k)
			} else {
				seen[v] = true
			}
		}
	}
	for _, k := range keys {
		if v, ok := c.Messages[DefaultLang][k]; !ok || v == "" {
			t.Errorf("catalogue lacks %s", k)
		}
	}
	if !strings.Contains(c.Messages[DefaultLang]["remind.snooze.ok"], "{time}") {
		t.Error("remind.snooze.ok should show the time")
	}
}

// TestDueClocks checks the clocks due in single minutes around DST changes.
func TestDueClocks(t *testing.T) {
	tests := []struct {
		name      string
		zone      string
		utc       time.Time
		first     Clock
		n         int
		wantLocal string
	}{
		{"plain minute", "Europe/London", time.Date(2026, 11, 25, 7, 30, 0, 0, time.UTC), rmClock(7, 30), 1, "07:30"},
		{"seconds ignored", "Europe/London", time.Date(2026, 11, 25, 7, 30, 59, 0, time.UTC), rmClock(7, 30), 1, "07:30"},
		{"utc", "UTC", time.Date(2026, 11, 25, 0, 0, 0, 0, time.UTC), 0, 1, "00:00"},
		// London springs forward 01:00 GMT -> 02:00 BST on 29 March 2026.
		{"london gap fires at 02:00", "Europe/London", time.Date(2026, 3, 29, 1, 0, 0, 0, time.UTC), rmClock(1, 0), 61, "02:00"},
		{"london after gap", "Europe/London", time.Date(2026, 3, 29, 1, 1, 0, 0, time.UTC), rmClock(2, 1), 1, "02:01"},
		// London falls back 02:00 BST -> 01:00 GMT on 25 October 2026.
		{"london first 01:30", "Europe/London", time.Date(2026, 10, 25, 0, 30, 0, 0, time.UTC), rmClock(1, 30), 1, "01:30"},
		{"london repeated 01:00", "Europe/London", time.Date(2026, 10, 25, 1, 0, 0, 0, time.UTC), 0, 0, "01:00"},
		{"london repeated 01:59", "Europe/London", time.Date(2026, 10, 25, 1, 59, 0, 0, time.UTC), 0, 0, "01:59"},
		{"london after repeat", "Europe/London", time.Date(2026, 10, 25, 2, 0, 0, 0, time.UTC), rmClock(2, 0), 1, "02:00"},
		// New York: 02:00 EST -> 03:00 EDT on 8 March 2026; 02:00 EDT -> 01:00 EST on 1 November 2026.
		{"new york gap", "America/New_York", time.Date(2026, 3, 8, 7, 0, 0, 0, time.UTC), rmClock(2, 0), 61, "03:00"},
		{"new york repeated", "America/New_York", time.Date(2026, 11, 1, 6, 15, 0, 0, time.UTC), 0, 0, "01:15"},
		{"new york after repeat", "America/New_York", time.Date(2026, 11, 1, 7, 0, 0, 0, time.UTC), rmClock(2, 0), 1, "02:00"},
		// Adelaide (+9:30/+10:30): 02:00 ACST -> 03:00 ACDT on 4 October 2026; 03:00 ACDT -> 02:00 ACST on 5 April 2026.
		{"adelaide gap", "Australia/Adelaide", time.Date(2026, 10, 3, 16, 30, 0, 0, time.UTC), rmClock(2, 0), 61, "03:00"},
		{"adelaide repeated", "Australia/Adelaide", time.Date(2026, 4, 4, 16, 45, 0, 0, time.UTC), 0, 0, "02:15"},
		{"adelaide after repeat", "Australia/Adelaide", time.Date(2026, 4, 4, 17, 30, 0, 0, time.UTC), rmClock(3, 0), 1, "03:00"},
		// Lord Howe shifts by 30 minutes: 02:00 -> 02:30 on 4 October 2026, 02:00 -> 01:30 on 5 April 2026.
		{"lord howe gap", "Australia/Lord_Howe", time.Date(2026, 10, 3, 15, 30, 0, 0, time.UTC), rmClock(2, 0), 31, "02:30"},
		{"lord howe repeated", "Australia/Lord_Howe", time.Date(2026, 4, 4, 15, 0, 0, 0, time.UTC), 0, 0, "01:30"},
		{"lord howe after repeat", "Australia/Lord_Howe", time.Date(2026, 4, 4, 15, 30, 0, 0, time.UTC), rmClock(2, 0), 1, "02:00"},
		// Havana skips midnight: 00:00 -> 01:00 on 8 March 2026.
		{"havana skips midnight", "America/Havana", time.Date(2026, 3, 8, 5, 0, 0, 0, time.UTC), rmClock(0, 0), 61, "01:00"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			loc := rmLoc(t, tc.zone)
			if got := tc.utc.In(loc).Format("15:04"); got != tc.wantLocal {
				t.Fatalf("test data: %s is %s local, want %s", tc.utc, got, tc.wantLocal)
			}
			first, n := DueClocks(loc, tc.utc)
			if n != tc.n || (n > 0 && first != tc.first) {
				t.Errorf("DueClocks = %s+%d, want %s+%d", first, n, tc.first, tc.n)
			}
		})
	}
}

// TestDueClocksEveryClockOnce sweeps every minute of DST change days and
// of an ordinary day: each local clock of the day falls due exactly once.
func TestDueClocksEveryClockOnce(t *testing.T) {
	days := []struct {
		zone string
		y    int
		mo   time.Month
		d    int
	}{
		{"Europe/London", 2026, 3, 29}, {"Europe/London", 2026, 10, 25}, {"Europe/London", 2026, 6, 1},
		{"America/New_York", 2026, 3, 8}, {"America/New_York", 2026, 11, 1},
		{"Australia/Adelaide", 2026, 10, 4}, {"Australia/Adelaide", 2026, 4, 5},
		{"Australia/Lord_Howe", 2026, 10, 4}, {"Australia/Lord_Howe", 2026, 4, 5},
		{"America/Havana", 2026, 3, 8}, {"America/Havana", 2026, 11, 1},
		{"Asia/Kolkata", 2026, 3, 29},
	}
	for _, dd := range days {
		t.Run(fmt.Sprintf("%s/%d-%02d-%02d", dd.zone, dd.y, dd.mo, dd.d), func(t *testing.T) {
			loc := rmLoc(t, dd.zone)
			// Every minute whose local date is the day; clocks skipped
			// at the start of the day fall due at its first minute.
			start := time.Date(dd.y, dd.mo, dd.d, 0, 0, 0, 0, time.UTC).Add(-16 * time.Hour)
			end := start.Add(56 * time.Hour)
			var count [minutesPerDay]int
			for m := start; m.Before(end); m = m.Add(time.Minute) {
				if y, mo, d := m.In(loc).Date(); y != dd.y || mo != dd.mo || d != dd.d {
					continue
				}
				first, n := DueClocks(loc, m)
				for i := 0; i < n; i++ {
					count[(int(first)+i)%minutesPerDay]++
				}
			}
			for c, k := range count {
				if k != 1 {
					t.Errorf("clock %s due %d times", Clock(c), k)
				}
			}
		})
	}
}

func TestRecomputeWake(t *testing.T) {
	t0 := time.Date(2026, 11, 25, 12, 0, 0, 0, time.UTC)
	tests := []struct {
		name string
		st   State
		want time.Time
	}{
		{"nothing", State{WakeAt: t0}, time.Time{}},
		{"snooze", State{Reminder: Reminder{Snooze: t0}}, t0},
		{"earliest of all", State{
			Reminder: Reminder{Snooze: t0.Add(3 * time.Hour), FollowUp: t0.Add(2 * time.Hour), Back: t0.Add(time.Hour)},
			Pause:    &Pause{Until: t0.Add(4 * time.Hour)},
		}, t0.Add(time.Hour)},
		{"pause end first", State{Reminder: Reminder{FollowUp: t0.Add(2 * time.Hour)}, Pause: &Pause{Until: t0}}, t0},
		{"open pause has no end", State{Pause: &Pause{From: t0}}, time.Time{}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			st := tc.st
			st.recomputeWake()
			if !st.WakeAt.Equal(tc.want) {
				t.Errorf("WakeAt = %v, want %v", st.WakeAt, tc.want)
			}
		})
	}
}

func TestQuietHours(t *testing.T) {
	london := rmLoc(t, "Europe/London")
	over := Profile{QuietStart: rmClock(22, 0), QuietEnd: rmClock(7, 0)}
	day := Profile{QuietStart: rmClock(13, 0), QuietEnd: rmClock(15, 0)}
	none := Profile{QuietStart: rmClock(7, 0), QuietEnd: rmClock(7, 0)}
	tests := []struct {
		p     Profile
		now   time.Time
		quiet bool
		until time.Time
	}{
		{over, rmAt(london, 2026, 11, 25, 21, 59), false, rmAt(london, 2026, 11, 25, 21, 59)},
		{over, rmAt(london, 2026, 11, 25, 22, 0), true, rmAt(london, 2026, 11, 26, 7, 0)},
		{over, rmAt(london, 2026, 11, 26, 3, 0), true, rmAt(london, 2026, 11, 26, 7, 0)},
		{over, rmAt(london, 2026, 11, 26, 7, 0), false, rmAt(london, 2026, 11, 26, 7, 0)},
		{day, rmAt(london, 2026, 11, 25, 14, 0), true, rmAt(london, 2026, 11, 25, 15, 0)},
		{day, rmAt(london, 2026, 11, 25, 12, 0), false, rmAt(london, 2026, 11, 25, 12, 0)},
		{none, rmAt(london, 2026, 11, 25, 3, 0), false, rmAt(london, 2026, 11, 25, 3, 0)},
		// Across the spring-forward night: 07:00 BST.
		{over, rmAt(london, 2026, 3, 28, 23, 0), true, rmAt(london, 2026, 3, 29, 7, 0)},
	}
	for _, tc := range tests {
		if got := quietAt(tc.p, ClockOf(tc.now)); got != tc.quiet {
			t.Errorf("%v..%v at %s: quiet = %v", tc.p.QuietStart, tc.p.QuietEnd, tc.now, got)
		}
		if got := quietUntil(tc.p, london, tc.now); !got.Equal(tc.until) {
			t.Errorf("%v..%v at %s: until %s, want %s", tc.p.QuietStart, tc.p.QuietEnd, tc.now, got, tc.until)
		}
	}
}

func TestPingActions(t *testing.T) {
	for _, verb := range []string{pingStart, pingSnooze, pingSkip} {
		for _, s := range []Slot{Morning, Evening} {
			a := pingAction(verb, s, "2026-11-25")
			if len(a) > 24 {
				t.Errorf("%s is %d bytes, Telegram allows 64 and the contract 24", a, len(a))
			}
			v, gs, gd, ok := parsePingAction(a)
			if !ok || v != verb || gs != s || gd != "2026-11-25" {
				t.Errorf("parse(%s) = %s %s %s %v", a, v, gs, gd, ok)
			}
		}
	}
	for _, bad := range []string{"", "ping", "ping:", "ping:start", "ping:dance:m:20261125", "ping:start:x:20261125",
		"ping:start:m:2026112", "ping:start:m:20261340", "ping:start:m:2026-11-", "pong:start:m:20261125",
		"ping:start:m:20261125:x", strings.Repeat("ping:", 50)} {
		if _, _, _, ok := parsePingAction(bad); ok {
			t.Errorf("parse(%q) accepted", bad)
		}
	}
}

func TestOnReminder(t *testing.T) {
	e := rmEngine(t)
	london := rmLoc(t, "Europe/London")
	morning := rmAt(london, 2026, 11, 25, 7, 30)
	evening := rmAt(london, 2026, 11, 25, 19, 0)
	type check func(t *testing.T, before State, o Output)

	sent := func(slot Slot, snooze bool) check {
		return func(t *testing.T, before State, o Output) {
			if len(o.Replies) == 0 {
				t.Fatalf("no ping sent")
			}
			r := o.Replies[len(o.Replies)-1]
			if !rmIsPing(e, slot, r.Text) {
				t.Errorf("last reply %q is not a %s ping", r.Text, slot)
			}
			want := 3
			if !snooze {
				want = 2
			}
			if a := rmActions(r); len(a) != want {
				t.Errorf("buttons %v", a)
			}
		}
	}
	nothing := func(t *testing.T, before State, o Output) {
		if len(o.Replies) != 0 {
			t.Errorf("replies %q, want none", rmTexts(o))
		}
	}
	unchanged := func(t *testing.T, before State, o Output) {
		if !reflect.DeepEqual(before, o.State) {
			t.Errorf("state changed:\n%+v\n%+v", before, o.State)
		}
	}
	last := func(want string) check {
		return func(t *testing.T, _ State, o Output) {
			if o.State.Reminder.LastSlot != want {
				t.Errorf("LastSlot = %q, want %q", o.State.Reminder.LastSlot, want)
			}
		}
	}
	frozen := func(day Day, want bool) check {
		return func(t *testing.T, _ State, o Output) {
			if got := slices.Contains(o.State.Streak.Frozen, day); got != want {
				t.Errorf("day %s frozen = %v, want %v (%v)", day, got, want, o.State.Streak.Frozen)
			}
		}
	}
	wake := func(want time.Time) check {
		return func(t *testing.T, _ State, o Output) {
			if !o.State.WakeAt.Equal(want) {
				t.Errorf("WakeAt = %v, want %v", o.State.WakeAt, want)
			}
		}
	}
	lead := func(key string) check {
		return func(t *testing.T, _ State, o Output) {
			want := e.t(State{}, key)
			for _, s := range rmTexts(o) {
				if strings.Contains(s, want) {
					return
				}
			}
			t.Errorf("no %s in %q", key, rmTexts(o))
		}
	}

	tests := []struct {
		name   string
		edit   func(*State)
		in     Input
		now    time.Time
		checks []check
	}{
		{"on time morning", nil, Input{Slot: Morning, At: morning}, morning.Add(3 * time.Second),
			[]check{sent(Morning, true), last("2026-11-25/morning"), wake(time.Time{})}},
		{"slot found from the clock", nil, Input{At: evening}, evening,
			[]check{sent(Evening, true), last("2026-11-25/evening")}},
		{"no slot at this clock", nil, Input{At: evening.Add(time.Minute)}, evening.Add(time.Minute),
			[]check{nothing, unchanged}},
		{"second delivery is a no-op", func(s *State) { s.Reminder.LastSlot = "2026-11-25/morning" },
			Input{Slot: Morning, At: morning}, morning.Add(time.Minute), []check{nothing, unchanged}},
		{"older than the last ping", func(s *State) { s.Reminder.LastSlot = "2026-11-26/morning" },
			Input{Slot: Evening, At: evening}, evening, []check{nothing, unchanged}},
		{"not onboarded", func(s *State) { s.Profile.Onboarded = false; s.Phase = PhaseOnbZone },
			Input{Slot: Morning, At: morning}, morning, []check{nothing, unchanged}},
		{"blocked", func(s *State) { s.Profile.Blocked = true }, Input{Slot: Morning, At: morning}, morning,
			[]check{nothing, unchanged}},
		{"deleted (no state)", func(s *State) { *s = State{User: 42} }, Input{Slot: Morning, At: morning}, morning,
			[]check{nothing, unchanged}},
		{"paused", func(s *State) {
			s.Pause = &Pause{From: morning.Add(-48 * time.Hour), Until: morning.Add(48 * time.Hour)}
		},
			Input{Slot: Morning, At: morning}, morning, []check{nothing, unchanged}},
		{"paused until resume", func(s *State) { s.Pause = &Pause{From: morning.Add(-48 * time.Hour)} },
			Input{Slot: Morning, At: morning}, morning, []check{nothing, unchanged}},
		{"pause just ended: back note then ping", func(s *State) {
			s.Pause = &Pause{From: morning.Add(-72 * time.Hour), Until: morning.Add(-time.Hour)}
			s.WakeAt = s.Pause.Until
		}, Input{Slot: Morning, At: morning}, morning, []check{
			sent(Morning, true), lead("remind.back"), frozen("2026-11-22", true), frozen("2026-11-24", true),
			frozen("2026-11-25", false), wake(time.Time{}),
			func(t *testing.T, _ State, o Output) {
				if o.State.Pause != nil || len(o.Replies) != 2 {
					t.Errorf("pause %v, replies %q", o.State.Pause, rmTexts(o))
				}
			}}},
		{"evening already done", func(s *State) { s.Reminder.DoneDay, s.Reminder.DoneSlot = "2026-11-25", []Slot{Evening} },
			Input{Slot: Evening, At: evening}, evening, []check{nothing, last("2026-11-25/evening")}},
		{"morning done, evening still pinged", func(s *State) { s.Reminder.DoneDay, s.Reminder.DoneSlot = "2026-11-25", []Slot{Morning} },
			Input{Slot: Evening, At: evening}, evening, []check{sent(Evening, true)}},
		{"morning already done", func(s *State) { s.Reminder.DoneDay, s.Reminder.DoneSlot = "2026-11-25", []Slot{Morning} },
			Input{Slot: Morning, At: morning}, morning, []check{nothing, last("2026-11-25/morning")}},
		{"done yesterday does not count", func(s *State) { s.Reminder.DoneDay, s.Reminder.DoneSlot = "2026-11-24", []Slot{Morning} },
			Input{Slot: Morning, At: morning}, morning, []check{sent(Morning, true)}},
		{"rest day", func(s *State) { s.Reminder.RestDay = "2026-11-25" }, Input{Slot: Evening, At: evening}, evening,
			[]check{nothing, last("2026-11-25/evening")}},
		{"routine in progress", func(s *State) {
			s.Session = &Session{Slot: Morning, Day: "2026-11-25", Started: evening.Add(-10 * time.Minute)}
			s.Phase = PhaseStretch
		}, Input{Slot: Evening, At: evening}, evening, []check{nothing, last("2026-11-25/evening")}},
		{"abandoned routine does not block", func(s *State) {
			s.Session = &Session{Slot: Morning, Day: "2026-11-25", Started: morning}
		}, Input{Slot: Evening, At: evening}, evening, []check{sent(Evening, true)}},
		{"ping inside quiet hours at the chosen time", func(s *State) { s.Profile.Morning = rmClock(6, 15) },
			Input{Slot: Morning, At: rmAt(london, 2026, 11, 25, 6, 15)}, rmAt(london, 2026, 11, 25, 6, 15),
			[]check{sent(Morning, true)}},
		{"four minutes late is on time", nil, Input{Slot: Morning, At: morning}, morning.Add(4 * time.Minute),
			[]check{sent(Morning, true), func(t *testing.T, _ State, o Output) {
				if strings.Contains(o.Replies[0].Text, e.t(State{}, "remind.late")) {
					t.Error("apologised for being late")
				}
			}}},
		{"catch-up outside quiet hours", nil, Input{Slot: Morning, At: morning}, morning.Add(90 * time.Minute),
			[]check{sent(Morning, true), lead("remind.late"), last("2026-11-25/morning")}},
		{"catch-up in quiet hours waits for their end", func(s *State) { s.Profile.Morning = rmClock(6, 0) },
			Input{Slot: Morning, At: rmAt(london, 2026, 11, 25, 6, 0)}, rmAt(london, 2026, 11, 25, 6, 40),
			[]check{nothing, last("2026-11-25/morning"), wake(rmAt(london, 2026, 11, 25, 7, 0)),
				func(t *testing.T, _ State, o Output) {
					if o.State.Reminder.Snoozed {
						t.Error("a held catch-up is not a snooze")
					}
				}}},
		{"catch-up in quiet hours of another day is dropped", func(s *State) { s.Profile.Evening = rmClock(21, 30) },
			Input{Slot: Evening, At: rmAt(london, 2026, 11, 25, 21, 30)}, rmAt(london, 2026, 11, 25, 22, 30),
			[]check{nothing, last("2026-11-25/evening"), wake(time.Time{}), frozen("2026-11-25", true)}},
		{"missed beyond grace freezes the day", nil, Input{Slot: Morning, At: morning, Text: ReminderMissed},
			morning.Add(5 * time.Hour), []check{nothing, frozen("2026-11-25", true)}},
		{"missed on a day already counted", func(s *State) { s.Reminder.DoneDay, s.Reminder.DoneSlot = "2026-11-25", []Slot{Morning} },
			Input{Slot: Evening, At: evening, Text: ReminderMissed}, evening.Add(5 * time.Hour), []check{nothing, frozen("2026-11-25", false)}},
		{"missed for a blocked user", func(s *State) { s.Profile.Blocked = true },
			Input{Slot: Morning, At: morning, Text: ReminderMissed}, morning.Add(5 * time.Hour), []check{nothing, unchanged}},
		{"follow-up scheduled", func(s *State) { s.Profile.FollowUp = true }, Input{Slot: Morning, At: morning}, morning,
			[]check{sent(Morning, true), wake(morning.Add(FollowUpAfter))}},
		{"follow-up that would fall on the next day", func(s *State) { s.Profile.FollowUp = true; s.Profile.Evening = rmClock(21, 0) },
			Input{Slot: Evening, At: rmAt(london, 2026, 11, 25, 21, 0)}, rmAt(london, 2026, 11, 25, 21, 0),
			[]check{sent(Evening, true), wake(time.Time{})}},
		{"a new ping replaces an old snooze", func(s *State) {
			s.Reminder.LastSlot, s.Reminder.Snoozed, s.Reminder.Snooze = "2026-11-25/morning", true, evening.Add(time.Minute)
			s.WakeAt = s.Reminder.Snooze
		}, Input{Slot: Evening, At: evening}, evening,
			[]check{sent(Evening, true), wake(time.Time{}), func(t *testing.T, _ State, o Output) {
				if o.State.Reminder.Snoozed {
					t.Error("the new ping inherited the snooze")
				}
			}}},
		{"new zone, same local day: no second ping", func(s *State) {
			s.Profile.Zone = "America/New_York"
			s.Reminder.LastSlot = "2026-11-25/morning" // sent in London
		}, Input{Slot: Morning, At: time.Date(2026, 11, 25, 12, 30, 0, 0, time.UTC)}, time.Date(2026, 11, 25, 12, 30, 0, 0, time.UTC),
			[]check{nothing, unchanged}},
		{"day boundary: 01:00 counts for the day before", func(s *State) { s.Profile.Evening = rmClock(1, 0) },
			Input{Slot: Evening, At: rmAt(london, 2026, 11, 26, 1, 0)}, rmAt(london, 2026, 11, 26, 1, 0),
			[]check{sent(Evening, true), last("2026-11-25/evening")}},
		{"spring forward: skipped 01:30 fires at 02:00", func(s *State) { s.Profile.Morning = rmClock(1, 30); s.Profile.QuietStart = s.Profile.QuietEnd },
			Input{At: time.Date(2026, 3, 29, 1, 0, 0, 0, time.UTC)}, time.Date(2026, 3, 29, 1, 0, 5, 0, time.UTC),
			[]check{sent(Morning, true), last("2026-03-28/morning")}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			st := rmMember(tc.now)
			if tc.edit != nil {
				tc.edit(&st)
			}
			in := tc.in
			in.Kind = InputReminder
			o := e.onReminder(st, in, tc.now)
			for _, c := range tc.checks {
				c(t, st, o)
			}
			// Delivering the same input again changes nothing.
			again := e.onReminder(o.State, in, tc.now.Add(time.Minute))
			if len(again.Replies) != 0 || !reflect.DeepEqual(again.State, o.State) {
				t.Errorf("second delivery: replies %q, state changed %v", rmTexts(again), !reflect.DeepEqual(again.State, o.State))
			}
		})
	}
}

func TestOnWake(t *testing.T) {
	e := rmEngine(t)
	london := rmLoc(t, "Europe/London")
	morning := rmAt(london, 2026, 11, 25, 7, 30)
	type check func(t *testing.T, o Output)
	nreplies := func(n int) check {
		return func(t *testing.T, o Output) {
			if len(o.Replies) != n {
				t.Errorf("replies %q, want %d", rmTexts(o), n)
			}
		}
	}
	wake := func(want time.Time) check {
		return func(t *testing.T, o Output) {
			if !o.State.WakeAt.Equal(want) {
				t.Errorf("WakeAt = %v, want %v", o.State.WakeAt, want)
			}
		}
	}
	has := func(key string, buttons int) check {
		return func(t *testing.T, o Output) {
			want := e.t(State{}, key)
			for _, r := range o.Replies {
				if strings.Contains(r.Text, want) {
					if len(rmActions(r)) != buttons {
						t.Errorf("%s with buttons %v, want %d", key, rmActions(r), buttons)
					}
					return
				}
			}
			t.Errorf("no %s in %q", key, rmTexts(o))
		}
	}
	snoozed := func(s *State) {
		s.Reminder.LastSlot, s.Reminder.Snoozed, s.Reminder.Snooze = "2026-11-25/morning", true, morning.Add(SnoozeFor)
	}
	tests := []struct {
		name   string
		edit   func(*State)
		now    time.Time
		checks []check
	}{
		{"spurious wake", nil, morning, []check{nreplies(0), wake(time.Time{})}},
		{"snoozed ping comes back without snooze", snoozed, morning.Add(SnoozeFor),
			[]check{nreplies(1), has("remind.snoozed", 2), wake(time.Time{})}},
		{"snooze not due yet", snoozed, morning.Add(SnoozeFor - time.Second),
			[]check{nreplies(0), wake(morning.Add(SnoozeFor))}},
		{"snooze after the routine was done", func(s *State) {
			snoozed(s)
			s.Reminder.DoneDay, s.Reminder.DoneSlot = "2026-11-25", []Slot{Morning}
		}, morning.Add(SnoozeFor), []check{nreplies(0), wake(time.Time{})}},
		{"snooze while the routine runs", func(s *State) {
			snoozed(s)
			s.Session = &Session{Slot: Morning, Day: "2026-11-25", Started: morning.Add(10 * time.Minute)}
		}, morning.Add(SnoozeFor), []check{nreplies(0), wake(time.Time{})}},
		{"snooze after a pause began", func(s *State) {
			snoozed(s)
			s.Pause = &Pause{From: morning.Add(time.Minute)}
		}, morning.Add(SnoozeFor), []check{nreplies(0), wake(time.Time{})}},
		{"snoozed into quiet hours still comes", func(s *State) {
			s.Reminder.LastSlot, s.Reminder.Snoozed = "2026-11-25/evening", true
			s.Reminder.Snooze = rmAt(london, 2026, 11, 25, 22, 10)
		}, rmAt(london, 2026, 11, 25, 22, 10), []check{nreplies(1), has("remind.snoozed", 2)}},
		{"held catch-up at the end of quiet hours", func(s *State) {
			s.Profile.Morning = rmClock(6, 0)
			s.Reminder.LastSlot, s.Reminder.Snooze = "2026-11-25/morning", rmAt(london, 2026, 11, 25, 7, 0)
		}, rmAt(london, 2026, 11, 25, 7, 0), []check{nreplies(1), has("remind.held", 3)}},
		{"held catch-up, quiet hours moved later", func(s *State) {
			s.Profile.QuietEnd = rmClock(8, 0)
			s.Reminder.LastSlot, s.Reminder.Snooze = "2026-11-25/morning", rmAt(london, 2026, 11, 25, 7, 0)
		}, rmAt(london, 2026, 11, 25, 7, 0), []check{nreplies(0), wake(rmAt(london, 2026, 11, 25, 8, 0))}},
		{"stale snooze of yesterday", func(s *State) {
			s.Reminder.LastSlot, s.Reminder.Snoozed, s.Reminder.Snooze = "2026-11-24/evening", true, morning
		}, morning, []check{nreplies(0), wake(time.Time{})}},
		{"follow-up", func(s *State) {
			s.Profile.FollowUp = true
			s.Reminder.LastSlot, s.Reminder.FollowUp = "2026-11-25/morning", morning.Add(FollowUpAfter)
		}, morning.Add(FollowUpAfter), []check{nreplies(1), has("remind.followup.morning", 2), wake(time.Time{})}},
		{"follow-up after the routine started", func(s *State) {
			s.Profile.FollowUp = true
			s.Reminder.LastSlot, s.Reminder.FollowUp = "2026-11-25/morning", morning.Add(FollowUpAfter)
			s.Session = &Session{Slot: Morning, Day: "2026-11-25", Started: morning.Add(time.Hour)}
		}, morning.Add(FollowUpAfter), []check{nreplies(0), wake(time.Time{})}},
		{"follow-up turned off meanwhile", func(s *State) {
			s.Reminder.LastSlot, s.Reminder.FollowUp = "2026-11-25/morning", morning.Add(FollowUpAfter)
		}, morning.Add(FollowUpAfter), []check{nreplies(0), wake(time.Time{})}},
		{"follow-up on a rest day", func(s *State) {
			s.Profile.FollowUp = true
			s.Reminder.RestDay = "2026-11-25"
			s.Reminder.LastSlot, s.Reminder.FollowUp = "2026-11-25/morning", morning.Add(FollowUpAfter)
		}, morning.Add(FollowUpAfter), []check{nreplies(0)}},
		{"follow-up in quiet hours of the same day waits", func(s *State) {
			s.Profile.FollowUp = true
			s.Profile.QuietStart, s.Profile.QuietEnd = rmClock(9, 0), rmClock(10, 0)
			s.Reminder.LastSlot, s.Reminder.FollowUp = "2026-11-25/morning", rmAt(london, 2026, 11, 25, 9, 30)
		}, rmAt(london, 2026, 11, 25, 9, 30), []check{nreplies(0), wake(rmAt(london, 2026, 11, 25, 10, 0))}},
		{"pause ends: back note", func(s *State) {
			s.Pause = &Pause{From: morning.Add(-72 * time.Hour), Until: morning.Add(time.Hour)}
		}, morning.Add(time.Hour), []check{nreplies(1), has("remind.back", 0), wake(time.Time{}),
			func(t *testing.T, o Output) {
				if o.State.Pause != nil {
					t.Error("pause not cleared")
				}
				if !slices.Contains(o.State.Streak.Frozen, "2026-11-24") || slices.Contains(o.State.Streak.Frozen, "2026-11-25") {
					t.Errorf("frozen %v", o.State.Streak.Frozen)
				}
			}}},
		{"pause ends in quiet hours: note waits", func(s *State) {
			s.Pause = &Pause{From: morning.Add(-72 * time.Hour), Until: rmAt(london, 2026, 11, 25, 23, 0)}
		}, rmAt(london, 2026, 11, 25, 23, 0), []check{nreplies(0), wake(rmAt(london, 2026, 11, 26, 7, 0)),
			func(t *testing.T, o Output) {
				if o.State.Pause != nil {
					t.Error("pause not cleared: reminders would stay off")
				}
			}}},
		{"held back note goes out", func(s *State) { s.Reminder.Back = rmAt(london, 2026, 11, 26, 7, 0) },
			rmAt(london, 2026, 11, 26, 7, 0), []check{nreplies(1), has("remind.back", 0), wake(time.Time{})}},
		{"blocked: everything due is dropped", func(s *State) {
			snoozed(s)
			s.Profile.Blocked = true
			s.Reminder.Back = morning
		}, morning.Add(SnoozeFor), []check{nreplies(0), wake(time.Time{})}},
		{"two pending, one due", func(s *State) {
			s.Profile.FollowUp = true
			s.Reminder.LastSlot, s.Reminder.FollowUp = "2026-11-25/morning", morning.Add(FollowUpAfter)
			s.Reminder.Back = morning
		}, morning, []check{nreplies(1), has("remind.back", 0), wake(morning.Add(FollowUpAfter))}},
		{"a pending back note goes out with a ping", func(s *State) {
			snoozed(s)
			s.Reminder.Back = morning.Add(3 * time.Hour)
		}, morning.Add(SnoozeFor), []check{nreplies(2), has("remind.back", 0), has("remind.snoozed", 2), wake(time.Time{})}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			st := rmMember(tc.now)
			if tc.edit != nil {
				tc.edit(&st)
			}
			st.recomputeWake()
			o := e.onWake(st, tc.now)
			for _, c := range tc.checks {
				c(t, o)
			}
			if !o.State.WakeAt.IsZero() && !o.State.WakeAt.After(tc.now) {
				t.Errorf("WakeAt %v is not in the future: the scheduler would spin", o.State.WakeAt)
			}
			again := e.onWake(o.State, tc.now)
			if len(again.Replies) != 0 {
				t.Errorf("second wake sent %q", rmTexts(again))
			}
		})
	}
}

func TestOnPing(t *testing.T) {
	e := rmEngine(t)
	london := rmLoc(t, "Europe/London")
	morning := rmAt(london, 2026, 11, 25, 7, 30)
	now := morning.Add(5 * time.Minute)
	pinged := func(s *State) { s.Reminder.LastSlot = "2026-11-25/morning" }
	type check func(t *testing.T, before State, o Output)
	notice := func(key string) check {
		return func(t *testing.T, _ State, o Output) {
			if want := e.t(State{}, key); o.Notice != want {
				t.Errorf("notice %q, want %q", o.Notice, want)
			}
		}
	}
	unchanged := func(t *testing.T, before State, o Output) {
		if !reflect.DeepEqual(before, o.State) {
			t.Errorf("state changed:\n%+v\n%+v", before, o.State)
		}
	}
	nreplies := func(n int) check {
		return func(t *testing.T, _ State, o Output) {
			if len(o.Replies) != n {
				t.Errorf("replies %q, want %d", rmTexts(o), n)
			}
		}
	}
	frozen := func(want bool) check {
		return func(t *testing.T, _ State, o Output) {
			if got := slices.Contains(o.State.Streak.Frozen, "2026-11-25"); got != want {
				t.Errorf("today frozen = %v, want %v", got, want)
			}
		}
	}
	m := func(verb string) string { return pingAction(verb, Morning, "2026-11-25") }
	tests := []struct {
		name   string
		edit   func(*State)
		action string
		checks []check
	}{
		{"snooze", func(s *State) { pinged(s); s.Profile.FollowUp = true; s.Reminder.FollowUp = morning.Add(FollowUpAfter) },
			m(pingSnooze), []check{notice("remind.notice.snooze"), nreplies(1), func(t *testing.T, _ State, o Output) {
				r := o.State.Reminder
				if !r.Snoozed || !r.Snooze.Equal(now.Add(SnoozeFor)) || !o.State.WakeAt.Equal(r.Snooze) || !r.FollowUp.IsZero() {
					t.Errorf("reminder %+v, wake %v", r, o.State.WakeAt)
				}
				if !strings.Contains(o.Replies[0].Text, "08:05") {
					t.Errorf("snooze reply %q lacks the local time", o.Replies[0].Text)
				}
			}}},
		{"second snooze refused politely", func(s *State) { pinged(s); s.Reminder.Snoozed = true },
			m(pingSnooze), []check{notice("remind.notice.snoozed_once"), nreplies(1), unchanged,
				func(t *testing.T, _ State, o Output) {
					if a := rmActions(o.Replies[0]); !reflect.DeepEqual(a, []string{m(pingStart), m(pingSkip)}) {
						t.Errorf("offers %v", a)
					}
				}}},
		{"snooze of an older ping", func(s *State) { s.Reminder.LastSlot = "2026-11-24/evening" },
			m(pingSnooze), []check{notice("remind.notice.stale"), nreplies(0), unchanged}},
		{"snooze after finishing", func(s *State) { pinged(s); s.Reminder.DoneDay, s.Reminder.DoneSlot = "2026-11-25", []Slot{Morning} },
			m(pingSnooze), []check{notice("remind.notice.done"), unchanged}},
		{"snooze on a rest day", func(s *State) { pinged(s); s.Reminder.RestDay = "2026-11-25" },
			m(pingSnooze), []check{notice("remind.notice.rest"), unchanged}},
		{"snooze while paused", func(s *State) { pinged(s); s.Pause = &Pause{From: morning} },
			m(pingSnooze), []check{notice("remind.notice.paused"), unchanged}},
		{"skip today", func(s *State) {
			pinged(s)
			s.Reminder.FollowUp = morning.Add(FollowUpAfter)
			s.WakeAt = s.Reminder.FollowUp
		}, m(pingSkip), []check{notice("remind.notice.skip"), nreplies(1), frozen(true),
			func(t *testing.T, _ State, o Output) {
				r := o.State.Reminder
				if r.RestDay != "2026-11-25" || !r.FollowUp.IsZero() || !o.State.WakeAt.IsZero() {
					t.Errorf("reminder %+v, wake %v", r, o.State.WakeAt)
				}
				if o.Replies[0].Text != e.t(State{}, "remind.skip.ok") {
					t.Errorf("reply %q", o.Replies[0].Text)
				}
			}}},
		{"skip the evening after the morning routine", func(s *State) {
			s.Reminder.LastSlot = "2026-11-25/evening"
			s.Reminder.DoneDay, s.Reminder.DoneSlot = "2026-11-25", []Slot{Morning}
		}, pingAction(pingSkip, Evening, "2026-11-25"), []check{frozen(false), func(t *testing.T, _ State, o Output) {
			if len(o.Replies) != 1 || o.Replies[0].Text != e.t(State{}, "remind.skip.done") || o.State.Reminder.RestDay != "2026-11-25" {
				t.Errorf("replies %q, rest %q", rmTexts(o), o.State.Reminder.RestDay)
			}
		}}},
		{"skip twice", func(s *State) { pinged(s); s.Reminder.RestDay = "2026-11-25" },
			m(pingSkip), []check{notice("remind.notice.rest"), nreplies(0), unchanged}},
		{"skip from yesterday's ping", nil, pingAction(pingSkip, Evening, "2026-11-24"),
			[]check{notice("remind.notice.stale"), nreplies(0), unchanged}},
		{"start now", func(s *State) {
			pinged(s)
			s.Reminder.FollowUp = morning.Add(FollowUpAfter)
			s.WakeAt = s.Reminder.FollowUp
		}, m(pingStart), []check{func(t *testing.T, before State, o Output) {
			if o.State.Session == nil || o.State.Session.Slot != Morning || o.State.Phase != PhaseStretch {
				t.Fatalf("no morning routine started: phase %s, session %+v", o.State.Phase, o.State.Session)
			}
			if o.State.Turn == before.Turn || len(o.Replies) == 0 {
				t.Errorf("turn %d -> %d, replies %q", before.Turn, o.State.Turn, rmTexts(o))
			}
			if !o.State.Reminder.FollowUp.IsZero() || !o.State.WakeAt.IsZero() {
				t.Errorf("follow-up %v, wake %v still pending", o.State.Reminder.FollowUp, o.State.WakeAt)
			}
		}}},
		{"not onboarded", func(s *State) { s.Profile.Onboarded = false }, m(pingStart),
			[]check{notice("remind.notice.stale"), unchanged}},
	}
	for _, bad := range []string{"ping:", "ping:start:q:20261125", "ping:nap:m:20261125", "ping:skip:m:20261399"} {
		tests = append(tests, struct {
			name   string
			edit   func(*State)
			action string
			checks []check
		}{"malformed " + bad, pinged, bad, []check{notice("remind.notice.stale"), nreplies(0), unchanged}})
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			st := rmMember(now)
			if tc.edit != nil {
				tc.edit(&st)
			}
			o := e.onPing(st, tc.action, now)
			for _, c := range tc.checks {
				c(t, st, o)
			}
		})
	}
}

// TestPingButtonsRoundTrip presses every button of a real ping.
func TestPingButtonsRoundTrip(t *testing.T) {
	e := rmEngine(t)
	london := rmLoc(t, "Europe/London")
	at := rmAt(london, 2026, 11, 25, 19, 0)
	o := e.onReminder(rmMember(at), Input{Kind: InputReminder, Slot: Evening, At: at}, at)
	if len(o.Replies) != 1 {
		t.Fatalf("replies %q", rmTexts(o))
	}
	got := rmActions(o.Replies[0])
	want := []string{"ping:start:e:20261125", "ping:snooze:e:20261125", "ping:skip:e:20261125"}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("actions %v, want %v", got, want)
	}
	// Snooze, then the snoozed ping, then skip from it.
	sn := e.onPing(o.State, got[1], at.Add(time.Minute))
	if !sn.State.Reminder.Snoozed {
		t.Fatal("not snoozed")
	}
	w := e.onWake(sn.State, sn.State.WakeAt)
	if len(w.Replies) != 1 || len(rmActions(w.Replies[0])) != 2 {
		t.Fatalf("snoozed ping %q", rmTexts(w))
	}
	sk := e.onPing(w.State, rmActions(w.Replies[0])[1], sn.State.WakeAt.Add(time.Minute))
	if sk.State.Reminder.RestDay != "2026-11-25" {
		t.Fatalf("skip from the snoozed ping: %+v", sk.State.Reminder)
	}
}
