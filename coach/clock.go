package coach

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// minutesPerDay is the number of Clock values: 00:00 through 23:59.
const minutesPerDay = 24 * 60

// maxClockInput bounds the text ParseClock looks at: a time of day is never
// longer, and a pasted essay is rejected before any work is done on it.
const maxClockInput = 64

// Valid reports whether c is a time of day, 00:00 through 23:59.
func (c Clock) Valid() bool { return c >= 0 && c < minutesPerDay }

// String formats c as "15:04" with two-digit hours, e.g. "07:30". An invalid
// Clock formats as "Clock(n)" so it is never mistaken for a time.
func (c Clock) String() string {
	if !c.Valid() {
		return fmt.Sprintf("Clock(%d)", int(c))
	}
	return fmt.Sprintf("%02d:%02d", c/60, c%60)
}

// ClockOf is the wall-clock time of day of t in t's own location, to the
// minute (seconds are dropped).
func ClockOf(t time.Time) Clock { return Clock(t.Hour()*60 + t.Minute()) }

// meridiem is what a suffix says about the hour.
type meridiem uint8

const (
	merNone      meridiem = iota
	merAM                 // "am", "a.m.", "in the morning"
	merPM                 // "pm", "p.m."
	merAfternoon          // "in the afternoon", "in the evening"
	merNight              // "at night"
)

// meridiemSuffixes are the suffixes ParseClock understands, longest first so
// that "a.m." wins over "m.".
var meridiemSuffixes = []struct {
	text string
	m    meridiem
	word bool // must be preceded by a space or a digit-free boundary
}{
	{"in the morning", merAM, true},
	{"in the afternoon", merAfternoon, true},
	{"in the evening", merAfternoon, true},
	{"at night", merNight, true},
	{"a. m.", merAM, false},
	{"p. m.", merPM, false},
	{"a.m.", merAM, false},
	{"p.m.", merPM, false},
	{"a.m", merAM, false},
	{"p.m", merPM, false},
	{"am", merAM, false},
	{"pm", merPM, false},
}

// hourWords are the hour names people type in phrases such as "half past
// seven" or "seven pm".
var hourWords = map[string]int{
	"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
	"seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
}

// pastToMinutes are the amounts that go before "past" or "to".
var pastToMinutes = map[string]int{
	"quarter": 15, "a quarter": 15, "half": 30,
	"five": 5, "ten": 10, "twenty": 20, "twenty five": 25, "twenty-five": 25,
}

// ParseClock reads a time of day typed the way people type it, and reports
// whether it is one. Case, surrounding spaces and a leading "at" or
// "around" do not matter. It accepts:
//
//   - 24-hour digits: "7", "19", "7:30", "07:30", "7.30", "7,30", "7 30", "19:00",
//     "730", "0730", "1900" (three or four digits without a separator are
//     H MM or HH MM);
//   - the French style: "19h", "19h30", "7h05";
//   - any of those with "am"/"pm" (also "a.m.", "p.m.", attached or not):
//     "7am", "7 pm", "7.30am", "7:30 AM", "12am" (00:00), "12pm" (12:00);
//     the hour must then be 1 to 12, so "13pm" and "0am" are rejected;
//   - "in the morning", "in the afternoon", "in the evening", "at night":
//     "7:30 in the morning" is 07:30, "7 in the evening" 19:00; "at night"
//     means 12 → 00:00, 1–4 → early morning, 5–11 → evening;
//   - words: "noon", "midday", "12 noon", "midnight", "seven", "seven pm",
//     "7 o'clock";
//   - "quarter past six", "half past 7", "quarter to eight", "ten past
//     nine pm", "twenty to midnight". "half seven" is rejected: it means
//     7:30 to some and 6:30 to others.
//
// A bare hour or H:MM without a suffix is read on the 24-hour clock, so "7"
// and "half past 7" are 07:00 and 07:30. Minutes must be 00–59 and hours
// 0–23; anything else ("banana", "25:00", "7:61", "", a very long text) is
// rejected.
func ParseClock(s string) (Clock, bool) {
	if len(s) > maxClockInput {
		return 0, false
	}
	s = normalizeClockText(s)
	if s == "" {
		return 0, false
	}
	for _, p := range []string{"at ", "around ", "about "} {
		s = strings.TrimPrefix(s, p)
	}
	s, mer := cutMeridiem(s)
	if s == "" {
		return 0, false
	}
	switch s {
	case "noon", "midday", "12 noon":
		return namedClock(12*60, mer)
	case "midnight", "12 midnight":
		return namedClock(0, mer)
	}
	if c, ok := parsePastTo(s, mer); ok {
		return c, true
	}
	s = strings.TrimSpace(trimOClock(s))
	h, m, ok := parseHourMinute(s)
	if !ok {
		return 0, false
	}
	return applyMeridiem(h, m, mer)
}

// normalizeClockText lower-cases s, maps full-width digits and colons to
// ASCII, collapses runs of spaces and drops trailing "!" and "?".
func normalizeClockText(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for _, r := range strings.ToLower(s) {
		switch {
		case r >= '０' && r <= '９':
			r = '0' + (r - '０')
		case r == '：':
			r = ':'
		case r == '’':
			r = '\''
		}
		if r == ' ' || r == '\t' || r == '\n' || r == '\r' || r == '\u00a0' {
			space = true
			continue
		}
		if space && b.Len() > 0 {
			b.WriteByte(' ')
		}
		space = false
		b.WriteRune(r)
	}
	return strings.TrimRight(b.String(), "!? ")
}

// cutMeridiem removes an am/pm-like suffix and says which one it was.
func cutMeridiem(s string) (string, meridiem) {
	for _, suf := range meridiemSuffixes {
		rest, ok := strings.CutSuffix(s, suf.text)
		if !ok {
			continue
		}
		if suf.word && rest != "" && !strings.HasSuffix(rest, " ") {
			continue
		}
		if !suf.word && rest != "" {
			// "am" must follow a digit or a space: "7am", "seven am",
			// but not "sevenam" or "pam".
			last := rest[len(rest)-1]
			if last != ' ' && (last < '0' || last > '9') {
				continue
			}
		}
		return strings.TrimSpace(rest), suf.m
	}
	// A full stop ending a sentence ("7pm.", "noon.") is not part of the
	// time: drop it and look again.
	if t, ok := strings.CutSuffix(s, "."); ok && t != "" {
		return cutMeridiem(t)
	}
	return s, merNone
}

// namedClock is noon or midnight, which take no am/pm.
func namedClock(c Clock, mer meridiem) (Clock, bool) {
	if mer != merNone {
		return 0, false
	}
	return c, true
}

// trimOClock removes "o'clock" and its spellings.
func trimOClock(s string) string {
	for _, suf := range []string{" o'clock", " oclock", " o clock", "o'clock", "oclock"} {
		if t, ok := strings.CutSuffix(s, suf); ok {
			return t
		}
	}
	return s
}

// parsePastTo reads "quarter past six", "half past 7", "ten to noon"…
func parsePastTo(s string, mer meridiem) (Clock, bool) {
	var before, after string
	sign := 0
	if b, a, ok := strings.Cut(s, " past "); ok {
		before, after, sign = b, a, 1
	} else if b, a, ok := strings.Cut(s, " to "); ok {
		before, after, sign = b, a, -1
	} else {
		return 0, false
	}
	before = strings.TrimSuffix(before, " minutes")
	mins, ok := pastToMinutes[before]
	if !ok {
		n, err := strconv.Atoi(before)
		if err != nil || n < 1 || n > 59 || len(before) > 2 {
			return 0, false
		}
		mins = n
	}
	if sign < 0 && mins == 30 {
		return 0, false // "half to" is not English
	}
	after = strings.TrimSpace(trimOClock(after))
	var base Clock
	switch after {
	case "noon", "midday":
		if mer != merNone {
			return 0, false
		}
		base = 12 * 60
	case "midnight":
		if mer != merNone {
			return 0, false
		}
		base = 0
	default:
		h, ok := hourWords[after]
		if !ok {
			n, err := strconv.Atoi(after)
			if err != nil || len(after) > 2 {
				return 0, false
			}
			h = n
		}
		c, ok := applyMeridiem(h, 0, mer)
		if !ok {
			return 0, false
		}
		base = c
	}
	c := (int(base) + sign*mins + minutesPerDay) % minutesPerDay
	return Clock(c), true
}

// parseHourMinute reads the digits of a time: "7", "07", "7:30", "7.30",
// "7 30", "19h", "19h30", "730", "1930", or an hour word ("seven").
func parseHourMinute(s string) (h, m int, ok bool) {
	if n, ok := hourWords[s]; ok {
		return n, 0, true
	}
	s = strings.TrimSuffix(s, "h") // "19h"
	if i := strings.IndexAny(s, ":.h, "); i >= 0 {
		hs, ms := s[:i], s[i+1:]
		if len(hs) < 1 || len(hs) > 2 || len(ms) != 2 {
			return 0, 0, false
		}
		h, ok1 := digits(hs)
		m, ok2 := digits(ms)
		return h, m, ok1 && ok2 && h <= 23 && m <= 59
	}
	n, ok := digits(s)
	if !ok {
		return 0, 0, false
	}
	switch len(s) {
	case 1, 2:
		h, m = n, 0
	case 3, 4:
		h, m = n/100, n%100
	default:
		return 0, 0, false
	}
	return h, m, h <= 23 && m <= 59
}

// digits parses a short run of ASCII digits.
func digits(s string) (int, bool) {
	if s == "" || len(s) > 4 {
		return 0, false
	}
	n := 0
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return 0, false
		}
		n = n*10 + int(s[i]-'0')
	}
	return n, true
}

// applyMeridiem turns an hour and minute read from text into a Clock, given
// what the suffix said.
func applyMeridiem(h, m int, mer meridiem) (Clock, bool) {
	if h < 0 || h > 23 || m < 0 || m > 59 {
		return 0, false
	}
	switch mer {
	case merNone:
	case merAM, merPM:
		if h < 1 || h > 12 {
			return 0, false
		}
		h %= 12
		if mer == merPM {
			h += 12
		}
	case merAfternoon:
		switch {
		case h >= 1 && h <= 11:
			h += 12
		case h >= 12:
			// "12 in the afternoon" is noon; "19:00 in the evening" is
			// already on the 24-hour clock.
		default:
			return 0, false
		}
	case merNight:
		switch {
		case h == 12:
			h = 0
		case h >= 1 && h <= 4:
			// "2 at night" is in the small hours.
		case h >= 5 && h <= 11:
			h += 12
		case h >= 20:
			// "23:00 at night" is already on the 24-hour clock.
		default:
			return 0, false
		}
	}
	return Clock(h*60 + m), true
}
