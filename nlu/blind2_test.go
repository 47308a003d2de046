package nlu_test

// The second blind evaluation (issue 3): a held-out set of messages written
// without looking at the matcher, its paraphrases or the other evaluation
// sets, in a deliberately different voice (older users, non-native English,
// very short texts, voice-to-text run-ons, symptoms told through everyday
// activities, questions mixed with reports). See
// coach/testdata/blind2/README.md for the figures and how they were made.

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"unicode"

	"github.com/stretchbot/stretchbot/coach"
	"github.com/stretchbot/stretchbot/nlu"
)

// blind2Dir holds the second blind set, relative to this package.
const blind2Dir = "../coach/testdata/blind2"

// blind2Enforce makes TestBlind2Evaluation fail below the targets.
// It is false while the set is held out (phase 1: figures are only logged).
const blind2Enforce = false

// blind2Targets are the targets, as fractions.
var blind2Targets = struct {
	faqTop1, outOfScope, emergency, clinician, ordinaryFlagged float64
}{0.95, 0.90, 1.00, 0.97, 0.05}

// blind2Row is one line of a blind-set file; each file uses some fields.
type blind2Row struct {
	Text  string `json:"text"`
	Topic string `json:"topic,omitempty"`
	Level string `json:"level,omitempty"`
}

// blind2Set is the whole blind set.
type blind2Set struct {
	faq, redflag, ordinary, outOfScope []blind2Row
}

// blind2Load reads the four files of the blind set.
func blind2Load(t testing.TB) blind2Set {
	t.Helper()
	var s blind2Set
	for _, f := range []struct {
		name string
		into *[]blind2Row
	}{
		{"faq.jsonl", &s.faq},
		{"redflag.jsonl", &s.redflag},
		{"ordinary.jsonl", &s.ordinary},
		{"outofscope.jsonl", &s.outOfScope},
	} {
		*f.into = blind2ReadJSONL(t, filepath.Join(blind2Dir, f.name))
	}
	return s
}

// blind2ReadJSONL decodes one JSON object per non-empty line, strictly.
func blind2ReadJSONL(t testing.TB, path string) []blind2Row {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var rows []blind2Row
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" {
			continue
		}
		dec := json.NewDecoder(strings.NewReader(line))
		dec.DisallowUnknownFields()
		var r blind2Row
		if err := dec.Decode(&r); err != nil {
			t.Fatalf("%s:%d: %v", path, n, err)
		}
		if strings.TrimSpace(r.Text) == "" {
			t.Fatalf("%s:%d: empty text", path, n)
		}
		rows = append(rows, r)
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return rows
}

// blind2Norm folds a text for comparison: lower case, letters and digits
// only, single spaces. Two texts equal under it are the same sentence.
func blind2Norm(s string) string {
	var b strings.Builder
	space := false
	for _, r := range strings.ToLower(s) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			if space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			space = false
			b.WriteRune(r)
			continue
		}
		space = true
	}
	return b.String()
}

func TestBlind2SetIsWellFormed(t *testing.T) {
	s := blind2Load(t)
	c := coach.MustContent()

	perTopic := map[string]int{}
	for _, r := range s.faq {
		if c.Topic(r.Topic) == nil {
			t.Errorf("faq: unknown topic %q for %q", r.Topic, r.Text)
		}
		perTopic[r.Topic]++
	}
	for _, tp := range c.Topics {
		if perTopic[tp.ID] != 8 {
			t.Errorf("faq: topic %s has %d messages, want 8", tp.ID, perTopic[tp.ID])
		}
	}
	levels := map[string]int{}
	for _, r := range s.redflag {
		levels[r.Level]++
	}
	if len(levels) != 2 || levels[string(coach.LevelEmergency)] != 40 || levels[string(coach.LevelClinician)] != 40 {
		t.Errorf("redflag: levels %v, want 40 emergency and 40 clinician", levels)
	}
	if len(s.ordinary) != 80 || len(s.outOfScope) != 40 {
		t.Errorf("ordinary %d (want 80), out of scope %d (want 40)", len(s.ordinary), len(s.outOfScope))
	}
	seen := map[string]bool{}
	for _, rows := range [][]blind2Row{s.faq, s.redflag, s.ordinary, s.outOfScope} {
		for _, r := range rows {
			k := blind2Norm(r.Text)
			if seen[k] {
				t.Errorf("duplicate text %q", r.Text)
			}
			seen[k] = true
		}
	}
}

// blind2OtherTexts returns every text the matcher or the earlier
// evaluations know: the topics' questions and paraphrases and every string
// in the other test-data sets. Files there are read generically (JSON lines
// with a "text" field, or plain lines) so that their format may change.
func blind2OtherTexts(t *testing.T) map[string]string {
	t.Helper()
	known := map[string]string{}
	for _, tp := range coach.MustContent().Topics {
		known[blind2Norm(tp.Question)] = "faq.json " + tp.ID
		for _, p := range tp.Paraphrases {
			known[blind2Norm(p)] = "faq.json " + tp.ID
		}
	}
	for _, dir := range []string{"../coach/testdata/eval", "../coach/testdata/blind"} {
		err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			b, err := os.ReadFile(path)
			if err != nil {
				return err
			}
			for _, line := range strings.Split(string(b), "\n") {
				text := line
				var obj map[string]any
				if json.Unmarshal([]byte(line), &obj) == nil {
					if s, ok := obj["text"].(string); ok {
						text = s
					}
				}
				if k := blind2Norm(text); k != "" {
					known[k] = path
				}
			}
			return nil
		})
		if err != nil && !os.IsNotExist(err) {
			t.Fatal(err)
		}
	}
	return known
}

func TestBlind2TextsAreUnseen(t *testing.T) {
	s := blind2Load(t)
	known := blind2OtherTexts(t)
	if len(known) < 500 {
		t.Fatalf("only %d known texts found: the comparison would prove nothing", len(known))
	}
	for _, rows := range [][]blind2Row{s.faq, s.redflag, s.ordinary, s.outOfScope} {
		for _, r := range rows {
			if where, ok := known[blind2Norm(r.Text)]; ok {
				t.Errorf("blind text %q also appears in %s", r.Text, where)
			}
		}
	}
}

// blind2Figure is one of the five figures: hits out of total.
type blind2Figure struct {
	name        string
	hits, total int
	target      float64
	atMost      bool // the target is a ceiling (false flags), not a floor
	misses      []string
}

func (f *blind2Figure) rate() float64 {
	if f.total == 0 {
		return 0
	}
	return float64(f.hits) / float64(f.total)
}

func (f *blind2Figure) ok() bool {
	if f.atMost {
		return f.rate() <= f.target+1e-9
	}
	return f.rate() >= f.target-1e-9
}

// blind2Describe renders an Understanding for a miss line.
func blind2Describe(u coach.Understanding) string {
	switch u.Intent {
	case coach.IntentFAQ:
		return fmt.Sprintf("faq:%s (%.2f)", u.Topic, u.Score)
	case coach.IntentSuggest:
		return fmt.Sprintf("suggest:%s", strings.Join(u.Candidates, ","))
	case coach.IntentRedFlag:
		return fmt.Sprintf("redflag:%s %v", u.Level, u.Flags)
	}
	return string(u.Intent)
}

// blind2Evaluate classifies the whole set and returns the five figures
// plus the number of FAQ messages answered with the right topic outright
// (no "did you mean" step), which is logged for information.
func blind2Evaluate(s blind2Set, u coach.Understander) ([]*blind2Figure, int) {
	faq := &blind2Figure{name: "FAQ top-1", target: blind2Targets.faqTop1}
	oos := &blind2Figure{name: "out-of-scope rejected", target: blind2Targets.outOfScope}
	emg := &blind2Figure{name: "emergency -> emergency", target: blind2Targets.emergency}
	cli := &blind2Figure{name: "clinician -> clinician|emergency", target: blind2Targets.clinician}
	ord := &blind2Figure{name: "ordinary falsely flagged", target: blind2Targets.ordinaryFlagged, atMost: true}

	outright := 0
	for _, r := range s.faq {
		got := u.Understand(r.Text)
		faq.total++
		top := got.Topic
		if got.Intent == coach.IntentSuggest && len(got.Candidates) > 0 {
			top = got.Candidates[0]
		}
		switch {
		case got.Intent == coach.IntentFAQ && got.Topic == r.Topic:
			outright++
			faq.hits++
		case got.Intent == coach.IntentSuggest && top == r.Topic:
			faq.hits++
		default:
			faq.misses = append(faq.misses, fmt.Sprintf("want %s, got %s: %q", r.Topic, blind2Describe(got), r.Text))
		}
	}
	for _, r := range s.outOfScope {
		got := u.Understand(r.Text)
		oos.total++
		if got.Intent == coach.IntentUnknown {
			oos.hits++
		} else {
			oos.misses = append(oos.misses, fmt.Sprintf("got %s: %q", blind2Describe(got), r.Text))
		}
	}
	for _, r := range s.redflag {
		got := u.Understand(r.Text)
		fig := emg
		hit := got.Intent == coach.IntentRedFlag && got.Level == coach.LevelEmergency
		if r.Level == string(coach.LevelClinician) {
			fig = cli
			hit = got.Intent == coach.IntentRedFlag &&
				(got.Level == coach.LevelClinician || got.Level == coach.LevelEmergency)
		}
		fig.total++
		if hit {
			fig.hits++
		} else {
			fig.misses = append(fig.misses, fmt.Sprintf("got %s: %q", blind2Describe(got), r.Text))
		}
	}
	for _, r := range s.ordinary {
		got := u.Understand(r.Text)
		ord.total++
		if got.Intent == coach.IntentRedFlag {
			ord.hits++
			ord.misses = append(ord.misses, fmt.Sprintf("got %s: %q", blind2Describe(got), r.Text))
		}
	}
	return []*blind2Figure{faq, oos, emg, cli, ord}, outright
}

func TestBlind2Evaluation(t *testing.T) {
	s := blind2Load(t)
	figs, outright := blind2Evaluate(s, nlu.New(coach.MustContent()))

	var b strings.Builder
	fmt.Fprintf(&b, "\n%-34s %9s %7s %8s\n", "figure", "hits", "rate", "target")
	for _, f := range figs {
		cmp := ">="
		if f.atMost {
			cmp = "<="
		}
		mark := ""
		if !f.ok() {
			mark = "  BELOW TARGET"
		}
		fmt.Fprintf(&b, "%-34s %4d/%-4d %6.1f%% %s%3.0f%%%s\n",
			f.name, f.hits, f.total, 100*f.rate(), cmp, 100*f.target, mark)
	}
	fmt.Fprintf(&b, "%-34s %4d/%-4d %6.1f%%\n", "(FAQ answered outright)", outright, len(s.faq),
		100*float64(outright)/float64(len(s.faq)))
	for _, f := range figs {
		sort.Strings(f.misses)
		for _, m := range f.misses {
			fmt.Fprintf(&b, "  %s: %s\n", f.name, m)
		}
	}
	t.Log(b.String())

	if !blind2Enforce {
		return
	}
	for _, f := range figs {
		if !f.ok() {
			t.Errorf("%s: %.1f%% misses the target %.0f%%", f.name, 100*f.rate(), 100*f.target)
		}
	}
}
