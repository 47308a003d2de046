package nlu_test

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode"

	"github.com/stretchbot/stretchbot/coach"
	"github.com/stretchbot/stretchbot/nlu"
)

// The blind set (coach/testdata/blind) is an independent check of the
// matcher and the triage: messages written from the issue text and the
// article alone, without looking at the matcher, its phrases or its own
// evaluation set. See its README for the figures over time.
const blindDir = "../coach/testdata/blind"

// blindRow is one line of a blind-set file.
type blindRow struct {
	Text  string `json:"text"`
	Topic string `json:"topic,omitempty"`
	Level string `json:"level,omitempty"`
}

// blindSet is the whole blind set.
type blindSet struct {
	FAQ, RedFlag, Ordinary, OutOfScope []blindRow
}

func loadBlindFile(t testing.TB, name string) []blindRow {
	t.Helper()
	f, err := os.Open(filepath.Join(blindDir, name))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var rows []blindRow
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" {
			continue
		}
		var r blindRow
		dec := json.NewDecoder(strings.NewReader(line))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&r); err != nil {
			t.Fatalf("%s:%d: %v", name, n, err)
		}
		if strings.TrimSpace(r.Text) == "" {
			t.Fatalf("%s:%d: empty text", name, n)
		}
		rows = append(rows, r)
	}
	if err := sc.Err(); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return rows
}

func loadBlind(t testing.TB) blindSet {
	t.Helper()
	return blindSet{
		FAQ:        loadBlindFile(t, "faq.jsonl"),
		RedFlag:    loadBlindFile(t, "redflag.jsonl"),
		Ordinary:   loadBlindFile(t, "ordinary.jsonl"),
		OutOfScope: loadBlindFile(t, "outofscope.jsonl"),
	}
}

// TestBlindSetShape checks the blind set itself: the sizes the brief asks
// for, known topic ids and levels, and no duplicates.
func TestBlindSetShape(t *testing.T) {
	set := loadBlind(t)
	content := coach.MustContent()

	perTopic := map[string]int{}
	for _, r := range set.FAQ {
		if content.Topic(r.Topic) == nil {
			t.Errorf("faq.jsonl: unknown topic %q", r.Topic)
		}
		perTopic[r.Topic]++
	}
	if len(perTopic) != len(content.Topics) {
		t.Errorf("faq.jsonl covers %d topics, content has %d", len(perTopic), len(content.Topics))
	}
	for id, n := range perTopic {
		if n != 8 {
			t.Errorf("faq.jsonl: topic %s has %d messages, want 8", id, n)
		}
	}
	levels := map[string]int{}
	for _, r := range set.RedFlag {
		switch coach.Level(r.Level) {
		case coach.LevelEmergency, coach.LevelClinician:
			levels[r.Level]++
		default:
			t.Errorf("redflag.jsonl: bad level %q", r.Level)
		}
	}
	if levels["emergency"] != 40 || levels["clinician"] != 40 {
		t.Errorf("redflag.jsonl: %v, want 40 of each level", levels)
	}
	if len(set.Ordinary) != 80 {
		t.Errorf("ordinary.jsonl: %d messages, want 80", len(set.Ordinary))
	}
	if len(set.OutOfScope) != 40 {
		t.Errorf("outofscope.jsonl: %d messages, want 40", len(set.OutOfScope))
	}

	seen := map[string]bool{}
	for _, rows := range [][]blindRow{set.FAQ, set.RedFlag, set.Ordinary, set.OutOfScope} {
		for _, r := range rows {
			k := blindKey(r.Text)
			if seen[k] {
				t.Errorf("duplicate blind message %q", r.Text)
			}
			seen[k] = true
		}
	}
}

// blindKey normalises a message for comparison: lower case, letters and
// digits only, single spaces.
func blindKey(s string) string {
	var b strings.Builder
	space := false
	for _, r := range strings.ToLower(s) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			if space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			space = false
			b.WriteRune(r)
		} else {
			space = true
		}
	}
	return b.String()
}

// TestBlindSetIsHeldOut checks that no blind message is, up to case and
// punctuation, one of the matcher's own phrases (a topic's question or
// paraphrases) or a message of the team's evaluation set: the blind
// figures are only meaningful while that holds.
func TestBlindSetIsHeldOut(t *testing.T) {
	known := map[string]string{}
	for _, tp := range coach.MustContent().Topics {
		known[blindKey(tp.Question)] = "faq.json " + tp.ID
		for _, p := range tp.Paraphrases {
			known[blindKey(p)] = "faq.json " + tp.ID
		}
	}
	evalFiles, err := filepath.Glob("../coach/testdata/eval/*.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range evalFiles {
		b, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		for _, line := range strings.Split(string(b), "\n") {
			var m map[string]any
			if json.Unmarshal([]byte(line), &m) != nil {
				continue
			}
			// Every string field, whatever the file's schema.
			for _, v := range m {
				if s, ok := v.(string); ok {
					known[blindKey(s)] = "eval " + filepath.Base(name)
				}
			}
		}
	}
	if len(known) < 100 {
		t.Fatalf("only %d known phrases loaded: wrong paths?", len(known))
	}
	set := loadBlind(t)
	for _, rows := range [][]blindRow{set.FAQ, set.RedFlag, set.Ordinary, set.OutOfScope} {
		for _, r := range rows {
			if where, ok := known[blindKey(r.Text)]; ok {
				t.Errorf("blind message %q also appears in %s", r.Text, where)
			}
		}
	}
}

// blindFigure is one measured rate with its misses.
type blindFigure struct {
	Name   string
	Hits   int
	Total  int
	Misses []string
	// Target is the target rate; AtMost is set for a rate that
	// must stay below it (false flags).
	Target float64
	AtMost bool
}

func (f blindFigure) rate() float64 {
	if f.Total == 0 {
		return 0
	}
	return float64(f.Hits) / float64(f.Total)
}

func (f blindFigure) met() bool {
	if f.AtMost {
		return f.rate() <= f.Target
	}
	return f.rate() >= f.Target
}

// describe renders an Understanding compactly for a miss list.
func describe(u coach.Understanding) string {
	switch u.Intent {
	case coach.IntentFAQ:
		return fmt.Sprintf("faq %s %.2f", u.Topic, u.Score)
	case coach.IntentSuggest:
		return fmt.Sprintf("suggest %v", u.Candidates)
	case coach.IntentRedFlag:
		return fmt.Sprintf("redflag %s %v", u.Level, u.Flags)
	default:
		return string(u.Intent)
	}
}

// measureBlind runs the understander over the blind set and returns the
// issue's five figures, plus a lenient FAQ figure (right topic answered or
// offered first among suggestions) for information.
func measureBlind(u coach.Understander, set blindSet) (figs []blindFigure, lenient blindFigure) {
	faq := blindFigure{Name: "FAQ top-1 (answered, right topic)", Target: 0.95}
	lenient = blindFigure{Name: "FAQ right topic answered or suggested first"}
	for _, r := range set.FAQ {
		got := u.Understand(r.Text)
		ok := got.Intent == coach.IntentFAQ && got.Topic == r.Topic
		first := ok || got.Intent == coach.IntentSuggest && len(got.Candidates) > 0 && got.Candidates[0] == r.Topic
		faq.Total++
		lenient.Total++
		if ok {
			faq.Hits++
		} else {
			faq.Misses = append(faq.Misses, fmt.Sprintf("%q want %s, got %s", r.Text, r.Topic, describe(got)))
		}
		if first {
			lenient.Hits++
		}
	}

	oos := blindFigure{Name: "out-of-scope rejected (unknown)", Target: 0.90}
	for _, r := range set.OutOfScope {
		got := u.Understand(r.Text)
		oos.Total++
		if got.Intent == coach.IntentUnknown {
			oos.Hits++
		} else {
			oos.Misses = append(oos.Misses, fmt.Sprintf("%q got %s", r.Text, describe(got)))
		}
	}

	emer := blindFigure{Name: "emergency -> emergency", Target: 1}
	clin := blindFigure{Name: "clinician -> clinician or emergency", Target: 0.97}
	for _, r := range set.RedFlag {
		got := u.Understand(r.Text)
		flagged := got.Intent == coach.IntentRedFlag
		if r.Level == string(coach.LevelEmergency) {
			emer.Total++
			if flagged && got.Level == coach.LevelEmergency {
				emer.Hits++
			} else {
				emer.Misses = append(emer.Misses, fmt.Sprintf("%q got %s", r.Text, describe(got)))
			}
			continue
		}
		clin.Total++
		if flagged && (got.Level == coach.LevelClinician || got.Level == coach.LevelEmergency) {
			clin.Hits++
		} else {
			clin.Misses = append(clin.Misses, fmt.Sprintf("%q got %s", r.Text, describe(got)))
		}
	}

	ord := blindFigure{Name: "ordinary falsely flagged", Target: 0.05, AtMost: true}
	for _, r := range set.Ordinary {
		got := u.Understand(r.Text)
		ord.Total++
		if got.Intent == coach.IntentRedFlag {
			ord.Hits++
			ord.Misses = append(ord.Misses, fmt.Sprintf("%q got %s", r.Text, describe(got)))
		}
	}
	return []blindFigure{faq, oos, emer, clin, ord}, lenient
}

// TestBlindEvaluation prints the five figures of issue 3 on the blind set
// and every miss, and fails below the targets. The set was held
// out until its first run (phase 1 in its README); since the fixes that
// followed, it is a regression guard, no longer a held-out measure.
func TestBlindEvaluation(t *testing.T) {
	set := loadBlind(t)
	figs, lenient := measureBlind(nlu.New(coach.MustContent()), set)

	var b strings.Builder
	fmt.Fprintf(&b, "\n%-42s %9s %7s %8s\n", "blind set", "hits", "rate", "target")
	for _, f := range append(figs, lenient) {
		target := "-"
		if f.Target > 0 || f.AtMost {
			op := ">="
			if f.AtMost {
				op = "<="
			}
			target = fmt.Sprintf("%s%.0f%%", op, 100*f.Target)
		}
		fmt.Fprintf(&b, "%-42s %4d/%-4d %6.1f%% %8s\n", f.Name, f.Hits, f.Total, 100*f.rate(), target)
	}
	t.Log(b.String())
	for _, f := range figs {
		for _, m := range f.Misses {
			t.Logf("miss [%s] %s", f.Name, m)
		}
	}
	for _, f := range figs {
		if !f.met() {
			t.Errorf("blind set: %s %.1f%% (%d/%d), target %.0f%%", f.Name, 100*f.rate(), f.Hits, f.Total, 100*f.Target)
		}
	}
}
