package nlu_test

import (
	"strings"
	"testing"
	"time"

	"github.com/stretchbot/stretchbot/coach"
	"github.com/stretchbot/stretchbot/nlu"
)

// esUser is a Spanish-speaking user who finished onboarding.
func esUser(now time.Time) coach.State {
	return coach.State{
		User:  7,
		Phase: coach.PhaseIdle,
		Turn:  3,
		Profile: coach.Profile{
			Lang: "es", Zone: "Europe/Madrid", Morning: 8 * 60, Evening: 20 * 60, Onboarded: true,
			QuietStart: 22 * 60, QuietEnd: 7 * 60, DayBoundary: 4 * 60, SafetyCheck: now,
		},
		Created: now, Updated: now,
	}
}

// TestSpanishQuestionMidRoutine drives the real engine with the real model:
// a Spanish user two stretches into the morning routine types a question.
// The answer is the topic's Spanish answer, the routine stays on the same
// stretch of the same session, and the next "done" carries on from there.
// A message outside the FAQ gets the Spanish re-ask, not an answer.
func TestSpanishQuestionMidRoutine(t *testing.T) {
	c := coach.MustContent()
	e := coach.NewEngine(c, nlu.New(c))
	now := time.Date(2026, 4, 14, 8, 0, 0, 0, time.UTC)
	step := func(st coach.State, in coach.Input) coach.Output {
		t.Helper()
		if in.Kind == coach.InputButton {
			in.Turn = st.Turn
		}
		now = now.Add(30 * time.Second)
		return e.Step(st, in, now, nil)
	}
	start := func(t *testing.T) coach.State {
		t.Helper()
		st := step(esUser(now), coach.Input{Kind: coach.InputCommand, Command: "stretch", Text: "morning"}).State
		st = step(st, coach.Input{Kind: coach.InputButton, Action: "done"}).State
		if st.Phase != coach.PhaseStretch || st.Session == nil || st.Session.Index != 1 {
			t.Fatalf("routine not under way: phase %s, session %+v", st.Phase, st.Session)
		}
		return st
	}

	for _, tt := range []struct {
		text, topic string // "" for a message outside the FAQ
	}{
		{"¿cuántos segundos tengo que aguantar cada estiramiento?", "hold-time"},
		{"oye, y si tengo una hernia discal puedo seguir con esto?", "slipped-disc"},
		{"sirve de algo ponerse faja?", "braces"},
		{"como respiro mientras estiro", "breathing"},
		{"cuanto paracetamol me puedo tomar", ""},
	} {
		t.Run(tt.text, func(t *testing.T) {
			st := start(t)
			sess := *st.Session
			out := step(st, coach.Input{Kind: coach.InputText, Text: tt.text})
			if len(out.Replies) == 0 {
				t.Fatal("no reply")
			}
			if tt.topic != "" {
				want := c.Messages.T("es", "faq."+tt.topic+".answer")
				if out.Replies[0].Text != want {
					t.Errorf("first reply %q, want the Spanish answer of %s %q", out.Replies[0].Text, tt.topic, want)
				}
			} else {
				reask := c.Messages.T("es", "err.reask.stretch")
				if out.Replies[0].Text != reask {
					t.Errorf("first reply %q, want the Spanish re-ask %q", out.Replies[0].Text, reask)
				}
			}
			for _, tp := range c.Topics {
				for _, r := range out.Replies {
					if strings.Contains(r.Text, tp.Answer) {
						t.Errorf("a reply has the English answer of %s: %q", tp.ID, r.Text)
					}
				}
			}
			got := out.State
			if got.Phase != coach.PhaseStretch || got.Session == nil ||
				got.Session.ID != sess.ID || got.Session.Index != sess.Index || got.Session.Slot != sess.Slot {
				t.Fatalf("routine moved: phase %s, session %+v, was %+v", got.Phase, got.Session, sess)
			}
			for _, r := range out.Records {
				if r.Kind == coach.RecordRedFlag {
					t.Errorf("a question recorded a red flag: %+v", r)
				}
			}
			next := step(got, coach.Input{Kind: coach.InputButton, Action: "done"}).State
			if next.Session == nil || next.Session.Index != sess.Index+1 {
				t.Errorf("after the answer, done did not move to the next stretch: %+v", next.Session)
			}
		})
	}
}
