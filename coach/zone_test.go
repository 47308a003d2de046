package coach

import (
	"encoding/json"
	"errors"
	"strings"
	"sync"
	"testing"
	"time"
)

func TestParseZone(t *testing.T) {
	for _, tc := range []struct {
		in, want string
	}{
		// IANA names, any case and spacing.
		{"Europe/London", "Europe/London"},
		{"europe/london", "Europe/London"},
		{"EUROPE/LONDON", "Europe/London"},
		{"America/New York", "America/New_York"},
		{"america / new_york", "America/New_York"},
		{"America/Port-au-Prince", "America/Port-au-Prince"},
		{"america/port au prince", "America/Port-au-Prince"},
		{"America/Argentina/Buenos_Aires", "America/Argentina/Buenos_Aires"},
		{"Asia/Calcutta", "Asia/Calcutta"},
		{"asia/kolkata", "Asia/Kolkata"},
		{"Australia/Adelaide", "Australia/Adelaide"},
		{"Etc/GMT+5", "Etc/GMT+5"},
		{"Europe/London (GMT+1)", "Europe/London"},
		// Cities, countries, abbreviations.
		{"London", "Europe/London"},
		{"london", "Europe/London"},
		{"  LONDON  ", "Europe/London"},
		{"new york", "America/New_York"},
		{"New York City", "America/New_York"},
		{"NYC", "America/New_York"},
		{"São Paulo", "America/Sao_Paulo"},
		{"sao paulo", "America/Sao_Paulo"},
		{"SAO PAULO", "America/Sao_Paulo"},
		{"Sa\u0303o Paulo", "America/Sao_Paulo"}, // decomposed accent
		{"Mumbai", "Asia/Kolkata"},
		{"Bangalore", "Asia/Kolkata"},
		{"Bengaluru", "Asia/Kolkata"},
		{"Delhi", "Asia/Kolkata"},
		{"Adelaide", "Australia/Adelaide"},
		{"Kathmandu", "Asia/Kathmandu"},
		{"Tehran", "Asia/Tehran"},
		{"St. John's", "America/St_Johns"},
		{"st johns", "America/St_Johns"},
		{"Saint John’s", "America/St_Johns"},
		{"St Petersburg", "Europe/Moscow"},
		{"Saint-Petersburg", "Europe/Moscow"},
		{"The Hague", "Europe/Amsterdam"},
		{"Köln", "Europe/Berlin"},
		{"Koln", "Europe/Berlin"},
		{"Zürich", "Europe/Zurich"},
		{"Kraków", "Europe/Warsaw"},
		{"Łódź", "Europe/Warsaw"},
		{"İzmir", "Europe/Istanbul"},
		{"Germany", "Europe/Berlin"},
		{"India", "Asia/Kolkata"},
		{"Japan", "Asia/Tokyo"},
		{"UK", "Europe/London"},
		{"EST", "America/New_York"},
		{"pst", "America/Los_Angeles"},
		{"Paris, France", "Europe/Paris"},
		{"I live in Berlin", "Europe/Berlin"},
		{"in Tokyo", "Asia/Tokyo"},
		{"Mexico City", "America/Mexico_City"},
		{"Quebec City", "America/Toronto"},
		{"Ho Chi Minh City", "Asia/Ho_Chi_Minh"},
		{"Dar es Salaam", "Africa/Dar_es_Salaam"},
		{"Ouagadougou", "Africa/Ouagadougou"},
		{"Reykjavik", "Atlantic/Reykjavik"},
		// From the last part of an IANA name, not in the hand-written list.
		{"Tegucigalpa", "America/Tegucigalpa"},
		{"Ulaanbaatar", "Asia/Ulaanbaatar"},
		{"Nouakchott", "Africa/Nouakchott"},
		// Offsets.
		{"UTC", "UTC"},
		{"utc", "UTC"},
		{"GMT", "UTC"},
		{"UTC+0", "UTC"},
		{"GMT-0", "UTC"},
		{"utc0", "UTC"},
		{"UTC+2", "UTC+02:00"},
		{"GMT-5", "UTC-05:00"},
		{"gmt -5", "UTC-05:00"},
		{"+05:30", "UTC+05:30"},
		{"utc +5.5", "UTC+05:30"},
		{"UTC+5:45", "UTC+05:45"},
		{"+0545", "UTC+05:45"},
		{"+530", "UTC+05:30"},
		{"UTC−3", "UTC-03:00"},
		{"UTC-12", "UTC-12:00"},
		{"UTC+14", "UTC+14:00"},
		{"UTC+12:45", "UTC+12:45"},
		{"UTC+9.75", "UTC+09:45"},
		{"-03:00", "UTC-03:00"},
	} {
		got, ok := ParseZone(tc.in)
		if !ok || got != tc.want {
			t.Errorf("ParseZone(%q) = %q, %v; want %q, true", tc.in, got, ok, tc.want)
		}
	}
}

func TestParseZoneRejects(t *testing.T) {
	for _, in := range []string{
		"", "   ", "banana", "Local", "local", "Europe/Londres", "Europe//London",
		"../../etc/passwd", "/etc/passwd", "Europe/", "/London", "United States",
		"USA", "Canada", "Russia", "Australia", "Brazil", "Spain", "Georgia",
		"UTC+15", "UTC-13", "UTC+5:20", "UTC+5:60", "+5.3", "UTC+", "5", "+", "utc+-5",
		"UTC+123456", "GMT+5h", "Factory", "🇬🇧", "\xff\xfe", "London\x00",
		strings.Repeat("London", 1000),
	} {
		if got, ok := ParseZone(in); ok {
			t.Errorf("ParseZone(%q) = %q, true; want false", in, got)
		}
	}
}

func TestLoadZone(t *testing.T) {
	for _, tc := range []struct {
		name   string
		offset int // seconds east of UTC on 2025-01-15 12:00 UTC
	}{
		{"UTC", 0},
		{"UTC+05:30", 5*3600 + 1800},
		{"UTC-03:00", -3 * 3600},
		{"UTC+14:00", 14 * 3600},
		{"UTC-12:00", -12 * 3600},
		{"Europe/London", 0},
		{"America/New_York", -5 * 3600},
		{"Australia/Adelaide", 10*3600 + 1800}, // summer there
		{"Asia/Kathmandu", 5*3600 + 2700},
		{"Asia/Calcutta", 5*3600 + 1800},
	} {
		loc, err := LoadZone(tc.name)
		if err != nil {
			t.Errorf("LoadZone(%q): %v", tc.name, err)
			continue
		}
		_, off := time.Date(2025, 1, 15, 12, 0, 0, 0, time.UTC).In(loc).Zone()
		if off != tc.offset {
			t.Errorf("LoadZone(%q) offset = %d, want %d", tc.name, off, tc.offset)
		}
	}
	for _, bad := range []string{
		"", "Local", "Nowhere/City", "UTC+5", "UTC+05:30 ", "UTC+00:00", "UTC+15:00",
		"UTC+05:20", "Europe//London", "../zoneinfo/UTC", "Europe/London/", "-Europe/London",
		"utc", "europe/london",
	} {
		if _, err := LoadZone(bad); !errors.Is(err, ErrUnknownZone) {
			t.Errorf("LoadZone(%q) error = %v, want ErrUnknownZone", bad, err)
		}
	}
}

// Each zone is loaded once and shared, also under concurrent first use.
func TestLoadZoneCachesConcurrently(t *testing.T) {
	names := []string{"Europe/Paris", "Asia/Tokyo", "UTC+03:00", "America/Chicago"}
	var wg sync.WaitGroup
	got := make([][]*time.Location, 8)
	for g := range got {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for _, n := range names {
				l, err := LoadZone(n)
				if err != nil {
					t.Error(err)
					return
				}
				got[g] = append(got[g], l)
			}
		}()
	}
	wg.Wait()
	for g := range got {
		for i := range names {
			if got[g][i] != got[0][i] {
				t.Fatalf("goroutine %d got a different *time.Location for %s", g, names[i])
			}
		}
	}
	if a, b := mustZone(t, "Asia/Tokyo"), mustZone(t, "Asia/Tokyo"); a != b {
		t.Error("LoadZone did not reuse the cached location")
	}
}

func mustZone(t testing.TB, name string) *time.Location {
	t.Helper()
	l, err := LoadZone(name)
	if err != nil {
		t.Fatal(err)
	}
	return l
}

func TestZoneLabel(t *testing.T) {
	winter := time.Date(2025, 1, 15, 12, 0, 0, 0, time.UTC)
	summer := time.Date(2025, 7, 15, 12, 0, 0, 0, time.UTC)
	for _, tc := range []struct {
		name string
		at   time.Time
		want string
	}{
		{"Europe/London", winter, "Europe/London (GMT+0)"},
		{"Europe/London", summer, "Europe/London (GMT+1)"},
		{"America/New_York", winter, "America/New_York (GMT-5)"},
		{"America/New_York", summer, "America/New_York (GMT-4)"},
		{"Asia/Kolkata", winter, "Asia/Kolkata (GMT+5:30)"},
		{"Australia/Adelaide", winter, "Australia/Adelaide (GMT+10:30)"},
		{"Australia/Adelaide", summer, "Australia/Adelaide (GMT+9:30)"},
		{"America/St_Johns", winter, "America/St_Johns (GMT-3:30)"},
		{"UTC+05:30", winter, "UTC+05:30"},
		{"UTC", winter, "UTC"},
		{"Nowhere/City", winter, "Nowhere/City"},
	} {
		if got := ZoneLabel(tc.name, tc.at); got != tc.want {
			t.Errorf("ZoneLabel(%q, %v) = %q, want %q", tc.name, tc.at, got, tc.want)
		}
	}
}

// The zone data is consistent: every zone listed and every place's zone
// loads, no key names two zones, and the hand-written places are many.
func TestCitiesData(t *testing.T) {
	var f citiesFile
	if err := json.Unmarshal(citiesJSON, &f); err != nil {
		t.Fatal(err)
	}
	if _, err := buildZoneIndex(citiesJSON); err != nil {
		t.Fatal(err)
	}
	listed := map[string]bool{}
	for _, z := range f.Zones {
		if listed[z] {
			t.Errorf("zone %s listed twice", z)
		}
		listed[z] = true
		if _, err := time.LoadLocation(z); err != nil {
			t.Errorf("listed zone %s does not load: %v", z, err)
		}
	}
	places := 0
	for z, names := range f.Places {
		if !listed[z] {
			t.Errorf("places use %s, which is not in zones", z)
		}
		if _, err := LoadZone(z); err != nil {
			t.Errorf("places use %s: %v", z, err)
		}
		for _, n := range names {
			places++
			if got, ok := ParseZone(n); !ok || got != z {
				t.Errorf("ParseZone(%q) = %q, %v; the data says %s", n, got, ok, z)
			}
		}
	}
	if places < 300 {
		t.Errorf("only %d places; want at least 300", places)
	}
	idx, err := zones()
	if err != nil {
		t.Fatal(err)
	}
	for k, z := range idx.iana {
		if zoneKey(z) != k {
			t.Errorf("iana key %q for %s is not zoneKey(%s)", k, z, z)
		}
	}
}

// Every IANA name in the list parses to itself, in any case.
func TestParseZoneEveryListedName(t *testing.T) {
	var f citiesFile
	if err := json.Unmarshal(citiesJSON, &f); err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, z := range f.Zones {
		if !strings.Contains(z, "/") {
			continue
		}
		n++
		for _, in := range []string{z, strings.ToLower(z), strings.ToUpper(z), strings.ReplaceAll(z, "_", " ")} {
			if got, ok := ParseZone(in); !ok || got != z {
				t.Errorf("ParseZone(%q) = %q, %v; want %q", in, got, ok, z)
			}
		}
	}
	if n < 400 {
		t.Errorf("only %d IANA names checked", n)
	}
}

// Every offset in range, in 15-minute steps, parses, has a canonical name
// that parses to itself, and loads with the right offset.
func TestOffsetsRoundTrip(t *testing.T) {
	count := 0
	for off := minOffset; off <= maxOffset; off += offsetStep {
		name := offsetName(off)
		got, ok := ParseZone(name)
		if !ok || got != name {
			t.Fatalf("ParseZone(%q) = %q, %v", name, got, ok)
		}
		loc, err := LoadZone(name)
		if err != nil {
			t.Fatalf("LoadZone(%q): %v", name, err)
		}
		if _, o := time.Now().In(loc).Zone(); o != off {
			t.Fatalf("LoadZone(%q) offset %d, want %d", name, o, off)
		}
		count++
	}
	if count != 105 {
		t.Errorf("%d offsets, want 105", count)
	}
}

func FuzzParseZone(f *testing.F) {
	for _, s := range []string{"London", "europe/london", "America/New York", "São Paulo", "UTC+5:30", "gmt -5", "+0545", "St. John's", "banana", "Europe//London"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		name, ok := ParseZone(s)
		if !ok {
			return
		}
		if _, err := LoadZone(name); err != nil {
			t.Fatalf("ParseZone(%q) = %q, which does not load: %v", s, name, err)
		}
		if again, ok := ParseZone(name); !ok || again != name {
			t.Fatalf("ParseZone(%q) = %q, but ParseZone(%q) = %q, %v", s, name, name, again, ok)
		}
	})
}

func BenchmarkLoadZoneCached(b *testing.B) {
	mustZone(b, "Europe/London")
	for b.Loop() {
		if _, err := LoadZone("Europe/London"); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkParseZoneCity(b *testing.B) {
	for b.Loop() {
		if _, ok := ParseZone("São Paulo"); !ok {
			b.Fatal("not parsed")
		}
	}
}
