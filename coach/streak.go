package coach

import (
	"slices"
	"time"
)

// dayLayout is the format of a Day.
const dayLayout = "2006-01-02"

// MaxFrozen bounds Streak.Frozen, and FreezeRange freezes at most this many
// days: a streak survives at most 400 frozen days in a row (a pause of more
// than a year ends it). Keeping the earliest days keeps the ones that
// matter: a streak can only continue over a gap that is frozen from its
// first day on.
const MaxFrozen = 400

// DayOf is the streak day the instant t belongs to for a user in loc whose
// day starts at boundary: local times before boundary count for the
// previous calendar day, so with the usual 04:00 an evening routine
// finished at 00:30 counts for the evening before. A nil loc is UTC; an
// invalid boundary is 04:00.
//
// The boundary is a local wall-clock time, and day d starts at the first
// instant of calendar date d whose wall clock reads boundary or later. So
// on a daylight-saving day:
//
//   - if the boundary does not exist (spring forward jumps over it, e.g.
//     02:30 in New York), day d starts when the clocks jump, at 03:00;
//   - if the boundary occurs twice (fall back repeats it, e.g. 01:30 in New
//     York), day d starts at its first occurrence, and the repeated hour
//     after it stays in day d. Days never go backwards as time goes on.
//
// No zone in use today changes its clocks at 04:00, so with the default
// boundary every streak day is an ordinary 24 hours, give or take the
// hour of a change made earlier in the night.
func DayOf(t time.Time, loc *time.Location, boundary Clock) Day {
	if loc == nil {
		loc = time.UTC
	}
	if !boundary.Valid() {
		boundary = 4 * 60
	}
	lt := t.In(loc)
	y, m, d := lt.Date()
	if ClockOf(lt) < boundary && !reachedBoundary(lt, boundary) {
		d-- // calendar arithmetic in UTC: local midnight may not exist
	}
	return Day(time.Date(y, m, d, 12, 0, 0, 0, time.UTC).Format(dayLayout))
}

// reachedBoundary reports whether, earlier on lt's calendar date, the wall
// clock already read boundary or later: true only after clocks were set
// back past the boundary that day.
func reachedBoundary(lt time.Time, boundary Clock) bool {
	y, m, d := lt.Date()
	cur := lt
	for range 4 { // a zone changes its clocks at most a couple of times a day
		start, _ := cur.ZoneBounds()
		if start.IsZero() {
			return false
		}
		before := start.Add(-time.Nanosecond).In(lt.Location())
		if by, bm, bd := before.Date(); by != y || bm != m || bd != d {
			return false
		}
		if ClockOf(before) >= boundary {
			return true
		}
		cur = before
	}
	return false
}

// parse returns d as midnight UTC, or false for an invalid day.
func (d Day) parse() (time.Time, bool) {
	if len(d) != len(dayLayout) {
		return time.Time{}, false
	}
	t, err := time.Parse(dayLayout, string(d))
	return t, err == nil && t.Format(dayLayout) == string(d)
}

// Valid reports whether d is a real calendar day written "2006-01-02".
func (d Day) Valid() bool {
	_, ok := d.parse()
	return ok
}

// Add returns the day n days after d (before, for negative n). An invalid
// d gives "".
func (d Day) Add(n int) Day {
	t, ok := d.parse()
	if !ok {
		return ""
	}
	return Day(t.AddDate(0, 0, n).Format(dayLayout))
}

// Sub returns the number of days from o to d: d.Sub(d.Add(3)) is -3. It is
// 0 if either day is invalid.
func (d Day) Sub(o Day) int {
	t, ok1 := d.parse()
	u, ok2 := o.parse()
	if !ok1 || !ok2 {
		return 0
	}
	return int((t.Unix() - u.Unix()) / 86400)
}

// Before reports whether d is earlier than o. Valid days compare as
// strings; it is here for readability.
func (d Day) Before(o Day) bool { return d < o }

// Start is the first instant of streak day d for a user in loc whose day
// starts at boundary: the instant DayOf starts returning d. Usually that is
// d at boundary, local time; see DayOf for daylight-saving days. An
// invalid d gives the zero time.
func (d Day) Start(loc *time.Location, boundary Clock) time.Time {
	t, ok := d.parse()
	if !ok {
		return time.Time{}
	}
	if loc == nil {
		loc = time.UTC
	}
	// Search a window around d's local midnight, to the second: offsets
	// and clock changes are whole seconds. DayOf never goes backwards, so
	// a binary search finds the first second of d.
	mid := time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, loc).Unix()
	lo, hi := mid-36*3600, mid+36*3600 // DayOf(lo) < d <= DayOf(hi)
	for lo+1 < hi {
		m := lo + (hi-lo)/2
		if DayOf(time.Unix(m, 0), loc, boundary) < d {
			lo = m
		} else {
			hi = m
		}
	}
	return time.Unix(hi, 0).In(loc)
}

// Complete records a routine completed on day d and returns the new
// streak. A day counts once: a second routine on d, or a completion for a
// day before Last (after a flight west, say), changes nothing. The streak
// continues if every day strictly between Last and d is frozen, and starts
// again at 1 otherwise. Best never decreases. Frozen days up to d are
// dropped: they can no longer matter. An invalid d changes nothing.
func (s Streak) Complete(d Day) Streak {
	s = s.normalized()
	if !d.Valid() || s.Last.Valid() && d <= s.Last {
		return s
	}
	out := s
	if s.Last.Valid() && s.bridged(s.Last, d) && s.Current > 0 {
		out.Current = s.Current + 1
	} else {
		out.Current = 1
	}
	out.Best = max(s.Best, out.Current)
	out.Last = d
	return out.normalized()
}

// bridged reports whether every day strictly between from and to is
// frozen. s.Frozen must be normalized (sorted, without duplicates).
func (s Streak) bridged(from, to Day) bool {
	gap := to.Sub(from) - 1
	if gap <= 0 {
		return true
	}
	if gap > len(s.Frozen) {
		return false
	}
	n := 0
	for _, f := range s.Frozen {
		if f > from && f < to {
			n++
		}
	}
	return n == gap
}

// Freeze marks days that neither count nor break the streak: a rest day
// ("skip today"), a pause after a red flag or a flare-up, the bot's own
// downtime. Days already counted (up to Last) and invalid days are
// ignored. At most MaxFrozen days are kept, the earliest.
func (s Streak) Freeze(days ...Day) Streak {
	out := s
	out.Frozen = append(slices.Clip(slices.Clone(s.Frozen)), days...)
	return out.normalized()
}

// FreezeRange freezes every day from from to to, both included. At most
// MaxFrozen days are frozen, from from on; an empty or invalid range
// changes nothing.
func (s Streak) FreezeRange(from, to Day) Streak {
	n := to.Sub(from) + 1
	if !from.Valid() || !to.Valid() || n <= 0 {
		return s.normalized()
	}
	n = min(n, MaxFrozen)
	days := make([]Day, 0, n)
	for i := range n {
		days = append(days, from.Add(i))
	}
	return s.Freeze(days...)
}

// CurrentOn is the streak as shown on today: Current while the streak is
// alive, else 0. It is alive when every day after Last and before today is
// frozen; today not done yet does not break it (there is still time).
func (s Streak) CurrentOn(today Day) int {
	if !s.Last.Valid() || !today.Valid() {
		return 0
	}
	if today <= s.Last {
		return s.Current
	}
	n := s.normalized()
	if !n.bridged(s.Last, today) {
		return 0
	}
	return s.Current
}

// Settle tidies a streak that has ended before today: Current becomes 0 and
// the frozen days before today are dropped, since no later completion can
// reach back over the missed day. A live streak is returned as it is. It
// is optional: Complete and CurrentOn give the same answers either way, but
// it keeps Frozen from carrying days that no longer matter.
func (s Streak) Settle(today Day) Streak {
	n := s.normalized()
	if !n.Last.Valid() || !today.Valid() || n.CurrentOn(today) > 0 || today <= n.Last {
		return n
	}
	n.Current = 0
	i := 0
	for i < len(n.Frozen) && n.Frozen[i] < today {
		i++
	}
	n.Frozen = slices.Clip(n.Frozen[i:])
	if len(n.Frozen) == 0 {
		n.Frozen = nil
	}
	return n
}

// ChangeZone adjusts the streak for a user who changes time zone at
// instant at, from one zone to another, with the given day boundary. The
// rule: each completion counts for its day in the zone the user had when
// completing it. Moving east can jump over days, from the day being lived
// in the old zone to the day before the one in the new zone: those days,
// if not already counted, are frozen, so a flight is no spurious break.
// Moving west repeats days instead; Complete counts each day once, so
// nothing is counted twice.
func (s Streak) ChangeZone(at time.Time, from, to *time.Location, boundary Clock) Streak {
	was, now := DayOf(at, from, boundary), DayOf(at, to, boundary)
	if now <= was {
		return s.normalized()
	}
	return s.FreezeRange(was, now.Add(-1))
}

// normalized returns s with Frozen valid, sorted, without duplicates or
// days up to Last, and at most MaxFrozen long. It never modifies s's
// slice: Streak values share their backing arrays.
func (s Streak) normalized() Streak {
	if len(s.Frozen) == 0 {
		s.Frozen = nil
		return s
	}
	last := s.Last
	if !last.Valid() {
		last = ""
	}
	fs := make([]Day, 0, len(s.Frozen))
	for _, f := range s.Frozen {
		if f.Valid() && f > last {
			fs = append(fs, f)
		}
	}
	slices.Sort(fs)
	fs = slices.Compact(fs)
	if len(fs) > MaxFrozen {
		fs = fs[:MaxFrozen]
	}
	if len(fs) == 0 {
		fs = nil
	}
	s.Frozen = slices.Clip(fs)
	return s
}
