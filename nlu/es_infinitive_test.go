package nlu

import (
	"testing"

	"github.com/stretchbot/stretchbot/coach"
)

// A worsening verb in the infinitive names a possibility or a fear, not a
// course: a question or worry, not a clinician flag. Conjugated reports of
// a course still flag.
func TestSpanishInfinitiveWorseningIsNotACourse(t *testing.T) {
	m := New(coach.MustContent())
	for text, flag := range map[string]bool{
		"¿estirar me puede empeorar la espalda?":        false,
		"me da miedo empeorarlo si estiro":              false,
		"el dolor va empeorando cada semana":            true,
		"mi dolor de espalda ha empeorado este mes":     true,
		"cada dia empeora mas, ya van tres semanas asi": true,
	} {
		u := m.Understand(text)
		if got := u.Intent == coach.IntentRedFlag; got != flag {
			t.Errorf("%q: red flag = %v (%+v), want %v", text, got, u, flag)
		}
	}
}
