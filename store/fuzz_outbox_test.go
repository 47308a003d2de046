package store

import (
	"encoding/json"
	"reflect"
	"testing"
)

// FuzzQueuedDecode decodes arbitrary bytes as a queued reply (the outbox
// bucket's values): never panics, and whatever decodes survives a round
// trip unchanged, so a resent reply is the reply that was queued.
func FuzzQueuedDecode(f *testing.F) {
	for _, s := range []string{`{}`, `{"bulk":true,"reply":{"Text":"hi"}}`, `{"reply":{"Text":"x","Buttons":[[{"label":"Done","action":"done"}]],"Turn":3}}`,
		`{"reply":{"File":{"Name":"e.json","MIME":"application/json","Data":"e30="}}}`, `{"reply":{"Chart":{"Days":[{"Day":"2026-01-01","Routines":2,"Pain":-1}]}}}`,
		`{"reply":{"After":-5}}`, `[]`, `{"reply":null}`, "\x00"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, raw []byte) {
		q, err := decodeQueued(raw)
		if err != nil {
			return
		}
		b, err := json.Marshal(q)
		if err != nil {
			t.Fatalf("decoded but cannot encode: %v", err)
		}
		back, err := decodeQueued(b)
		if err != nil || !reflect.DeepEqual(q, back) {
			t.Fatalf("round trip changed %+v into %+v (%v)", q, back, err)
		}
	})
}
