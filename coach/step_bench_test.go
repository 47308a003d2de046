package coach_test

import (
	"testing"
	"time"

	"github.com/stretchbot/stretchbot/coach"
	"github.com/stretchbot/stretchbot/nlu"
)

// benchEngine is the production engine: the embedded content and the real
// understanding model.
func benchEngine(b *testing.B) *coach.Engine {
	b.Helper()
	c, err := coach.LoadContent()
	if err != nil {
		b.Fatal(err)
	}
	return coach.NewEngine(c, nlu.New(c))
}

// benchStep feeds the engine a cycle of inputs, each step starting from the
// state the previous one returned, as the Service does, with the clock
// moving on by a minute a step. Replies and records are dropped.
func benchStep(b *testing.B, e *coach.Engine, st coach.State, now time.Time, cycle []coach.Input) {
	b.Helper()
	b.ReportAllocs()
	replies := 0
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		in := cycle[i%len(cycle)]
		if in.Kind == coach.InputButton {
			in.Turn = st.Turn
		}
		out := e.Step(st, in, now, nil)
		st = out.State
		replies += len(out.Replies)
		now = now.Add(time.Minute)
	}
	b.StopTimer()
	b.ReportMetric(float64(replies)/float64(b.N), "replies/op")
}

// onboarded returns a user who finished onboarding, ready for a routine.
func onboarded(now time.Time) coach.State {
	return coach.State{
		User:  42,
		Phase: coach.PhaseIdle,
		Turn:  10,
		Profile: coach.Profile{
			Lang: "en", Zone: "Europe/Berlin", Morning: 7 * 60, Evening: 19 * 60, Onboarded: true,
			QuietStart: 22 * 60, QuietEnd: 7 * 60, DayBoundary: 4 * 60, SafetyCheck: now,
		},
		Created: now, Updated: now,
	}
}

// BenchmarkStep measures one pure state-machine step (Engine.Step, no
// storage) of the inputs that make up a day's use.
//
//   - routine: a whole morning routine, cycled: /stretch morning, five
//     "done" presses, the pain score. Seven steps per cycle.
//   - onboarding: /start, the safety gate, a city typed, both times, and
//     "Later". Seven steps per cycle, each from a fresh user.
//   - typed: free text at idle: an FAQ question and a red-flag report (the
//     understanding model runs inside the step).
func BenchmarkStep(b *testing.B) {
	e := benchEngine(b)
	t0 := time.Date(2026, 3, 11, 7, 0, 0, 0, time.UTC)

	b.Run("routine", func(b *testing.B) {
		benchStep(b, e, onboarded(t0), t0, []coach.Input{
			{Kind: coach.InputCommand, Command: "stretch", Text: "morning"},
			{Kind: coach.InputButton, Action: "done"},
			{Kind: coach.InputButton, Action: "done"},
			{Kind: coach.InputButton, Action: "done"},
			{Kind: coach.InputButton, Action: "done"},
			{Kind: coach.InputButton, Action: "done"},
			{Kind: coach.InputButton, Action: "p:2"},
		})
	})

	b.Run("onboarding", func(b *testing.B) {
		script := []coach.Input{
			{Kind: coach.InputCommand, Command: "start"},
			{Kind: coach.InputButton, Action: "ok"},
			{Kind: coach.InputButton, Action: "no"},
			{Kind: coach.InputButton, Action: "no"},
			{Kind: coach.InputText, Text: "Berlin"},
			{Kind: coach.InputButton, Action: "t:07:30"},
			{Kind: coach.InputButton, Action: "t:19:00"},
		}
		b.ReportAllocs()
		var st coach.State
		now := t0
		b.ResetTimer()
		for i := 0; i < b.N; i++ {
			k := i % len(script)
			if k == 0 {
				st = coach.State{User: coach.UserID(1000 + i)}
			}
			in := script[k]
			if in.Kind == coach.InputButton {
				in.Turn = st.Turn
			}
			st = e.Step(st, in, now, nil).State
			now = now.Add(time.Second)
		}
	})

	b.Run("typed", func(b *testing.B) {
		benchStep(b, e, onboarded(t0), t0, []coach.Input{
			{Kind: coach.InputText, Text: "how long should I hold each stretch?"},
			{Kind: coach.InputText, Text: "is it ok to stretch every day"},
			{Kind: coach.InputText, Text: "my left leg has gone numb since this morning"},
		})
	})
}

// TestStepBenchScript checks that the benchmark scripts do what they claim,
// so the figures measure real work: the routine cycle completes a routine
// and the onboarding cycle onboards.
func TestStepBenchScript(t *testing.T) {
	c, err := coach.LoadContent()
	if err != nil {
		t.Fatal(err)
	}
	e := coach.NewEngine(c, nlu.New(c))
	t0 := time.Date(2026, 3, 11, 7, 0, 0, 0, time.UTC)
	tests := []struct {
		name  string
		start coach.State
		steps []coach.Input
		check func(coach.State, []coach.Record) bool
	}{
		{"routine", onboarded(t0), []coach.Input{
			{Kind: coach.InputCommand, Command: "stretch", Text: "morning"},
			{Kind: coach.InputButton, Action: "done"}, {Kind: coach.InputButton, Action: "done"},
			{Kind: coach.InputButton, Action: "done"}, {Kind: coach.InputButton, Action: "done"},
			{Kind: coach.InputButton, Action: "done"}, {Kind: coach.InputButton, Action: "p:2"},
		}, func(st coach.State, recs []coach.Record) bool {
			return st.Phase == coach.PhaseIdle && st.Streak.Current == 1 && len(recs) == 1 &&
				recs[0].Routine != nil && recs[0].Routine.Completed
		}},
		{"onboarding", coach.State{User: 7}, []coach.Input{
			{Kind: coach.InputCommand, Command: "start"},
			{Kind: coach.InputButton, Action: "ok"}, {Kind: coach.InputButton, Action: "no"},
			{Kind: coach.InputButton, Action: "no"}, {Kind: coach.InputText, Text: "Berlin"},
			{Kind: coach.InputButton, Action: "t:07:30"}, {Kind: coach.InputButton, Action: "t:19:00"},
		}, func(st coach.State, _ []coach.Record) bool {
			return st.Profile.Onboarded && st.Profile.Zone == "Europe/Berlin" && st.Profile.Morning == 7*60+30
		}},
		{"typed red flag", onboarded(t0), []coach.Input{
			{Kind: coach.InputText, Text: "my left leg has gone numb since this morning"},
		}, func(_ coach.State, recs []coach.Record) bool {
			return len(recs) == 1 && recs[0].Kind == coach.RecordRedFlag
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			st, now := tc.start, t0
			var recs []coach.Record
			for _, in := range tc.steps {
				if in.Kind == coach.InputButton {
					in.Turn = st.Turn
				}
				out := e.Step(st, in, now, nil)
				st, now = out.State, now.Add(time.Minute)
				recs = append(recs, out.Records...)
			}
			if !tc.check(st, recs) {
				t.Fatalf("script %s ended in phase %q, %d records: %+v", tc.name, st.Phase, len(recs), st)
			}
		})
	}
}
