package store

import (
	"bytes"
	"context"
	"encoding/binary"
	"fmt"
	"slices"
	"time"

	"github.com/stretchbot/stretchbot/coach"
	bolt "go.etcd.io/bbolt"
)

// Quarantine moves a user's stored state, which could not be decoded, into
// the quarantine bucket and removes it from the reminder indexes, so the
// user can start afresh while the unreadable bytes are kept for an operator
// (they are erased with the user by Delete). The user's history records
// stay where they are. It implements coach.Quarantiner.
func (db *DB) Quarantine(ctx context.Context, user coach.UserID, now time.Time) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	uk := userKey(user)
	qk := binary.BigEndian.AppendUint64(slices.Clone(uk), sortableNanos(now))
	err := db.batch(func(tx *bolt.Tx) error {
		users, err := bucket(tx, bucketUsers)
		if err != nil {
			return err
		}
		raw := users.Get(uk)
		if raw == nil {
			return nil
		}
		q, err := bucket(tx, bucketQuarantine)
		if err != nil {
			return err
		}
		if err := q.Put(qk, bytes.Clone(raw)); err != nil {
			return err
		}
		if err := purgeIndex(tx, user); err != nil {
			return err
		}
		return users.Delete(uk)
	})
	if err != nil {
		return fmt.Errorf("quarantine user %d: %w", user, err)
	}
	return nil
}

// Quarantined returns how many quarantined states the user has.
func (db *DB) Quarantined(ctx context.Context, user coach.UserID) (int, error) {
	uk := userKey(user)
	n := 0
	err := db.view(func(tx *bolt.Tx) error {
		q, err := bucket(tx, bucketQuarantine)
		if err != nil {
			return err
		}
		c := q.Cursor()
		for k, _ := c.Seek(uk); k != nil && bytes.HasPrefix(k, uk); k, _ = c.Next() {
			n++
		}
		return nil
	})
	return n, err
}

// deletePrefix deletes every key of the bucket that starts with prefix.
func deletePrefix(tx *bolt.Tx, name, prefix []byte) error {
	b, err := bucket(tx, name)
	if err != nil {
		return err
	}
	var dead [][]byte
	c := b.Cursor()
	for k, _ := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, _ = c.Next() {
		dead = append(dead, slices.Clone(k))
	}
	for _, k := range dead {
		if err := b.Delete(k); err != nil {
			return err
		}
	}
	return nil
}
