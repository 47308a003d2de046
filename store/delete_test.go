package store

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"github.com/stretchbot/stretchbot/coach"
	bolt "go.etcd.io/bbolt"
)

// walk calls fn for every key and value in the file, nested buckets
// included, with the bucket path for messages.
func walk(t *testing.T, db *DB, fn func(path string, k, v []byte)) {
	t.Helper()
	var visit func(path string, b *bolt.Bucket) error
	visit = func(path string, b *bolt.Bucket) error {
		return b.ForEach(func(k, v []byte) error {
			fn(path, k, v)
			if v == nil {
				if nested := b.Bucket(k); nested != nil {
					return visit(path+"/"+string(k), nested)
				}
			}
			return nil
		})
	}
	err := db.bolt.View(func(tx *bolt.Tx) error {
		return tx.ForEach(func(name []byte, b *bolt.Bucket) error {
			fn("", name, nil)
			return visit(string(name), b)
		})
	})
	if err != nil {
		t.Fatal(err)
	}
}

// TestDeleteLeavesNothing deletes one user and walks every bucket, key and
// value of the file looking for the user's id, as 8 bytes and in decimal.
func TestDeleteLeavesNothing(t *testing.T) {
	ctx := context.Background()
	const gone, kept coach.UserID = 987654321, 123456789
	for _, corrupt := range []bool{false, true} {
		name := "decodable state"
		if corrupt {
			name = "corrupt state"
		}
		t.Run(name, func(t *testing.T) {
			db := openTest(t, Options{})
			for _, u := range []coach.UserID{gone, kept} {
				st := onboarded(u, "Europe/Madrid", 450, 1170)
				st.WakeAt = t0.Add(time.Hour)
				st.Pause = &coach.Pause{From: t0, Reason: "redflag"}
				mustSave(t, db, st, routine(t0, 4), redFlag(t0, coach.LevelClinician))
				mustSave(t, db, st, routine(t0.Add(24*time.Hour), 2), routine(t0.Add(24*time.Hour), 3))
			}
			// A third user in the same zone and slot as the deleted one.
			mustSave(t, db, onboarded(55, "Europe/Madrid", 450, 1170))
			if err := db.SetMeta("last-tick", []byte("2026-03-02T06:30:00Z")); err != nil {
				t.Fatal(err)
			}
			keptState, err := db.Load(ctx, kept)
			if err != nil {
				t.Fatal(err)
			}
			keptRecs, err := db.Records(ctx, kept, time.Time{})
			if err != nil {
				t.Fatal(err)
			}
			if corrupt {
				putRaw(t, db, bucketUsers, userKey(gone), []byte(`{"profile": 1}`))
			}

			if err := db.Delete(ctx, gone); err != nil {
				t.Fatalf("Delete: %v", err)
			}

			bin := userKey(gone)
			dec := []byte(strconv.FormatInt(int64(gone), 10))
			entries := 0
			walk(t, db, func(path string, k, v []byte) {
				entries++
				for _, b := range [][]byte{k, v} {
					if bytes.Contains(b, bin) || bytes.Contains(b, dec) {
						t.Errorf("bucket %q: key %q value %q still holds user %d", path, k, v, gone)
					}
				}
			})
			if entries < 15 {
				t.Fatalf("walked only %d entries: the walk is broken", entries)
			}
			st, err := db.Load(ctx, gone)
			if err != nil || st.Phase != coach.PhaseNew {
				t.Errorf("Load after Delete = %+v, %v", st, err)
			}
			// The other users are intact.
			gotState, err := db.Load(ctx, kept)
			if err != nil {
				t.Fatal(err)
			}
			jsonEqual(t, gotState, keptState)
			gotRecs, err := db.Records(ctx, kept, time.Time{})
			if err != nil {
				t.Fatal(err)
			}
			jsonEqual(t, gotRecs, keptRecs)
			if due, _ := db.Due(ctx, "Europe/Madrid", 450); len(due) != 2 {
				t.Errorf("Due after Delete = %v, want the two remaining users", due)
			}
			checkIndexes(t, db)

			// Deleting again, or an unknown user, is fine.
			if err := db.Delete(ctx, gone); err != nil {
				t.Fatal(err)
			}
		})
	}
}

// TestWalkFindsIDs makes sure the scan above can fail: before Delete the
// id is found in every bucket that holds user data.
func TestWalkFindsIDs(t *testing.T) {
	const u coach.UserID = 987654321
	db := openTest(t, Options{NoSync: true})
	st := onboarded(u, "Europe/Madrid", 450, 1170)
	st.WakeAt = t0
	mustSave(t, db, st, routine(t0, 1))
	found := map[string]bool{}
	walk(t, db, func(path string, k, v []byte) {
		if bytes.Contains(k, userKey(u)) || bytes.Contains(v, []byte(strconv.Itoa(int(u)))) {
			found[path] = true
		}
	})
	for _, b := range []string{"users", "records", "due", "wake"} {
		if !found[b] {
			t.Errorf("user not found in bucket %s", b)
		}
	}
}

// TestCompactAfterDelete shows where a deleted user's bytes can remain:
// bbolt leaves freed pages as they were until later writes reuse them. A
// compacted copy has no free pages, so a raw scan of it finds nothing,
// while every other user is intact.
func TestCompactAfterDelete(t *testing.T) {
	ctx := context.Background()
	const gone coach.UserID = 987654321
	db := openTest(t, Options{})
	for u := coach.UserID(1); u <= 40; u++ {
		mustSave(t, db, onboarded(u, "Europe/Madrid", 450, 1170), routine(t0, int(u%11)))
	}
	mustSave(t, db, onboarded(gone, "Europe/Madrid", 450, 1170), routine(t0, 4), redFlag(t0, coach.LevelEmergency))
	if err := db.Delete(ctx, gone); err != nil {
		t.Fatal(err)
	}
	bin := userKey(gone)
	dec := []byte(strconv.FormatInt(int64(gone), 10))
	live, err := os.ReadFile(db.Path())
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("live file right after Delete: id found %d times (8-byte) and %d times (decimal) in free pages",
		bytes.Count(live, bin), bytes.Count(live, dec))

	path := filepath.Join(t.TempDir(), "compact.db")
	size, err := db.CompactTo(path)
	if err != nil {
		t.Fatalf("CompactTo: %v", err)
	}
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if int64(len(raw)) != size {
		t.Errorf("CompactTo reported %d bytes, file has %d", size, len(raw))
	}
	if bytes.Contains(raw, bin) || bytes.Contains(raw, dec) {
		t.Errorf("compacted copy still holds user %d", gone)
	}
	if _, err := db.CompactTo(db.Path()); err == nil {
		t.Error("CompactTo over the live database succeeded")
	}
	cp, err := Open(path, Options{})
	if err != nil {
		t.Fatalf("open compacted copy: %v", err)
	}
	defer cp.Close()
	for u := coach.UserID(1); u <= 40; u++ {
		recs, err := cp.Records(ctx, u, time.Time{})
		if err != nil || len(recs) != 1 || recs[0].Routine.Pain != int(u%11) {
			t.Fatalf("compacted copy: records of %d = %v, %v", u, recs, err)
		}
	}
	checkIndexes(t, cp)
}
