package nlu

import (
	"bufio"
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode"

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

// blind5Lines decodes every line of a JSONL file into a fresh T with
// unknown fields rejected.
func blind5Lines[T any](t *testing.T, name string) []T {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join(blind5Dir, name))
	if err != nil {
		t.Fatal(err)
	}
	var out []T
	sc := bufio.NewScanner(bytes.NewReader(raw))
	for n := 1; sc.Scan(); n++ {
		if strings.TrimSpace(sc.Text()) == "" {
			t.Fatalf("%s:%d: empty line", name, n)
		}
		dec := json.NewDecoder(strings.NewReader(sc.Text()))
		dec.DisallowUnknownFields()
		var v T
		if err := dec.Decode(&v); err != nil {
			t.Fatalf("%s:%d: %v", name, n, err)
		}
		out = append(out, v)
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// blind5Fold folds case and punctuation so near-identical texts compare equal.
func blind5Fold(s string) string {
	var b strings.Builder
	space := false
	for _, r := range strings.ToLower(s) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			if space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			b.WriteRune(r)
			space = false
		} else {
			space = true
		}
	}
	return b.String()
}

func TestBlind5Shape(t *testing.T) {
	reports := blind5Lines[blind5Report](t, "redflag.jsonl")
	ordinary := blind5Lines[blind5Ordinary](t, "ordinary.jsonl")
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
		k := blind5Fold(s)
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
	for _, r := range blind5Lines[blind5Report](t, "redflag.jsonl") {
		mine[blind5Fold(r.Text)] = true
	}
	for _, o := range blind5Lines[blind5Ordinary](t, "ordinary.jsonl") {
		mine[blind5Fold(o.Text)] = true
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
			if mine[blind5Fold(v.Text)] {
				t.Errorf("%s already holds %q", f, v.Text)
			}
		}
	}
}

// TestBlind5Evaluation prints the three triage figures and every miss. It
// only logs: blind5 is a held-out measure, not a target to tune on.
func TestBlind5Evaluation(t *testing.T) {
	m := New(coach.MustContent())
	var emTotal, emHit, clTotal, clHit, ordFlagged int
	for _, r := range blind5Lines[blind5Report](t, "redflag.jsonl") {
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
	ordinary := blind5Lines[blind5Ordinary](t, "ordinary.jsonl")
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
}
