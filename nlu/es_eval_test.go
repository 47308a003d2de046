package nlu

import (
	"bufio"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchbot/stretchbot/coach"
)

// esEvalDir holds the Spanish evaluation set, written as Spanish speakers
// from Spain and Latin America type (typos, no accents, slang) before the
// Spanish triage was tuned.
const esEvalDir = "../coach/testdata/eval_es"

func loadESEval(t testing.TB, name string) []evalItem {
	t.Helper()
	f, err := os.Open(filepath.Join(esEvalDir, name))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []evalItem
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		if strings.TrimSpace(sc.Text()) == "" {
			continue
		}
		var it evalItem
		if err := json.Unmarshal(sc.Bytes(), &it); err != nil {
			t.Fatalf("%s:%d: %v", name, n, err)
		}
		if strings.TrimSpace(it.Text) == "" {
			t.Fatalf("%s:%d: empty text", name, n)
		}
		out = append(out, it)
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// TestSpanishTriageEval scores the whole model (Understand) on the Spanish
// red-flag and ordinary sets and fails below the targets: emergency →
// emergency 100%, clinician → clinician or emergency ≥ 97%, ordinary
// messages falsely flagged ≤ 5%.
func TestSpanishTriageEval(t *testing.T) {
	m := testModel(t)
	red := loadESEval(t, "redflag.jsonl")
	ord := loadESEval(t, "ordinary.jsonl")
	var emHit, emN, clHit, clN, flagHit, falseN int
	for _, it := range red {
		u := m.Understand(it.Text)
		got := coach.LevelNone
		if u.Intent == coach.IntentRedFlag {
			got = u.Level
		}
		switch it.Level {
		case coach.LevelEmergency:
			emN++
			if got == coach.LevelEmergency {
				emHit++
			} else {
				t.Errorf("emergency missed: %q = %+v (want %s)", it.Text, u, it.Flag)
			}
		case coach.LevelClinician:
			clN++
			if got != coach.LevelNone {
				clHit++
			} else {
				t.Logf("clinician missed: %q = %+v (want %s)", it.Text, u, it.Flag)
			}
		default:
			t.Fatalf("%q: level %q", it.Text, it.Level)
		}
		if contains(u.Flags, it.Flag) {
			flagHit++
		} else if got != coach.LevelNone {
			t.Logf("flag: %q = %v, labelled %s", it.Text, u.Flags, it.Flag)
		}
	}
	for _, it := range ord {
		if u := m.Understand(it.Text); u.Intent == coach.IntentRedFlag {
			falseN++
			t.Logf("ordinary flagged: %q = %s %v", it.Text, u.Level, u.Flags)
		}
	}
	if emN < 30 || clN < 30 || len(ord) < 60 {
		t.Fatalf("set too small: %d emergency, %d clinician, %d ordinary", emN, clN, len(ord))
	}
	emRate := float64(emHit) / float64(emN)
	clRate := float64(clHit) / float64(clN)
	falseRate := float64(falseN) / float64(len(ord))
	t.Logf("es triage: emergency %d/%d (%.1f%%), clinician-or-emergency %d/%d (%.1f%%), flag named %d/%d, ordinary falsely flagged %d/%d (%.1f%%)",
		emHit, emN, 100*emRate, clHit, clN, 100*clRate, flagHit, emN+clN, falseN, len(ord), 100*falseRate)
	if emRate < 1 {
		t.Errorf("emergency recall %.1f%%, want 100%%", 100*emRate)
	}
	if clRate < 0.97 {
		t.Errorf("clinician recall %.1f%%, want ≥ 97%%", 100*clRate)
	}
	if falseRate > 0.05 {
		t.Errorf("ordinary falsely flagged %.1f%%, want ≤ 5%%", 100*falseRate)
	}
}

// TestSpanishLeavesEnglishAlone runs every English message of the
// evaluation and blind sets through the Spanish side: none may be taken
// over by it (read as Spanish, or flagged by a Spanish pattern), so the
// English figures are exactly those of the English pipeline.
func TestSpanishLeavesEnglishAlone(t *testing.T) {
	m := testModel(t)
	n, taken := 0, 0
	for _, dir := range []string{"eval", "blind", "blind2"} {
		for _, name := range []string{"faq.jsonl", "redflag.jsonl", "ordinary.jsonl", "outofscope.jsonl"} {
			path := filepath.Join("..", "coach", "testdata", dir, name)
			b, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			for _, line := range strings.Split(string(b), "\n") {
				var it evalItem
				if strings.TrimSpace(line) == "" || json.Unmarshal([]byte(line), &it) != nil {
					continue
				}
				n++
				if u, ok := m.understandES(it.Text); ok {
					taken++
					t.Errorf("%s/%s: %q taken by the Spanish side: %+v", dir, name, it.Text, u)
				}
			}
		}
	}
	t.Logf("English messages checked: %d, taken by the Spanish side: %d", n, taken)
	if n < 500 {
		t.Fatalf("only %d English messages found", n)
	}
}
