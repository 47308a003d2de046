package store

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/stretchbot/stretchbot/coach"
	bolt "go.etcd.io/bbolt"
)

// dueCheck is one Due query and its expected answer.
type dueCheck struct {
	zone string
	at   coach.Clock
	want []coach.UserID
}

func TestIndexMaintenance(t *testing.T) {
	const me, other coach.UserID = 42, 7
	paris := onboarded(other, "Europe/Paris", 7*60, 19*60)
	base := onboarded(me, "Asia/Kolkata", 7*60+30, 19*60)
	notYet := base
	notYet.Profile.Onboarded = false
	notYet.Phase = coach.PhaseOnbMorning
	with := func(st coach.State, f func(*coach.State)) coach.State { f(&st); return st }
	wakeSoon := t0.Add(10 * time.Minute)

	tests := []struct {
		name  string
		steps []coach.State // saved in order; the zero State means Delete(me)
		due   []dueCheck
		zones []string
		wakes []coach.UserID // Wakes(t0 + 1h)
	}{
		{
			name:  "not onboarded is not reminded",
			steps: []coach.State{notYet},
			due:   []dueCheck{{"Asia/Kolkata", 450, nil}, {"Europe/Paris", 420, ids(other)}},
			zones: []string{"Europe/Paris"},
		},
		{
			name:  "onboard",
			steps: []coach.State{notYet, base},
			due:   []dueCheck{{"Asia/Kolkata", 450, ids(me)}, {"Asia/Kolkata", 1140, ids(me)}, {"Asia/Kolkata", 420, nil}},
			zones: []string{"Asia/Kolkata", "Europe/Paris"},
		},
		{
			name:  "change zone",
			steps: []coach.State{base, with(base, func(s *coach.State) { s.Profile.Zone = "Europe/Paris" })},
			due: []dueCheck{
				{"Asia/Kolkata", 450, nil}, {"Asia/Kolkata", 1140, nil},
				{"Europe/Paris", 450, ids(me)}, {"Europe/Paris", 1140, ids(other, me)},
			},
			zones: []string{"Europe/Paris"},
		},
		{
			name:  "change times",
			steps: []coach.State{base, with(base, func(s *coach.State) { s.Profile.Morning = 6 * 60 })},
			due:   []dueCheck{{"Asia/Kolkata", 450, nil}, {"Asia/Kolkata", 360, ids(me)}, {"Asia/Kolkata", 1140, ids(me)}},
			zones: []string{"Asia/Kolkata", "Europe/Paris"},
		},
		{
			name: "same morning and evening time",
			steps: []coach.State{base, with(base, func(s *coach.State) { s.Profile.Morning, s.Profile.Evening = 480, 480 }),
				with(base, func(s *coach.State) { s.Profile.Evening = 480 })},
			due:   []dueCheck{{"Asia/Kolkata", 480, ids(me)}, {"Asia/Kolkata", 450, ids(me)}, {"Asia/Kolkata", 1140, nil}},
			zones: []string{"Asia/Kolkata", "Europe/Paris"},
		},
		{
			name:  "block",
			steps: []coach.State{base, with(base, func(s *coach.State) { s.Profile.Blocked = true })},
			due:   []dueCheck{{"Asia/Kolkata", 450, nil}, {"Asia/Kolkata", 1140, nil}},
			zones: []string{"Europe/Paris"},
		},
		{
			name:  "unblock",
			steps: []coach.State{base, with(base, func(s *coach.State) { s.Profile.Blocked = true }), base},
			due:   []dueCheck{{"Asia/Kolkata", 450, ids(me)}, {"Asia/Kolkata", 1140, ids(me)}},
			zones: []string{"Asia/Kolkata", "Europe/Paris"},
		},
		{
			name:  "paused users stay indexed",
			steps: []coach.State{with(base, func(s *coach.State) { s.Pause = &coach.Pause{From: t0, Reason: "redflag"} })},
			due:   []dueCheck{{"Asia/Kolkata", 450, ids(me)}},
			zones: []string{"Asia/Kolkata", "Europe/Paris"},
		},
		{
			name:  "delete",
			steps: []coach.State{with(base, func(s *coach.State) { s.WakeAt = wakeSoon }), {}},
			due:   []dueCheck{{"Asia/Kolkata", 450, nil}, {"Europe/Paris", 1140, ids(other)}},
			zones: []string{"Europe/Paris"},
		},
		{
			name:  "wake set",
			steps: []coach.State{with(base, func(s *coach.State) { s.WakeAt = wakeSoon })},
			zones: []string{"Asia/Kolkata", "Europe/Paris"},
			wakes: ids(me),
		},
		{
			name:  "wake cleared",
			steps: []coach.State{with(base, func(s *coach.State) { s.WakeAt = wakeSoon }), base},
			zones: []string{"Asia/Kolkata", "Europe/Paris"},
		},
		{
			name: "wake moved past the horizon",
			steps: []coach.State{with(base, func(s *coach.State) { s.WakeAt = wakeSoon }),
				with(base, func(s *coach.State) { s.WakeAt = t0.Add(2 * time.Hour) })},
			zones: []string{"Asia/Kolkata", "Europe/Paris"},
		},
		{
			name:  "wake without reminders",
			steps: []coach.State{with(notYet, func(s *coach.State) { s.WakeAt = wakeSoon })},
			zones: []string{"Europe/Paris"},
			wakes: ids(me),
		},
		{
			name:  "unusable zone",
			steps: []coach.State{with(base, func(s *coach.State) { s.Profile.Zone = "Asia\x00Kolkata" })},
			due:   []dueCheck{{"Asia", 450, nil}, {"Asia\x00Kolkata", 450, nil}},
			zones: []string{"Europe/Paris"},
		},
		{
			name:  "no zone",
			steps: []coach.State{with(base, func(s *coach.State) { s.Profile.Zone = "" })},
			due:   []dueCheck{{"", 450, nil}},
			zones: []string{"Europe/Paris"},
		},
		{
			name:  "clock out of range",
			steps: []coach.State{with(base, func(s *coach.State) { s.Profile.Morning, s.Profile.Evening = -5, 1440 })},
			due:   []dueCheck{{"Asia/Kolkata", -5, nil}, {"Asia/Kolkata", 1440, nil}},
			zones: []string{"Europe/Paris"},
		},
		{
			name:  "one clock out of range",
			steps: []coach.State{with(base, func(s *coach.State) { s.Profile.Morning = 3000 })},
			due:   []dueCheck{{"Asia/Kolkata", 1140, ids(me)}},
			zones: []string{"Asia/Kolkata", "Europe/Paris"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ctx := context.Background()
			db := openTest(t, Options{NoSync: true})
			mustSave(t, db, paris)
			for _, st := range tt.steps {
				if st.User == 0 {
					if err := db.Delete(ctx, me); err != nil {
						t.Fatal(err)
					}
				} else {
					mustSave(t, db, st)
				}
				checkIndexes(t, db)
			}
			for _, c := range tt.due {
				got, err := db.Due(ctx, c.zone, c.at)
				if err != nil {
					t.Fatal(err)
				}
				if !slices.Equal(got, c.want) {
					t.Errorf("Due(%q, %d) = %v, want %v", c.zone, c.at, got, c.want)
				}
			}
			zones, err := db.Zones(ctx)
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(zones, tt.zones) {
				t.Errorf("Zones = %q, want %q", zones, tt.zones)
			}
			wakes, err := db.Wakes(ctx, t0.Add(time.Hour))
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(wakes, tt.wakes) {
				t.Errorf("Wakes = %v, want %v", wakes, tt.wakes)
			}
		})
	}
}

func TestWakesBoundary(t *testing.T) {
	ctx := context.Background()
	db := openTest(t, Options{NoSync: true})
	at := t0.Add(500 * time.Millisecond) // between two whole seconds
	for i, w := range []time.Time{at, t0.Add(-time.Hour), t0, t0.Add(time.Second)} {
		st := onboarded(coach.UserID(i+1), "UTC", 1, 2)
		st.WakeAt = w
		mustSave(t, db, st)
	}
	tests := []struct {
		until time.Time
		want  []coach.UserID
	}{
		{t0.Add(-2 * time.Hour), nil},
		{t0.Add(-time.Hour), ids(2)},
		{t0, ids(2, 3)},
		{at, ids(2, 3)}, // never early: user 1 wakes at 0.5 s, the index says 1 s
		{t0.Add(time.Second), ids(2, 3, 1, 4)},
		{time.Unix(-5, 0), nil},
	}
	for _, tt := range tests {
		got, err := db.Wakes(ctx, tt.until)
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("Wakes(%v) = %v, want %v", tt.until, got, tt.want)
		}
	}
}

// TestReindexCorruptState checks that a Save over a state that no longer
// decodes still removes the user's old index keys (found by scanning).
func TestReindexCorruptState(t *testing.T) {
	ctx := context.Background()
	db := openTest(t, Options{NoSync: true})
	mustSave(t, db, onboarded(3, "Europe/Paris", 420, 1140))
	old := onboarded(4, "Asia/Tokyo", 480, 1200)
	old.WakeAt = t0
	mustSave(t, db, old)
	putRaw(t, db, bucketUsers, userKey(4), []byte("{broken"))

	mustSave(t, db, onboarded(4, "Europe/Paris", 420, 1260))
	checkIndexes(t, db)
	if got, _ := db.Due(ctx, "Asia/Tokyo", 480); len(got) != 0 {
		t.Errorf("stale due entry left: %v", got)
	}
	if got, _ := db.Due(ctx, "Europe/Paris", 420); !slices.Equal(got, ids(3, 4)) {
		t.Errorf("Due = %v, want [3 4]", got)
	}
	if got, _ := db.Wakes(ctx, t0); len(got) != 0 {
		t.Errorf("stale wake entry left: %v", got)
	}
	if got, _ := db.Zones(ctx); !slices.Equal(got, []string{"Europe/Paris"}) {
		t.Errorf("Zones = %v", got)
	}

	// Delete of a corrupt user purges too.
	mustSave(t, db, old)
	putRaw(t, db, bucketUsers, userKey(4), []byte("{broken"))
	if err := db.Delete(ctx, 4); err != nil {
		t.Fatal(err)
	}
	checkIndexes(t, db)
	if got, _ := db.Zones(ctx); !slices.Equal(got, []string{"Europe/Paris"}) {
		t.Errorf("Zones after delete = %v", got)
	}
}

// TestIndexFieldsMatchState guards the JSON names indexFields shares with
// coach.State: if coach renames them, the indexes would silently empty.
func TestIndexFieldsMatchState(t *testing.T) {
	db := openTest(t, Options{NoSync: true})
	st := onboarded(1, "America/St_Johns", 390, 1230)
	st.WakeAt = t0
	mustSave(t, db, st)
	err := db.bolt.View(func(tx *bolt.Tx) error {
		got, ok := storedEntry(tx.Bucket(bucketUsers), userKey(1))
		want := entryOf(st.Profile, st.WakeAt)
		if !ok || got.zone != want.zone || !slices.Equal(got.clocks, want.clocks) || got.wake != want.wake || !got.hasWake {
			t.Errorf("stored entry %+v (ok %v), want %+v", got, ok, want)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
