package nlu

import (
	"bufio"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchbot/stretchbot/coach"
)

// testTexts returns the folded texts of every set under coach/testdata.
func testTexts(t *testing.T) map[string]string {
	t.Helper()
	files, err := filepath.Glob("../coach/testdata/*/*.jsonl")
	if err != nil || len(files) == 0 {
		t.Fatalf("no test sets: %v", err)
	}
	out := map[string]string{}
	for _, f := range files {
		fh, err := os.Open(f)
		if err != nil {
			t.Fatal(err)
		}
		sc := bufio.NewScanner(fh)
		sc.Buffer(make([]byte, 1<<20), 1<<20)
		for sc.Scan() {
			var v struct {
				Text string `json:"text"`
			}
			if json.Unmarshal(sc.Bytes(), &v) == nil && v.Text != "" {
				out[FoldText(v.Text)] = f
			}
		}
		fh.Close()
	}
	return out
}

// TestBanksAreTrainingOnly checks the banks' shape and that no message of
// the triage bank, the out-of-scope bank or the FAQ paraphrases is in any
// evaluation set: what the models learn from is never what measures them.
func TestBanksAreTrainingOnly(t *testing.T) {
	tests := testTexts(t)
	signs := map[coach.Level]map[string]bool{
		coach.LevelEmergency: {"bladder": true, "bowel": true, "saddle": true, "sexual": true,
			"weakness": true, "footdrop": true, "trauma": true, "fever": true},
		coach.LevelClinician: {"sciatica": true, "pins": true, "numbness": true, "weakness": true,
			"duration": true, "worsening": true, "cancer": true, "weightloss": true, "night": true,
			"bones": true, "minorfall": true},
		coach.LevelNone: {"routine": true, "mild": true, "stiff": true, "negated": true, "other": true,
			"harmless": true, "question": true, "past": true, "joke": true, "hypothetical": true, "smalltalk": true},
	}
	count := map[coach.Level]int{}
	// fresh checks that a training line is in no evaluation set and was
	// not seen before, in this bank or the others.
	seen := map[string]bool{}
	fresh := func(bank, text string) {
		t.Helper()
		k := FoldText(text)
		if f, ok := tests[k]; ok {
			t.Errorf("%s: %q is in %s", bank, text, f)
		}
		if seen[k] {
			t.Errorf("%s: %q twice", bank, text)
		}
		seen[k] = true
	}
	for _, e := range loadTriageBank() {
		count[e.Level]++
		if !signs[e.Level][e.Sign] {
			t.Errorf("triage bank: %q has level %q sign %q", e.Text, e.Level, e.Sign)
		}
		fresh("triage bank", e.Text)
	}
	if count[coach.LevelEmergency] < 400 || count[coach.LevelClinician] < 250 || count[coach.LevelNone] < 700 {
		t.Errorf("triage bank: %v, want at least 400 emergency, 250 clinician, 700 ordinary", count)
	}
	kinds := map[string]bool{}
	for _, k := range oosKinds {
		kinds[k] = true
	}
	oos := loadOutOfScope()
	if len(oos) < 300 {
		t.Errorf("out-of-scope bank: %d examples, want at least 300", len(oos))
	}
	for _, e := range oos {
		if !kinds[e.Kind] {
			t.Errorf("out-of-scope bank: %q has kind %q", e.Text, e.Kind)
		}
		if f, ok := tests[FoldText(e.Text)]; ok {
			t.Errorf("out-of-scope bank: %q is in %s", e.Text, f)
		}
	}
	topics := map[string]int{}
	for _, tp := range coach.MustContent().Topics {
		topics[tp.ID] = 0
	}
	for _, e := range loadFAQBank() {
		n, ok := topics[e.Topic]
		if !ok {
			t.Errorf("FAQ bank: %q has topic %q", e.Text, e.Topic)
			continue
		}
		topics[e.Topic] = n + 1
		fresh("FAQ bank", e.Text)
	}
	for id, n := range topics {
		if n < 40 {
			t.Errorf("FAQ bank: %d questions about %s, want at least 40", n, id)
		}
	}
	for _, tp := range coach.MustContent().Topics {
		for _, p := range tp.Paraphrases {
			if f, ok := tests[FoldText(p)]; ok {
				t.Errorf("faq.json %s: paraphrase %q is in %s", tp.ID, p, f)
			}
		}
	}
}

// TestBankModels checks that training is deterministic, that the bank's
// models only ever raise a level, and what they add on examples.
func TestBankModels(t *testing.T) {
	m := testModel(t)
	c := coach.MustContent()
	a := m.newTriageModels(withQuestions(loadTriageBank(), c.Topics))
	b := m.newTriageModels(withQuestions(loadTriageBank(), c.Topics))
	f := m.features("my legs went to jelly and i cant feel the loo roll")
	if a.em.prob(f) != b.em.prob(f) || a.flag.prob(f) != b.flag.prob(f) {
		t.Errorf("training is not deterministic")
	}
	if fm1, fm2 := cachedFAQModel(m.faq, c.Topics, nil, m.correctAll, loadOutOfScope()), cachedFAQModel(m.faq, c.Topics, nil, m.correctAll, loadOutOfScope()); fm1 != fm2 {
		t.Errorf("the FAQ model is trained twice for the same content")
	}
	for _, tt := range []struct {
		text string
		e    expect
	}{
		// raised by the bank: told in words no rule lists
		{"my jeans were soaked and i never felt a thing, back agony", expect{level: em}},
		// an emergency the rules find stays one
		{"i can't feel my bum on the toilet seat", expect{level: em, flag: "saddle"}},
		// trauma needs an impact
		{"hurt my back clearing the gutters on the roof", expect{}},
		// a resolved symptom is not raised to a clinician flag
		{"had pins and needles in my calf on monday, all sorted now", expect{}},
		// questions are no reports
		{"how long should i hold the knee to chest stretch", expect{topic: "hold-time"}},
	} {
		check(t, m, tt.text, tt.e)
	}
	// Never lower: every rule flag survives the bank.
	rulesOnly := New(c)
	rulesOnly.tm = nil
	for _, text := range []string{"numb down my left leg for a week", "fell off a ladder onto my back"} {
		want := rulesOnly.Understand(text)
		if got := m.Understand(text); got.Level == coach.LevelNone || want.Level == coach.LevelEmergency && got.Level != want.Level {
			t.Errorf("%q: rules %v, with the bank %v", text, want, got)
		}
	}
}
