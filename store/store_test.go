package store

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchbot/stretchbot/coach"
	bolt "go.etcd.io/bbolt"
)

func TestLoadUnknownUser(t *testing.T) {
	db := openTest(t, Options{})
	st, err := db.Load(context.Background(), 77)
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	jsonEqual(t, st, coach.State{User: 77})
	recs, err := db.Records(context.Background(), 77, time.Time{})
	if err != nil || len(recs) != 0 {
		t.Fatalf("Records of unknown user = %v, %v; want none", recs, err)
	}
}

func TestRoundTrip(t *testing.T) {
	ctx := context.Background()
	db := openTest(t, Options{})
	st := onboarded(42, "Europe/Berlin", 7*60+30, 19*60)
	st.Phase = coach.PhaseStretch
	st.Session = &coach.Session{
		ID: 9, Slot: coach.Morning, Day: "2026-03-02", Started: t0, Index: 2, Pain: -1,
		Items: []coach.Item{{Stretch: "cat-cow", Outcome: coach.OutcomeDone}, {Stretch: "child-pose", Gentle: true}},
	}
	st.Pause = &coach.Pause{From: t0, Until: t0.Add(48 * time.Hour), Reason: "flare"}
	st.Hurts = []coach.HurtMark{{Stretch: "child-pose", At: t0}}
	st.Gentle = map[string]coach.Day{"child-pose": "2026-03-02"}
	st.WakeAt = t0.Add(30 * time.Minute)
	st.Reminder = coach.Reminder{LastSlot: "2026-03-02/morning", DoneDay: "2026-03-02", DoneSlot: []coach.Slot{coach.Morning}}
	recs := []coach.Record{routine(t0, 2), redFlag(t0, coach.LevelClinician)}
	mustSave(t, db, st, recs...)

	got, err := db.Load(ctx, 42)
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	jsonEqual(t, got, st)
	gotRecs, err := db.Records(ctx, 42, time.Time{})
	if err != nil {
		t.Fatalf("Records: %v", err)
	}
	jsonEqual(t, gotRecs, recs)
}

func TestRecordsOrderAndSince(t *testing.T) {
	ctx := context.Background()
	db := openTest(t, Options{})
	st := onboarded(5, "UTC", 420, 1140)
	old := time.Date(1960, 1, 1, 0, 0, 0, 0, time.UTC) // negative unix time
	far := time.Date(2400, 1, 1, 0, 0, 0, 0, time.UTC) // beyond UnixNano's range
	// Saved out of order, with equal instants within and across saves.
	mustSave(t, db, st, routine(t0.Add(time.Hour), 1), redFlag(t0, coach.LevelEmergency))
	mustSave(t, db, st, routine(t0, 3), routine(old, 4))
	mustSave(t, db, st, routine(time.Time{}, 5), routine(far, 6), routine(t0.Add(time.Nanosecond), 7))
	// Another user's records must never show up.
	mustSave(t, db, onboarded(6, "UTC", 420, 1140), routine(t0, 9))
	mustSave(t, db, onboarded(4, "UTC", 420, 1140), routine(t0, 9))

	pains := func(recs []coach.Record) []string {
		var out []string
		for _, r := range recs {
			if r.Kind == coach.RecordRedFlag {
				out = append(out, "rf")
			} else {
				out = append(out, fmt.Sprint(r.Routine.Pain))
			}
		}
		return out
	}
	tests := []struct {
		since time.Time
		want  string
	}{
		{time.Time{}, "5 4 rf 3 7 1 6"},
		{old, "4 rf 3 7 1 6"},
		{t0, "rf 3 7 1 6"},
		{t0.Add(time.Nanosecond), "7 1 6"},
		{t0.Add(time.Minute), "1 6"},
		{far, "6"},
		{far.Add(time.Hour), ""},
	}
	for _, tt := range tests {
		recs, err := db.Records(ctx, 5, tt.since)
		if err != nil {
			t.Fatalf("Records since %v: %v", tt.since, err)
		}
		if got := strings.Join(pains(recs), " "); got != tt.want {
			t.Errorf("Records since %v = %q, want %q", tt.since, got, tt.want)
		}
	}
}

func TestDurableAcrossReopen(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "db", "s.db")
	db, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	for i := coach.UserID(1); i <= 50; i++ {
		st := onboarded(i, "Asia/Tokyo", coach.Clock(i), 1000+coach.Clock(i))
		st.WakeAt = t0.Add(time.Duration(i) * time.Minute)
		mustSave(t, db, st, routine(t0.Add(time.Duration(i)*time.Second), int(i%11)))
	}
	if err := db.SetMeta("last-tick", []byte("x")); err != nil {
		t.Fatal(err)
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}

	db, err = Open(path, Options{})
	if err != nil {
		t.Fatalf("reopen: %v", err)
	}
	defer db.Close()
	for i := coach.UserID(1); i <= 50; i++ {
		st, err := db.Load(ctx, i)
		if err != nil || st.Profile.Morning != coach.Clock(i) || !st.WakeAt.Equal(t0.Add(time.Duration(i)*time.Minute)) {
			t.Fatalf("user %d after reopen: %+v, %v", i, st.Profile, err)
		}
		recs, err := db.Records(ctx, i, time.Time{})
		if err != nil || len(recs) != 1 || recs[0].Routine.Pain != int(i%11) {
			t.Fatalf("records of %d after reopen: %v, %v", i, recs, err)
		}
		due, err := db.Due(ctx, "Asia/Tokyo", coach.Clock(i))
		if err != nil || len(due) != 1 || due[0] != i {
			t.Fatalf("Due at %d after reopen = %v, %v", i, due, err)
		}
	}
	if v, err := db.Meta("last-tick"); err != nil || string(v) != "x" {
		t.Fatalf("Meta after reopen = %q, %v", v, err)
	}
	checkIndexes(t, db)
}

func TestFileModes(t *testing.T) {
	t.Run("created", func(t *testing.T) {
		dir := filepath.Join(t.TempDir(), "a", "b")
		path := filepath.Join(dir, "s.db")
		db, err := Open(path, Options{})
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		for p, want := range map[string]os.FileMode{dir: 0o700, filepath.Dir(dir): 0o700, path: 0o600} {
			fi, err := os.Stat(p)
			if err != nil {
				t.Fatal(err)
			}
			if got := fi.Mode().Perm(); got != want {
				t.Errorf("%s: mode %v, want %v", p, got, want)
			}
		}
	})
	t.Run("existing file tightened", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "s.db")
		db, err := Open(path, Options{})
		if err != nil {
			t.Fatal(err)
		}
		db.Close()
		if err := os.Chmod(path, 0o644); err != nil {
			t.Fatal(err)
		}
		db, err = Open(path, Options{})
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		fi, err := os.Stat(path)
		if err != nil {
			t.Fatal(err)
		}
		if got := fi.Mode().Perm(); got != 0o600 {
			t.Errorf("mode %v, want 0600", got)
		}
	})
	t.Run("not a file", func(t *testing.T) {
		if _, err := Open(t.TempDir(), Options{}); err == nil {
			t.Fatal("Open of a directory succeeded")
		}
	})
	t.Run("not a database", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "s.db")
		if err := os.WriteFile(path, []byte(strings.Repeat("not bbolt ", 2000)), 0o600); err != nil {
			t.Fatal(err)
		}
		if _, err := Open(path, Options{}); err == nil {
			t.Fatal("Open of garbage succeeded")
		}
	})
}

func TestLocked(t *testing.T) {
	path := filepath.Join(t.TempDir(), "s.db")
	first, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer first.Close()

	// bbolt's flock belongs to the open file description, so a second Open
	// in the same process conflicts exactly like another process would.
	start := time.Now()
	second, err := Open(path, Options{Timeout: 150 * time.Millisecond})
	waited := time.Since(start)
	if err == nil {
		second.Close()
		t.Fatal("second Open of a locked file succeeded")
	}
	if !errors.Is(err, ErrLocked) {
		t.Fatalf("error %v does not wrap ErrLocked", err)
	}
	want := "database " + path + " is in use by another process (waited 150ms)"
	if err.Error() != want {
		t.Errorf("error %q, want %q", err, want)
	}
	if waited < 150*time.Millisecond || waited > 5*time.Second {
		t.Errorf("waited %v, want about the 150ms timeout", waited)
	}

	// Released: the next Open succeeds.
	if err := first.Close(); err != nil {
		t.Fatal(err)
	}
	third, err := Open(path, Options{Timeout: 150 * time.Millisecond})
	if err != nil {
		t.Fatalf("Open after Close: %v", err)
	}
	third.Close()
}

// putRaw writes v under key in bucket directly, bypassing the store.
func putRaw(t *testing.T, db *DB, bucket, key, v []byte) {
	t.Helper()
	err := db.bolt.Update(func(tx *bolt.Tx) error { return tx.Bucket(bucket).Put(key, v) })
	if err != nil {
		t.Fatal(err)
	}
}

func TestCorrupt(t *testing.T) {
	ctx := context.Background()
	garbage := []struct{ state, record []byte }{
		{[]byte("{not json"), []byte("{not json")},
		{[]byte(`{"phase": 12}`), []byte(`{"kind": 12}`)},
		{[]byte(`{"profile": {"morning": "seven"}}`), []byte(`{"routine": {"items": 3}}`)},
		{[]byte(`[]`), []byte(`[]`)},
		{[]byte(`{"wake_at": "yesterday"}`), []byte(`{"at": "now"}`)},
		{[]byte{0xff, 0x00, 0xfe}, []byte{0xff, 0x00, 0xfe}},
		{[]byte{}, []byte{}},
	}
	for i, tc := range garbage {
		t.Run(fmt.Sprint(i), func(t *testing.T) {
			db := openTest(t, Options{NoSync: true})
			putRaw(t, db, bucketUsers, userKey(8), tc.state)
			_, err := db.Load(ctx, 8)
			if !errors.Is(err, coach.ErrCorrupt) {
				t.Fatalf("Load of %q: error %v, want ErrCorrupt", tc.state, err)
			}
			putRaw(t, db, bucketRecords, append(recordPrefix(8, t0), 0, 0), tc.record)
			if _, err := db.Records(ctx, 8, time.Time{}); !errors.Is(err, coach.ErrCorrupt) {
				t.Fatalf("Records with %q: error %v, want ErrCorrupt", tc.record, err)
			}
			// Other users are unaffected.
			mustSave(t, db, onboarded(9, "UTC", 1, 2), routine(t0, 1))
			if _, err := db.Load(ctx, 9); err != nil {
				t.Fatalf("Load of a healthy user: %v", err)
			}
			if recs, err := db.Records(ctx, 9, time.Time{}); err != nil || len(recs) != 1 {
				t.Fatalf("Records of a healthy user: %v, %v", recs, err)
			}
		})
	}
	t.Run("state of another user", func(t *testing.T) {
		db := openTest(t, Options{NoSync: true})
		mustSave(t, db, onboarded(10, "UTC", 1, 2))
		err := db.bolt.Update(func(tx *bolt.Tx) error {
			b := tx.Bucket(bucketUsers)
			return b.Put(userKey(11), b.Get(userKey(10)))
		})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := db.Load(ctx, 11); !errors.Is(err, coach.ErrCorrupt) {
			t.Fatalf("Load: error %v, want ErrCorrupt", err)
		}
	})
}

func TestCanceledContext(t *testing.T) {
	db := openTest(t, Options{NoSync: true})
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	calls := map[string]error{}
	_, calls["Load"] = db.Load(ctx, 1)
	calls["Save"] = db.Save(ctx, onboarded(1, "UTC", 1, 2), nil)
	_, calls["Records"] = db.Records(ctx, 1, time.Time{})
	calls["Delete"] = db.Delete(ctx, 1)
	_, calls["Due"] = db.Due(ctx, "UTC", 1)
	_, calls["Zones"] = db.Zones(ctx)
	_, calls["Wakes"] = db.Wakes(ctx, t0)
	_, calls["Stats"] = db.Stats(ctx)
	for name, err := range calls {
		if !errors.Is(err, context.Canceled) {
			t.Errorf("%s: error %v, want context.Canceled", name, err)
		}
	}
	if st, err := db.Load(context.Background(), 1); err != nil || st.Phase != coach.PhaseNew {
		t.Errorf("a canceled Save stored something: %+v, %v", st, err)
	}
}

// TestConcurrentSaves runs 64 goroutines, each saving its own users many
// times (moving zones, times and wake-ups) while readers query the
// indexes, then checks every state, every record and the indexes.
func TestConcurrentSaves(t *testing.T) {
	ctx := context.Background()
	db := openTest(t, Options{})
	const writers, usersPer, rounds = 64, 2, 6
	zones := []string{"Europe/Paris", "America/New_York", "Asia/Kolkata"}
	var wg sync.WaitGroup
	errs := make(chan error, writers*usersPer*rounds)
	stop := make(chan struct{})
	var readers sync.WaitGroup
	for r := 0; r < 2; r++ {
		readers.Add(1)
		go func() {
			defer readers.Done()
			for {
				select {
				case <-stop:
					return
				default:
				}
				if _, err := db.Due(ctx, zones[0], 420); err != nil {
					errs <- err
					return
				}
				if _, err := db.Zones(ctx); err != nil {
					errs <- err
					return
				}
				if _, err := db.Load(ctx, 1); err != nil {
					errs <- err
					return
				}
			}
		}()
	}
	for w := 0; w < writers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for round := 0; round < rounds; round++ {
				for k := 0; k < usersPer; k++ {
					u := coach.UserID(w*usersPer + k + 1)
					st := onboarded(u, zones[(int(u)+round)%len(zones)], coach.Clock(400+round), coach.Clock(1100+int(u)%7))
					st.Turn = uint32(round)
					if round%2 == 1 {
						st.WakeAt = t0.Add(time.Duration(u) * time.Second)
					}
					if err := db.Save(ctx, st, []coach.Record{routine(t0.Add(time.Duration(round)*time.Hour), round)}); err != nil {
						errs <- err
						return
					}
				}
			}
		}()
	}
	wg.Wait()
	close(stop)
	readers.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
	for u := coach.UserID(1); u <= writers*usersPer; u++ {
		st, err := db.Load(ctx, u)
		if err != nil || st.Turn != rounds-1 || st.Profile.Zone != zones[(int(u)+rounds-1)%len(zones)] {
			t.Fatalf("user %d: turn %d zone %q, %v", u, st.Turn, st.Profile.Zone, err)
		}
		recs, err := db.Records(ctx, u, time.Time{})
		if err != nil || len(recs) != rounds {
			t.Fatalf("user %d: %d records, %v", u, len(recs), err)
		}
		for i, r := range recs {
			if r.Routine.Pain != i {
				t.Fatalf("user %d: record %d has pain %d", u, i, r.Routine.Pain)
			}
		}
	}
	checkIndexes(t, db)
	wakes, err := db.Wakes(ctx, t0.Add(time.Hour))
	if err != nil || len(wakes) != writers*usersPer {
		t.Fatalf("Wakes = %d users, %v; want %d", len(wakes), err, writers*usersPer)
	}
}
