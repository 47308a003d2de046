package nlu

import (
	"math"
	"reflect"
	"strings"
	"testing"

	"github.com/stretchbot/stretchbot/coach"
)

// FuzzUnderstand classifies arbitrary text: it never panics, answers the
// same twice, and only with well-formed understandings: a known intent, a
// real FAQ topic, a valid red-flag level with its flags, a finite score.
func FuzzUnderstand(f *testing.F) {
	c := coach.MustContent()
	for _, s := range []string{"", "done", "how long do I hold each stretch?", "I can't feel my legs and can't pee",
		"my back is killing me 😭", "\u200bhurts\u200b", "مرحبا", "NOT numb, not weak", strings.Repeat("pain ", 900),
		"\xff\xfe", "is it ok to stretch after a fall last year?"} {
		f.Add(s)
	}
	for _, tp := range c.Topics[:min(5, len(c.Topics))] {
		f.Add(tp.Question)
	}
	m := New(c)
	f.Fuzz(func(t *testing.T, text string) {
		u := m.Understand(text)
		if again := m.Understand(text); !reflect.DeepEqual(u, again) {
			t.Fatalf("two answers for one text: %+v then %+v", u, again)
		}
		if math.IsNaN(u.Score) || math.IsInf(u.Score, 0) {
			t.Fatalf("score %v", u.Score)
		}
		switch u.Intent {
		case coach.IntentUnknown:
		case coach.IntentFAQ:
			if c.Topic(u.Topic) == nil {
				t.Fatalf("unknown topic %q", u.Topic)
			}
		case coach.IntentSuggest:
			if len(u.Candidates) == 0 {
				t.Fatal("a suggestion without candidates")
			}
			for _, id := range u.Candidates {
				if c.Topic(id) == nil {
					t.Fatalf("unknown candidate %q", id)
				}
			}
		case coach.IntentRedFlag:
			if u.Level != coach.LevelClinician && u.Level != coach.LevelEmergency {
				t.Fatalf("red flag with level %q", u.Level)
			}
			if len(u.Flags) == 0 {
				t.Fatal("a red flag naming no flag")
			}
		default:
			t.Fatalf("unknown intent %q", u.Intent)
		}
	})
}
