package nlu_test

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/stretchbot/stretchbot/coach"
	"github.com/stretchbot/stretchbot/nlu"
)

// The third held-out triage set: coach/testdata/blind3 (see its README).
const blind3Dir = "../coach/testdata/blind3"

// blind3Red is one red-flag report of the third blind set. Sign is the
// set's own label for what the report describes (bladder, foot drop,
// sciatica…); it is for reading the misses, not a contract with nlu's flags.
type blind3Red struct {
	Text  string      `json:"text"`
	Level coach.Level `json:"level"`
	Sign  string      `json:"sign"`
}

// blind3Ordinary is one message that must not be flagged. Kind says what
// sort of hard negative it is (negated, other person, harmless sense…).
type blind3Ordinary struct {
	Text string `json:"text"`
	Kind string `json:"kind"`
}

func TestBlind3Shape(t *testing.T) {
	red := nlu.ReadJSONL[blind3Red](t, filepath.Join(blind3Dir, "redflag.jsonl"))
	ord := nlu.ReadJSONL[blind3Ordinary](t, filepath.Join(blind3Dir, "ordinary.jsonl"))
	count := map[coach.Level]int{}
	seen := map[string]bool{}
	check := func(file, text, label string) {
		t.Helper()
		if strings.TrimSpace(text) == "" || label == "" {
			t.Errorf("%s: empty text or label in %q", file, text)
		}
		k := nlu.FoldText(text)
		if seen[k] {
			t.Errorf("%s: duplicate text %q", file, text)
		}
		seen[k] = true
	}
	for _, r := range red {
		switch r.Level {
		case coach.LevelEmergency, coach.LevelClinician:
		default:
			t.Errorf("redflag.jsonl: %q has level %q", r.Text, r.Level)
		}
		count[r.Level]++
		check("redflag.jsonl", r.Text, r.Sign)
	}
	for _, o := range ord {
		check("ordinary.jsonl", o.Text, o.Kind)
	}
	if count[coach.LevelEmergency] != 80 || count[coach.LevelClinician] != 60 || len(ord) != 120 {
		t.Errorf("set has %d emergency, %d clinician, %d ordinary; want 80, 60, 120",
			count[coach.LevelEmergency], count[coach.LevelClinician], len(ord))
	}
}

// TestBlind3Unseen checks that the set is held out: no text of it appears,
// up to case and punctuation, in any other evaluation set under
// coach/testdata or among the FAQ's titles, questions, paraphrases and
// answers.
func TestBlind3Unseen(t *testing.T) {
	known := map[string]string{} // folded text → where
	add := func(where, text string) {
		if k := nlu.FoldText(text); k != "" {
			if _, ok := known[k]; !ok {
				known[k] = where
			}
		}
	}
	for _, tp := range coach.MustContent().Topics {
		where := "faq.json " + tp.ID
		add(where, tp.Title)
		add(where, tp.Question)
		add(where, tp.Answer)
		for _, p := range tp.Paraphrases {
			add(where, p)
		}
	}
	files, err := filepath.Glob("../coach/testdata/*/*.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	others := 0
	for _, path := range files {
		if filepath.Base(filepath.Dir(path)) == filepath.Base(blind3Dir) {
			continue
		}
		others++
		b, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		for n, line := range strings.Split(string(b), "\n") {
			if strings.TrimSpace(line) == "" {
				continue
			}
			var row struct {
				Text string `json:"text"`
			}
			if err := json.Unmarshal([]byte(line), &row); err != nil {
				t.Fatalf("%s:%d: %v", path, n+1, err)
			}
			add(path, row.Text)
		}
	}
	if others < 4 {
		t.Fatalf("found only %d other evaluation files; is the working directory nlu/?", others)
	}
	var texts []string
	for _, r := range nlu.ReadJSONL[blind3Red](t, filepath.Join(blind3Dir, "redflag.jsonl")) {
		texts = append(texts, r.Text)
	}
	for _, o := range nlu.ReadJSONL[blind3Ordinary](t, filepath.Join(blind3Dir, "ordinary.jsonl")) {
		texts = append(texts, o.Text)
	}
	for _, text := range texts {
		if where, ok := known[nlu.FoldText(text)]; ok {
			t.Errorf("%q is not held out: it appears in %s", text, where)
		}
	}
}

// blind3Figures are the three triage figures of the set.
type blind3Figures struct {
	emergency, emergencyN int // emergency reports read as emergency
	clinician, clinicianN int // clinician reports read as clinician or emergency
	flagged, ordinaryN    int // ordinary messages read as any red flag
	misses                []string
}

func (f blind3Figures) String() string {
	pct := func(a, b int) float64 { return 100 * float64(a) / float64(b) }
	return fmt.Sprintf("emergency → emergency %d/%d = %.1f%%; clinician → clinician or emergency %d/%d = %.1f%%; ordinary falsely flagged %d/%d = %.1f%%",
		f.emergency, f.emergencyN, pct(f.emergency, f.emergencyN),
		f.clinician, f.clinicianN, pct(f.clinician, f.clinicianN),
		f.flagged, f.ordinaryN, pct(f.flagged, f.ordinaryN))
}

func blind3Evaluate(t *testing.T) blind3Figures {
	t.Helper()
	u := nlu.New(coach.MustContent())
	var f blind3Figures
	for _, r := range nlu.ReadJSONL[blind3Red](t, filepath.Join(blind3Dir, "redflag.jsonl")) {
		got := u.Understand(r.Text)
		hit := got.Intent == coach.IntentRedFlag &&
			(got.Level == coach.LevelEmergency || (r.Level == coach.LevelClinician && got.Level == coach.LevelClinician))
		switch r.Level {
		case coach.LevelEmergency:
			f.emergencyN++
			if hit {
				f.emergency++
			}
		case coach.LevelClinician:
			f.clinicianN++
			if hit {
				f.clinician++
			}
		}
		if !hit {
			f.misses = append(f.misses, fmt.Sprintf("%s/%s: %q → %s", r.Level, r.Sign, r.Text, blind3Describe(got)))
		}
	}
	for _, o := range nlu.ReadJSONL[blind3Ordinary](t, filepath.Join(blind3Dir, "ordinary.jsonl")) {
		f.ordinaryN++
		if got := u.Understand(o.Text); got.Intent == coach.IntentRedFlag {
			f.flagged++
			f.misses = append(f.misses, fmt.Sprintf("ordinary/%s: %q → %s", o.Kind, o.Text, blind3Describe(got)))
		}
	}
	sort.Strings(f.misses)
	return f
}

func blind3Describe(u coach.Understanding) string {
	switch u.Intent {
	case coach.IntentRedFlag:
		return fmt.Sprintf("redflag %s %v", u.Level, u.Flags)
	case coach.IntentFAQ:
		return fmt.Sprintf("faq %s (%.2f)", u.Topic, u.Score)
	case coach.IntentSuggest:
		return fmt.Sprintf("suggest %v", u.Candidates)
	}
	return string(u.Intent)
}

// TestBlind3Evaluation prints the set's three triage figures and every
// miss, and fails below the targets:
//
//	go test ./nlu -run TestBlind3 -v
func TestBlind3Evaluation(t *testing.T) {
	f := blind3Evaluate(t)
	t.Log(f)
	for _, m := range f.misses {
		t.Log("miss:", m)
	}
	if f.emergency < f.emergencyN {
		t.Errorf("emergency recall %d/%d, want 100%%", f.emergency, f.emergencyN)
	}
	if 100*f.clinician < 97*f.clinicianN {
		t.Errorf("clinician recall %d/%d, want ≥ 97%%", f.clinician, f.clinicianN)
	}
	if 100*f.flagged > 5*f.ordinaryN {
		t.Errorf("ordinary falsely flagged %d/%d, want ≤ 5%%", f.flagged, f.ordinaryN)
	}
}

// TestBlind3GeneralCauses pins each general cause fixed after the third
// blind round with sentences that are not in the set: the fix must hold
// for other wordings of the same thing, and must not flag its near misses.
func TestBlind3GeneralCauses(t *testing.T) {
	const (
		none = coach.LevelNone
		cl   = coach.LevelClinician // clinician or emergency
		em   = coach.LevelEmergency
	)
	u := nlu.New(coach.MustContent())
	for _, tc := range []struct {
		cause, text string
		want        coach.Level
	}{
		// an accident with a bladder word is incontinence; "waterworks"
		{"accident", "keep having accidents on the way to the loo since my back flared", em},
		{"accident", "little accidents with the waterworks since my back went", em},
		{"accident", "had a car accident last week", em},
		{"accident", "my waterworks are fine, just a stiff back", none},
		{"emptying", "i can't tell if i've finished on the toilet since my back got bad", em},
		{"no feeling", "I passed water without feeling it", em},
		{"no feeling", "i stopped feeling my feet an hour ago and its getting worse", em},
		// a saddle area that has "gone to sleep" and stays so
		{"asleep", "my bottom has gone to sleep and will not wake up since this morning", em},
		{"asleep", "my bum went to sleep on the long drive", none},
		{"contact", "sitting on the sofa feels like sitting on air, my bum is numb", em},
		{"intimacy", "we tried making love and i couldn't feel a thing, first time ever", em},
		// collisions at speed and tackles are major trauma
		{"speed", "crashed into another skier at high speed and my back is agony", em},
		{"tackle", "got tackled hard at football and my back is killing me", em},
		{"tackle", "I tackled the gardening today and my back aches", none},
		// strength lost, "useless", "worsening", a day's onset
		{"strength", "i have no strength in my right leg and it is getting worse by the hour", em},
		{"strength", "my leg went from fine to useless within a day", em},
		{"strength", "my thigh is weak and it's worsening", em},
		{"strength", "my leg has no strength after leg day lol", none},
		{"user acts", "my knees buckle more each hour and I've gone down three times", em},
		{"user acts", "i stopped the stretches because of a cold", none},
		{"fast beats harmless", "after spin class my legs are weak and its getting worse every hour", em},
		{"exertion", "my legs are jelly after spin class", none},
		{"exertion", "thighs shaky after pilates this morning", none},
		{"squat", "my calf feels weaker, can't get up out of a squat easily", cl},
		// sensation words
		{"pins n needles", "constant pins n needles in my toes", cl},
		{"where I can't feel", "there is a spot on my shin where I can't feel much", cl},
		{"technique", "i can't feel much in my hamstring when i do the stretch", none},
		{"radiating", "the ache goes all the way down to my heel", cl},
		{"radiating", "reach down to your toes and hold it", none},
		// time: since a month, night without a pain word
		{"since a month", "my back pain started in may and it's no better", cl},
		{"since a month", "the back pain has been there since march", cl},
		{"routine is not pain", "i've been doing the routine since september and feel great", none},
		{"night", "worse at night, i can never get comfortable, it never eases off", cl},
		// figures of speech, other people, things as subjects
		{"idiom", "I peed myself laughing at that video", none},
		{"other organ", "my brain is fried and numb after exams", none},
		{"thing", "my savings lost a lot of weight after the holiday", none},
		{"thing", "my computer crashed badly today, so annoying", none},
		{"other person", "the physio said one of her patients fell off a roof", none},
		{"so I", "my dad has a fever so i'm late for stretching", none},
		{"so do I", "my wife has had a fever, so have I, and my back hurts", em},
		{"user in it", "someone rear-ended me at the lights and my back hurts", em},
		{"user in it", "my friend and I both fell off the trampoline", em},
		// long over, or supposed
		{"long over", "as a kid I broke my leg falling from a tree", none},
		{"long over", "i used to wet the bed as a kid", none},
		{"long over", "my sciatica from years ago has come back again", cl},
		{"long over", "i fell off a wall as a kid and hurt my back", none},
		{"long over", "used to get shooting pains down my leg years ago and it's back", cl},
		{"long over", "years ago I had cancer, now my back hurts", cl},
		{"resolved", "my foot was numb after the op, all good now", none},
		{"counterfactual", "if my leg started going numb, should i stop stretching?", none},
		{"counterfactual", "if i lost control of my bladder would that be an emergency", none},
		{"counterfactual", "if i lose control of my bladder would that be an emergency", em},
		// a comma ends a denial unless the list goes on
		{"list", "no energy, fever and i feel awful, back is sore", em},
		{"list", "no numbness, tingling or weakness, just stiff", none},
		// everyday words are not misspelt symptoms
		{"spelling", "fewer aches today than yesterday", none},
		{"spelling", "the numbness went away after i stood up", none},
	} {
		got := u.Understand(tc.text)
		level := coach.LevelNone
		if got.Intent == coach.IntentRedFlag {
			level = got.Level
		}
		ok := level == tc.want || tc.want == cl && level == em
		if !ok {
			t.Errorf("%s: %q → %s, want level %q", tc.cause, tc.text, blind3Describe(got), tc.want)
		}
	}
}
