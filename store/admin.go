package store

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/stretchbot/stretchbot/coach"
	bolt "go.etcd.io/bbolt"
)

// Backup writes a consistent copy of the whole database to w while other
// goroutines keep reading and writing, and returns the bytes written. The
// copy is a valid bbolt file that Open accepts.
//
// Backup holds one read transaction for the whole copy, so w should be
// fast (a local file, not a slow network peer): while it runs, a writer
// that must grow the file beyond the initial mmap size waits for it.
func (db *DB) Backup(w io.Writer) (int64, error) {
	var n int64
	err := db.view(func(tx *bolt.Tx) error {
		var err error
		n, err = tx.WriteTo(w)
		return err
	})
	if err != nil {
		return n, fmt.Errorf("backup of %s: %w", db.path, err)
	}
	return n, nil
}

// BackupFile writes a consistent copy of the database to path (mode 0600),
// atomically: the copy is written to a temporary file in the same
// directory, synced, then renamed over path. It refuses to overwrite the
// live database.
func (db *DB) BackupFile(path string) (n int64, err error) {
	if same(path, db.path) {
		return 0, fmt.Errorf("backup to %s: that is the live database", path)
	}
	dir := filepath.Dir(path)
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(path)+".tmp*")
	if err != nil {
		return 0, fmt.Errorf("backup to %s: %w", path, err)
	}
	defer func() {
		if err != nil {
			_ = tmp.Close()
			_ = os.Remove(tmp.Name())
		}
	}()
	if n, err = db.Backup(tmp); err != nil {
		return n, err
	}
	if err = tmp.Sync(); err != nil {
		return n, fmt.Errorf("backup to %s: %w", path, err)
	}
	if err = tmp.Close(); err != nil {
		return n, fmt.Errorf("backup to %s: %w", path, err)
	}
	if err = os.Rename(tmp.Name(), path); err != nil {
		return n, fmt.Errorf("backup to %s: %w", path, err)
	}
	syncDir(dir)
	return n, nil
}

// CompactTo writes a compacted copy of the database to path (mode 0600),
// atomically like BackupFile, and returns its size. Unlike Backup, which
// copies the file page by page, it rewrites only live keys and values: the
// copy holds no free pages, so no residue of deleted users, and is as
// small as the data allows. It reads the source in one read transaction;
// the live database keeps working meanwhile.
func (db *DB) CompactTo(path string) (size int64, err error) {
	db.gate.RLock()
	defer db.gate.RUnlock()
	return db.compactTo(path, nil)
}

// compactTo is CompactTo without the gate: the caller holds it. fix, when
// set, may change the copy before it is synced and renamed into place.
func (db *DB) compactTo(path string, fix func(*bolt.Tx) error) (size int64, err error) {
	if db.bolt == nil {
		return 0, errClosed
	}
	if same(path, db.path) {
		return 0, fmt.Errorf("compact to %s: that is the live database", path)
	}
	dir := filepath.Dir(path)
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(path)+".tmp*")
	if err != nil {
		return 0, fmt.Errorf("compact to %s: %w", path, err)
	}
	tmpPath := tmp.Name()
	_ = tmp.Close()
	defer func() {
		if err != nil {
			_ = os.Remove(tmpPath)
		}
	}()
	dst, err := bolt.Open(tmpPath, 0o600, &bolt.Options{Timeout: DefaultTimeout, NoSync: true, FreelistType: bolt.FreelistMapType})
	if err != nil {
		return 0, fmt.Errorf("compact to %s: %w", path, err)
	}
	if err = bolt.Compact(dst, db.bolt, 64<<20); err == nil && fix != nil {
		err = dst.Update(fix)
	}
	if err == nil {
		err = dst.Sync()
	}
	if cerr := dst.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return 0, fmt.Errorf("compact to %s: %w", path, err)
	}
	if err = os.Rename(tmpPath, path); err != nil {
		return 0, fmt.Errorf("compact to %s: %w", path, err)
	}
	syncDir(dir)
	fi, err := os.Stat(path)
	if err != nil {
		return 0, fmt.Errorf("compact to %s: %w", path, err)
	}
	return fi.Size(), nil
}

// syncDir makes a rename in dir durable where the OS allows it; a
// failure only loses that guarantee, so it is ignored.
func syncDir(dir string) {
	if d, err := os.Open(dir); err == nil {
		_ = d.Sync()
		_ = d.Close()
	}
}

// same reports whether two paths name the same existing file.
func same(a, b string) bool {
	fa, err := os.Stat(a)
	if err != nil {
		return false
	}
	fb, err := os.Stat(b)
	if err != nil {
		return false
	}
	return os.SameFile(fa, fb)
}

// Stats are aggregate counts over the whole database. They contain no
// personal data: no ids, no zones, no text.
type Stats struct {
	Schema    uint64 `json:"schema"`
	Users     int    `json:"users"`
	Onboarded int    `json:"onboarded"`
	Paused    int    `json:"paused"` // users with a pause set
	Blocked   int    `json:"blocked"`
	// Reminded is the number of users in the reminder index.
	Reminded int `json:"reminded"`
	Zones    int `json:"zones"`
	// Records counts history records by kind, RedFlags red-flag records
	// by level.
	Records  map[coach.RecordKind]int `json:"records"`
	RedFlags map[coach.Level]int      `json:"red_flags"`
	// Corrupt counts stored values that do not decode.
	Corrupt  int   `json:"corrupt"`
	FileSize int64 `json:"file_size_bytes"`
}

// statsChunk is how many values one read transaction of Stats copies.
const statsChunk = 1024

// Stats counts users, records and red flags. It reads the database in
// chunks of short read transactions, so it never stalls writers for long;
// the counts are therefore not one snapshot when writes run concurrently.
func (db *DB) Stats(ctx context.Context) (Stats, error) {
	s := Stats{
		Records:  map[coach.RecordKind]int{},
		RedFlags: map[coach.Level]int{},
	}
	err := db.view(func(tx *bolt.Tx) error {
		meta, err := bucket(tx, bucketMeta)
		if err != nil {
			return err
		}
		s.Schema, _ = getUint64(meta.Get(keySchema))
		zones, err := bucket(tx, bucketZones)
		if err != nil {
			return err
		}
		return zones.ForEach(func(_, v []byte) error {
			n, _ := getUint64(v)
			s.Zones++
			s.Reminded += int(n)
			return nil
		})
	})
	if err != nil {
		return Stats{}, fmt.Errorf("stats: %w", err)
	}
	err = db.scan(ctx, bucketUsers, func(_, v []byte) {
		var u struct {
			Profile coach.Profile `json:"profile"`
			Pause   *coach.Pause  `json:"pause"`
		}
		if json.Unmarshal(v, &u) != nil {
			s.Corrupt++
			return
		}
		s.Users++
		if u.Profile.Onboarded {
			s.Onboarded++
		}
		if u.Profile.Blocked {
			s.Blocked++
		}
		if u.Pause != nil {
			s.Paused++
		}
	})
	if err != nil {
		return Stats{}, fmt.Errorf("stats: %w", err)
	}
	err = db.scan(ctx, bucketRecords, func(_, v []byte) {
		var r struct {
			Kind    coach.RecordKind `json:"kind"`
			RedFlag *struct {
				Level coach.Level `json:"level"`
			} `json:"redflag"`
		}
		if json.Unmarshal(v, &r) != nil {
			s.Corrupt++
			return
		}
		s.Records[r.Kind]++
		if r.Kind == coach.RecordRedFlag && r.RedFlag != nil {
			s.RedFlags[r.RedFlag.Level]++
		}
	})
	if err != nil {
		return Stats{}, fmt.Errorf("stats: %w", err)
	}
	s.FileSize = db.Size()
	return s, nil
}

// scan calls fn for every key and value of a bucket, outside any
// transaction: it copies statsChunk pairs per short read transaction and
// resumes after the last key. fn may keep neither slice.
func (db *DB) scan(ctx context.Context, name []byte, fn func(k, v []byte)) error {
	var after []byte
	for {
		if err := ctx.Err(); err != nil {
			return err
		}
		var keys, vals [][]byte
		err := db.view(func(tx *bolt.Tx) error {
			b, err := bucket(tx, name)
			if err != nil {
				return err
			}
			c := b.Cursor()
			var k, v []byte
			if after == nil {
				k, v = c.First()
			} else if k, v = c.Seek(after); bytes.Equal(k, after) {
				k, v = c.Next()
			}
			for ; k != nil && len(keys) < statsChunk; k, v = c.Next() {
				if v == nil { // a nested bucket: not ours
					continue
				}
				keys = append(keys, bytes.Clone(k))
				vals = append(vals, bytes.Clone(v))
			}
			return nil
		})
		if err != nil {
			return err
		}
		for i := range keys {
			fn(keys[i], vals[i])
		}
		if len(keys) < statsChunk {
			return nil
		}
		after = keys[len(keys)-1]
	}
}

// Meta returns the scheduler's value for key, or nil if there is none.
func (db *DB) Meta(key string) ([]byte, error) {
	if err := checkMetaKey(key); err != nil {
		return nil, err
	}
	var v []byte
	err := db.view(func(tx *bolt.Tx) error {
		b, err := bucket(tx, bucketSched)
		if err != nil {
			return err
		}
		if got := b.Get([]byte(key)); got != nil {
			v = bytes.Clone(got)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("meta %q: %w", key, err)
	}
	return v, nil
}

// SetMeta durably stores the scheduler's value for key; a nil v removes
// the key. Values are small bookkeeping (last tick, downtime log), never
// personal data.
func (db *DB) SetMeta(key string, v []byte) error {
	if err := checkMetaKey(key); err != nil {
		return err
	}
	k := []byte(key)
	val := bytes.Clone(v)
	err := db.batch(func(tx *bolt.Tx) error {
		b, err := bucket(tx, bucketSched)
		if err != nil {
			return err
		}
		if v == nil {
			return b.Delete(k)
		}
		return b.Put(k, val)
	})
	if err != nil {
		return fmt.Errorf("set meta %q: %w", key, err)
	}
	return nil
}

// errMetaKey is returned for an empty or oversized meta key.
var errMetaKey = errors.New("meta key must be 1 to 256 bytes")

func checkMetaKey(key string) error {
	if key == "" || len(key) > 256 {
		return errMetaKey
	}
	return nil
}
