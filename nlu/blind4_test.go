package nlu_test

// The fourth held-out check of red-flag triage: coach/testdata/blind4/.
// See its README for how the set was written and what the figures mean.

import (
	"bufio"
	"bytes"
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

// blind4Dir is the set, relative to this package's directory (where go test
// runs the tests).
const blind4Dir = "../coach/testdata/blind4"

// blind4Report is one line of redflag.jsonl: a first-person report, the level
// it must reach and this set's own name for what it describes.
type blind4Report struct {
	Text  string `json:"text"`
	Level string `json:"level"`
	Sign  string `json:"sign"`
}

// blind4Ordinary is one line of ordinary.jsonl: a hard negative and the kind
// of hard negative it is.
type blind4Ordinary struct {
	Text string `json:"text"`
	Kind string `json:"kind"`
}

// The labels a line may carry. They are for reading misses only; nlu's own
// flag names are never compared with them.
var (
	blind4EmergencySigns = blind4Set("bladder", "bowel", "saddle", "sexual", "weakness", "footdrop", "trauma", "fever")
	blind4ClinicianSigns = blind4Set("sciatica", "pins", "numbness", "weakness", "duration", "worsening", "cancer", "weightloss", "night", "bones", "minorfall")
	blind4Kinds          = blind4Set("routine", "mild", "stiff", "negated", "other", "harmless", "question", "past", "joke", "hypothetical")
)

// The shape of the set: 80 emergency and 60 clinician reports, 120 hard
// negatives.
const (
	blind4WantEmergency = 80
	blind4WantClinician = 60
	blind4WantOrdinary  = 120
)

func blind4Set(words ...string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[w] = true
	}
	return m
}

// blind4Lines decodes every non-blank line of a JSON-lines file into a T,
// refusing unknown fields and trailing data.
func blind4Lines[T any](t *testing.T, path string) []T {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("read %s: %v", path, err)
	}
	var out []T
	sc := bufio.NewScanner(bytes.NewReader(b))
	sc.Buffer(make([]byte, 0, 64*1024), 1<<20)
	for n := 1; sc.Scan(); n++ {
		line := bytes.TrimSpace(sc.Bytes())
		if len(line) == 0 {
			continue
		}
		dec := json.NewDecoder(bytes.NewReader(line))
		dec.DisallowUnknownFields()
		var v T
		if err := dec.Decode(&v); err != nil {
			t.Fatalf("%s:%d: %v", path, n, err)
		}
		if dec.More() {
			t.Fatalf("%s:%d: more than one JSON value on the line", path, n)
		}
		out = append(out, v)
	}
	if err := sc.Err(); err != nil {
		t.Fatalf("scan %s: %v", path, err)
	}
	return out
}

func blind4Load(t *testing.T) ([]blind4Report, []blind4Ordinary) {
	t.Helper()
	return blind4Lines[blind4Report](t, filepath.Join(blind4Dir, "redflag.jsonl")),
		blind4Lines[blind4Ordinary](t, filepath.Join(blind4Dir, "ordinary.jsonl"))
}

// blind4Fold reduces a text to what a reader compares: lower case letters
// and digits, words separated by single spaces.
func blind4Fold(s string) string {
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

func TestBlind4Fold(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"", ""},
		{"  Done!! ", "done"},
		{"can't   feel\tmy FOOT?", "can t feel my foot"},
		{"temp 38.7, shaking", "temp 38 7 shaking"},
		{"¿Qué tal?", "qué tal"},
		{"😂😂", ""},
	} {
		if got := blind4Fold(tc.in); got != tc.want {
			t.Errorf("blind4Fold(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

// TestBlind4Shape checks the set's size, labels and that no message is
// there twice.
func TestBlind4Shape(t *testing.T) {
	reports, ordinary := blind4Load(t)
	seen := map[string]bool{}
	unique := func(where, text string) {
		t.Helper()
		f := blind4Fold(text)
		if f == "" {
			t.Errorf("%s: empty text %q", where, text)
			return
		}
		if text != strings.TrimSpace(text) {
			t.Errorf("%s: leading or trailing space in %q", where, text)
		}
		if seen[f] {
			t.Errorf("%s: duplicate text %q", where, text)
		}
		seen[f] = true
	}
	count := map[string]int{}
	for i, r := range reports {
		where := fmt.Sprintf("redflag.jsonl line %d", i+1)
		unique(where, r.Text)
		count[r.Level]++
		switch r.Level {
		case string(coach.LevelEmergency):
			if !blind4EmergencySigns[r.Sign] {
				t.Errorf("%s: emergency sign %q unknown", where, r.Sign)
			}
		case string(coach.LevelClinician):
			if !blind4ClinicianSigns[r.Sign] {
				t.Errorf("%s: clinician sign %q unknown", where, r.Sign)
			}
		default:
			t.Errorf("%s: level %q is neither emergency nor clinician", where, r.Level)
		}
	}
	for i, o := range ordinary {
		where := fmt.Sprintf("ordinary.jsonl line %d", i+1)
		unique(where, o.Text)
		if !blind4Kinds[o.Kind] {
			t.Errorf("%s: kind %q unknown", where, o.Kind)
		}
	}
	if got := count[string(coach.LevelEmergency)]; got != blind4WantEmergency {
		t.Errorf("emergency reports = %d, want %d", got, blind4WantEmergency)
	}
	if got := count[string(coach.LevelClinician)]; got != blind4WantClinician {
		t.Errorf("clinician reports = %d, want %d", got, blind4WantClinician)
	}
	if len(ordinary) != blind4WantOrdinary {
		t.Errorf("ordinary messages = %d, want %d", len(ordinary), blind4WantOrdinary)
	}
	// Every emergency sign is told several times, from different angles.
	signs := map[string]int{}
	for _, r := range reports {
		if r.Level == string(coach.LevelEmergency) {
			signs[r.Sign]++
		}
	}
	for s := range blind4EmergencySigns {
		if signs[s] < 5 {
			t.Errorf("emergency sign %q told %d times, want at least 5", s, signs[s])
		}
	}
}

// blind4Others returns every text the team or earlier rounds already have:
// the "text" of each line of every other set under coach/testdata, and each
// FAQ topic's title, question, paraphrases and answer. Keys are folded; the
// value says where the text is.
func blind4Others(t *testing.T) map[string]string {
	t.Helper()
	others := map[string]string{}
	files, err := filepath.Glob(filepath.Join(blind4Dir, "..", "*", "*.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	own, err := filepath.Abs(blind4Dir)
	if err != nil {
		t.Fatal(err)
	}
	sets := 0
	for _, f := range files {
		dir, err := filepath.Abs(filepath.Dir(f))
		if err != nil {
			t.Fatal(err)
		}
		if dir == own {
			continue
		}
		sets++
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for n, line := range bytes.Split(b, []byte("\n")) {
			if len(bytes.TrimSpace(line)) == 0 {
				continue
			}
			var row struct {
				Text string `json:"text"`
			}
			if err := json.Unmarshal(line, &row); err != nil {
				t.Fatalf("%s:%d: %v", f, n+1, err)
			}
			if row.Text != "" {
				others[blind4Fold(row.Text)] = fmt.Sprintf("%s:%d", f, n+1)
			}
		}
	}
	if sets < 10 {
		t.Fatalf("found %d other set files under coach/testdata, want the earlier sets (at least 10)", sets)
	}
	for _, tp := range coach.MustContent().Topics {
		texts := append([]string{tp.Title, tp.Question, tp.Answer}, tp.Paraphrases...)
		for _, s := range texts {
			others[blind4Fold(s)] = "faq.json topic " + tp.ID
		}
	}
	return others
}

// TestBlind4Unseen checks that no blind4 message is, up to case and
// punctuation, a message of another set or a text of faq.json.
func TestBlind4Unseen(t *testing.T) {
	others := blind4Others(t)
	if len(others) < 1000 {
		t.Fatalf("only %d texts to compare with; the earlier sets were not found", len(others))
	}
	reports, ordinary := blind4Load(t)
	var texts []string
	for _, r := range reports {
		texts = append(texts, r.Text)
	}
	for _, o := range ordinary {
		texts = append(texts, o.Text)
	}
	for _, s := range texts {
		if where, ok := others[blind4Fold(s)]; ok {
			t.Errorf("%q is already in %s", s, where)
		}
	}
}

// blind4Figures are the three triage figures on the set.
type blind4Figures struct {
	emergency, emergencyOK int // emergency reports, and those read as emergency
	clinician, clinicianOK int // clinician reports, and those read as clinician or emergency
	ordinary, flagged      int // hard negatives, and those read as a red flag
	misses                 []string
}

func (f blind4Figures) String() string {
	pct := func(n, d int) float64 {
		if d == 0 {
			return 0
		}
		return 100 * float64(n) / float64(d)
	}
	return fmt.Sprintf("emergency → emergency %d/%d = %.1f%%; clinician → clinician or emergency %d/%d = %.1f%%; ordinary falsely flagged %d/%d = %.1f%%",
		f.emergencyOK, f.emergency, pct(f.emergencyOK, f.emergency),
		f.clinicianOK, f.clinician, pct(f.clinicianOK, f.clinician),
		f.flagged, f.ordinary, pct(f.flagged, f.ordinary))
}

func blind4Evaluate(u coach.Understander, reports []blind4Report, ordinary []blind4Ordinary) blind4Figures {
	var f blind4Figures
	describe := func(got coach.Understanding) string {
		if got.Intent == coach.IntentRedFlag {
			return fmt.Sprintf("redflag %s %v", got.Level, got.Flags)
		}
		if got.Topic != "" {
			return fmt.Sprintf("%s %s", got.Intent, got.Topic)
		}
		return string(got.Intent)
	}
	for _, r := range reports {
		got := u.Understand(r.Text)
		flagged := got.Intent == coach.IntentRedFlag
		switch coach.Level(r.Level) {
		case coach.LevelEmergency:
			f.emergency++
			if flagged && got.Level == coach.LevelEmergency {
				f.emergencyOK++
				continue
			}
		case coach.LevelClinician:
			f.clinician++
			if flagged && (got.Level == coach.LevelClinician || got.Level == coach.LevelEmergency) {
				f.clinicianOK++
				continue
			}
		}
		f.misses = append(f.misses, fmt.Sprintf("%s/%s missed (got %s): %q", r.Level, r.Sign, describe(got), r.Text))
	}
	for _, o := range ordinary {
		f.ordinary++
		got := u.Understand(o.Text)
		if got.Intent == coach.IntentRedFlag {
			f.flagged++
			f.misses = append(f.misses, fmt.Sprintf("ordinary/%s flagged (got %s): %q", o.Kind, describe(got), o.Text))
		}
	}
	return f
}

// TestBlind4Evaluation prints the three triage figures on the set and every
// miss. Phase 1 (held out): it only reports.
func TestBlind4Evaluation(t *testing.T) {
	reports, ordinary := blind4Load(t)
	f := blind4Evaluate(nlu.New(coach.MustContent()), reports, ordinary)
	for _, m := range f.misses {
		t.Log(m)
	}
	t.Log("blind4: " + f.String())
	if f.emergency != blind4WantEmergency || f.clinician != blind4WantClinician || f.ordinary != blind4WantOrdinary {
		t.Fatalf("evaluated %d/%d/%d messages, want %d/%d/%d", f.emergency, f.clinician, f.ordinary,
			blind4WantEmergency, blind4WantClinician, blind4WantOrdinary)
	}
}
