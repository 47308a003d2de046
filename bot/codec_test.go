package bot

import (
	"strings"
	"testing"
)

func TestCodec(t *testing.T) {
	c := newCodec(nil, "123:secret-token-value-xxxxxxxxxxxxxxx")
	other := newCodec([]byte("another key"), "")
	data, ok := c.encode(42, 77, "done")
	if !ok {
		t.Fatal("encode failed")
	}
	if strings.Contains(data, "secret") || !strings.HasPrefix(data, "v1|25|done|") || len(data) > 64 {
		t.Fatalf("data = %q", data)
	}
	long := strings.Repeat("a", 24)
	longData, ok := c.encode(42, 1<<32-1, long)
	if !ok || len(longData) > 64 {
		t.Fatalf("a 24-byte action at the largest turn must fit: %q (%d bytes)", longData, len(longData))
	}
	if _, ok := c.encode(42, 1, strings.Repeat("a", 50)); ok {
		t.Fatal("an action that makes data longer than 64 bytes was encoded")
	}
	if _, ok := c.encode(42, 1, ""); ok {
		t.Fatal("empty action encoded")
	}
	pipe, _ := c.encode(42, 3, "faq|topic")

	tests := []struct {
		name   string
		codec  codec
		user   int64
		data   string
		turn   uint32
		action string
		ok     bool
	}{
		{"genuine", c, 42, data, 77, "done", true},
		{"longest", c, 42, longData, 1<<32 - 1, long, true},
		{"action with a bar", c, 42, pipe, 3, "faq|topic", true},
		{"other user", c, 43, data, 0, "", false},
		{"other key", other, 42, data, 0, "", false},
		{"tampered action", c, 42, strings.Replace(data, "done", "skip", 1), 0, "", false},
		{"tampered turn (stale press replayed as current)", c, 42, strings.Replace(data, "|25|", "|26|", 1), 0, "", false},
		{"non-canonical turn", c, 42, strings.Replace(data, "|25|", "|025|", 1), 0, "", false},
		{"tampered mac", c, 42, data[:len(data)-1] + "A", 0, "", false},
		{"old version", c, 42, "v0" + data[2:], 0, "", false},
		{"too long", c, 42, data + strings.Repeat("x", 64), 0, "", false},
		{"empty", c, 42, "", 0, "", false},
		{"no mac", c, 42, "v1|25|done", 0, "", false},
		{"garbage", c, 42, "v1|||", 0, "", false},
		{"forged plain action", c, 42, "done", 0, "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			turn, action, err := tt.codec.decode(userID(tt.user), tt.data)
			if (err == nil) != tt.ok {
				t.Fatalf("decode(%q) err = %v, want ok=%v", tt.data, err, tt.ok)
			}
			if tt.ok && (turn != tt.turn || action != tt.action) {
				t.Fatalf("decode = %d %q, want %d %q", turn, action, tt.turn, tt.action)
			}
		})
	}
}
