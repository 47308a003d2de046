package store

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"time"

	"github.com/stretchbot/stretchbot/coach"
	bolt "go.etcd.io/bbolt"
)

// Load returns the stored state of user, or a zero State with User set if
// the user is unknown. A stored value that does not decode gives an error
// wrapping coach.ErrCorrupt.
func (db *DB) Load(ctx context.Context, user coach.UserID) (coach.State, error) {
	if err := ctx.Err(); err != nil {
		return coach.State{}, err
	}
	uk := userKey(user)
	var raw []byte
	err := db.view(func(tx *bolt.Tx) error {
		users, err := bucket(tx, bucketUsers)
		if err != nil {
			return err
		}
		if v := users.Get(uk); v != nil {
			raw = bytes.Clone(v) // decoded after the transaction
		}
		return nil
	})
	if err != nil {
		return coach.State{}, fmt.Errorf("load user %d: %w", user, err)
	}
	if raw == nil {
		return coach.State{User: user}, nil
	}
	st, err := decodeState(raw)
	if err != nil {
		return coach.State{}, fmt.Errorf("load user %d: %w", user, err)
	}
	if st.User != user && st.User != 0 {
		return coach.State{}, fmt.Errorf("load user %d: stored state names another user: %w", user, coach.ErrCorrupt)
	}
	st.User = user
	return st, nil
}

// decodeState decodes a stored state; errors wrap coach.ErrCorrupt.
func decodeState(raw []byte) (coach.State, error) {
	var st coach.State
	if err := json.Unmarshal(raw, &st); err != nil {
		return coach.State{}, fmt.Errorf("%w: state: %v", coach.ErrCorrupt, err)
	}
	return st, nil
}

// decodeRecord decodes a stored record; errors wrap coach.ErrCorrupt.
func decodeRecord(raw []byte) (coach.Record, error) {
	var r coach.Record
	if err := json.Unmarshal(raw, &r); err != nil {
		return coach.Record{}, fmt.Errorf("%w: record: %v", coach.ErrCorrupt, err)
	}
	return r, nil
}

// Save stores st and appends recs in one durable transaction, and updates
// the reminder and wake indexes to match st. Saves of different users that
// arrive together share one fsync; Save returns once its data is on disk
// (unless the database was opened with NoSync).
func (db *DB) Save(ctx context.Context, st coach.State, recs []coach.Record) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	w, err := encodeWrite(st, recs)
	if err != nil {
		return err
	}
	if err := db.batch(w.apply); err != nil {
		return fmt.Errorf("save user %d: %w", st.User, err)
	}
	return nil
}

// encodeWrite prepares a Save: the batch function that applies it may run
// more than once and must do nothing but write to its transaction.
func encodeWrite(st coach.State, recs []coach.Record) (write, error) {
	val, err := json.Marshal(st)
	if err != nil {
		return write{}, fmt.Errorf("save user %d: encode state: %w", st.User, err)
	}
	vals := make([][]byte, len(recs))
	prefixes := make([][]byte, len(recs))
	for i, r := range recs {
		if vals[i], err = json.Marshal(r); err != nil {
			return write{}, fmt.Errorf("save user %d: encode record: %w", st.User, err)
		}
		prefixes[i] = recordPrefix(st.User, r.At)
	}
	return write{user: st.User, key: userKey(st.User), state: val, entry: entryOf(st.Profile, st.WakeAt), recPrefixes: prefixes, recs: vals}, nil
}

// write is one user's encoded Save.
type write struct {
	user        coach.UserID
	key         []byte // userKey(user)
	state       []byte // JSON coach.State
	entry       entry  // index entry of the state
	recPrefixes [][]byte
	recs        [][]byte // JSON coach.Record
}

// apply performs the write in tx. It only reads its fields, so it can run
// any number of times.
func (w write) apply(tx *bolt.Tx) error {
	users, err := bucket(tx, bucketUsers)
	if err != nil {
		return err
	}
	old, ok := storedEntry(users, w.key)
	if !ok {
		if err := purgeIndex(tx, w.user); err != nil {
			return err
		}
		old = entry{}
	}
	if err := reindex(tx, w.user, old, w.entry); err != nil {
		return err
	}
	if err := users.Put(w.key, w.state); err != nil {
		return err
	}
	if len(w.recs) == 0 {
		return nil
	}
	records, err := bucket(tx, bucketRecords)
	if err != nil {
		return err
	}
	for i, v := range w.recs {
		k, err := nextRecordKey(records, w.recPrefixes[i])
		if err != nil {
			return err
		}
		if err := records.Put(k, v); err != nil {
			return err
		}
	}
	return nil
}

// nextRecordKey returns the first unused key prefix ++ seq.
func nextRecordKey(records *bolt.Bucket, prefix []byte) ([]byte, error) {
	last := append(slices.Clone(prefix), 0xff, 0xff)
	c := records.Cursor()
	k, _ := c.Seek(last)
	switch {
	case bytes.Equal(k, last):
		return nil, fmt.Errorf("more than 65536 records at one instant")
	case k == nil:
		k, _ = c.Last()
	default:
		k, _ = c.Prev()
	}
	var seq uint16
	if len(k) == recKeyLen && bytes.HasPrefix(k, prefix) {
		seq = uint16(k[recKeyLen-2])<<8 | uint16(k[recKeyLen-1])
		seq++
	}
	return append(slices.Clip(prefix), byte(seq>>8), byte(seq)), nil
}

// Records returns user's records at or after since, oldest first; a zero
// since means all of them. A record that does not decode gives an error
// wrapping coach.ErrCorrupt.
func (db *DB) Records(ctx context.Context, user coach.UserID, since time.Time) ([]coach.Record, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	uk := userKey(user)
	start := recordPrefix(user, since)
	var raws [][]byte
	err := db.view(func(tx *bolt.Tx) error {
		records, err := bucket(tx, bucketRecords)
		if err != nil {
			return err
		}
		c := records.Cursor()
		for k, v := c.Seek(start); k != nil && bytes.HasPrefix(k, uk); k, v = c.Next() {
			raws = append(raws, bytes.Clone(v)) // decoded after the transaction
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("records of user %d: %w", user, err)
	}
	out := make([]coach.Record, 0, len(raws))
	for _, raw := range raws {
		r, err := decodeRecord(raw)
		if err != nil {
			return nil, fmt.Errorf("records of user %d: %w", user, err)
		}
		if !since.IsZero() && r.At.Before(since) {
			// Only possible for instants outside the key's range.
			continue
		}
		out = append(out, r)
	}
	return out, nil
}

// Delete removes every key and value stored about user: the state, all
// records, queued replies and all index entries, in one durable
// transaction. Deleting an unknown user is not an error.
//
// bbolt does not overwrite freed pages: until later writes reuse them, the
// old bytes remain in the file's free space, unreachable through any
// bucket. So Delete also marks the file for a Purge, in the same
// transaction, and schedules one (Options.PurgeDelay).
func (db *DB) Delete(ctx context.Context, user coach.UserID) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	uk := userKey(user)
	now := time.Now()
	err := db.batch(func(tx *bolt.Tx) error {
		users, err := bucket(tx, bucketUsers)
		if err != nil {
			return err
		}
		old, ok := storedEntry(users, uk)
		if ok {
			err = reindex(tx, user, old, entry{})
		} else {
			err = purgeIndex(tx, user)
		}
		if err != nil {
			return err
		}
		if err := users.Delete(uk); err != nil {
			return err
		}
		for _, name := range [][]byte{bucketRecords, bucketQuarantine, bucketOutbox} {
			if err := deletePrefix(tx, name, uk); err != nil {
				return err
			}
		}
		return markPurge(tx, now)
	})
	if err != nil {
		return fmt.Errorf("delete user %d: %w", user, err)
	}
	db.schedulePurge()
	return nil
}
