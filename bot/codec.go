package bot

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"strconv"
	"strings"

	"github.com/stretchbot/stretchbot/coach"
)

// Callback data is what a button carries back when pressed. Telegram
// allows 64 bytes. Ours is
//
//	v1|<turn, base 36>|<action>|<mac>
//
// where mac is the first 8 bytes of HMAC-SHA256(key, "v1", user id, turn,
// action), base64url without padding (11 characters). The MAC ties the
// button to the user it was sent to and to the turn it was issued at, so a
// forged, tampered or replayed-by-someone-else press is refused before it
// reaches the coach; the coach itself decides whether a genuine press is
// stale (its turn has passed). Coach actions are at most 24 bytes by
// contract, which leaves room: the longest data is 3+7+1+24+1+11 = 47
// bytes.
const (
	callbackVersion = "v1"
	callbackMaxLen  = 64
	macLen          = 8
)

// Codec errors. They are never shown to users.
var (
	errCallbackFormat = errors.New("callback data: malformed")
	errCallbackMAC    = errors.New("callback data: bad signature")
)

// codec signs and checks callback data.
type codec struct {
	key []byte
}

// newCodec returns a codec with the key, or one derived from the token.
func newCodec(key []byte, token string) codec {
	if len(key) == 0 {
		m := hmac.New(sha256.New, []byte("stretchbot callback key v1"))
		m.Write([]byte(token))
		key = m.Sum(nil)
	}
	return codec{key: key}
}

func (c codec) mac(user coach.UserID, turn uint32, action string) string {
	m := hmac.New(sha256.New, c.key)
	m.Write([]byte(callbackVersion))
	m.Write([]byte{0})
	m.Write([]byte(strconv.FormatInt(int64(user), 10)))
	m.Write([]byte{0})
	m.Write([]byte(strconv.FormatUint(uint64(turn), 10)))
	m.Write([]byte{0})
	m.Write([]byte(action))
	return base64.RawURLEncoding.EncodeToString(m.Sum(nil)[:macLen])
}

// encode returns the data for a button, and false when it would not fit
// in 64 bytes (or the action is empty).
func (c codec) encode(user coach.UserID, turn uint32, action string) (string, bool) {
	if action == "" {
		return "", false
	}
	data := callbackVersion + "|" + strconv.FormatUint(uint64(turn), 36) + "|" + action + "|" + c.mac(user, turn, action)
	if len(data) > callbackMaxLen {
		return "", false
	}
	return data, true
}

// decode checks data pressed by user and returns the turn and action.
func (c codec) decode(user coach.UserID, data string) (uint32, string, error) {
	if len(data) > callbackMaxLen {
		return 0, "", errCallbackFormat
	}
	rest, ok := strings.CutPrefix(data, callbackVersion+"|")
	if !ok {
		return 0, "", errCallbackFormat
	}
	turnStr, rest, ok := strings.Cut(rest, "|")
	if !ok {
		return 0, "", errCallbackFormat
	}
	i := strings.LastIndexByte(rest, '|')
	if i <= 0 {
		return 0, "", errCallbackFormat
	}
	action, sig := rest[:i], rest[i+1:]
	turn, err := strconv.ParseUint(turnStr, 36, 32)
	if err != nil || strconv.FormatUint(turn, 36) != turnStr {
		return 0, "", errCallbackFormat
	}
	want := c.mac(user, uint32(turn), action)
	if !hmac.Equal([]byte(sig), []byte(want)) {
		return 0, "", errCallbackMAC
	}
	return uint32(turn), action, nil
}
