package nlu

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchbot/stretchbot/coach"
)

// bsTokens runs the English pipeline of Understand up to the triage tokens.
func bsTokens(m *Model, text string) ([]ttok, []bool) {
	msg := tokenize(text)
	stems := make([]string, len(msg.toks))
	for i := range msg.toks {
		w := m.correct(msg.toks[i].word)
		msg.toks[i].word = w
		stems[i] = m.stemOf(w)
	}
	return m.tri.merge(msg, stems), msg.question
}

// TestBackstop pins what the backstop adds and what it must leave alone.
// "rules" is what the rules alone say, so that each case shows whether it
// is the backstop's catch or the rules'.
func TestBackstop(t *testing.T) {
	m := New(coach.MustContent())
	tests := []struct {
		text     string
		backstop string // the backstop's flag, or "" for none
		want     coach.Level
	}{
		// emergency domains with a sign of loss or change
		{"my waterworks have gone haywire and I can't control them at all", "bladder", coach.LevelEmergency},
		{"my knickers were damp and I had no idea, this is new", "bladder", coach.LevelEmergency},
		{"my stool came out on its own at work today", "bowel", coach.LevelEmergency},
		{"my crotch has felt weird and kind of dead since this afternoon", "saddle", coach.LevelEmergency},
		{"we tried to be intimate and honestly it felt like nothing", "sexual", coach.LevelEmergency},
		{"my legs keep buckling under me and it's happening more and more quickly", "leg-weakness", coach.LevelEmergency},
		{"my toes keep catching the pavement because my foot flops", "foot-drop", coach.LevelEmergency},
		{"got knocked off my motorbike on the highway, back is agony", "major-trauma", coach.LevelEmergency},
		{"sweating and shivering all night and I feel absolutely dreadful", "fever", coach.LevelEmergency},
		// a denied act is a loss; a denied symptom is not
		{"i haven't been able to hold my stool since yesterday", "bowel", coach.LevelEmergency},
		{"not managed a single wee since breakfast", "bladder", coach.LevelEmergency},
		{"my groin didn't go numb, it just aches", "", coach.LevelNone},
		{"I haven't had any bladder trouble at all", "", coach.LevelNone},
		// the spelling corrector leaves the backstop's words alone
		{"temperature 38.6. my back hurts and I feel really rough", "fever", coach.LevelEmergency},
		// suppressed by the rules' own machinery
		{"I don't have any bladder or bowel problems", "", coach.LevelNone},
		{"my dad's waterworks are playing up and he can't control them", "", coach.LevelNone},
		{"no sweats or chills, I feel fine", "", coach.LevelNone},
		{"can't feel the stretch in my bum during the glute one", "", coach.LevelNone},
		{"pins and needles in my hand from leaning on it, gone now", "", coach.LevelNone},
		// a strength lost "anymore" is new: the backstop reads it as pace
		{"i can't stand on tiptoe on my right side anymore", "leg-weakness", coach.LevelEmergency},
		{"my left leg feels weaker than my right on the stairs", "", coach.LevelClinician},
	}
	for _, tc := range tests {
		t.Run(tc.text, func(t *testing.T) {
			ts, q := bsTokens(m, tc.text)
			if got := m.tri.backstop(ts, q); got != tc.backstop {
				t.Errorf("backstop = %q, want %q", got, tc.backstop)
			}
			if got := m.Understand(tc.text); got.Level != tc.want {
				t.Errorf("Understand = %+v, want level %q", got, tc.want)
			}
		})
	}
}

// bsSetLines reads the "text" and "level" of every line of a JSONL file.
func bsSetLines(t *testing.T, path string) []blind5Report {
	t.Helper()
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var out []blind5Report
	for _, line := range strings.Split(string(raw), "\n") {
		if strings.TrimSpace(line) == "" {
			continue
		}
		var r blind5Report
		if err := json.Unmarshal([]byte(line), &r); err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		out = append(out, r)
	}
	return out
}

// TestBackstopAlone measures the backstop on its own, without the rules, on
// every English set the rules were built or checked on (blind5 is left out:
// it is held out for the backstop). Its recall there says how much of the
// emergency ground the structure covers by itself; its false flags must
// stay within the 5% on every ordinary set even with no rule in
// front of it.
func TestBackstopAlone(t *testing.T) {
	m := New(coach.MustContent())
	for _, set := range []string{"eval", "blind", "blind2", "blind3", "blind4"} {
		dir := filepath.Join("..", "coach", "testdata", set)
		var em, emHit, ord, ordHit int
		for _, r := range bsSetLines(t, filepath.Join(dir, "redflag.jsonl")) {
			if r.Level != coach.LevelEmergency {
				continue
			}
			em++
			if ts, q := bsTokens(m, r.Text); m.tri.backstop(ts, q) != "" {
				emHit++
			}
		}
		for _, r := range bsSetLines(t, filepath.Join(dir, "ordinary.jsonl")) {
			ord++
			if ts, q := bsTokens(m, r.Text); m.tri.backstop(ts, q) != "" {
				ordHit++
				t.Logf("%s: backstop alone flags ordinary %q", set, r.Text)
			}
		}
		rate := 100 * float64(ordHit) / float64(ord)
		t.Logf("%s: backstop alone: emergency %d/%d = %.1f%%, ordinary flagged %d/%d = %.1f%%",
			set, emHit, em, 100*float64(emHit)/float64(em), ordHit, ord, rate)
		if rate > 5 {
			t.Errorf("%s: backstop alone flags %.1f%% of ordinary messages, want ≤ 5%%", set, rate)
		}
	}
}

// TestBackstopCatchesWhatRulesMiss pins reports that no rule recognises and
// only the backstop turns into an emergency.
func TestBackstopCatchesWhatRulesMiss(t *testing.T) {
	m := New(coach.MustContent())
	for _, tc := range []struct{ text, flag string }{
		{"my knickers were damp and I had no idea, this is new", "bladder"},
		{"my stool came out on its own at work today", "bowel"},
		{"my crotch has felt weird and kind of dead since this afternoon", "saddle"},
	} {
		ts, q := bsTokens(m, tc.text)
		if lv, _ := m.tri.run(ts, q); lv == coach.LevelEmergency {
			t.Errorf("%q: the rules alone find an emergency; pick a case they miss", tc.text)
		}
		got := m.Understand(tc.text)
		if got.Level != coach.LevelEmergency || len(got.Flags) != 1 || got.Flags[0] != tc.flag {
			t.Errorf("%q = %+v, want emergency [%s]", tc.text, got, tc.flag)
		}
	}
}

// TestBackstopLongMessage checks that the search is bounded: a long
// message of domain words with no sign for the third class (no pace) would
// cost n³ token checks unbounded (tokenize keeps about a hundred tokens,
// so a million), and must not be an emergency either.
func TestBackstopLongMessage(t *testing.T) {
	m := New(coach.MustContent())
	text := strings.Repeat("legs weak knees heavy ", 2000)
	ts, q := bsTokens(m, text)
	if len(ts) < 100 {
		t.Fatalf("only %d tokens; the test needs a long message", len(ts))
	}
	for ri := range bsRules {
		if bsFires(m.tri, &bsRules[ri], ts, q) {
			t.Errorf("rule %s fires on a message with no sign of loss or pace", bsRules[ri].flag)
		}
	}
}
