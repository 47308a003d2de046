package coach

import (
	"strconv"
	"strings"
	"time"
)

// The reminder rules: what the coach does when the scheduler says a slot is
// due (InputReminder), when a user's WakeAt has come (InputWake), and when a
// ping's buttons are pressed ("ping:" actions). Everything here is pure and
// works on explicit times; package remind decides when to ask.
//
// Exactly once. A ping for a (local day, slot) goes out at most once:
// Reminder.LastSlot records it in the same step, and Service stores the step
// durably before anything is sent, so a scheduler that delivers the same
// InputReminder again (after a restart, a retry, the repeated hour of a
// fall-back night) changes nothing. The day is the user's streak day (with
// their day boundary) of the instant the slot was due, in their current
// zone: moving to another zone never yields a second ping for the same day.
//
// Who is never pinged. Users who have not finished onboarding, who blocked
// the bot, who are paused (until the pause ends), and deleted users (they
// have no state, so they look like new users) are never pinged. A slot whose
// routine was already completed that day, or a day the user chose to rest
// ("Skip today"), is not pinged either.
//
// A routine in progress. A ping never interrupts a routine: if a routine
// started less than busyFor ago is still open, the slot is marked as sent
// and nothing goes out. An older open routine counts as abandoned: the ping
// is sent, and "Start now" resumes or restarts it (startRoutine decides).
//
// Quiet hours. Nothing the bot sends on its own goes out between
// Profile.QuietStart and QuietEnd (QuietStart == QuietEnd means none), with
// one exception: the ping at the exact time the user chose. Catch-ups after
// downtime, the follow-up and the "you're back" note wait until the quiet
// hours end (via WakeAt). A catch-up or follow-up that could only go out on
// a later day than its slot's is dropped: a reminder for last night is no
// use in the morning. A "you're back" note that is pending when a ping goes
// out is sent with the ping.
//
// Catch-up. An InputReminder handled more than LateAfter after its At is a
// catch-up (the bot was down, or busy): it is sent once, with an apology,
// outside quiet hours. The scheduler delivers catch-ups only within its
// grace window. Slots it missed beyond the grace window it still delivers,
// marked Text == ReminderMissed: nothing is sent, but the slot's day is
// frozen in the streak unless a routine was completed that day, so the
// bot's own downtime never breaks a streak. A catch-up dropped because of
// quiet hours freezes its day the same way.
//
// Snooze. "Snooze 30 min" sets Reminder.Snooze and the ping comes back once,
// SnoozeFor later, without a snooze button. A second snooze of the same
// ping (an old message's button) is refused politely, offering to start or
// rest instead. A snoozed ping comes back even during quiet hours: the user
// asked for it.
//
// Skip today. A planned rest day: Reminder.RestDay is set, no more pings
// that day, pending re-pings are cancelled, and the day is frozen in the
// streak (unless a routine was already completed that day, which counts
// it anyway).
//
// Follow-up. With Profile.FollowUp on (off by default), an ignored ping gets
// one gentle follow-up FollowUpAfter later, if the slot's routine was not
// started, the day is not a rest day, and it is still the slot's day.
// Pressing any of the ping's buttons cancels it.
//
// WakeAt is always the earliest of Reminder.Snooze, Reminder.FollowUp,
// Reminder.Back and the end of a pause (see State.recomputeWake).

// Reminder timing.
const (
	// SnoozeFor is how long "Snooze 30 min" postpones a ping.
	SnoozeFor = 30 * time.Minute
	// FollowUpAfter is how long after an ignored ping its follow-up comes.
	FollowUpAfter = 2 * time.Hour
	// LateAfter is how late an InputReminder may be handled and still count
	// as on time. It is more than a minute because the pings due in one
	// minute for many users take a while to store and hand over.
	LateAfter = 5 * time.Minute
	// busyFor is how long an open routine counts as in progress for the
	// reminder rules.
	busyFor = 2 * time.Hour
	// pingVariants is how many texts each slot's ping has in the catalogue.
	pingVariants = 5
)

// ReminderMissed, as the Text of an InputReminder, says the scheduler missed
// the slot beyond its grace window because the bot was down: nothing is
// sent, and the day is frozen so the streak survives the downtime.
const ReminderMissed = "missed"

// DueClocks returns the local reminder clocks that fall due in the minute
// that starts at at, in loc, as the first clock and a count n of consecutive
// clocks (wrapping past midnight). Usually n is 1: the wall clock of that
// minute. When the wall clock jumped forward (spring forward) just before,
// the clocks it skipped are due too, so a time that does not exist that day
// fires once, at the next valid minute. In the repeated period after the
// wall clock fell back, clocks that already occurred that night are not due
// again (n is 0), so a time that occurs twice fires once.
func DueClocks(loc *time.Location, at time.Time) (first Clock, n int) {
	m := at.Truncate(time.Minute)
	cur := wallMinute(m.In(loc))
	high := wallMinute(m.Add(-time.Minute).In(loc))
	// After a fall-back the wall clock already went past the repeated
	// clocks before the transition: that is the high-water mark until the
	// wall clock catches up with it.
	start, _ := m.In(loc).ZoneBounds()
	if !start.IsZero() {
		_, offNow := m.In(loc).Zone()
		_, offBefore := start.Add(-time.Second).In(loc).Zone()
		back := time.Duration(offBefore-offNow) * time.Second
		if back > 0 && m.Sub(start) < back {
			high = max(high, wallMinute(start.Add(-time.Minute).In(loc)))
		}
	}
	if cur <= high {
		return 0, 0
	}
	n = int(min(cur-high, minutesPerDay))
	first = Clock(((cur-int64(n)+1)%minutesPerDay + minutesPerDay) % minutesPerDay)
	return first, n
}

// wallMinute numbers the wall-clock minute of t in its own location:
// minutes since 1970-01-01 00:00 on that wall clock.
func wallMinute(t time.Time) int64 {
	y, mo, d := t.Date()
	days := time.Date(y, mo, d, 0, 0, 0, 0, time.UTC).Unix() / 86400
	return days*minutesPerDay + int64(t.Hour()*60+t.Minute())
}

// clockInRange reports whether c is one of the n clocks from first on.
func clockInRange(c, first Clock, n int) bool {
	return c.Valid() && int((c-first+minutesPerDay)%minutesPerDay) < n
}

// lastSlotKey is the Reminder.LastSlot value of a slot on a day.
func lastSlotKey(day Day, slot Slot) string { return string(day) + "/" + string(slot) }

// parseLastSlot splits a Reminder.LastSlot value.
func parseLastSlot(k string) (Day, Slot, bool) {
	d, s, ok := strings.Cut(k, "/")
	if !ok || !Slot(s).Valid() || !isDayString(Day(d)) {
		return "", "", false
	}
	return Day(d), Slot(s), true
}

// isDayString reports whether d is a "2006-01-02" date.
func isDayString(d Day) bool {
	_, err := time.Parse(time.DateOnly, string(d))
	return err == nil
}

// quietAt reports whether local clock c is inside the profile's quiet hours.
func quietAt(p Profile, c Clock) bool {
	qs, qe := p.QuietStart, p.QuietEnd
	if qs == qe || !qs.Valid() || !qe.Valid() {
		return false
	}
	if qs < qe {
		return c >= qs && c < qe
	}
	return c >= qs || c < qe
}

// quietUntil is the first instant at or after t outside the quiet hours:
// t itself, or the next time the local clock reads QuietEnd.
func quietUntil(p Profile, loc *time.Location, t time.Time) time.Time {
	lt := t.In(loc)
	if !quietAt(p, ClockOf(lt)) {
		return t
	}
	qe := int(p.QuietEnd)
	for d := 0; d < 3; d++ {
		c := time.Date(lt.Year(), lt.Month(), lt.Day()+d, qe/60, qe%60, 0, 0, loc)
		if c.After(t) {
			return c
		}
	}
	return t.Add(24 * time.Hour) // unreachable: QuietEnd comes within a day
}

// pingReachable reports whether the user may get reminders at all.
func pingReachable(st *State) bool {
	return st.Phase != PhaseNew && st.Profile.Onboarded && !st.Profile.Blocked
}

// pausedAt reports whether reminders are paused at now.
func pausedAt(st *State, now time.Time) bool {
	p := st.Pause
	return p != nil && (p.Until.IsZero() || now.Before(p.Until))
}

// routineBusy reports whether a routine is in progress at now.
func routineBusy(st *State, now time.Time) bool {
	return st.Session != nil && now.Sub(st.Session.Started) < busyFor
}

// slotDoneOn reports whether the slot's routine was completed on day.
func slotDoneOn(st *State, slot Slot, day Day) bool {
	r := &st.Reminder
	if r.DoneDay != day {
		return false
	}
	for _, s := range r.DoneSlot {
		if s == slot {
			return true
		}
	}
	return false
}

// anyRoutineOn reports whether any routine was completed on day.
func anyRoutineOn(st *State, day Day) bool {
	return st.Reminder.DoneDay == day && len(st.Reminder.DoneSlot) > 0
}

// slotStartedOn reports whether the slot's routine was started (and is open) or
// completed on day.
func slotStartedOn(st *State, slot Slot, day Day) bool {
	if s := st.Session; s != nil && s.Slot == slot && s.Day == day {
		return true
	}
	return slotDoneOn(st, slot, day)
}

// recomputeWake sets WakeAt to the earliest pending wake-up: a snoozed or
// held-back ping, a follow-up, a held-back "you're back" note, the end of a
// pause. Zero when nothing is pending. Every change to those fields must be
// followed by a call.
func (st *State) recomputeWake() {
	var w time.Time
	for _, t := range []time.Time{st.Reminder.Snooze, st.Reminder.FollowUp, st.Reminder.Back} {
		if !t.IsZero() && (w.IsZero() || t.Before(w)) {
			w = t
		}
	}
	if p := st.Pause; p != nil && !p.Until.IsZero() && (w.IsZero() || p.Until.Before(w)) {
		w = p.Until
	}
	st.WakeAt = w
}

// clearPending cancels the snooze and follow-up of the current ping.
func (st *State) clearPending() {
	st.Reminder.Snooze = time.Time{}
	st.Reminder.FollowUp = time.Time{}
}

// finishPause ends a pause whose Until has passed: its days, up to the
// day before it ended, are frozen in the streak (as /resume does), and
// the pause is cleared.
func (e *Engine) finishPause(st *State) {
	if p := st.Pause; p != nil && !p.Until.IsZero() {
		e.endPauseAt(st, p.Until)
	}
}

// freezeMissedDay freezes day in the streak because a reminder for it was lost
// to downtime, unless a routine was completed that day.
func freezeMissedDay(st *State, day Day) {
	if !anyRoutineOn(st, day) {
		st.Streak = st.Streak.Freeze(day)
	}
}

// onReminder handles InputReminder: the scheduler says in.Slot (or, when
// empty, whichever of the user's slots falls due at in.At) is due.
func (e *Engine) onReminder(st State, in Input, now time.Time) Output {
	out := Output{State: st}
	s := &out.State
	if !pingReachable(s) {
		return out
	}
	loc := e.loc(*s)
	at := in.At
	if at.IsZero() {
		at = now
	}
	slot := in.Slot
	if slot == "" {
		slot = slotDueAt(s.Profile, loc, at)
	}
	if !slot.Valid() {
		return out
	}
	day := DayOf(at, loc, s.Profile.DayBoundary)
	key := lastSlotKey(day, slot)
	if s.Reminder.LastSlot == key {
		return out // already handled: exactly once
	}
	if lastDay, _, ok := parseLastSlot(s.Reminder.LastSlot); ok && lastDay > day {
		return out // an older slot than one already pinged
	}
	if in.Text == ReminderMissed {
		freezeMissedDay(s, day)
		return out
	}
	if pausedAt(s, now) {
		return out
	}
	if s.Pause != nil {
		// The pause ended but its wake-up has not been handled yet.
		e.finishPause(s)
		s.Reminder.Back = now
	}
	if slotDoneOn(s, slot, day) || s.Reminder.RestDay == day || routineBusy(s, now) {
		s.Reminder.LastSlot = key
		s.clearPending()
		s.recomputeWake()
		return out
	}
	late := now.Sub(at) > LateAfter
	if late && quietAt(s.Profile, ClockOf(now.In(loc))) {
		// A catch-up waits for the end of the quiet hours, if that is
		// still the slot's day.
		s.Reminder.LastSlot = key
		s.Reminder.Snoozed = false
		s.Reminder.FollowUp = time.Time{}
		s.Reminder.Snooze = time.Time{}
		if until := quietUntil(s.Profile, loc, now); DayOf(until, loc, s.Profile.DayBoundary) == day {
			s.Reminder.Snooze = until
		} else {
			freezeMissedDay(s, day)
		}
		s.recomputeWake()
		return out
	}
	var lead string
	if late {
		lead = e.t(*s, "remind.late")
	}
	e.ping(&out, slot, day, lead, true, now)
	return out
}

// slotDueAt returns the slot of the profile that falls due in the minute
// at, or "" if none does.
func slotDueAt(p Profile, loc *time.Location, at time.Time) Slot {
	first, n := DueClocks(loc, at)
	switch {
	case clockInRange(p.Morning, first, n):
		return Morning
	case clockInRange(p.Evening, first, n):
		return Evening
	}
	return ""
}

// ping sends the ping for (day, slot) now: after lead (if any), with the
// "you're back" note first if one is pending, and the snooze button if
// snooze. It records the slot as sent and schedules the follow-up.
func (e *Engine) ping(out *Output, slot Slot, day Day, lead string, snooze bool, now time.Time) {
	s := &out.State
	r := &s.Reminder
	if !r.Back.IsZero() {
		out.Replies = append(out.Replies, Reply{Text: e.t(*s, "remind.back")})
		r.Back = time.Time{}
	}
	if r.LastSlot != lastSlotKey(day, slot) {
		r.Snoozed = false
	}
	r.LastSlot = lastSlotKey(day, slot)
	r.Snooze = time.Time{}
	r.FollowUp = time.Time{}
	if s.Profile.FollowUp && snooze {
		loc := e.loc(*s)
		if fu := quietUntil(s.Profile, loc, now.Add(FollowUpAfter)); DayOf(fu, loc, s.Profile.DayBoundary) == day {
			r.FollowUp = fu
		}
	}
	text := e.t(*s, "remind.ping."+string(slot)+"."+strconv.Itoa(pingVariant(s.User, day, string(slot), pingVariants)+1))
	if lead != "" {
		text = lead + " " + text
	}
	out.Replies = append(out.Replies, Reply{Text: text, Buttons: e.pingButtons(*s, slot, day, snooze)})
	s.recomputeWake()
}

// pingVariant chooses one of n variants, stable for a user, day and salt.
func pingVariant(u UserID, day Day, salt string, n int) int {
	h := uint32(2166136261)
	for _, b := range []byte(string(day) + "/" + salt) {
		h = (h ^ uint32(b)) * 16777619
	}
	h ^= uint32(u)
	h *= 16777619
	return int(h % uint32(n))
}

// Ping button actions: "ping:<verb>:<m|e>:<yyyymmdd>", at most 22 bytes.
const (
	pingStart  = "start"
	pingSnooze = "snooze"
	pingSkip   = "skip"
)

// pingAction is the button action of verb for the ping of (day, slot).
func pingAction(verb string, slot Slot, day Day) string {
	return "ping:" + verb + ":" + string(slot)[:1] + ":" + strings.ReplaceAll(string(day), "-", "")
}

// parsePingAction reads a ping button action.
func parsePingAction(a string) (verb string, slot Slot, day Day, ok bool) {
	parts := strings.Split(a, ":")
	if len(parts) != 4 || parts[0] != "ping" {
		return "", "", "", false
	}
	switch parts[1] {
	case pingStart, pingSnooze, pingSkip:
	default:
		return "", "", "", false
	}
	switch parts[2] {
	case "m":
		slot = Morning
	case "e":
		slot = Evening
	default:
		return "", "", "", false
	}
	d := parts[3]
	if len(d) != 8 {
		return "", "", "", false
	}
	day = Day(d[:4] + "-" + d[4:6] + "-" + d[6:])
	if !isDayString(day) {
		return "", "", "", false
	}
	return parts[1], slot, day, true
}

// pingButtons are a ping's buttons: Start now; Snooze (if allowed) and Skip today.
func (e *Engine) pingButtons(st State, slot Slot, day Day, snooze bool) [][]Button {
	second := []Button{}
	if snooze {
		second = append(second, Button{Label: e.t(st, "remind.btn.snooze"), Action: pingAction(pingSnooze, slot, day)})
	}
	second = append(second, Button{Label: e.t(st, "remind.btn.skip"), Action: pingAction(pingSkip, slot, day)})
	return [][]Button{
		{{Label: e.t(st, "remind.btn.start"), Action: pingAction(pingStart, slot, day)}},
		second,
	}
}

// onWake handles InputWake: whatever of the snoozed or held-back ping, the
// follow-up, the end of a pause and the held-back "you're back" note is
// due at now.
func (e *Engine) onWake(st State, now time.Time) Output {
	out := Output{State: st}
	s := &out.State
	r := &s.Reminder
	due := func(t time.Time) bool { return !t.IsZero() && !now.Before(t) }

	if p := s.Pause; p != nil && due(p.Until) {
		e.finishPause(s)
		r.Back = now
	}
	if !pingReachable(s) {
		// Nothing goes out; what was due is dropped.
		for _, t := range []*time.Time{&r.Snooze, &r.FollowUp, &r.Back} {
			if due(*t) {
				*t = time.Time{}
			}
		}
		s.recomputeWake()
		return out
	}
	loc := e.loc(*s)
	quiet := quietAt(s.Profile, ClockOf(now.In(loc)))
	today := DayOf(now, loc, s.Profile.DayBoundary)
	day, slot, haveSlot := parseLastSlot(r.LastSlot)
	current := haveSlot && day == today && !pausedAt(s, now) && r.RestDay != day && !slotDoneOn(s, slot, day)

	if due(r.Snooze) {
		r.Snooze = time.Time{}
		switch {
		case !current || routineBusy(s, now):
		case r.Snoozed:
			e.ping(&out, slot, day, e.t(*s, "remind.snoozed"), false, now)
		case quiet:
			// A held-back catch-up, and the quiet hours were changed.
			if until := quietUntil(s.Profile, loc, now); DayOf(until, loc, s.Profile.DayBoundary) == day {
				r.Snooze = until
			} else {
				freezeMissedDay(s, day)
			}
		default:
			e.ping(&out, slot, day, e.t(*s, "remind.held"), true, now)
		}
	}
	if due(r.FollowUp) {
		r.FollowUp = time.Time{}
		switch {
		case !current || slotStartedOn(s, slot, day) || !s.Profile.FollowUp:
		case quiet:
			if until := quietUntil(s.Profile, loc, now); DayOf(until, loc, s.Profile.DayBoundary) == day {
				r.FollowUp = until
			}
		default:
			out.Replies = append(out.Replies, Reply{
				Text: e.t(*s, "remind.followup."+string(slot)),
				Buttons: [][]Button{{
					{Label: e.t(*s, "remind.btn.start"), Action: pingAction(pingStart, slot, day)},
					{Label: e.t(*s, "remind.btn.skip"), Action: pingAction(pingSkip, slot, day)},
				}},
			})
		}
	}
	if due(r.Back) {
		if quiet {
			r.Back = quietUntil(s.Profile, loc, now)
		} else {
			r.Back = time.Time{}
			out.Replies = append([]Reply{{Text: e.t(*s, "remind.back")}}, out.Replies...)
		}
	}
	s.recomputeWake()
	return out
}

// onPing handles a press of a ping's button.
func (e *Engine) onPing(st State, action string, now time.Time) Output {
	out := Output{State: st}
	s := &out.State
	verb, slot, day, ok := parsePingAction(action)
	if !ok || !s.Profile.Onboarded {
		out.Notice = e.t(*s, "remind.notice.stale")
		return out
	}
	r := &s.Reminder
	today := e.today(*s, now)
	current := r.LastSlot == lastSlotKey(day, slot)
	switch verb {
	case pingStart:
		if current {
			s.clearPending()
		}
		o := e.startRoutine(*s, slot, now)
		o.State.recomputeWake()
		if o.Notice == "" {
			o.Notice = e.t(o.State, "remind.notice.start")
		}
		return o
	case pingSnooze:
		switch {
		case !current || day != today:
			out.Notice = e.t(*s, "remind.notice.stale")
		case slotDoneOn(s, slot, day) || slotStartedOn(s, slot, day):
			out.Notice = e.t(*s, "remind.notice.done")
		case r.RestDay == day:
			out.Notice = e.t(*s, "remind.notice.rest")
		case pausedAt(s, now):
			out.Notice = e.t(*s, "remind.notice.paused")
		case r.Snoozed:
			out.Notice = e.t(*s, "remind.notice.snoozed_once")
			out.Replies = append(out.Replies, Reply{
				Text: e.t(*s, "remind.snooze.again"),
				Buttons: [][]Button{{
					{Label: e.t(*s, "remind.btn.start"), Action: pingAction(pingStart, slot, day)},
					{Label: e.t(*s, "remind.btn.skip"), Action: pingAction(pingSkip, slot, day)},
				}},
			})
		default:
			r.Snoozed = true
			r.Snooze = now.Add(SnoozeFor)
			r.FollowUp = time.Time{}
			s.recomputeWake()
			out.Notice = e.t(*s, "remind.notice.snooze")
			out.Replies = append(out.Replies, Reply{Text: e.t(*s, "remind.snooze.ok",
				"time", r.Snooze.In(e.loc(*s)).Format("15:04"))})
		}
		return out
	case pingSkip:
		switch {
		case day != today:
			out.Notice = e.t(*s, "remind.notice.stale")
		case r.RestDay == day:
			out.Notice = e.t(*s, "remind.notice.rest")
		default:
			r.RestDay = day
			if d, _, ok := parseLastSlot(r.LastSlot); ok && d == day {
				s.clearPending()
			}
			key := "remind.skip.ok"
			if anyRoutineOn(s, day) {
				key = "remind.skip.done"
			} else {
				s.Streak = s.Streak.Freeze(day)
			}
			s.recomputeWake()
			out.Notice = e.t(*s, "remind.notice.skip")
			out.Replies = append(out.Replies, Reply{Text: e.t(*s, key)})
		}
		return out
	}
	out.Notice = e.t(*s, "remind.notice.stale")
	return out
}
