// Package store keeps stretchbot's data in a single bbolt file. It
// implements coach.Repository and adds what the reminder scheduler and the
// operator need: indexes of users due for a reminder or a wake-up, small
// scheduler bookkeeping, an online backup and aggregate statistics.
//
// # Layout
//
// The file holds these buckets (all keys big-endian so that byte order is
// numeric order):
//
//	meta     "schema" → schema version (8 B); "purge" → unix nanos of a Delete not yet purged (see DB.Purge)
//	users    user id (8 B) → JSON coach.State
//	records  user id (8 B) ++ unix nanos (8 B, sign-flipped) ++ seq (2 B) → JSON coach.Record
//	due      zone ++ 0x00 ++ local minutes (2 B) ++ user id (8 B) → empty
//	zones    zone → number of users indexed in due for that zone (8 B)
//	wake     unix seconds (8 B, rounded up) ++ user id (8 B) → empty
//	sched    scheduler key → scheduler value (see DB.Meta)
//	outbox   user id (8 B) ++ sequence (8 B) → JSON queued reply (see DB.SaveQueued)
//	quarantine  user id (8 B) ++ unix nanos (8 B) → a stored state that did not decode, kept for an operator
//
// The due, zones and wake buckets are indexes derived from the users
// bucket: Save updates them in the same transaction as the state, so they
// are never out of step with it.
//
// # Transactions
//
// Writes go through a group commit (committer) so that concurrent users'
// saves share one fsync; everything is encoded before the write and the
// write function has no side effects besides the transaction, because it
// may run more than once. Read transactions are kept short: values are
// copied out and decoded after the transaction ends, and nothing slow
// (network, user callbacks) ever runs inside one, because a long read
// transaction stalls writers that need to grow the file. Backup is the one exception: it must
// hold a read transaction while it copies the file, see DB.Backup.
//
// # Deleted data
//
// Delete removes every key and value of a user, but bbolt does not wipe
// the pages it frees: until later writes reuse them, old bytes stay in the
// file's free space (and in page-by-page copies made by Backup). So Delete
// marks the file in its own transaction and schedules a Purge, which
// swaps in a compacted copy without free pages while every other call
// waits briefly; a purge interrupted by a crash is finished by the next
// Open. CompactTo writes such a copy elsewhere.
package store

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sync"
	"time"

	"github.com/stretchbot/stretchbot/coach"
	bolt "go.etcd.io/bbolt"
	berrors "go.etcd.io/bbolt/errors"
)

// Default option values.
const (
	DefaultTimeout         = time.Second
	DefaultInitialMmapSize = 256 << 20 // address space only; the file grows as needed
	DefaultPurgeDelay      = 30 * time.Second

	lockRetry = 50 * time.Millisecond // bbolt's flock retry interval
)

// Errors returned (wrapped) by Open.
var (
	// ErrLocked means another process holds the database file.
	ErrLocked = errors.New("database is in use by another process")
	// ErrTooNew means the file was written by a newer stretchbot whose
	// schema this code does not know.
	ErrTooNew = errors.New("database schema is newer than this program")
)

// Options tune Open. The zero value is the production setting.
type Options struct {
	// Timeout is how long Open waits for another process to release the
	// file; 0 means DefaultTimeout. Open never waits forever.
	Timeout time.Duration
	// NoSync skips fsync after each write. Benchmarks only: a crash loses
	// acknowledged writes.
	NoSync bool
	// InitialMmapSize is the address space mapped at open, so readers do
	// not stall writers that grow the file up to this size; 0 means
	// DefaultInitialMmapSize, a negative value maps only the file.
	InitialMmapSize int
	// PurgeDelay is how long after a Delete the file is purged of the
	// deleted bytes (see DB.Purge); 0 means DefaultPurgeDelay, a negative
	// value turns the automatic purge off (Open still finishes a purge
	// that a crash interrupted).
	PurgeDelay time.Duration
}

// DB is the bbolt-backed store. It is safe for concurrent use.
type DB struct {
	// gate pauses every access while Purge swaps the file: each use of
	// bolt holds it for reading (see view and batch), Purge for writing.
	gate   sync.RWMutex
	bolt   *bolt.DB  // nil once closed or after a failed swap
	commit committer // group commit of every write (see batch)
	path   string
	bopts  *bolt.Options
	opt    Options

	purgeMu    sync.Mutex
	purgeTimer *time.Timer
	closed     bool
	lastPurge  PurgeStats
}

// Compile-time check that DB is a coach.Repository.
var _ coach.Repository = (*DB)(nil)

// lockedError is the error of Open when another process holds the file.
type lockedError struct {
	path   string
	waited time.Duration
}

func (e *lockedError) Error() string {
	return fmt.Sprintf("database %s is in use by another process (waited %s)", e.path, e.waited)
}

func (e *lockedError) Unwrap() error { return ErrLocked }

// Open opens (creating if needed) the database at path and brings its
// schema up to date. A missing parent directory is created with mode 0700;
// the file is created with mode 0600, and an existing file readable by
// others is tightened to 0600. If another process holds the file, Open
// gives up after opt.Timeout with an error wrapping ErrLocked; a file with
// a schema newer than this code is refused with an error wrapping ErrTooNew.
func Open(path string, opt Options) (*DB, error) {
	if opt.Timeout <= 0 {
		opt.Timeout = DefaultTimeout
	}
	switch {
	case opt.InitialMmapSize == 0:
		opt.InitialMmapSize = DefaultInitialMmapSize
	case opt.InitialMmapSize < 0:
		opt.InitialMmapSize = 0
	}
	if err := prepare(path); err != nil {
		return nil, err
	}
	bopts := &bolt.Options{
		// bbolt retries the lock every 50 ms and gives up when less than
		// one retry is left; the margin makes it wait the full Timeout.
		Timeout:         opt.Timeout + lockRetry,
		NoSync:          opt.NoSync,
		FreelistType:    bolt.FreelistMapType,
		InitialMmapSize: opt.InitialMmapSize,
	}
	bdb, err := bolt.Open(path, 0o600, bopts)
	if errors.Is(err, berrors.ErrTimeout) {
		return nil, &lockedError{path: path, waited: opt.Timeout}
	}
	if err != nil {
		return nil, fmt.Errorf("open database %s: %w", path, err)
	}
	db := &DB{bolt: bdb, path: path, bopts: bopts, opt: opt}
	if err := db.migrate(); err != nil {
		_ = bdb.Close()
		return nil, err
	}
	if err := db.purgeIfPending(); err != nil {
		_ = db.bolt.Close()
		return nil, err
	}
	return db, nil
}

// prepare creates the parent directory (0700) and tightens the mode of an
// existing database file to 0600.
func prepare(path string) error {
	dir := filepath.Dir(path)
	if _, err := os.Stat(dir); errors.Is(err, fs.ErrNotExist) {
		if err := os.MkdirAll(dir, 0o700); err != nil {
			return fmt.Errorf("create database directory %s: %w", dir, err)
		}
		// MkdirAll applies the umask; make the mode exact.
		if err := os.Chmod(dir, 0o700); err != nil {
			return fmt.Errorf("create database directory %s: %w", dir, err)
		}
	} else if err != nil {
		return fmt.Errorf("database directory %s: %w", dir, err)
	}
	fi, err := os.Stat(path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil
	case err != nil:
		return fmt.Errorf("database %s: %w", path, err)
	case !fi.Mode().IsRegular():
		return fmt.Errorf("database %s is not a regular file", path)
	case fi.Mode().Perm()&0o077 != 0:
		if err := os.Chmod(path, 0o600); err != nil {
			return fmt.Errorf("restrict database %s to its owner: %w", path, err)
		}
	}
	return nil
}

// Close closes the database. Pending batched writes finish first; a
// scheduled purge that has not started is left for the next Open.
func (db *DB) Close() error {
	db.purgeMu.Lock()
	db.closed = true
	if db.purgeTimer != nil {
		db.purgeTimer.Stop()
	}
	db.purgeMu.Unlock()
	db.gate.Lock()
	defer db.gate.Unlock()
	if db.bolt == nil {
		return nil
	}
	b := db.bolt
	db.bolt = nil
	if err := b.Close(); err != nil {
		return fmt.Errorf("close database %s: %w", db.path, err)
	}
	return nil
}

// Path returns the database file's path.
func (db *DB) Path() string { return db.path }

// Size returns the database file's size in bytes, or 0 if it cannot be
// read. bbolt files never shrink: deleted data leaves free pages that
// later writes reuse.
func (db *DB) Size() int64 {
	fi, err := os.Stat(db.path)
	if err != nil {
		return 0
	}
	return fi.Size()
}
