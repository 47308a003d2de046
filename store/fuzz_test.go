package store

import (
	"context"
	"errors"
	"slices"
	"testing"
	"time"

	"github.com/stretchbot/stretchbot/coach"
)

// FuzzDecode stores arbitrary bytes as a user's state and as one of their
// records, then runs every read and write path over them: nothing may
// panic, reads fail only with coach.ErrCorrupt, and a Save and a Delete
// always repair the user.
func FuzzDecode(f *testing.F) {
	for _, seed := range []string{
		`{"user":1,"phase":"idle","profile":{"zone":"UTC","morning":420,"evening":1140,"onboarded":true}}`,
		`{"kind":"routine","at":"2026-03-02T06:30:00Z","routine":{"slot":"morning","items":[{"stretch":"x"}]}}`,
		`{"kind":"redflag","redflag":{"level":"emergency"}}`,
		`{"wake_at":"0001-01-01T00:00:00Z","profile":{"zone":"A\u0000B","morning":-1}}`,
		`null`, `{`, ``,
	} {
		f.Add([]byte(seed))
	}
	db := openTest(f, Options{NoSync: true})
	ctx := context.Background()
	var next coach.UserID
	f.Fuzz(func(t *testing.T, data []byte) {
		next++
		u := next
		putRaw(t, db, bucketUsers, userKey(u), data)
		putRaw(t, db, bucketRecords, append(recordPrefix(u, t0), 0, 0), data)

		if _, err := db.Load(ctx, u); err != nil && !errors.Is(err, coach.ErrCorrupt) {
			t.Fatalf("Load: %v", err)
		}
		if _, err := db.Records(ctx, u, time.Time{}); err != nil && !errors.Is(err, coach.ErrCorrupt) {
			t.Fatalf("Records: %v", err)
		}
		if _, err := db.Stats(ctx); err != nil {
			t.Fatalf("Stats: %v", err)
		}
		st := onboarded(u, "Europe/Oslo", 400, 1000)
		st.WakeAt = t0
		mustSave(t, db, st)
		if got, err := db.Load(ctx, u); err != nil || got.Profile.Zone != "Europe/Oslo" {
			t.Fatalf("Load after Save: %+v, %v", got.Profile, err)
		}
		if due, err := db.Due(ctx, "Europe/Oslo", 400); err != nil || !slices.Contains(due, u) {
			t.Fatalf("Due after Save = %v, %v", due, err)
		}
		if err := db.Delete(ctx, u); err != nil {
			t.Fatalf("Delete: %v", err)
		}
		if due, _ := db.Due(ctx, "Europe/Oslo", 400); len(due) != 0 {
			t.Fatalf("Due after Delete = %v", due)
		}
		if wakes, _ := db.Wakes(ctx, t0); len(wakes) != 0 {
			t.Fatalf("Wakes after Delete = %v", wakes)
		}
		if zones, _ := db.Zones(ctx); len(zones) != 0 {
			t.Fatalf("Zones after Delete = %v", zones)
		}
	})
}

// FuzzRecordOrder saves records at arbitrary instants and checks that
// Records returns them oldest first and honours since.
func FuzzRecordOrder(f *testing.F) {
	f.Add(int64(0), int64(0), int64(1), int64(0), int64(0))
	f.Add(int64(-1), int64(999999999), int64(1), int64(-1), int64(5))
	f.Add(int64(-62135596800), int64(0), int64(253402300799), int64(0), int64(1772433000))
	f.Add(int64(9223372036), int64(854775807), int64(9223372037), int64(0), int64(9223372036))
	db := openTest(f, Options{NoSync: true})
	ctx := context.Background()
	var next coach.UserID
	f.Fuzz(func(t *testing.T, secA, nsecA, secB, nsecB, sinceSec int64) {
		next++
		u := next
		a := time.Unix(secA, nsecA).UTC()
		b := time.Unix(secB, nsecB).UTC()
		since := time.Unix(sinceSec, 0).UTC()
		if sinceSec == 0 {
			since = time.Time{} // all records
		}
		err := db.Save(ctx, onboarded(u, "UTC", 1, 2), []coach.Record{routine(a, 1), routine(b, 2)})
		if err != nil {
			// JSON cannot encode years outside 0-9999; nothing is stored.
			if a.Year() < 0 || a.Year() > 9999 || b.Year() < 0 || b.Year() > 9999 {
				return
			}
			t.Fatalf("Save: %v", err)
		}
		all, err := db.Records(ctx, u, time.Time{})
		if err != nil || len(all) != 2 {
			t.Fatalf("Records = %v, %v", all, err)
		}
		// Instants outside UnixNano's range (years 1678-2262) share the
		// clamped key and keep save order; in range, order is by instant.
		if inNanoRange(a) && inNanoRange(b) && all[1].At.Before(all[0].At) {
			t.Fatalf("Records out of order: %v then %v", all[0].At, all[1].At)
		}
		if a.Equal(b) && (all[0].Routine.Pain != 1 || all[1].Routine.Pain != 2) {
			t.Fatalf("equal instants not kept in save order")
		}
		got, err := db.Records(ctx, u, since)
		if err != nil {
			t.Fatal(err)
		}
		want := 0
		for _, r := range all {
			if since.IsZero() || !r.At.Before(since) {
				want++
			}
		}
		if len(got) != want {
			t.Fatalf("Records since %v: %d, want %d (a=%v b=%v)", since, len(got), want, a, b)
		}
		if err := db.Delete(ctx, u); err != nil {
			t.Fatal(err)
		}
	})
}

// inNanoRange reports whether t is within the range of time.Time.UnixNano.
func inNanoRange(t time.Time) bool {
	s := t.Unix()
	return s >= minNanoSec && s <= maxNanoSec
}
