package nlu_test

// The fourth held-out check of red-flag triage: coach/testdata/blind4/.
// See its README for how the set was written and what the figures mean.

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

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

func blind4Load(t *testing.T) ([]blind4Report, []blind4Ordinary) {
	t.Helper()
	return nlu.ReadJSONL[blind4Report](t, filepath.Join(blind4Dir, "redflag.jsonl")),
		nlu.ReadJSONL[blind4Ordinary](t, filepath.Join(blind4Dir, "ordinary.jsonl"))
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
		if got := nlu.FoldText(tc.in); got != tc.want {
			t.Errorf("nlu.FoldText(%q) = %q, want %q", tc.in, got, tc.want)
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
		f := nlu.FoldText(text)
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
				others[nlu.FoldText(row.Text)] = fmt.Sprintf("%s:%d", f, n+1)
			}
		}
	}
	if sets < 10 {
		t.Fatalf("found %d other set files under coach/testdata, want the earlier sets (at least 10)", sets)
	}
	for _, tp := range coach.MustContent().Topics {
		texts := append([]string{tp.Title, tp.Question, tp.Answer}, tp.Paraphrases...)
		for _, s := range texts {
			others[nlu.FoldText(s)] = "faq.json topic " + tp.ID
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
		if where, ok := others[nlu.FoldText(s)]; ok {
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
// miss, and fails below the targets. It only reported in phase 1,
// while the set was held out; the README keeps those figures.
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
	if f.emergencyOK != f.emergency {
		t.Errorf("emergency → emergency %d/%d, target 100%%", f.emergencyOK, f.emergency)
	}
	if 100*f.clinicianOK < 97*f.clinician {
		t.Errorf("clinician → clinician or emergency %d/%d, target ≥ 97%%", f.clinicianOK, f.clinician)
	}
	if 100*f.flagged > 5*f.ordinary {
		t.Errorf("ordinary falsely flagged %d/%d, target ≤ 5%%", f.flagged, f.ordinary)
	}
}

// TestBlind4GeneralCauses pins each general cause fixed after the fourth
// round with sentences of its own (none is a blind4 message) and its near
// misses. Levels: cl accepts clinician or emergency; none is no red flag.
func TestBlind4GeneralCauses(t *testing.T) {
	const (
		none = coach.LevelNone
		cl   = coach.LevelClinician
		em   = coach.LevelEmergency
	)
	u := nlu.New(coach.MustContent())
	for _, tc := range []struct {
		cause, text string
		want        coach.Level
	}{
		// bladder told by function: wetting, straining, a trickle, no urge
		{"wetting", "I've wet my jeans twice today", em},
		{"wetting", "woke up in a wet bed again, no idea how", em},
		{"wetting", "the dog wet my jeans with its nose", none},
		{"straining", "I had to strain to pee this morning and got only a dribble", em},
		{"straining", "I strained my hamstring at football", none},
		{"urge", "I've lost the urge to pee since the back went", em},
		{"urge", "I've lost the urge to stretch this week", none},
		{"misspelt bowels", "my bowls are out of control", em},
		// the saddle area in other words, and how it feels
		{"euphemism", "my lady bits feel like rubber", em},
		{"euphemism", "numb all over my sit bones", em},
		{"material", "my thigh feels like rubber after the run", none},
		{"felt nothing", "when we slept together I felt nothing down there", em},
		{"balls of the feet", "the balls of my feet are numb", cl},
		// weakness: heavier, hours, what the legs can still do
		{"pace", "my legs are heavier every hour", em},
		{"pace", "my legs feel heavy after the gym", none},
		{"pace", "my leg got weak over the last few hours", em},
		{"strength test", "I can't do heel raises on my right side", cl},
		// foot drop: scraping, a passed heel walk
		{"scrape", "my toes scrape the floor when I walk", em},
		{"heel walk", "I can't walk on my heels", em},
		{"heel walk", "I can walk on my heels fine", none},
		// trauma: vehicles, speeds, heights, someone landing on the user
		{"vehicle", "our car flipped on the motorway and my back hurts", em},
		{"speed", "I hit a deer doing 70 and my back is sore", em},
		{"height", "fell about 4 metres off a wall", em},
		{"height", "I walked 3 metres and sat down", none},
		{"landed on me", "a player came down on me at full speed", em},
		{"landed on me", "my son fell on me", cl},
		// fever: sweats; idioms and the cold
		{"sweats", "I've had the cold sweats and feel awful with this back", em},
		{"idiom", "I've got cabin fever", none},
		{"cold", "shivering on the platform because it's snowing", none},
		{"cold", "shivering in the snow outside, fever 39", em},
		// clinician words
		{"nerve pain", "zaps of pain down my thigh", cl},
		{"thigh muscles", "i can't feel the stretch in my hamstrings", none},
		{"position sense", "I don't know where my feet are without looking", cl},
		{"since the season", "the ache has been there since the summer", cl},
		{"clothes", "my clothes are hanging off me", cl},
		{"clothes", "I'm on a diet and my clothes are hanging off me", none},
		{"denied diet", "lost 6 kilos and I haven't been dieting", cl},
		{"creeping", "the pain keeps creeping up week by week", cl},
		{"course", "every day it gets a bit worse than yesterday", cl},
		{"minor fall", "missed a step and landed on my bum", cl},
		{"night", "it's worse in bed and keeps me awake", cl},
		// negation, resolution, similes
		{"and", "I'm not sure what's happening and I can't feel the toilet seat", em},
		{"and", "no numbness and tingling, just a sore back", none},
		{"topic", "the tingling I had last week has totally gone", none},
		{"topic", "the tingling is back again and it has not gone", cl},
		{"simile", "legs like lead after the marathon", none},
		{"long journey", "my bum went numb on the train journey", none},
		// other people: carers, relative clauses, groups
		{"carer", "I look after my gran who has a fever and my back is stiff", none},
		{"relative clause", "the patient I nursed fell off a ladder", none},
		{"relative clause", "I'm the one who fell off the ladder", em},
		{"group", "my sister and I both have fevers", em},
		{"group", "last night with my wife i couldn't feel anything down there", em},
		// things, suppositions, short courses, figures of speech
		{"thing", "my mood has gone numb", none},
		{"thing", "my leg has gone numb", cl},
		{"supposition", "in case my bladder leaks, should I wear a pad?", none},
		{"supposition", "if I ever fell off the roof would you tell me", none},
		{"supposition", "what if I can't feel my bum", em},
		{"supposition", "I'm worried about getting numb feet", none},
		{"short course", "I was on steroids for 3 days", none},
		{"short course", "I've been on steroids for 2 years and my back hurts", cl},
		{"idiom", "slipped a disc years back, sorted now", none},
		{"idiom", "my diet fell off the wagon", none},
	} {
		got := u.Understand(tc.text)
		ok := false
		switch tc.want {
		case none:
			ok = got.Intent != coach.IntentRedFlag
		case cl:
			ok = got.Intent == coach.IntentRedFlag
		case em:
			ok = got.Intent == coach.IntentRedFlag && got.Level == coach.LevelEmergency
		}
		if !ok {
			t.Errorf("%s: %q = %s %s %v, want %q", tc.cause, tc.text, got.Intent, got.Level, got.Flags, tc.want)
		}
	}
}
