package store

import (
	"context"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/stretchbot/stretchbot/coach"
	bolt "go.etcd.io/bbolt"
)

// errNoBucket means a bucket the schema guarantees is missing: the file was
// changed by something else.
var errNoBucket = errors.New("bucket missing")

// bucket returns tx's bucket name or an error naming it.
func bucket(tx *bolt.Tx, name []byte) (*bolt.Bucket, error) {
	b := tx.Bucket(name)
	if b == nil {
		return nil, fmt.Errorf("%w: %s: %w", errNoBucket, name, coach.ErrCorrupt)
	}
	return b, nil
}

// indexFields is the part of a stored coach.State the indexes derive from.
// Its JSON names are those of coach.State; decoding only these keeps Save
// cheap and keeps index maintenance working on a state whose other fields
// no longer decode.
type indexFields struct {
	Profile coach.Profile `json:"profile"`
	WakeAt  time.Time     `json:"wake_at"`
}

// entry is a user's place in the indexes.
type entry struct {
	zone    string        // "" when not in the due index
	clocks  []coach.Clock // sorted, distinct, valid; empty when not indexed
	hasWake bool
	wake    uint64 // wakeSeconds(State.WakeAt)
}

// entryOf computes the index entry of a state: reminder times for
// onboarded, unblocked users with a zone (paused users stay indexed: the
// scheduler checks the state), and the wake time if any.
func entryOf(p coach.Profile, wakeAt time.Time) entry {
	var e entry
	if p.Onboarded && !p.Blocked && validZone(p.Zone) {
		for _, c := range []coach.Clock{p.Morning, p.Evening} {
			if c >= 0 && c < 24*60 && !slices.Contains(e.clocks, c) {
				e.clocks = append(e.clocks, c)
			}
		}
		slices.Sort(e.clocks)
		if len(e.clocks) > 0 {
			e.zone = p.Zone
		}
	}
	if !wakeAt.IsZero() {
		e.hasWake, e.wake = true, wakeSeconds(wakeAt)
	}
	return e
}

// validZone reports whether zone can be a due-index key component.
func validZone(zone string) bool {
	if zone == "" || len(zone) > maxZoneLen {
		return false
	}
	for i := 0; i < len(zone); i++ {
		if zone[i] == 0 {
			return false
		}
	}
	return true
}

// indexed reports whether the entry has due keys.
func (e entry) indexed() bool { return e.zone != "" }

// hasDue reports whether the entry has a due key for zone at c.
func (e entry) hasDue(zone string, c coach.Clock) bool {
	return e.zone == zone && e.indexed() && slices.Contains(e.clocks, c)
}

// reindex moves user u's index keys from old to new within tx.
func reindex(tx *bolt.Tx, u coach.UserID, old, new entry) error {
	due, err := bucket(tx, bucketDue)
	if err != nil {
		return err
	}
	for _, c := range old.clocks {
		if !new.hasDue(old.zone, c) {
			if err := due.Delete(dueKey(old.zone, c, u)); err != nil {
				return err
			}
		}
	}
	for _, c := range new.clocks {
		if !old.hasDue(new.zone, c) {
			if err := due.Put(dueKey(new.zone, c, u), nil); err != nil {
				return err
			}
		}
	}
	if old.zone != new.zone {
		if old.indexed() {
			if err := addZone(tx, old.zone, -1); err != nil {
				return err
			}
		}
		if new.indexed() {
			if err := addZone(tx, new.zone, +1); err != nil {
				return err
			}
		}
	}
	if old.hasWake != new.hasWake || old.wake != new.wake {
		wake, err := bucket(tx, bucketWake)
		if err != nil {
			return err
		}
		if old.hasWake {
			if err := wake.Delete(wakeKey(old.wake, u)); err != nil {
				return err
			}
		}
		if new.hasWake {
			if err := wake.Put(wakeKey(new.wake, u), nil); err != nil {
				return err
			}
		}
	}
	return nil
}

// addZone changes zone's user count by delta, removing it at zero.
func addZone(tx *bolt.Tx, zone string, delta int64) error {
	zones, err := bucket(tx, bucketZones)
	if err != nil {
		return err
	}
	n, _ := getUint64(zones.Get([]byte(zone)))
	next := int64(n) + delta
	if next <= 0 {
		return zones.Delete([]byte(zone))
	}
	return zones.Put([]byte(zone), putUint64(uint64(next)))
}

// storedEntry returns the index entry of the state stored under key uk,
// and false when there is a value that does not decode.
func storedEntry(users *bolt.Bucket, uk []byte) (entry, bool) {
	v := users.Get(uk)
	if v == nil {
		return entry{}, true
	}
	var f indexFields
	if err := json.Unmarshal(v, &f); err != nil {
		return entry{}, false
	}
	return entryOf(f.Profile, f.WakeAt), true
}

// purgeIndex removes every index key of user u by scanning the due and
// wake indexes. It is the slow path for a stored state that no longer
// decodes, so its index keys cannot be derived.
func purgeIndex(tx *bolt.Tx, u coach.UserID) error {
	id := userKey(u)
	due, err := bucket(tx, bucketDue)
	if err != nil {
		return err
	}
	var dead [][]byte
	zones := map[string]bool{}
	c := due.Cursor()
	for k, _ := c.First(); k != nil; k, _ = c.Next() {
		if zone, ok := zoneOfDueKey(k); ok && hasSuffixID(k, id) {
			dead = append(dead, slices.Clone(k))
			zones[zone] = true
		}
	}
	for _, k := range dead {
		if err := due.Delete(k); err != nil {
			return err
		}
	}
	for zone := range zones {
		if err := addZone(tx, zone, -1); err != nil {
			return err
		}
	}
	wake, err := bucket(tx, bucketWake)
	if err != nil {
		return err
	}
	dead = dead[:0]
	c = wake.Cursor()
	for k, _ := c.First(); k != nil; k, _ = c.Next() {
		if len(k) == wakeLen && hasSuffixID(k, id) {
			dead = append(dead, slices.Clone(k))
		}
	}
	for _, k := range dead {
		if err := wake.Delete(k); err != nil {
			return err
		}
	}
	return nil
}

// Due returns the users with a reminder at local clock at in zone (their
// morning or evening time), in id order. Its cost grows with the users due,
// not with all users. Paused users are included: the caller checks state.
func (db *DB) Due(ctx context.Context, zone string, at coach.Clock) ([]coach.UserID, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if !validZone(zone) || at < 0 || at >= 24*60 {
		return nil, nil
	}
	prefix := duePrefix(zone, at)
	var users []coach.UserID
	err := db.view(func(tx *bolt.Tx) error {
		due, err := bucket(tx, bucketDue)
		if err != nil {
			return err
		}
		c := due.Cursor()
		for k, _ := c.Seek(prefix); k != nil && len(k) == len(prefix)+idLen && string(k[:len(prefix)]) == string(prefix); k, _ = c.Next() {
			users = append(users, userFromKey(k))
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("due users in %s: %w", zone, err)
	}
	return users, nil
}

// Zones returns the distinct time zones of users with reminders, sorted.
func (db *DB) Zones(ctx context.Context) ([]string, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	var zones []string
	err := db.view(func(tx *bolt.Tx) error {
		b, err := bucket(tx, bucketZones)
		if err != nil {
			return err
		}
		return b.ForEach(func(k, v []byte) error {
			if n, ok := getUint64(v); ok && n > 0 {
				zones = append(zones, string(k))
			}
			return nil
		})
	})
	if err != nil {
		return nil, fmt.Errorf("zones: %w", err)
	}
	return zones, nil
}

// Wakes returns the users whose State.WakeAt is at or before until, the
// earliest first. The index has whole seconds, rounded up: a user is never
// reported before their WakeAt, and at most a second after it.
func (db *DB) Wakes(ctx context.Context, until time.Time) ([]coach.UserID, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	limit := until.Unix()
	if limit < 0 {
		return nil, nil
	}
	var users []coach.UserID
	err := db.view(func(tx *bolt.Tx) error {
		wake, err := bucket(tx, bucketWake)
		if err != nil {
			return err
		}
		c := wake.Cursor()
		for k, _ := c.First(); k != nil; k, _ = c.Next() {
			if len(k) != wakeLen {
				continue
			}
			if binary.BigEndian.Uint64(k[:8]) > uint64(limit) {
				break
			}
			users = append(users, userFromKey(k))
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("wakes: %w", err)
	}
	return users, nil
}
