package store

import (
	"encoding/json"
	"fmt"

	bolt "go.etcd.io/bbolt"
)

// migration brings the file from schema version-1 to version.
type migration struct {
	version uint64
	what    string
	apply   func(tx *bolt.Tx) error
}

// migrations is the ordered registry of schema changes. Append only: a
// released migration never changes, a new one gets the next version.
var migrations = []migration{
	{1, "users and records", migrateV1},
	{2, "reminder and wake indexes", migrateV2},
	{3, "scheduler bookkeeping", migrateV3},
	{4, "quarantine for unreadable states", migrateV4},
	{5, "durable outbox", migrateV5},
}

// SchemaVersion is the schema this code writes.
func SchemaVersion() uint64 { return migrations[len(migrations)-1].version }

// migrate runs the pending migrations in one transaction, so a file is at
// its old version or the newest, never in between. A file of a newer
// version is refused.
func (db *DB) migrate() error {
	err := db.bolt.Update(func(tx *bolt.Tx) error {
		meta, err := tx.CreateBucketIfNotExists(bucketMeta)
		if err != nil {
			return err
		}
		var have uint64
		if v := meta.Get(keySchema); v != nil {
			var ok bool
			if have, ok = getUint64(v); !ok {
				return fmt.Errorf("schema version is %d bytes, want 8", len(v))
			}
		}
		if have > SchemaVersion() {
			return fmt.Errorf("schema version %d, but this stretchbot knows only up to %d (run a newer stretchbot or restore a backup): %w",
				have, SchemaVersion(), ErrTooNew)
		}
		for _, m := range migrations {
			if m.version <= have {
				continue
			}
			if err := m.apply(tx); err != nil {
				return fmt.Errorf("migrate to schema %d (%s): %w", m.version, m.what, err)
			}
			if err := meta.Put(keySchema, putUint64(m.version)); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("open database %s: %w", db.path, err)
	}
	return nil
}

// migrateV1 creates the users and records buckets.
func migrateV1(tx *bolt.Tx) error {
	for _, name := range [][]byte{bucketUsers, bucketRecords} {
		if _, err := tx.CreateBucketIfNotExists(name); err != nil {
			return err
		}
	}
	return nil
}

// migrateV2 creates the due, zones and wake indexes and fills them from the
// stored users. A user whose state does not decode is left out; their next
// Save indexes them.
func migrateV2(tx *bolt.Tx) error {
	for _, name := range [][]byte{bucketDue, bucketZones, bucketWake} {
		if _, err := tx.CreateBucketIfNotExists(name); err != nil {
			return err
		}
	}
	users, err := bucket(tx, bucketUsers)
	if err != nil {
		return err
	}
	return users.ForEach(func(k, v []byte) error {
		if len(k) != idLen || v == nil {
			return nil
		}
		var f indexFields
		if json.Unmarshal(v, &f) != nil {
			return nil
		}
		return reindex(tx, userFromKey(k), entry{}, entryOf(f.Profile, f.WakeAt))
	})
}

// migrateV3 creates the scheduler's bookkeeping bucket.
func migrateV3(tx *bolt.Tx) error {
	_, err := tx.CreateBucketIfNotExists(bucketSched)
	return err
}

// migrateV4 creates the quarantine bucket (see DB.Quarantine).
func migrateV4(tx *bolt.Tx) error {
	_, err := tx.CreateBucketIfNotExists(bucketQuarantine)
	return err
}

// migrateV5 creates the durable outbox (see DB.SaveQueued).
func migrateV5(tx *bolt.Tx) error {
	_, err := tx.CreateBucketIfNotExists(bucketOutbox)
	return err
}
