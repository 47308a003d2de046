package store

import (
	"bytes"
	"context"
	"encoding/json"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchbot/stretchbot/coach"
	bolt "go.etcd.io/bbolt"
)

// t0 is the fixed instant tests start from.
var t0 = time.Date(2026, 3, 2, 6, 30, 0, 0, time.UTC)

// openTest opens a fresh database in a new directory under t.TempDir and
// closes it when the test ends.
func openTest(t testing.TB, opt Options) *DB {
	t.Helper()
	path := filepath.Join(t.TempDir(), "data", "stretchbot.db")
	db, err := Open(path, opt)
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	t.Cleanup(func() { _ = db.Close() })
	return db
}

// onboarded returns the state of a user who finished onboarding.
func onboarded(id coach.UserID, zone string, morning, evening coach.Clock) coach.State {
	return coach.State{
		User:  id,
		Phase: coach.PhaseIdle,
		Turn:  3,
		Profile: coach.Profile{
			Zone:        zone,
			Morning:     morning,
			Evening:     evening,
			Onboarded:   true,
			QuietStart:  22 * 60,
			QuietEnd:    7 * 60,
			DayBoundary: 4 * 60,
			SafetyCheck: t0,
		},
		Streak:  coach.Streak{Current: 2, Best: 5, Last: "2026-03-01"},
		Created: t0.Add(-72 * time.Hour),
		Updated: t0,
	}
}

// routine returns a completed routine record at at.
func routine(at time.Time, pain int) coach.Record {
	return coach.Record{
		Kind: coach.RecordRoutine,
		At:   at,
		Day:  coach.Day(at.Format("2006-01-02")),
		Routine: &coach.RoutineRecord{
			Slot:    coach.Morning,
			Started: at.Add(-15 * time.Minute),
			Items: []coach.Item{
				{Stretch: "cat-cow", Outcome: coach.OutcomeDone},
				{Stretch: "knee-to-chest", Outcome: coach.OutcomeSkipped, Hurt: 3},
			},
			Completed: true,
			Pain:      pain,
		},
	}
}

// redFlag returns a red-flag record at at.
func redFlag(at time.Time, level coach.Level) coach.Record {
	return coach.Record{
		Kind:    coach.RecordRedFlag,
		At:      at,
		Day:     coach.Day(at.Format("2006-01-02")),
		RedFlag: &coach.RedFlagRecord{Level: level, Flags: []string{"numbness"}, Source: "hurts"},
	}
}

// mustSave saves or fails the test.
func mustSave(t testing.TB, db *DB, st coach.State, recs ...coach.Record) {
	t.Helper()
	if err := db.Save(context.Background(), st, recs); err != nil {
		t.Fatalf("Save user %d: %v", st.User, err)
	}
}

// jsonEqual compares two values by their JSON encoding, which is what the
// store keeps (time.Time values lose their monotonic reading and location
// pointer in a round trip).
func jsonEqual(t testing.TB, got, want any) {
	t.Helper()
	g, err := json.Marshal(got)
	if err != nil {
		t.Fatal(err)
	}
	w, err := json.Marshal(want)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(g, w) {
		t.Errorf("got  %s\nwant %s", g, w)
	}
}

// checkIndexes rebuilds the due, zones and wake indexes from the users
// bucket and fails the test unless the stored indexes are exactly those.
func checkIndexes(t testing.TB, db *DB) {
	t.Helper()
	want := map[string]map[string]string{"due": {}, "zones": {}, "wake": {}}
	got := map[string]map[string]string{"due": {}, "zones": {}, "wake": {}}
	err := db.bolt.View(func(tx *bolt.Tx) error {
		counts := map[string]uint64{}
		err := tx.Bucket(bucketUsers).ForEach(func(k, v []byte) error {
			var f indexFields
			if err := json.Unmarshal(v, &f); err != nil {
				return nil // a corrupt state is in no index
			}
			u := userFromKey(k)
			e := entryOf(f.Profile, f.WakeAt)
			for _, c := range e.clocks {
				want["due"][string(dueKey(e.zone, c, u))] = ""
			}
			if e.indexed() {
				counts[e.zone]++
			}
			if e.hasWake {
				want["wake"][string(wakeKey(e.wake, u))] = ""
			}
			return nil
		})
		if err != nil {
			return err
		}
		for z, n := range counts {
			want["zones"][z] = string(putUint64(n))
		}
		for name := range got {
			err := tx.Bucket([]byte(name)).ForEach(func(k, v []byte) error {
				got[name][string(k)] = string(v)
				return nil
			})
			if err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatalf("checkIndexes: %v", err)
	}
	for name := range want {
		for k, v := range want[name] {
			if g, ok := got[name][k]; !ok || g != v {
				t.Errorf("index %s: key %q: got %q (present %v), want %q", name, k, g, ok, v)
			}
		}
		for k, v := range got[name] {
			if _, ok := want[name][k]; !ok {
				t.Errorf("index %s: stray key %q = %q", name, k, v)
			}
		}
	}
}

// ids is a readable []coach.UserID literal helper.
func ids(u ...coach.UserID) []coach.UserID { return u }
