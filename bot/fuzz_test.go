package bot

import (
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/stretchbot/stretchbot/coach"
)

// FuzzCallbackDecode presses arbitrary callback data as arbitrary users:
// decoding never panics, accepts only data this codec signed for that
// user (a forged or transplanted press is refused), and what it accepts
// round-trips.
func FuzzCallbackDecode(f *testing.F) {
	c := newCodec(nil, "123:fuzz-token-xxxxxxxxxxxxxxxxxxxxxxxx")
	for _, s := range []string{"", "v1|", "v1|1|done|", "v1|zz|done|AAAAAAAAAAA", "v1|0|a|b|c", "v2|1|done|x",
		"v1|" + strings.Repeat("9", 20) + "|x|y", "v1|-1|done|AAAAAAAAAAA", "v1|01|done|AAAAAAAAAAA"} {
		f.Add(int64(42), s)
	}
	for _, a := range []string{"done", "p:2", "faq|topic", "t:07:30", "start:morning"} {
		d, _ := c.encode(42, 77, a)
		f.Add(int64(42), d)
		f.Add(int64(43), d)
	}
	f.Fuzz(func(t *testing.T, user int64, data string) {
		turn, action, err := c.decode(coach.UserID(user), data)
		if err != nil {
			return
		}
		again, ok := c.encode(coach.UserID(user), turn, action)
		if !ok || again != data {
			t.Fatalf("accepted %q for user %d (turn %d, action %q), but it encodes to %q", data, user, turn, action, again)
		}
		if _, _, err := c.decode(coach.UserID(user+1), data); err == nil {
			t.Fatalf("data signed for user %d accepted for user %d", user, user+1)
		}
	})
}

// FuzzSplitText cuts arbitrary text for arbitrary limits (small, so the
// fuzzer explores many cuts quickly; render uses 4,000): never panics,
// every piece fits, valid UTF-8 stays valid, and nothing of the text is
// lost but the whitespace at the cuts.
func FuzzSplitText(f *testing.F) {
	for _, s := range []string{"", "hi", strings.Repeat("ab ", 30), strings.Repeat("é", 50),
		"<b>&amp;</b>", "\u200f\u202eשלום\u200b", strings.Repeat("👍", 41), strings.Repeat("\n\n", 30), "a\xffb c"} {
		f.Add(s, uint8(7))
	}
	space := unicode.IsSpace // the last piece is dropped when it is only whitespace
	f.Fuzz(func(t *testing.T, text string, max uint8) {
		m := int(max%64) + 1
		parts := splitText(text, m)
		if len(parts) == 0 {
			t.Fatal("no pieces")
		}
		var got strings.Builder
		for _, p := range parts {
			if n := utf8.RuneCountInString(p); n > m {
				t.Fatalf("piece of %d characters, limit %d", n, m)
			}
			if utf8.ValidString(text) && !utf8.ValidString(p) {
				t.Fatalf("a cut broke UTF-8")
			}
			got.WriteString(p)
		}
		strip := func(s string) string {
			return strings.Map(func(r rune) rune {
				if space(r) {
					return -1
				}
				return r
			}, s)
		}
		if utf8.ValidString(text) && strip(got.String()) != strip(text) {
			t.Fatalf("text changed: %q -> %q", text, parts)
		}
	})
}
