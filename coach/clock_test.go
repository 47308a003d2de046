package coach

import (
	"strings"
	"testing"
	"time"
)

func hm(h, m int) Clock { return Clock(h*60 + m) }

func TestParseClockAccepts(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want Clock
	}{
		// 24-hour digits.
		{"7", hm(7, 0)},
		{"07", hm(7, 0)},
		{"0", hm(0, 0)},
		{"19", hm(19, 0)},
		{"7:30", hm(7, 30)},
		{"07:30", hm(7, 30)},
		{"7.30", hm(7, 30)},
		{"7,30", hm(7, 30)},
		{"7 30", hm(7, 30)},
		{"19:00", hm(19, 0)},
		{"23:59", hm(23, 59)},
		{"00:00", hm(0, 0)},
		{"1900", hm(19, 0)},
		{"730", hm(7, 30)},
		{"0730", hm(7, 30)},
		{"0005", hm(0, 5)},
		{"19h", hm(19, 0)},
		{"19h30", hm(19, 30)},
		{"7h05", hm(7, 5)},
		{"７：３０", hm(7, 30)},
		// am / pm.
		{"7am", hm(7, 0)},
		{"7 am", hm(7, 0)},
		{"7pm", hm(19, 0)},
		{"7 pm", hm(19, 0)},
		{"7.30am", hm(7, 30)},
		{"7:30 AM", hm(7, 30)},
		{"7:30 PM", hm(19, 30)},
		{"7:30pm", hm(19, 30)},
		{"7 a.m.", hm(7, 0)},
		{"7 p.m.", hm(19, 0)},
		{"7 p.m", hm(19, 0)},
		{"7 a. m.", hm(7, 0)},
		{"7pm.", hm(19, 0)},
		{"12am", hm(0, 0)},
		{"12pm", hm(12, 0)},
		{"12:30am", hm(0, 30)},
		{"12:30 pm", hm(12, 30)},
		{"11:59pm", hm(23, 59)},
		{"0730am", hm(7, 30)},
		{"730pm", hm(19, 30)},
		// Phrases.
		{"7:30 in the morning", hm(7, 30)},
		{"7 in the evening", hm(19, 0)},
		{"3 in the afternoon", hm(15, 0)},
		{"12 in the afternoon", hm(12, 0)},
		{"19:00 in the evening", hm(19, 0)},
		{"11 at night", hm(23, 0)},
		{"12 at night", hm(0, 0)},
		{"2 at night", hm(2, 0)},
		{"noon", hm(12, 0)},
		{"Noon", hm(12, 0)},
		{"midday", hm(12, 0)},
		{"12 noon", hm(12, 0)},
		{"midnight", hm(0, 0)},
		{"seven", hm(7, 0)},
		{"seven pm", hm(19, 0)},
		{"7 o'clock", hm(7, 0)},
		{"7 o’clock", hm(7, 0)},
		{"seven oclock", hm(7, 0)},
		{"7 o'clock in the evening", hm(19, 0)},
		{"half past 7", hm(7, 30)},
		{"half past seven pm", hm(19, 30)},
		{"quarter past six pm", hm(18, 15)},
		{"a quarter past six", hm(6, 15)},
		{"quarter to eight", hm(7, 45)},
		{"quarter to 1 am", hm(0, 45)},
		{"ten past nine", hm(9, 10)},
		{"twenty to midnight", hm(23, 40)},
		{"quarter past noon", hm(12, 15)},
		{"5 past 7", hm(7, 5)},
		{"20 minutes past 7 pm", hm(19, 20)},
		// Surroundings.
		{"  7:30  ", hm(7, 30)},
		{"at 7pm", hm(19, 0)},
		{"around 8", hm(8, 0)},
		{"7pm!", hm(19, 0)},
		{"7:30?", hm(7, 30)},
		{"7.", hm(7, 0)},
	} {
		got, ok := ParseClock(tc.in)
		if !ok || got != tc.want {
			t.Errorf("ParseClock(%q) = %v, %v; want %v, true", tc.in, got, ok, tc.want)
		}
	}
}

func TestParseClockRejects(t *testing.T) {
	for _, in := range []string{
		"", " ", "banana", "25:00", "24:00", "7:61", "7:5", "13pm", "0am", "00:30am",
		"19:00 pm", "noon pm", "midnight am", "half seven", "half to 8", "half past",
		"past 7", "quarter past", "quarter past 25", "71 past 7", "12345", "7:30:00",
		"-7", "+7", "7 30 30", "seven thirty", "pm", "am", "at", "in the morning",
		"sevenpm", "7pam", "1e3", "0x10", "１３pm", "🕖", "7️⃣", "\x00", "\xff\xfe",
		"6 in the evening at night", "15 at night", "0 in the evening", "0 in the morning",
		strings.Repeat("7", 5000), "7:30" + strings.Repeat(" ", 100),
	} {
		if got, ok := ParseClock(in); ok {
			t.Errorf("ParseClock(%q) = %v, true; want false", in, got)
		}
	}
}

func TestClockString(t *testing.T) {
	for _, tc := range []struct {
		c     Clock
		want  string
		valid bool
	}{
		{0, "00:00", true},
		{hm(7, 30), "07:30", true},
		{hm(19, 5), "19:05", true},
		{hm(23, 59), "23:59", true},
		{1440, "Clock(1440)", false},
		{-1, "Clock(-1)", false},
	} {
		if got := tc.c.String(); got != tc.want {
			t.Errorf("Clock(%d).String() = %q, want %q", int(tc.c), got, tc.want)
		}
		if got := tc.c.Valid(); got != tc.valid {
			t.Errorf("Clock(%d).Valid() = %v, want %v", int(tc.c), got, tc.valid)
		}
	}
}

// Every valid clock round-trips through String and ParseClock.
func TestClockRoundTrip(t *testing.T) {
	for c := Clock(0); c < minutesPerDay; c++ {
		got, ok := ParseClock(c.String())
		if !ok || got != c {
			t.Fatalf("ParseClock(%q) = %v, %v; want %v", c.String(), got, ok, c)
		}
	}
}

func TestClockOf(t *testing.T) {
	loc, err := LoadZone("Asia/Kolkata")
	if err != nil {
		t.Fatal(err)
	}
	at := time.Date(2025, 6, 1, 2, 15, 59, 0, time.UTC).In(loc) // 07:45:59 IST
	if got := ClockOf(at); got != hm(7, 45) {
		t.Errorf("ClockOf = %v, want 07:45", got)
	}
}

func FuzzParseClock(f *testing.F) {
	for _, s := range []string{"7:30", "7pm", "half past 7", "noon", "banana", "1900", "12am", "quarter to 1 am"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		c, ok := ParseClock(s)
		if !ok {
			return
		}
		if !c.Valid() {
			t.Fatalf("ParseClock(%q) = %d, not a valid clock", s, c)
		}
		back, ok := ParseClock(c.String())
		if !ok || back != c {
			t.Fatalf("ParseClock(%q) = %v; ParseClock(%q) = %v, %v", s, c, c.String(), back, ok)
		}
	})
}
