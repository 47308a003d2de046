package store

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"

	bolt "go.etcd.io/bbolt"
)

// errClosed is returned by every method once the database is closed (or a
// purge could not reopen it).
var errClosed = errors.New("database is closed")

// keyPurge, in the meta bucket, marks that a Delete freed pages not yet
// purged; its value is when (unix nanos). It is written in the Delete's
// own transaction, so a crash before the purge cannot forget it.
var keyPurge = []byte("purge")

// view runs a read transaction; it waits while Purge swaps the file.
func (db *DB) view(fn func(*bolt.Tx) error) error {
	db.gate.RLock()
	defer db.gate.RUnlock()
	if db.bolt == nil {
		return errClosed
	}
	return db.bolt.View(fn)
}

// batch runs fn in the next group commit (see committer; fn may run more
// than once); it waits while Purge swaps the file.
func (db *DB) batch(fn func(*bolt.Tx) error) error {
	db.gate.RLock()
	defer db.gate.RUnlock()
	if db.bolt == nil {
		return errClosed
	}
	return db.commit.do(db.bolt, fn)
}

// markPurge records, inside a Delete's transaction, that freed pages hold
// deleted bytes until the next purge.
func markPurge(tx *bolt.Tx, now time.Time) error {
	meta, err := bucket(tx, bucketMeta)
	if err != nil {
		return err
	}
	if meta.Get(keyPurge) != nil {
		return nil
	}
	return meta.Put(keyPurge, putUint64(uint64(now.UnixNano())))
}

// PurgeStats describes the last purge.
type PurgeStats struct {
	At         time.Time     // when it finished
	Paused     time.Duration // how long reads and writes waited
	SizeBefore int64         // file size before, bytes
	SizeAfter  int64         // file size after, bytes
}

// LastPurge returns what the last purge did (zero before the first).
func (db *DB) LastPurge() PurgeStats {
	db.purgeMu.Lock()
	defer db.purgeMu.Unlock()
	return db.lastPurge
}

// PurgePending reports whether a Delete has freed pages that still hold
// deleted bytes.
func (db *DB) PurgePending() (bool, error) {
	pending := false
	err := db.view(func(tx *bolt.Tx) error {
		meta, err := bucket(tx, bucketMeta)
		if err != nil {
			return err
		}
		pending = meta.Get(keyPurge) != nil
		return nil
	})
	return pending, err
}

// Purge guarantees that no byte of a deleted user is left in the database
// file: bbolt only marks the pages a Delete frees as free, and their old
// bytes stay in the file (and in page-by-page Backups) until reused. Purge
// rewrites the live keys and values into a fresh file (as CompactTo does),
// syncs it, renames it over the database and reopens it.
//
// Every other call waits while it runs: the pause grows with the size of
// the live data (measured here: 15 ms for 300 users, 4.2 s for 100,000
// users with 200,000 records, a 140 MiB file, about 30 ms per MiB; see
// RELIABILITY.md) and is reported in LastPurge. Deletes within
// Options.PurgeDelay of each other share one purge. A crash at any point leaves either the old file,
// still marked for purging and purged again at the next Open, or the new
// one. Delete schedules a Purge after Options.PurgeDelay, so the guarantee
// holds within that delay of a /delete, or at the next start if the
// process dies first.
//
// The old file's blocks are released to the file system, which does not
// wipe them either: on a shared or unencrypted disk, use full-disk
// encryption for that layer.
func (db *DB) Purge() error {
	db.gate.Lock()
	defer db.gate.Unlock()
	return db.purgeLocked()
}

// purgeLocked is Purge with the gate held for writing.
func (db *DB) purgeLocked() error {
	if db.bolt == nil {
		return errClosed
	}
	start := time.Now()
	before := db.Size()
	tmp := filepath.Join(filepath.Dir(db.path), "."+filepath.Base(db.path)+".purge")
	_ = os.Remove(tmp) // left by a crash during an earlier purge
	_, err := db.compactTo(tmp, func(tx *bolt.Tx) error {
		meta, err := bucket(tx, bucketMeta)
		if err != nil {
			return err
		}
		return meta.Delete(keyPurge)
	})
	if err != nil {
		_ = os.Remove(tmp)
		return fmt.Errorf("purge %s: %w", db.path, err)
	}
	// compactTo renamed the copy to tmp; now it replaces the database.
	if err := db.bolt.Close(); err != nil {
		_ = os.Remove(tmp)
		return fmt.Errorf("purge %s: close: %w", db.path, err)
	}
	db.bolt = nil
	renameErr := os.Rename(tmp, db.path)
	if renameErr == nil {
		syncDir(filepath.Dir(db.path))
	} else {
		_ = os.Remove(tmp)
	}
	// Reopen whichever file is now in place (the old one if the rename
	// failed: it is still marked and purged at the next attempt).
	bdb, err := bolt.Open(db.path, 0o600, db.bopts)
	if err != nil {
		return fmt.Errorf("purge %s: reopen: %w", db.path, err)
	}
	db.bolt = bdb
	if renameErr != nil {
		return fmt.Errorf("purge %s: %w", db.path, renameErr)
	}
	st := PurgeStats{At: time.Now(), Paused: time.Since(start), SizeBefore: before, SizeAfter: db.Size()}
	db.purgeMu.Lock()
	db.lastPurge = st
	db.purgeMu.Unlock()
	return nil
}

// purgeIfPending purges at Open when a purge was due but never ran.
func (db *DB) purgeIfPending() error {
	pending, err := db.PurgePending()
	if err != nil || !pending {
		return err
	}
	return db.Purge()
}

// schedulePurge arranges a Purge after Options.PurgeDelay, unless one is
// already scheduled or the automatic purge is off.
func (db *DB) schedulePurge() {
	d := db.opt.PurgeDelay
	if d == 0 {
		d = DefaultPurgeDelay
	}
	if d < 0 {
		return
	}
	db.purgeMu.Lock()
	defer db.purgeMu.Unlock()
	if db.closed || db.purgeTimer != nil {
		return
	}
	db.purgeTimer = time.AfterFunc(d, func() {
		db.purgeMu.Lock()
		db.purgeTimer = nil
		closed := db.closed
		db.purgeMu.Unlock()
		if closed {
			return
		}
		// A failure leaves the mark: the next Delete or Open tries again.
		_ = db.Purge()
	})
}
