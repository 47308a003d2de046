package store

import (
	"bytes"
	"context"
	"encoding/binary"
	"encoding/json"
	"fmt"

	"github.com/stretchbot/stretchbot/coach"
	bolt "go.etcd.io/bbolt"
)

// Compile-time check that DB is a durable outbox.
var _ coach.Outbox = (*DB)(nil)

// outboxKeyLen is user id (8 B) ++ sequence (8 B).
const outboxKeyLen = idLen + 8

// queuedReply is the stored form of a queued reply.
type queuedReply struct {
	Bulk  bool        `json:"bulk,omitempty"`
	Reply coach.Reply `json:"reply"`
}

// outboxKey is the key of a user's queued reply.
func outboxKey(u coach.UserID, seq uint64) []byte {
	return binary.BigEndian.AppendUint64(userKey(u), seq)
}

// decodeQueued decodes a stored queued reply; errors wrap coach.ErrCorrupt.
func decodeQueued(raw []byte) (queuedReply, error) {
	var q queuedReply
	if err := json.Unmarshal(raw, &q); err != nil {
		return queuedReply{}, fmt.Errorf("%w: queued reply: %v", coach.ErrCorrupt, err)
	}
	return q, nil
}

// SaveQueued is Save that also queues replies for st.User in the same
// durable transaction, and returns their ids in order: the bucket's
// sequence, so ids only grow and a user's replies sort in the order they
// were queued. It implements coach.Outbox.
func (db *DB) SaveQueued(ctx context.Context, st coach.State, recs []coach.Record, replies []coach.Reply, bulk bool) ([]uint64, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	w, err := encodeWrite(st, recs)
	if err != nil {
		return nil, err
	}
	vals := make([][]byte, len(replies))
	for i, r := range replies {
		r.OutboxID = 0
		if vals[i], err = json.Marshal(queuedReply{Bulk: bulk, Reply: r}); err != nil {
			return nil, fmt.Errorf("save user %d: encode reply: %w", st.User, err)
		}
	}
	ids := make([]uint64, len(replies))
	err = db.batch(func(tx *bolt.Tx) error {
		if err := w.apply(tx); err != nil {
			return err
		}
		if len(vals) == 0 {
			return nil
		}
		out, err := bucket(tx, bucketOutbox)
		if err != nil {
			return err
		}
		for i, v := range vals {
			// A rerun of this function gets fresh ids: only the
			// committed run's are returned.
			seq, err := out.NextSequence()
			if err != nil {
				return err
			}
			ids[i] = seq
			if err := out.Put(outboxKey(st.User, seq), v); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("save user %d: %w", st.User, err)
	}
	return ids, nil
}

// Queued returns every queued reply, per user in the order queued, users
// in id order. A stored reply that does not decode is dropped from the
// outbox (it could never be sent) and left out. It implements
// coach.Outbox.
func (db *DB) Queued(ctx context.Context) ([]coach.Queued, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	var out []coach.Queued
	var bad [][]byte
	err := db.scan(ctx, bucketOutbox, func(k, v []byte) {
		if len(k) != outboxKeyLen {
			bad = append(bad, bytes.Clone(k))
			return
		}
		q, err := decodeQueued(v)
		if err != nil {
			bad = append(bad, bytes.Clone(k))
			return
		}
		out = append(out, coach.Queued{
			ID:    binary.BigEndian.Uint64(k[idLen:]),
			User:  userFromKey(k[:idLen]),
			Bulk:  q.Bulk,
			Reply: q.Reply,
		})
	})
	if err != nil {
		return nil, fmt.Errorf("queued replies: %w", err)
	}
	if len(bad) > 0 {
		err := db.batch(func(tx *bolt.Tx) error {
			b, err := bucket(tx, bucketOutbox)
			if err != nil {
				return err
			}
			for _, k := range bad {
				if err := b.Delete(k); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			return nil, fmt.Errorf("queued replies: drop unreadable: %w", err)
		}
	}
	for i := range out {
		out[i].Reply.OutboxID = out[i].ID
	}
	return out, nil
}

// Ack removes a queued reply once it was delivered or given up. It
// implements coach.Outbox.
func (db *DB) Ack(ctx context.Context, user coach.UserID, id uint64) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	k := outboxKey(user, id)
	err := db.batch(func(tx *bolt.Tx) error {
		b, err := bucket(tx, bucketOutbox)
		if err != nil {
			return err
		}
		return b.Delete(k)
	})
	if err != nil {
		return fmt.Errorf("ack reply %d of user %d: %w", id, user, err)
	}
	return nil
}
