package store

import (
	"bytes"
	"encoding/binary"
	"math"
	"time"

	"github.com/stretchbot/stretchbot/coach"
)

// Bucket names.
var (
	bucketMeta    = []byte("meta")
	bucketUsers   = []byte("users")
	bucketRecords = []byte("records")
	bucketDue     = []byte("due")
	bucketZones   = []byte("zones")
	bucketWake    = []byte("wake")
	bucketSched   = []byte("sched")
	// quarantine: user id (8 B) ++ unix nanos (8 B) → a state that could
	// not be decoded, kept for an operator instead of being thrown away.
	bucketQuarantine = []byte("quarantine")
	// outbox: user id (8 B) ++ sequence (8 B) → JSON queued reply, see
	// DB.SaveQueued.
	bucketOutbox = []byte("outbox")
)

// keySchema is the schema version's key in the meta bucket.
var keySchema = []byte("schema")

const (
	idLen     = 8
	recKeyLen = idLen + 8 + 2 // user ++ nanos ++ seq
	// dueTail is what follows the zone in a due key: 0x00, clock, user.
	dueTail = 1 + 2 + idLen
	wakeLen = 8 + idLen
	// maxZoneLen bounds the zone names that are indexed. IANA names are at
	// most 30 bytes; anything longer is not a zone a scheduler can use.
	maxZoneLen = 64
)

// userKey encodes a user id as 8 bytes, big-endian.
func userKey(u coach.UserID) []byte {
	return binary.BigEndian.AppendUint64(make([]byte, 0, idLen), uint64(u))
}

// userFromKey decodes the last 8 bytes of k as a user id.
func userFromKey(k []byte) coach.UserID {
	return coach.UserID(binary.BigEndian.Uint64(k[len(k)-idLen:]))
}

// Representable range of time.Time.UnixNano, in seconds.
const (
	minNanoSec = math.MinInt64/int64(time.Second) + 1
	maxNanoSec = math.MaxInt64/int64(time.Second) - 1
)

// sortableNanos encodes t as 8 bytes that sort like the instants: unix
// nanoseconds with the sign bit flipped. Instants outside the int64 range
// (before 1678 or after 2262, e.g. the zero time.Time) are clamped to its
// ends; records there keep their save order, and Records still filters
// them by their real instant.
func sortableNanos(t time.Time) uint64 {
	var n int64
	switch s := t.Unix(); {
	case s < minNanoSec:
		n = math.MinInt64
	case s > maxNanoSec:
		n = math.MaxInt64
	default:
		n = t.UnixNano()
	}
	return uint64(n) ^ (1 << 63)
}

// recordPrefix is the first 16 bytes of the keys of u's records at t.
func recordPrefix(u coach.UserID, t time.Time) []byte {
	k := make([]byte, 0, recKeyLen)
	k = binary.BigEndian.AppendUint64(k, uint64(u))
	return binary.BigEndian.AppendUint64(k, sortableNanos(t))
}

// dueKey is the due-index key of user u at local clock c in zone.
func dueKey(zone string, c coach.Clock, u coach.UserID) []byte {
	k := make([]byte, 0, len(zone)+dueTail)
	k = append(k, zone...)
	k = append(k, 0)
	k = binary.BigEndian.AppendUint16(k, uint16(c))
	return binary.BigEndian.AppendUint64(k, uint64(u))
}

// duePrefix is the prefix of the due keys of zone at clock c.
func duePrefix(zone string, c coach.Clock) []byte {
	k := make([]byte, 0, len(zone)+3)
	k = append(k, zone...)
	k = append(k, 0)
	return binary.BigEndian.AppendUint16(k, uint16(c))
}

// zoneOfDueKey returns the zone of a well-formed due key.
func zoneOfDueKey(k []byte) (string, bool) {
	if len(k) < dueTail || k[len(k)-dueTail] != 0 {
		return "", false
	}
	return string(k[:len(k)-dueTail]), true
}

// wakeSeconds is the wake index's second for t: unix seconds rounded up,
// so a user is never reported before their WakeAt, clamped at 0.
func wakeSeconds(t time.Time) uint64 {
	s := t.Unix()
	if t.Nanosecond() > 0 {
		s++
	}
	if s < 0 {
		return 0
	}
	return uint64(s)
}

// wakeKey is the wake-index key of user u at second s.
func wakeKey(s uint64, u coach.UserID) []byte {
	k := make([]byte, 0, wakeLen)
	k = binary.BigEndian.AppendUint64(k, s)
	return binary.BigEndian.AppendUint64(k, uint64(u))
}

// hasSuffixID reports whether key k ends in the encoded user id.
func hasSuffixID(k, id []byte) bool { return bytes.HasSuffix(k, id) }

// putUint64 and getUint64 encode counters and versions.
func putUint64(v uint64) []byte { return binary.BigEndian.AppendUint64(nil, v) }

func getUint64(b []byte) (uint64, bool) {
	if len(b) != 8 {
		return 0, false
	}
	return binary.BigEndian.Uint64(b), true
}
