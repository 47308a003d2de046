package nlu

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchbot/stretchbot/coach"
)

// The fifth blind set (coach/testdata/blind5) measures the emergency
// backstop: it was written before anyone on that round read nlu/, and its
// misses were read only after the backstop's "after" figure was recorded.
// See coach/testdata/blind5/README.md.

const blind5Dir = "../coach/testdata/blind5"

// blind5Report is one red-flag line of blind5/redflag.jsonl.
type blind5Report struct {
	Text  string      `json:"text"`
	Level coach.Level `json:"level"`
	Sign  string      `json:"sign"`
}

// blind5Ordinary is one line of blind5/ordinary.jsonl.
type blind5Ordinary struct {
	Text string `json:"text"`
	Kind string `json:"kind"`
}

func TestBlind5Shape(t *testing.T) {
	reports := ReadJSONL[blind5Report](t, filepath.Join(blind5Dir, "redflag.jsonl"))
	ordinary := ReadJSONL[blind5Ordinary](t, filepath.Join(blind5Dir, "ordinary.jsonl"))
	signs := map[coach.Level]map[string]bool{
		coach.LevelEmergency: {"bladder": true, "bowel": true, "saddle": true, "sexual": true,
			"weakness": true, "footdrop": true, "trauma": true, "fever": true},
		coach.LevelClinician: {"sciatica": true, "pins": true, "numbness": true, "weakness": true,
			"duration": true, "worsening": true, "cancer": true, "weightloss": true, "night": true,
			"bones": true, "minorfall": true},
	}
	kinds := map[string]bool{"routine": true, "mild": true, "stiff": true, "negated": true, "other": true,
		"harmless": true, "question": true, "past": true, "joke": true, "hypothetical": true}
	count := map[coach.Level]int{}
	seen := map[string]bool{}
	dup := func(s string) {
		t.Helper()
		k := FoldText(s)
		if k == "" {
			t.Errorf("empty text")
		}
		if seen[k] {
			t.Errorf("duplicate text %q", s)
		}
		seen[k] = true
	}
	for _, r := range reports {
		count[r.Level]++
		if !signs[r.Level][r.Sign] {
			t.Errorf("%q: unknown level/sign %q/%q", r.Text, r.Level, r.Sign)
		}
		dup(r.Text)
	}
	for _, o := range ordinary {
		if !kinds[o.Kind] {
			t.Errorf("%q: unknown kind %q", o.Text, o.Kind)
		}
		dup(o.Text)
	}
	if count[coach.LevelEmergency] != 40 || count[coach.LevelClinician] != 25 || len(ordinary) != 60 {
		t.Errorf("got %d emergency, %d clinician, %d ordinary; want 40, 25, 60",
			count[coach.LevelEmergency], count[coach.LevelClinician], len(ordinary))
	}
}

// TestBlind5Unseen checks that no blind5 text appears in any other set under
// coach/testdata (every .jsonl file's "text" field, folded).
func TestBlind5Unseen(t *testing.T) {
	mine := map[string]bool{}
	for _, r := range ReadJSONL[blind5Report](t, filepath.Join(blind5Dir, "redflag.jsonl")) {
		mine[FoldText(r.Text)] = true
	}
	for _, o := range ReadJSONL[blind5Ordinary](t, filepath.Join(blind5Dir, "ordinary.jsonl")) {
		mine[FoldText(o.Text)] = true
	}
	files, err := filepath.Glob("../coach/testdata/*/*.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		if filepath.Base(filepath.Dir(f)) == "blind5" {
			continue
		}
		raw, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, line := range strings.Split(string(raw), "\n") {
			var v struct {
				Text string `json:"text"`
			}
			if json.Unmarshal([]byte(line), &v) != nil || v.Text == "" {
				continue
			}
			if mine[FoldText(v.Text)] {
				t.Errorf("%s already holds %q", f, v.Text)
			}
		}
	}
}

// TestBlind5Evaluation prints the three triage figures and every miss, and
// since the sixth round (whose fixes were made by cause on blind5's misses,
// so blind5 is no longer held out) holds them to the targets as a
// regression check.
func TestBlind5Evaluation(t *testing.T) {
	m := New(coach.MustContent())
	var emTotal, emHit, clTotal, clHit, ordFlagged int
	for _, r := range ReadJSONL[blind5Report](t, filepath.Join(blind5Dir, "redflag.jsonl")) {
		u := m.Understand(r.Text)
		switch r.Level {
		case coach.LevelEmergency:
			emTotal++
			if u.Intent == coach.IntentRedFlag && u.Level == coach.LevelEmergency {
				emHit++
			} else {
				t.Logf("MISS emergency/%s: %q -> %s %s %v", r.Sign, r.Text, u.Intent, u.Level, u.Flags)
			}
		case coach.LevelClinician:
			clTotal++
			if u.Intent == coach.IntentRedFlag {
				clHit++
			} else {
				t.Logf("MISS clinician/%s: %q -> %s", r.Sign, r.Text, u.Intent)
			}
		}
	}
	ordinary := ReadJSONL[blind5Ordinary](t, filepath.Join(blind5Dir, "ordinary.jsonl"))
	for _, o := range ordinary {
		if u := m.Understand(o.Text); u.Intent == coach.IntentRedFlag {
			ordFlagged++
			t.Logf("FLAGGED ordinary/%s: %q -> %s %v", o.Kind, o.Text, u.Level, u.Flags)
		}
	}
	pct := func(a, b int) float64 { return 100 * float64(a) / float64(b) }
	t.Logf("SUMMARY blind5: emergency %d/%d = %.1f%%; clinician %d/%d = %.1f%%; ordinary flagged %d/%d = %.1f%%",
		emHit, emTotal, pct(emHit, emTotal), clHit, clTotal, pct(clHit, clTotal),
		ordFlagged, len(ordinary), pct(ordFlagged, len(ordinary)))
	if emHit < emTotal || pct(clHit, clTotal) < 97 || pct(ordFlagged, len(ordinary)) > 5 {
		t.Errorf("blind5 below target: emergency %d/%d (want all), clinician %.1f%% (want ≥ 97%%), ordinary flagged %.1f%% (want ≤ 5%%)",
			emHit, emTotal, pct(clHit, clTotal), pct(ordFlagged, len(ordinary)))
	}
}
