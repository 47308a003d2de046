package coach

import (
	"encoding/json"
	"math"
	"testing"
	"time"
)

// knownPhases are every Phase the engine may be in.
var knownPhases = map[Phase]bool{
	PhaseNew: true, PhaseOnbIntro: true, PhaseOnbEmergency: true, PhaseOnbClinician: true,
	PhaseOnbZone: true, PhaseOnbMorning: true, PhaseOnbEvening: true, PhaseOnbGentle: true,
	PhaseOnbFirst: true, PhaseIdle: true, PhaseChoose: true, PhaseStretch: true,
	PhaseHurtLevel: true, PhaseHurtKind: true, PhaseHurtChoice: true, PhaseEndPain: true,
	PhaseRecheck: true, PhasePauseOffer: true, PhaseSetZone: true, PhaseSetMorning: true,
	PhaseSetEvening: true, PhaseSetQuiet: true, PhaseDelete: true, PhasePauseDays: true,
	PhaseSettings: true,
}

// wellFormed reports what is wrong with a state the engine may be handed
// by a store, or "" when nothing is: the invariants Step must keep.
func wellFormed(st State) string {
	switch {
	case !knownPhases[st.Phase]:
		return "unknown phase"
	case st.Session != nil && (st.Session.Index < 0 || st.Session.Index > len(st.Session.Items)):
		return "session index out of range"
	case st.Session != nil && !st.Session.Slot.Valid():
		return "session slot invalid"
	case st.Streak.Current < 0 || st.Streak.Best < st.Streak.Current:
		return "streak counts inconsistent"
	case !st.Profile.Morning.Valid() || !st.Profile.Evening.Valid():
		return "reminder time out of range"
	}
	return ""
}

// fuzzSeeds returns states met in real conversations, as JSON.
func fuzzSeeds(t testing.TB) [][]byte {
	c := newConv(&testing.T{})
	var out [][]byte
	add := func() {
		b, err := json.Marshal(c.st)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, b)
	}
	add() // new
	c.cmd("start")
	add()
	c.press("ok")
	c.press("no")
	c.press("no")
	add() // time zone
	c.text("London")
	c.press("t:07:30")
	c.text("7pm")
	c.press("later")
	add() // idle
	c.cmd("stretch")
	if c.st.Phase == PhaseChoose {
		add()
		c.press("start:morning")
	}
	add() // first stretch
	c.press("hurt")
	add() // hurt level
	return out
}

// FuzzStep feeds Engine.Step arbitrary stored states and inputs: it must
// never panic, must keep the state well formed when it was, never move a
// turn backwards, offer only valid buttons and return a state the store
// can encode.
func FuzzStep(f *testing.F) {
	for i, st := range fuzzSeeds(f) {
		f.Add(st, uint8(1+i%7), "done", "done", uint32(9), "stretch", int64(i*37))
		f.Add(st, uint8(InputText), "my leg is numb and I can't pee", "", uint32(0), "", int64(5))
		f.Add(st, uint8(InputButton), "", "p:2", uint32(12), "", int64(-90))
	}
	f.Add([]byte(`{"phase":"stretch","session":{"index":7,"items":[]}}`), uint8(InputText), "done", "", uint32(1), "", int64(0))
	f.Add([]byte(`{"phase":"hurt-kind","turn":4294967295}`), uint8(InputButton), "", "k:numb", uint32(4294967295), "", int64(0))

	c, err := LoadContent()
	if err != nil {
		f.Fatal(err)
	}
	e := NewEngine(c, testNLU)
	base := time.Date(2026, 11, 25, 8, 0, 0, 0, time.UTC)
	f.Fuzz(func(t *testing.T, raw []byte, kind uint8, text, action string, turn uint32, cmd string, minutes int64) {
		var st State
		if json.Unmarshal(raw, &st) != nil {
			return
		}
		st.User = 42
		// Instants a store can hold (JSON times are years 0-9999).
		minutes %= 60 * 24 * 365 * 100
		now := base.Add(time.Duration(minutes) * time.Minute)
		if _, err := json.Marshal(st); err != nil {
			return
		}
		in := Input{Kind: InputKind(kind%8 + 1), Text: text, Action: action, Turn: turn, Command: cmd,
			Zone: text, Slot: Slot(cmd), At: now.Add(-time.Duration(turn%300) * time.Minute), Lang: action}
		var hist []Record
		if e.NeedsHistory(st, in) {
			hist = []Record{{Kind: RecordRoutine, At: now.Add(-time.Hour), Day: "2026-11-25",
				Routine: &RoutineRecord{Slot: Morning, Completed: true, Pain: 3}}}
		}
		wasOK := wellFormed(st) == ""
		out := e.Step(st, in, now, hist)

		for _, r := range out.Replies {
			if r.Text == "" && r.File == nil && r.Chart == nil && len(r.Buttons) == 0 {
				t.Fatalf("empty reply to %+v", in)
			}
			for _, row := range r.Buttons {
				for _, b := range row {
					if b.Action == "" || len(b.Action) > 24 || b.Label == "" {
						t.Fatalf("bad button %+v", b)
					}
				}
			}
		}
		if out.Erase {
			return
		}
		if out.State.User != 42 {
			t.Fatalf("user changed to %d", out.State.User)
		}
		if wasOK {
			if why := wellFormed(out.State); why != "" {
				t.Fatalf("%s after %+v: %+v", why, in, out.State)
			}
		}
		if st.Turn < math.MaxUint32-1000 && out.State.Turn < st.Turn {
			t.Fatalf("turn went back from %d to %d", st.Turn, out.State.Turn)
		}
		if _, err := json.Marshal(out.State); err != nil {
			t.Fatalf("the store could not save the state: %v", err)
		}
		for _, r := range out.Records {
			if _, err := json.Marshal(r); err != nil {
				t.Fatalf("the store could not save a record: %v", err)
			}
		}
	})
}
