package store

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/stretchbot/stretchbot/coach"
	bolt "go.etcd.io/bbolt"
)

// writeRaw builds a bbolt file by hand: fill gets the open transaction.
func writeRaw(t *testing.T, path string, fill func(tx *bolt.Tx) error) {
	t.Helper()
	raw, err := bolt.Open(path, 0o600, &bolt.Options{Timeout: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	if err := raw.Update(fill); err != nil {
		t.Fatal(err)
	}
	if err := raw.Close(); err != nil {
		t.Fatal(err)
	}
}

// TestMigrateFromV1 opens a schema-1 file (users and records, no indexes)
// and checks that the indexes are built from the stored users.
func TestMigrateFromV1(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "v1.db")
	reminded := onboarded(1, "Australia/Adelaide", 420, 1110)
	waking := onboarded(2, "Australia/Adelaide", 420, 1200)
	waking.WakeAt = t0
	halfway := onboarded(3, "America/Denver", 360, 1080)
	halfway.Profile.Onboarded = false
	blocked := onboarded(4, "America/Denver", 360, 1080)
	blocked.Profile.Blocked = true
	writeRaw(t, path, func(tx *bolt.Tx) error {
		meta, _ := tx.CreateBucket(bucketMeta)
		users, _ := tx.CreateBucket(bucketUsers)
		records, err := tx.CreateBucket(bucketRecords)
		if err != nil {
			return err
		}
		if err := meta.Put(keySchema, putUint64(1)); err != nil {
			return err
		}
		for _, st := range []coach.State{reminded, waking, halfway, blocked} {
			v, _ := json.Marshal(st)
			if err := users.Put(userKey(st.User), v); err != nil {
				return err
			}
		}
		if err := users.Put(userKey(5), []byte("{corrupt")); err != nil {
			return err
		}
		v, _ := json.Marshal(routine(t0, 6))
		return records.Put(append(recordPrefix(1, t0), 0, 0), v)
	})

	db, err := Open(path, Options{})
	if err != nil {
		t.Fatalf("Open v1: %v", err)
	}
	defer db.Close()
	err = db.bolt.View(func(tx *bolt.Tx) error {
		v, _ := getUint64(tx.Bucket(bucketMeta).Get(keySchema))
		if v != SchemaVersion() {
			t.Errorf("schema after migration %d, want %d", v, SchemaVersion())
		}
		for _, b := range [][]byte{bucketDue, bucketZones, bucketWake, bucketSched} {
			if tx.Bucket(b) == nil {
				t.Errorf("bucket %s not created", b)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	checkIndexes(t, db)
	if got, _ := db.Due(ctx, "Australia/Adelaide", 420); !slices.Equal(got, ids(1, 2)) {
		t.Errorf("Due = %v, want [1 2]", got)
	}
	if got, _ := db.Due(ctx, "America/Denver", 360); len(got) != 0 {
		t.Errorf("Due Denver = %v, want none", got)
	}
	if got, _ := db.Zones(ctx); !slices.Equal(got, []string{"Australia/Adelaide"}) {
		t.Errorf("Zones = %v", got)
	}
	if got, _ := db.Wakes(ctx, t0); !slices.Equal(got, ids(2)) {
		t.Errorf("Wakes = %v, want [2]", got)
	}
	if recs, err := db.Records(ctx, 1, time.Time{}); err != nil || len(recs) != 1 || recs[0].Routine.Pain != 6 {
		t.Errorf("Records = %v, %v", recs, err)
	}
	if _, err := db.Load(ctx, 5); !errors.Is(err, coach.ErrCorrupt) {
		t.Errorf("corrupt user after migration: %v", err)
	}
	// The corrupt user is indexed by their next Save.
	mustSave(t, db, onboarded(5, "America/Denver", 361, 1080))
	if got, _ := db.Due(ctx, "America/Denver", 361); !slices.Equal(got, ids(5)) {
		t.Errorf("Due after repair = %v", got)
	}
	if err := db.SetMeta("k", []byte("v")); err != nil {
		t.Errorf("SetMeta after migration: %v", err)
	}
	checkIndexes(t, db)
}

func TestMigrationsOrdered(t *testing.T) {
	for i, m := range migrations {
		if m.version != uint64(i+1) {
			t.Errorf("migration %d has version %d", i, m.version)
		}
	}
}

func TestOpenRefusesNewerSchema(t *testing.T) {
	path := filepath.Join(t.TempDir(), "future.db")
	writeRaw(t, path, func(tx *bolt.Tx) error {
		meta, err := tx.CreateBucket(bucketMeta)
		if err != nil {
			return err
		}
		return meta.Put(keySchema, putUint64(SchemaVersion()+1))
	})
	_, err := Open(path, Options{})
	if !errors.Is(err, ErrTooNew) {
		t.Fatalf("Open: %v, want ErrTooNew", err)
	}
	for _, want := range []string{path, fmt.Sprintf("schema version %d", SchemaVersion()+1), fmt.Sprintf("up to %d", SchemaVersion())} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q does not mention %q", err, want)
		}
	}
	// The refused file is untouched and not left locked.
	raw, err := bolt.Open(path, 0o600, &bolt.Options{Timeout: 100 * time.Millisecond})
	if err != nil {
		t.Fatalf("file left locked: %v", err)
	}
	defer raw.Close()
	_ = raw.View(func(tx *bolt.Tx) error {
		if tx.Bucket(bucketUsers) != nil {
			t.Error("a refused file was migrated")
		}
		return nil
	})
}

func TestOpenRefusesBadSchemaValue(t *testing.T) {
	path := filepath.Join(t.TempDir(), "bad.db")
	writeRaw(t, path, func(tx *bolt.Tx) error {
		meta, err := tx.CreateBucket(bucketMeta)
		if err != nil {
			return err
		}
		return meta.Put(keySchema, []byte("3"))
	})
	if _, err := Open(path, Options{}); err == nil || !strings.Contains(err.Error(), "schema version") {
		t.Fatalf("Open: %v, want a schema version error", err)
	}
}

func TestReopenKeepsSchema(t *testing.T) {
	path := filepath.Join(t.TempDir(), "s.db")
	for i := 0; i < 2; i++ {
		db, err := Open(path, Options{})
		if err != nil {
			t.Fatal(err)
		}
		mustSave(t, db, onboarded(coach.UserID(i+1), "UTC", 60, 120))
		if err := db.Close(); err != nil {
			t.Fatal(err)
		}
	}
	db, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	checkIndexes(t, db)
	if got, _ := db.Due(context.Background(), "UTC", 60); !slices.Equal(got, ids(1, 2)) {
		t.Errorf("Due = %v", got)
	}
}
