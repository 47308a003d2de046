package coach

import (
	"slices"
	"testing"
	"time"
)

// utc is an instant given in UTC: the tests below give every instant in
// UTC and say in a comment what the local clock reads, so that no test
// relies on how time.Date resolves a local time that is missing or doubled.
func utc(y int, mo time.Month, d, h, mi int) time.Time {
	return time.Date(y, mo, d, h, mi, 0, 0, time.UTC)
}

func TestDayOf(t *testing.T) {
	const b4 = 4 * 60
	for _, tc := range []struct {
		name     string
		zone     string
		at       time.Time
		boundary Clock
		want     Day
	}{
		// The day boundary.
		{"00:30 counts for the day before", "Europe/Paris", utc(2025, 6, 10, 22, 30), b4, "2025-06-10"},
		{"03:59 counts for the day before", "Europe/Paris", utc(2025, 6, 11, 1, 59), b4, "2025-06-10"},
		{"04:00 counts for the same day", "Europe/Paris", utc(2025, 6, 11, 2, 0), b4, "2025-06-11"},
		{"23:59 counts for the same day", "Europe/Paris", utc(2025, 6, 11, 21, 59), b4, "2025-06-11"},
		{"midnight boundary", "Europe/Paris", utc(2025, 6, 10, 22, 0), 0, "2025-06-11"},
		{"invalid boundary is 04:00", "Europe/Paris", utc(2025, 6, 11, 1, 0), -5, "2025-06-10"},
		{"nil location is UTC", "", utc(2025, 6, 11, 3, 0), b4, "2025-06-10"},
		{"year boundary", "UTC+05:30", utc(2024, 12, 31, 21, 0), b4, "2024-12-31"}, // 02:30 on 1 Jan
		{"leap day", "UTC", utc(2024, 3, 1, 3, 0), b4, "2024-02-29"},

		// Europe/London, spring forward 2025-03-30 01:00 GMT → 02:00 BST.
		{"London spring 00:30 GMT", "Europe/London", utc(2025, 3, 30, 0, 30), b4, "2025-03-29"},
		{"London spring 03:59 BST", "Europe/London", utc(2025, 3, 30, 2, 59), b4, "2025-03-29"},
		{"London spring 04:00 BST", "Europe/London", utc(2025, 3, 30, 3, 0), b4, "2025-03-30"},
		// Fall back 2025-10-26 02:00 BST → 01:00 GMT; 01:xx happens twice.
		{"London fall 01:30 BST", "Europe/London", utc(2025, 10, 26, 0, 30), b4, "2025-10-25"},
		{"London fall 01:30 GMT", "Europe/London", utc(2025, 10, 26, 1, 30), b4, "2025-10-25"},
		{"London fall 03:59 GMT", "Europe/London", utc(2025, 10, 26, 3, 59), b4, "2025-10-25"},
		{"London fall 04:00 GMT", "Europe/London", utc(2025, 10, 26, 4, 0), b4, "2025-10-26"},

		// America/New_York, spring forward 2025-03-09 02:00 EST → 03:00 EDT.
		{"New York spring 03:30 EDT", "America/New_York", utc(2025, 3, 9, 7, 30), b4, "2025-03-08"},
		{"New York spring 04:00 EDT", "America/New_York", utc(2025, 3, 9, 8, 0), b4, "2025-03-09"},
		// A boundary of 02:30 does not exist that day: the day starts at 03:00.
		{"New York missing boundary 01:59 EST", "America/New_York", utc(2025, 3, 9, 6, 59), 150, "2025-03-08"},
		{"New York missing boundary 03:00 EDT", "America/New_York", utc(2025, 3, 9, 7, 0), 150, "2025-03-09"},
		// Fall back 2025-11-02 02:00 EDT → 01:00 EST.
		{"New York fall 01:30 EST", "America/New_York", utc(2025, 11, 2, 6, 30), b4, "2025-11-01"},
		{"New York fall 04:00 EST", "America/New_York", utc(2025, 11, 2, 9, 0), b4, "2025-11-02"},
		// A boundary of 01:30 happens twice: the day starts at the first one
		// and the repeated hour after it stays in the new day.
		{"New York doubled boundary 01:29 EDT", "America/New_York", utc(2025, 11, 2, 5, 29), 90, "2025-11-01"},
		{"New York doubled boundary 01:30 EDT", "America/New_York", utc(2025, 11, 2, 5, 30), 90, "2025-11-02"},
		{"New York doubled boundary 01:00 EST", "America/New_York", utc(2025, 11, 2, 6, 0), 90, "2025-11-02"},
		{"New York doubled boundary 01:29 EST", "America/New_York", utc(2025, 11, 2, 6, 29), 90, "2025-11-02"},
		{"New York doubled boundary 01:30 EST", "America/New_York", utc(2025, 11, 2, 6, 30), 90, "2025-11-02"},

		// Australia/Adelaide (+10:30 / +9:30), DST ends 2025-04-06 03:00
		// ACDT → 02:00 ACST, at 16:30 UTC the day before.
		{"Adelaide end 00:30 ACDT", "Australia/Adelaide", utc(2025, 4, 5, 14, 0), b4, "2025-04-05"},
		{"Adelaide end 02:30 ACST", "Australia/Adelaide", utc(2025, 4, 5, 17, 0), b4, "2025-04-05"},
		{"Adelaide end 04:00 ACST", "Australia/Adelaide", utc(2025, 4, 5, 18, 30), b4, "2025-04-06"},
		{"Adelaide doubled 02:29 ACDT", "Australia/Adelaide", utc(2025, 4, 5, 15, 59), 150, "2025-04-05"},
		{"Adelaide doubled 02:30 ACDT", "Australia/Adelaide", utc(2025, 4, 5, 16, 0), 150, "2025-04-06"},
		{"Adelaide doubled 02:10 ACST", "Australia/Adelaide", utc(2025, 4, 5, 16, 40), 150, "2025-04-06"},
		// DST starts 2025-10-05 02:00 ACST → 03:00 ACDT, at 16:30 UTC the day before.
		{"Adelaide start 03:59 ACDT", "Australia/Adelaide", utc(2025, 10, 4, 17, 29), b4, "2025-10-04"},
		{"Adelaide start 04:00 ACDT", "Australia/Adelaide", utc(2025, 10, 4, 17, 30), b4, "2025-10-05"},
		{"Adelaide missing 01:59 ACST", "Australia/Adelaide", utc(2025, 10, 4, 16, 29), 150, "2025-10-04"},
		{"Adelaide missing 03:00 ACDT", "Australia/Adelaide", utc(2025, 10, 4, 16, 30), 150, "2025-10-05"},

		// Pacific/Auckland, DST ends 2025-04-06 03:00 NZDT → 02:00 NZST.
		{"Auckland end 02:30 NZST", "Pacific/Auckland", utc(2025, 4, 5, 14, 30), b4, "2025-04-05"},
		{"Auckland end 04:00 NZST", "Pacific/Auckland", utc(2025, 4, 5, 16, 0), b4, "2025-04-06"},
		// America/Santiago changes at midnight: 2025-09-07 00:00 -04 → 01:00 -03.
		{"Santiago missing midnight 23:59", "America/Santiago", utc(2025, 9, 7, 3, 59), 30, "2025-09-06"},
		{"Santiago missing midnight 01:00", "America/Santiago", utc(2025, 9, 7, 4, 0), 30, "2025-09-07"},
		// The next night, midnight of the 7th (which never happened) must not
		// be used to find "the day before".
		{"Santiago after the missing midnight 00:00", "America/Santiago", utc(2025, 9, 8, 3, 0), 30, "2025-09-07"},
		{"Santiago after the missing midnight 03:00", "America/Santiago", utc(2025, 9, 8, 6, 0), b4, "2025-09-07"},
		// 2025-04-06 00:00 -03 → 2025-04-05 23:00 -04: the hour repeats on the 5th.
		{"Santiago repeated 23:30", "America/Santiago", utc(2025, 4, 6, 3, 30), b4, "2025-04-05"},
		{"Santiago after change 03:59", "America/Santiago", utc(2025, 4, 6, 7, 59), b4, "2025-04-05"},
		{"Santiago after change 04:00", "America/Santiago", utc(2025, 4, 6, 8, 0), b4, "2025-04-06"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var loc *time.Location
			if tc.zone != "" {
				loc = mustZone(t, tc.zone)
			}
			if got := DayOf(tc.at, loc, tc.boundary); got != tc.want {
				t.Errorf("DayOf(%v in %s, boundary %v) = %s, want %s", tc.at, tc.zone, tc.boundary, got, tc.want)
			}
		})
	}
}

// DayOf never goes backwards and Day.Start agrees with it, every 15
// minutes through a year of daylight-saving changes in several zones and
// with several boundaries, including ones that are missing or doubled.
// Every day start here falls on the 15-minute grid (offsets, boundaries and
// clock changes all do), so the first instant seen in a new day is its
// start. It found that local midnight may not exist (Santiago).
func TestDayOfMonotonicAndStart(t *testing.T) {
	zones := []string{"Europe/London", "America/New_York", "Australia/Adelaide", "Pacific/Auckland",
		"America/Santiago", "Asia/Kathmandu", "Pacific/Chatham", "UTC+05:30"}
	boundaries := []Clock{0, 30, 90, 120, 150, 4 * 60, 23*60 + 30}
	const step = 15 * time.Minute
	from := utc(2025, 1, 1, 0, 0)
	to := utc(2026, 1, 1, 0, 0)
	if testing.Short() {
		to = utc(2025, 4, 15, 0, 0)
	}
	for _, z := range zones {
		loc := mustZone(t, z)
		for _, b := range boundaries {
			prev := DayOf(from, loc, b)
			for at := from.Add(step); at.Before(to); at = at.Add(step) {
				d := DayOf(at, loc, b)
				if d == prev {
					continue
				}
				if d != prev.Add(1) {
					t.Fatalf("%s boundary %v: day went from %s to %s at %v", z, b, prev, d, at)
				}
				if s := d.Start(loc, b); !s.Equal(at) {
					t.Fatalf("%s boundary %v: %s starts at %v, Start says %v", z, b, d, at, s)
				}
				prev = d
			}
		}
	}
}

func TestDayStartLengths(t *testing.T) {
	for _, tc := range []struct {
		zone string
		day  Day
		b    Clock
		want time.Duration // from this day's start to the next one's
	}{
		{"Europe/London", "2025-03-29", 4 * 60, 23 * time.Hour},
		{"Europe/London", "2025-10-25", 4 * 60, 25 * time.Hour},
		{"Europe/London", "2025-06-01", 4 * 60, 24 * time.Hour},
		{"America/New_York", "2025-03-08", 150, 23*time.Hour + 30*time.Minute}, // starts 02:30 EST, next at 03:00 EDT
		{"America/New_York", "2025-11-01", 90, 24 * time.Hour},                 // both at the first 01:30
		{"Australia/Adelaide", "2025-04-05", 4 * 60, 25 * time.Hour},
	} {
		loc := mustZone(t, tc.zone)
		got := tc.day.Add(1).Start(loc, tc.b).Sub(tc.day.Start(loc, tc.b))
		if got != tc.want {
			t.Errorf("%s %s boundary %v: day lasts %v, want %v", tc.zone, tc.day, tc.b, got, tc.want)
		}
	}
	if !Day("nonsense").Start(time.UTC, 0).IsZero() {
		t.Error("Start of an invalid day is not zero")
	}
}

func TestDayArithmetic(t *testing.T) {
	for _, tc := range []struct {
		d     Day
		valid bool
	}{
		{"2025-03-30", true},
		{"2024-02-29", true},
		{"2025-02-29", false},
		{"2025-13-01", false},
		{"2025-3-30", false},
		{"2025-03-30T00:00", false},
		{"", false},
		{"banana", false},
		{" 2025-03-30", false},
	} {
		if got := tc.d.Valid(); got != tc.valid {
			t.Errorf("Day(%q).Valid() = %v, want %v", tc.d, got, tc.valid)
		}
	}
	for _, tc := range []struct {
		d    Day
		n    int
		want Day
	}{
		{"2025-03-30", 1, "2025-03-31"},
		{"2025-03-31", 1, "2025-04-01"},
		{"2024-02-28", 1, "2024-02-29"},
		{"2025-02-28", 1, "2025-03-01"},
		{"2025-01-01", -1, "2024-12-31"},
		{"2025-10-26", 0, "2025-10-26"},
		{"2025-01-01", 365, "2026-01-01"},
		{"bad", 1, ""},
	} {
		if got := tc.d.Add(tc.n); got != tc.want {
			t.Errorf("Day(%q).Add(%d) = %q, want %q", tc.d, tc.n, got, tc.want)
		}
		if tc.want != "" {
			if got := tc.want.Sub(tc.d); got != tc.n {
				t.Errorf("Day(%q).Sub(%q) = %d, want %d", tc.want, tc.d, got, tc.n)
			}
		}
	}
	if got := Day("9999-12-31").Sub("0001-01-01"); got != 3652058 {
		t.Errorf("long Sub = %d, want 3652058", got)
	}
	if got := Day("bad").Sub("2025-01-01"); got != 0 {
		t.Errorf("Sub with an invalid day = %d, want 0", got)
	}
	if !Day("2025-01-09").Before("2025-01-10") || Day("2025-01-10").Before("2025-01-10") {
		t.Error("Before is wrong")
	}
}

// op is one thing that happens to a streak in a table test.
type op struct {
	done   Day   // Complete(done)
	freeze []Day // Freeze(freeze...)
	from   Day   // FreezeRange(from, to)
	to     Day
}

func done(d Day) op           { return op{done: d} }
func freeze(ds ...Day) op     { return op{freeze: ds} }
func freezeRange(a, b Day) op { return op{from: a, to: b} }
func apply(s Streak, o op) Streak {
	switch {
	case o.done != "" || (o.freeze == nil && o.from == ""):
		return s.Complete(o.done)
	case o.freeze != nil:
		return s.Freeze(o.freeze...)
	default:
		return s.FreezeRange(o.from, o.to)
	}
}

func TestStreak(t *testing.T) {
	for _, tc := range []struct {
		name   string
		start  Streak
		ops    []op
		want   Streak
		today  Day // CurrentOn(today) must be shown
		showed int
	}{
		{"first completion", Streak{}, []op{done("2025-03-01")},
			Streak{Current: 1, Best: 1, Last: "2025-03-01"}, "2025-03-01", 1},
		{"consecutive days", Streak{}, []op{done("2025-03-01"), done("2025-03-02"), done("2025-03-03")},
			Streak{Current: 3, Best: 3, Last: "2025-03-03"}, "2025-03-04", 3},
		{"across a month and a leap day", Streak{}, []op{done("2024-02-28"), done("2024-02-29"), done("2024-03-01")},
			Streak{Current: 3, Best: 3, Last: "2024-03-01"}, "2024-03-01", 3},
		{"a missed day breaks", Streak{}, []op{done("2025-03-01"), done("2025-03-02"), done("2025-03-04")},
			Streak{Current: 1, Best: 2, Last: "2025-03-04"}, "2025-03-04", 1},
		{"same day twice counts once", Streak{}, []op{done("2025-03-01"), done("2025-03-01"), done("2025-03-02"), done("2025-03-02")},
			Streak{Current: 2, Best: 2, Last: "2025-03-02"}, "2025-03-02", 2},
		{"an earlier day changes nothing", Streak{}, []op{done("2025-03-02"), done("2025-03-01")},
			Streak{Current: 1, Best: 1, Last: "2025-03-02"}, "2025-03-02", 1},
		{"rest day keeps the streak", Streak{}, []op{done("2025-03-01"), freeze("2025-03-02"), done("2025-03-03")},
			Streak{Current: 2, Best: 2, Last: "2025-03-03"}, "2025-03-03", 2},
		{"rest day planned ahead", Streak{}, []op{done("2025-03-01"), freeze("2025-03-04"), done("2025-03-02"), done("2025-03-03"), done("2025-03-05")},
			Streak{Current: 4, Best: 4, Last: "2025-03-05"}, "2025-03-05", 4},
		{"frozen gap of several days", Streak{}, []op{done("2025-03-01"), freeze("2025-03-03", "2025-03-02", "2025-03-04"), done("2025-03-05")},
			Streak{Current: 2, Best: 2, Last: "2025-03-05"}, "2025-03-05", 2},
		{"a pause range keeps the streak", Streak{}, []op{done("2025-03-01"), done("2025-03-02"), freezeRange("2025-03-03", "2025-03-20"), done("2025-03-21")},
			Streak{Current: 3, Best: 3, Last: "2025-03-21"}, "2025-03-22", 3},
		{"a pause with a hole breaks", Streak{}, []op{done("2025-03-01"), freezeRange("2025-03-03", "2025-03-05"), done("2025-03-06")},
			Streak{Current: 1, Best: 1, Last: "2025-03-06"}, "2025-03-06", 1},
		{"frozen days after the completion stay", Streak{}, []op{done("2025-03-01"), freezeRange("2025-03-02", "2025-03-05"), done("2025-03-03")},
			Streak{Current: 2, Best: 2, Last: "2025-03-03", Frozen: []Day{"2025-03-04", "2025-03-05"}}, "2025-03-06", 2},
		{"freezing a counted day does nothing", Streak{}, []op{done("2025-03-01"), freeze("2025-03-01", "2025-02-27"), done("2025-03-03")},
			Streak{Current: 1, Best: 1, Last: "2025-03-03"}, "2025-03-03", 1},
		{"best never decreases", Streak{}, []op{done("2025-03-01"), done("2025-03-02"), done("2025-03-03"), done("2025-03-05"), done("2025-03-06")},
			Streak{Current: 2, Best: 3, Last: "2025-03-06"}, "2025-03-06", 2},
		{"best grows past the old best", Streak{Current: 2, Best: 5, Last: "2025-03-02"},
			[]op{done("2025-03-03"), done("2025-03-04"), done("2025-03-05"), done("2025-03-06")},
			Streak{Current: 6, Best: 6, Last: "2025-03-06"}, "2025-03-06", 6},
		{"a stored best above current is kept", Streak{Current: 1, Best: 9, Last: "2025-03-01"}, []op{done("2025-03-05")},
			Streak{Current: 1, Best: 9, Last: "2025-03-05"}, "2025-03-05", 1},
		{"invalid days are ignored", Streak{}, []op{done("2025-03-01"), done("banana"), freeze("2025-02-30", "x"), done("2025-03-02")},
			Streak{Current: 2, Best: 2, Last: "2025-03-02"}, "2025-03-02", 2},
		{"reversed range does nothing", Streak{}, []op{done("2025-03-01"), freezeRange("2025-03-05", "2025-03-02"), done("2025-03-03")},
			Streak{Current: 1, Best: 1, Last: "2025-03-03"}, "2025-03-03", 1},
		{"a settled streak restarts", Streak{Current: 0, Best: 4, Last: "2025-03-01"}, []op{done("2025-03-02")},
			Streak{Current: 1, Best: 4, Last: "2025-03-02"}, "2025-03-02", 1},
		{"a corrupt last day restarts", Streak{Current: 3, Best: 3, Last: "yesterday"}, []op{done("2025-03-02")},
			Streak{Current: 1, Best: 3, Last: "2025-03-02"}, "2025-03-02", 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := tc.start
			best := s.Best
			for _, o := range tc.ops {
				s = apply(s, o)
				if s.Best < best {
					t.Fatalf("Best went down from %d to %d", best, s.Best)
				}
				best = s.Best
			}
			if !streakEqual(s, tc.want) {
				t.Errorf("streak = %+v, want %+v", s, tc.want)
			}
			if got := s.CurrentOn(tc.today); got != tc.showed {
				t.Errorf("CurrentOn(%s) = %d, want %d", tc.today, got, tc.showed)
			}
		})
	}
}

func streakEqual(a, b Streak) bool {
	return a.Current == b.Current && a.Best == b.Best && a.Last == b.Last && slices.Equal(a.Frozen, b.Frozen)
}

func TestStreakCurrentOn(t *testing.T) {
	s := Streak{Current: 5, Best: 7, Last: "2025-03-10", Frozen: []Day{"2025-03-12"}}
	for _, tc := range []struct {
		today Day
		want  int
	}{
		{"2025-03-09", 5}, // after a flight west the day can be before Last
		{"2025-03-10", 5}, // done today
		{"2025-03-11", 5}, // not done yet today: there is still time
		{"2025-03-12", 0}, // the 11th was missed
		{"bad", 0},
	} {
		if got := s.CurrentOn(tc.today); got != tc.want {
			t.Errorf("CurrentOn(%s) = %d, want %d", tc.today, got, tc.want)
		}
	}
	r := Streak{Current: 5, Best: 7, Last: "2025-03-10", Frozen: []Day{"2025-03-11", "2025-03-12"}}
	if got := r.CurrentOn("2025-03-13"); got != 5 {
		t.Errorf("over frozen days CurrentOn = %d, want 5", got)
	}
	if got := (Streak{}).CurrentOn("2025-03-13"); got != 0 {
		t.Errorf("empty streak CurrentOn = %d, want 0", got)
	}
}

func TestStreakFrozenBounded(t *testing.T) {
	s := Streak{Current: 1, Best: 1, Last: "2025-01-01"}
	s = s.FreezeRange("2025-01-02", "2030-01-01")
	if len(s.Frozen) != MaxFrozen {
		t.Fatalf("FreezeRange kept %d days, want %d", len(s.Frozen), MaxFrozen)
	}
	if s.Frozen[0] != "2025-01-02" || s.Frozen[MaxFrozen-1] != Day("2025-01-02").Add(MaxFrozen-1) {
		t.Errorf("FreezeRange kept %s..%s", s.Frozen[0], s.Frozen[len(s.Frozen)-1])
	}
	// More freezes beyond the cap keep the earliest days.
	s = s.Freeze("2024-12-31", "2031-01-01", "2025-01-05")
	if len(s.Frozen) != MaxFrozen || s.Frozen[0] != "2025-01-02" || !slices.IsSorted(s.Frozen) {
		t.Errorf("after more freezes: %d days from %s", len(s.Frozen), s.Frozen[0])
	}
	if got := s.Complete(Day("2025-01-02").Add(MaxFrozen)); got.Current != 2 {
		t.Errorf("a completion right after 400 frozen days: Current %d, want 2", got.Current)
	}
	if got := s.Complete(Day("2025-01-02").Add(MaxFrozen + 1)); got.Current != 1 {
		t.Errorf("a completion after more than 400 frozen days: Current %d, want 1", got.Current)
	}
	// Duplicates and disorder are cleaned up.
	d := Streak{}.Freeze("2025-05-03", "2025-05-01", "2025-05-03", "2025-05-02", "2025-05-01")
	if want := []Day{"2025-05-01", "2025-05-02", "2025-05-03"}; !slices.Equal(d.Frozen, want) {
		t.Errorf("Frozen = %v, want %v", d.Frozen, want)
	}
}

// Streak values share their Frozen arrays; no method may write through it.
func TestStreakDoesNotAlias(t *testing.T) {
	frozen := make([]Day, 2, 10)
	frozen[0], frozen[1] = "2025-03-05", "2025-03-03"
	s := Streak{Current: 1, Best: 1, Last: "2025-03-01", Frozen: frozen}
	_ = s.Freeze("2025-03-04", "2025-03-02")
	_ = s.FreezeRange("2025-03-02", "2025-03-09")
	_ = s.Complete("2025-03-04")
	_ = s.Settle("2025-03-20")
	_ = s.CurrentOn("2025-03-06")
	if !slices.Equal(frozen[:2], []Day{"2025-03-05", "2025-03-03"}) || !slices.Equal(frozen[:3], []Day{"2025-03-05", "2025-03-03", ""}) {
		t.Errorf("the original Frozen array was modified: %v", frozen[:3])
	}
}

func TestStreakSettle(t *testing.T) {
	s := Streak{Current: 4, Best: 6, Last: "2025-03-10", Frozen: []Day{"2025-03-12", "2025-03-13", "2025-03-20"}}
	// The 11th was missed: by the 14th the streak is over.
	got := s.Settle("2025-03-14")
	want := Streak{Current: 0, Best: 6, Last: "2025-03-10", Frozen: []Day{"2025-03-20"}}
	if !streakEqual(got, want) {
		t.Errorf("Settle = %+v, want %+v", got, want)
	}
	// Settling changes nothing a later completion would see.
	for _, d := range []Day{"2025-03-14", "2025-03-19", "2025-03-21"} {
		if a, b := s.Complete(d), got.Complete(d); a.Current != b.Current || a.Best != b.Best {
			t.Errorf("Complete(%s): %+v unsettled, %+v settled", d, a, b)
		}
	}
	// A live streak is left alone.
	live := Streak{Current: 4, Best: 6, Last: "2025-03-10", Frozen: []Day{"2025-03-11"}}
	if got := live.Settle("2025-03-12"); !streakEqual(got, live) {
		t.Errorf("Settle of a live streak = %+v", got)
	}
}

// A user completes routines at these instants in these zones; each counts
// for its day in the zone of the moment, across daylight-saving days.
func TestStreakAcrossDST(t *testing.T) {
	const b4 = 4 * 60
	type completion struct {
		at  time.Time
		day Day // the day it counts for
	}
	for _, tc := range []struct {
		zone string
		runs []completion
		want int
	}{
		{"Europe/London", []completion{
			{utc(2025, 3, 29, 20, 0), "2025-03-29"},  // 20:00 GMT
			{utc(2025, 3, 29, 23, 30), "2025-03-29"}, // 23:30 GMT, same day again
			{utc(2025, 3, 30, 2, 30), "2025-03-29"},  // 03:30 BST, still the 29th
			{utc(2025, 3, 30, 22, 45), "2025-03-30"}, // 23:45 BST on the short day
			{utc(2025, 3, 31, 5, 0), "2025-03-31"},   // 06:00 BST
			{utc(2025, 10, 25, 18, 0), "2025-10-25"},
			{utc(2025, 10, 26, 0, 30), "2025-10-25"}, // 01:30 BST
			{utc(2025, 10, 26, 1, 30), "2025-10-25"}, // 01:30 GMT, the hour again
			{utc(2025, 10, 27, 1, 30), "2025-10-26"}, // 01:30 GMT next night
		}, 2},
		{"America/New_York", []completion{
			{utc(2025, 3, 8, 23, 0), "2025-03-08"},  // 18:00 EST
			{utc(2025, 3, 9, 7, 30), "2025-03-08"},  // 03:30 EDT, before the boundary
			{utc(2025, 3, 9, 12, 0), "2025-03-09"},  // 08:00 EDT
			{utc(2025, 3, 10, 4, 30), "2025-03-09"}, // 00:30 EDT
			{utc(2025, 3, 10, 12, 0), "2025-03-10"},
		}, 3},
		{"America/New_York", []completion{
			{utc(2025, 11, 1, 12, 0), "2025-11-01"},
			{utc(2025, 11, 2, 5, 30), "2025-11-01"}, // 01:30 EDT
			{utc(2025, 11, 2, 6, 30), "2025-11-01"}, // 01:30 EST
			{utc(2025, 11, 2, 14, 0), "2025-11-02"},
		}, 2},
		{"Australia/Adelaide", []completion{
			{utc(2025, 4, 5, 9, 30), "2025-04-05"},  // 20:00 ACDT
			{utc(2025, 4, 5, 17, 0), "2025-04-05"},  // 02:30 ACST after the change
			{utc(2025, 4, 6, 9, 30), "2025-04-06"},  // 19:00 ACST
			{utc(2025, 10, 4, 9, 30), "2025-10-04"}, // 19:00 ACST
			{utc(2025, 10, 4, 17, 0), "2025-10-04"}, // 03:30 ACDT
			{utc(2025, 10, 5, 8, 30), "2025-10-05"}, // 19:00 ACDT
		}, 2},
		{"Pacific/Auckland", []completion{
			{utc(2025, 4, 5, 7, 0), "2025-04-05"},   // 20:00 NZDT
			{utc(2025, 4, 5, 14, 30), "2025-04-05"}, // 02:30 NZST
			{utc(2025, 4, 6, 7, 0), "2025-04-06"},   // 19:00 NZST
			{utc(2025, 4, 7, 7, 0), "2025-04-07"},
		}, 3},
	} {
		loc := mustZone(t, tc.zone)
		var s Streak
		for _, c := range tc.runs {
			d := DayOf(c.at, loc, b4)
			if d != c.day {
				t.Errorf("%s: completion at %v counts for %s, want %s", tc.zone, c.at, d, c.day)
			}
			s = s.Complete(d)
		}
		if s.Current != tc.want {
			t.Errorf("%s: streak %d, want %d", tc.zone, s.Current, tc.want)
		}
	}
}

// The time-zone rule: each completion counts for its day in the zone the
// user had when completing it, and ChangeZone freezes the days a move east
// skips, so flying is no break; moving west repeats days, counted once.
func TestStreakZoneChange(t *testing.T) {
	const b4 = 4 * 60
	london, sydney := mustZone(t, "Europe/London"), mustZone(t, "Australia/Sydney")
	newYork := mustZone(t, "America/New_York")

	t.Run("London to Sydney, the travel day not done", func(t *testing.T) {
		s := Streak{}.Complete(DayOf(utc(2025, 3, 10, 8, 0), london, b4)) // Mon 08:00 GMT
		// Changes zone on landing: Tue 21:00 GMT is Wed 08:00 AEDT.
		s = s.ChangeZone(utc(2025, 3, 11, 21, 0), london, sydney, b4)
		if want := []Day{"2025-03-11"}; !slices.Equal(s.Frozen, want) {
			t.Fatalf("Frozen = %v, want %v", s.Frozen, want)
		}
		if got := s.CurrentOn(DayOf(utc(2025, 3, 11, 21, 0), sydney, b4)); got != 1 {
			t.Errorf("shown on arrival = %d, want 1", got)
		}
		s = s.Complete(DayOf(utc(2025, 3, 12, 8, 0), sydney, b4)) // Wed 19:00 AEDT
		if s.Current != 2 || s.Last != "2025-03-12" {
			t.Errorf("after the first routine in Sydney: %+v, want 2 on 2025-03-12", s)
		}
		// Without ChangeZone the skipped Tuesday would break it.
		plain := Streak{}.Complete("2025-03-10").Complete(DayOf(utc(2025, 3, 12, 8, 0), sydney, b4))
		if plain.Current != 1 {
			t.Errorf("without ChangeZone: %d, want 1", plain.Current)
		}
	})

	t.Run("London to Sydney, the day done before leaving", func(t *testing.T) {
		s := Streak{}.Complete("2025-03-10").Complete(DayOf(utc(2025, 3, 11, 7, 0), london, b4))
		s = s.ChangeZone(utc(2025, 3, 11, 21, 0), london, sydney, b4)
		if len(s.Frozen) != 0 {
			t.Errorf("Frozen = %v, want none: Tuesday was done", s.Frozen)
		}
		s = s.Complete(DayOf(utc(2025, 3, 12, 8, 0), sydney, b4))
		if s.Current != 3 {
			t.Errorf("streak %d, want 3", s.Current)
		}
	})

	t.Run("Sydney to London, no double count", func(t *testing.T) {
		s := Streak{}.Complete(DayOf(utc(2025, 3, 11, 8, 0), sydney, b4)) // Tue 19:00 AEDT
		s = s.Complete(DayOf(utc(2025, 3, 12, 8, 0), sydney, b4))         // Wed 19:00 AEDT
		// Lands in London on Wed 20:00 GMT: still Wednesday there.
		s = s.ChangeZone(utc(2025, 3, 12, 20, 0), sydney, london, b4)
		if len(s.Frozen) != 0 {
			t.Errorf("moving west froze %v", s.Frozen)
		}
		s = s.Complete(DayOf(utc(2025, 3, 12, 21, 0), london, b4)) // Wed again
		if s.Current != 2 || s.Last != "2025-03-12" {
			t.Errorf("Wednesday counted twice: %+v", s)
		}
		s = s.Complete(DayOf(utc(2025, 3, 13, 8, 0), london, b4))
		if s.Current != 3 {
			t.Errorf("streak %d, want 3", s.Current)
		}
	})

	t.Run("New York to London overnight", func(t *testing.T) {
		s := Streak{}.Complete(DayOf(utc(2025, 6, 2, 12, 0), newYork, b4)) // Mon 08:00 EDT
		// Leaves Mon 19:00 EDT, lands Tue 07:00 BST = 06:00 UTC; it is
		// Tue 02:00 in New York, still Monday's streak day there.
		s = s.ChangeZone(utc(2025, 6, 3, 6, 0), newYork, london, b4)
		if len(s.Frozen) != 0 {
			t.Errorf("Frozen = %v: Monday was done, nothing was skipped", s.Frozen)
		}
		s = s.Complete(DayOf(utc(2025, 6, 3, 17, 0), london, b4))
		if s.Current != 2 {
			t.Errorf("streak %d, want 2", s.Current)
		}
	})

	t.Run("a change inside one zone's day freezes nothing", func(t *testing.T) {
		s := Streak{Current: 3, Best: 3, Last: "2025-03-10"}
		got := s.ChangeZone(utc(2025, 3, 11, 12, 0), london, mustZone(t, "Europe/Paris"), b4)
		if !streakEqual(got, s) {
			t.Errorf("ChangeZone London→Paris at noon = %+v", got)
		}
	})
}

func BenchmarkDayOf(b *testing.B) {
	loc := mustZone(b, "America/New_York")
	at := utc(2025, 11, 2, 6, 30) // 01:30 EST, before the boundary: the slow path
	for b.Loop() {
		_ = DayOf(at, loc, 4*60)
	}
}
