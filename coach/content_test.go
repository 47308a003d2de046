package coach

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode"
)

// TestContentEmbeddedIsValid loads the embedded content the way the binary
// does and checks that it validates.
func TestContentEmbeddedIsValid(t *testing.T) {
	c, err := LoadContent()
	if err != nil {
		t.Fatalf("LoadContent: %v", err)
	}
	if err := c.Validate(); err != nil {
		t.Fatalf("Validate: %v", err)
	}
	for _, id := range contentStretchIDs {
		if c.Stretch(id) == nil {
			t.Errorf("Stretch(%q) is nil", id)
		}
	}
	for _, s := range []Slot{Morning, Evening} {
		if r := c.Routine(s); r == nil || len(r.Items) != 5 {
			t.Errorf("Routine(%q) = %+v, want 5 items", s, r)
		}
	}
	for _, id := range contentTopicIDs {
		if c.Topic(id) == nil {
			t.Errorf("Topic(%q) is nil", id)
		}
	}
}

// TestContentProgrammeFilesAreValid checks the three programme files on
// their own, with a known-good FAQ and catalogue, so that a problem in them
// is reported against them whatever state faq.json and the catalogue are in.
func TestContentProgrammeFilesAreValid(t *testing.T) {
	c := contentProgramme(t)
	if err := c.Validate(); err != nil {
		t.Fatalf("Validate: %v", err)
	}
}

// TestContentDailyTime checks that both routines together fit the
// product's promise of 15-20 minutes a day.
func TestContentDailyTime(t *testing.T) {
	c := contentProgramme(t)
	m, e := c.Duration(Morning), c.Duration(Evening)
	total := m + e
	t.Logf("morning %v, evening %v, total %v", m, e, total)
	if total < 15*time.Minute || total > 20*time.Minute {
		t.Errorf("morning %v + evening %v = %v, want 15-20 minutes", m, e, total)
	}
	for _, d := range []time.Duration{m, e} {
		if d < 5*time.Minute || d > 12*time.Minute {
			t.Errorf("a routine takes %v, want the day split roughly evenly (5-12 min each)", d)
		}
	}
}

// TestContentDuration checks Duration's arithmetic on hand-made content.
func TestContentDuration(t *testing.T) {
	c := &Content{
		Stretches: []Stretch{
			{ID: "hold", Dose: Dose{HoldSeconds: 20, Rounds: 2}},                 // 40 s
			{ID: "sides", Dose: Dose{HoldSeconds: 30, Rounds: 1, PerSide: true}}, // 60 s
			{ID: "reps", Dose: Dose{Reps: 10, Rounds: 3}},                        // 120 s
			{ID: "norounds", Dose: Dose{Reps: 5}},                                // 20 s
		},
		Routines: []Routine{
			{Slot: Morning, Items: []RoutineItem{{Stretch: "hold"}, {Stretch: "sides"}}},
			{Slot: Evening, Items: []RoutineItem{{Stretch: "reps"}, {Stretch: "norounds"}, {Stretch: "unknown"}}},
		},
	}
	tests := []struct {
		slot Slot
		want time.Duration
	}{
		{Morning, 100*time.Second + 2*EstimatedTransition},
		{Evening, 140*time.Second + 2*EstimatedTransition},
		{Slot("noon"), 0},
	}
	for _, tt := range tests {
		if got := c.Duration(tt.slot); got != tt.want {
			t.Errorf("Duration(%q) = %v, want %v", tt.slot, got, tt.want)
		}
	}
}

// TestContentValidateRejects breaks valid content one thing at a time and
// checks that Validate fails and names the file, the id and the problem.
func TestContentValidateRejects(t *testing.T) {
	stretch := func(c *Content, id string) *Stretch {
		for i := range c.Stretches {
			if c.Stretches[i].ID == id {
				return &c.Stretches[i]
			}
		}
		t.Fatalf("no stretch %q", id)
		return nil
	}
	routine := func(c *Content, s Slot) *Routine {
		for i := range c.Routines {
			if c.Routines[i].Slot == s {
				return &c.Routines[i]
			}
		}
		t.Fatalf("no routine %q", s)
		return nil
	}
	topic := func(c *Content, id string) *Topic {
		for i := range c.Topics {
			if c.Topics[i].ID == id {
				return &c.Topics[i]
			}
		}
		t.Fatalf("no topic %q", id)
		return nil
	}
	tests := []struct {
		name   string
		break_ func(c *Content)
		want   []string // substrings of the error
	}{
		{"wrong stretch id", func(c *Content) { stretch(c, "bridge").ID = "bridges" },
			[]string{"stretches.json: bridges: unknown stretch id", "stretches.json: bridge: stretch is missing"}},
		{"missing stretch", func(c *Content) { c.Stretches = c.Stretches[:9] },
			[]string{"stretches.json", "stretch is missing"}},
		{"duplicate stretch id", func(c *Content) { stretch(c, "bridge").ID = "hamstring" },
			[]string{"stretches.json: hamstring: duplicate stretch id", "stretches.json: bridge: stretch is missing"}},
		{"unknown kind", func(c *Content) { stretch(c, "hamstring").Kind = "strength" },
			[]string{"stretches.json: hamstring: kind \"strength\""}},
		{"six steps", func(c *Content) {
			s := stretch(c, "cat-cow")
			s.Steps = append(s.Steps, "One more.", "And another.")[:6]
		}, []string{"stretches.json: cat-cow: steps: 6 steps, want 2-5"}},
		{"one step", func(c *Content) { s := stretch(c, "cat-cow"); s.Steps = s.Steps[:1] },
			[]string{"cat-cow: steps: 1 steps, want 2-5"}},
		{"step too long", func(c *Content) { stretch(c, "bridge").Steps[0] = strings.Repeat("a", 91) },
			[]string{"stretches.json: bridge: steps[0] is 91 characters, at most 90"}},
		{"step untrimmed", func(c *Content) { stretch(c, "bridge").Steps[1] += " " },
			[]string{"bridge: steps[1] has leading or trailing space"}},
		{"both hold and reps", func(c *Content) { stretch(c, "bridge").Dose.HoldSeconds = 20 },
			[]string{"stretches.json: bridge: dose: has both hold_seconds and reps"}},
		{"neither hold nor reps", func(c *Content) { d := &stretch(c, "hamstring").Dose; d.HoldSeconds, d.Reps = 0, 0 },
			[]string{"hamstring: dose: has neither"}},
		{"hold too long", func(c *Content) { stretch(c, "hamstring").Dose.HoldSeconds = 90 },
			[]string{"hamstring: dose: hold_seconds 90, want 5-60"}},
		{"too many reps", func(c *Content) { stretch(c, "bridge").Dose.Reps = 50 },
			[]string{"bridge: dose: reps 50, want 3-20"}},
		{"no rounds", func(c *Content) { stretch(c, "bridge").Dose.Rounds = 0 },
			[]string{"bridge: dose: rounds 0, want at least 1"}},
		{"purpose two lines", func(c *Content) { stretch(c, "bridge").Purpose = "Strong glutes.\nHappy back." },
			[]string{"bridge: purpose must be one line"}},
		{"purpose too long", func(c *Content) { stretch(c, "bridge").Purpose = strings.Repeat("b", 121) },
			[]string{"bridge: purpose is 121 characters, at most 120"}},
		{"missing gentler", func(c *Content) { stretch(c, "hip-flexor").Gentler = Variation{} },
			[]string{"hip-flexor: gentler.name is missing", "hip-flexor: gentler.steps: 0 steps", "hip-flexor: gentler.dose: has neither"}},
		{"gentler harder", func(c *Content) { stretch(c, "hip-flexor").Gentler.Dose.Rounds = 9 },
			[]string{"hip-flexor: gentler.dose takes"}},
		{"missing skip_if", func(c *Content) { stretch(c, "hip-flexor").SkipIf = "" },
			[]string{"stretches.json: hip-flexor: skip_if is missing"}},
		{"routine with four items", func(c *Content) { r := routine(c, Morning); r.Items = r.Items[:4] },
			[]string{"routines.json: morning: 4 items, want 5", "is in no routine"}},
		{"duplicate stretch in routines", func(c *Content) {
			m, e := routine(c, Morning), routine(c, Evening)
			e.Items[0].Stretch = m.Items[0].Stretch
		}, []string{"routines.json: evening item 1", "stretch is used twice (also in morning)"}},
		{"evening item of kind mobility", func(c *Content) {
			stretch(c, routine(c, Evening).Items[2].Stretch).Kind = "mobility"
		}, []string{"routines.json: evening item 3", "a evening routine takes \"activation\""}},
		{"unknown stretch in routine", func(c *Content) { routine(c, Morning).Items[0].Stretch = "plank" },
			[]string{"routines.json: morning item 1 (plank): unknown stretch"}},
		{"missing why", func(c *Content) { routine(c, Evening).Items[4].Why = "" },
			[]string{"routines.json: evening item 5", "why is missing"}},
		{"missing evening routine", func(c *Content) { c.Routines = c.Routines[:1] },
			[]string{"routines.json: evening: routine is missing"}},
		{"bad slot", func(c *Content) { c.Routines[0].Slot = "noon" },
			[]string{"routines.json: noon: slot \"noon\""}},
		{"missing intro", func(c *Content) { routine(c, Morning).Intro = "" },
			[]string{"routines.json: morning: intro is missing"}},
		{"too few tips", func(c *Content) { c.Safety.Tips = c.Safety.Tips[:3] },
			[]string{"safety.json: tips: 3 tips, want 4-8"}},
		{"missing emergency wording", func(c *Content) { c.Safety.Emergency = "" },
			[]string{"safety.json: emergency: text is missing"}},
		{"missing clinician wording", func(c *Content) { c.Safety.Clinician = "  " },
			[]string{"safety.json: clinician: text is blank"}},
		{"gate question without a question mark", func(c *Content) { c.Safety.EmergencyQuestion = "Any emergency signs." },
			[]string{"safety.json: emergency_question: must be a yes/no question"}},
		{"one-sentence disclaimer", func(c *Content) { c.Safety.Disclaimer = "I am a coach." },
			[]string{"safety.json: disclaimer: 1 sentences, want 2-4"}},
		{"over-long text", func(c *Content) { c.Safety.Disclaimer = strings.Repeat("Stay gentle. ", 80) + "Done." },
			[]string{"safety.json: disclaimer: text is 1045 characters, at most 1000"}},
		{"FAQ answer of five sentences", func(c *Content) {
			topic(c, "yoga").Answer = "One. Two. Three. Four. Five."
		}, []string{"faq.json: yoga: answer has 5 sentences, at most 4"}},
		{"related topic that does not exist", func(c *Content) { topic(c, "yoga").Related = []string{"pilates"} },
			[]string{"faq.json: yoga: related topic \"pilates\" does not exist"}},
		{"related topic is itself", func(c *Content) { topic(c, "yoga").Related = []string{"yoga"} },
			[]string{"faq.json: yoga: related topic is the topic itself"}},
		{"too many related topics", func(c *Content) {
			topic(c, "yoga").Related = []string{"walking", "stress", "braces", "pnf"}
		}, []string{"faq.json: yoga: 4 related topics, at most 3"}},
		{"FAQ title too long", func(c *Content) { topic(c, "pnf").Title = strings.Repeat("t", 33) },
			[]string{"faq.json: pnf: title is 33 characters, at most 32"}},
		{"too few paraphrases", func(c *Content) { p := topic(c, "pnf"); p.Paraphrases = p.Paraphrases[:4] },
			[]string{"faq.json: pnf: 4 paraphrases, want at least 5"}},
		{"missing FAQ topic", func(c *Content) { c.Topics = c.Topics[1:] },
			[]string{"faq.json: " + contentTopicIDs[0] + ": topic is missing"}},
		{"unknown FAQ topic", func(c *Content) { c.Topics[0].ID = "diet" },
			[]string{"faq.json: diet: unknown topic id"}},
		{"catalogue language missing a key", func(c *Content) { delete(c.Messages["xx"], "greet") },
			[]string{"i18n xx: greet: key is missing (English has it)"}},
		{"catalogue language missing a placeholder", func(c *Content) { c.Messages["xx"]["greet"] = "Hallo!" },
			[]string{"i18n xx: greet: placeholders {}, English has {name}"}},
		{"catalogue language with a wrong placeholder", func(c *Content) { c.Messages["xx"]["greet"] = "Hallo {nom}!" },
			[]string{"i18n xx: greet: placeholders {nom}, English has {name}"}},
		{"catalogue language with an unknown key", func(c *Content) { c.Messages["xx"]["gret"] = "Hallo!" },
			[]string{"i18n xx: gret: key is not in the English catalogue"}},
		{"empty English text", func(c *Content) { c.Messages[DefaultLang]["bye"] = "" },
			[]string{"i18n en: bye: text is missing"}},
		{"no English catalogue", func(c *Content) { delete(c.Messages, DefaultLang) },
			[]string{"i18n: en: the English catalogue is missing"}},
	}
	base := contentProgramme(t)
	if err := base.Validate(); err != nil {
		t.Fatalf("the base content does not validate: %v", err)
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := contentClone(t, base)
			tt.break_(c)
			err := c.Validate()
			if err == nil {
				t.Fatal("Validate() = nil, want an error")
			}
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("Validate() = %v\nwant it to contain %q", err, w)
				}
			}
		})
	}
	// Breaking a clone must not have touched the base.
	if err := base.Validate(); err != nil {
		t.Fatalf("the base content was changed by a test case: %v", err)
	}
}

func TestContentSentences(t *testing.T) {
	tests := []struct {
		in   string
		want int
	}{
		{"", 0},
		{"Yes.", 1},
		{"Yes", 1},
		{"Both help. Walking is great!", 2},
		{"Hold 20-30 s. Then 2.5 more? No!", 3},
		{"Try e.g. walking. It helps.", 2},
		{"Wait… then go. Really.", 2},
		{"He said \"stop.\" Then he rested.", 2},
		{"One. Two. Three. Four. Five.", 5},
		{"Ends without a stop. Here it is", 2},
		{"Numbers. 3 of them.", 2},
	}
	for _, tt := range tests {
		if got := countSentences(tt.in); got != tt.want {
			t.Errorf("countSentences(%q) = %d, want %d", tt.in, got, tt.want)
		}
	}
}

func TestContentPlaceholders(t *testing.T) {
	tests := []struct {
		in   string
		want string
	}{
		{"", ""},
		{"Hi {name}", "name"},
		{"{b} and {a} and {b}", "a b"},
		{"{done}/{total} {stretch_name} {x-y}", "done stretch_name total x-y"},
		{"a { b } {} {unclosed", ""},
		{"{{nested}}", "nested"},
	}
	for _, tt := range tests {
		if got := strings.Join(catalogPlaceholders(tt.in), " "); got != tt.want {
			t.Errorf("catalogPlaceholders(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestContentOriginality checks that no run of eight consecutive words of
// the source article appears in any content or catalogue text. FAQ
// paraphrases, which imitate what users type, are exempt.
func TestContentOriginality(t *testing.T) {
	const n = 8
	article := filepath.Join("..", "..", "shared", "seed", "back-pain-stretches.txt")
	b, err := os.ReadFile(article)
	if errors.Is(err, fs.ErrNotExist) {
		t.Skipf("source article %s is absent", article)
	}
	if err != nil {
		t.Fatal(err)
	}
	grams := contentNGrams(string(b), n)
	if len(grams) < 1000 {
		t.Fatalf("only %d %d-word runs in the article: is it the right file?", len(grams), n)
	}

	// The check itself must catch a copied sentence, with its punctuation
	// and quotes changed.
	copied := "Tight muscles like hip flexors, hamstrings, and glutes can pull on the lower back!"
	if got := contentCopied(grams, n, strings.ToUpper(copied)); got == "" {
		t.Fatal("the originality check misses a sentence copied from the article")
	}
	if got := contentCopied(grams, n, "Child's pose decreases tension across your lower back, hips, and shoulders"); got == "" {
		t.Fatal("the originality check misses a copy with straight quotes")
	}

	c := contentProgramme(t)
	if full, err := LoadContent(); err == nil {
		c = full
	} else {
		t.Logf("LoadContent: %v; checking the programme files and whatever FAQ and catalogue parse", err)
		c.Topics, c.Messages = contentPartialFAQ(t), contentPartialCatalog(t)
	}
	texts := contentTexts(c)
	if len(texts) < 100 {
		t.Fatalf("only %d texts collected", len(texts))
	}
	for _, tx := range texts {
		if run := contentCopied(grams, n, tx.text); run != "" {
			t.Errorf("%s copies %q from the article", tx.where, run)
		}
	}
}

// contentText is one text of the content and where it is.
type contentText struct{ where, text string }

// contentTexts lists every text of the content and the catalogue except
// FAQ paraphrases.
func contentTexts(c *Content) []contentText {
	var out []contentText
	add := func(where, s string) { out = append(out, contentText{where, s}) }
	for _, s := range c.Stretches {
		w := "stretches.json: " + s.ID + ": "
		add(w+"name", s.Name)
		add(w+"purpose", s.Purpose)
		add(w+"skip_if", s.SkipIf)
		add(w+"gentler.name", s.Gentler.Name)
		for i, st := range s.Steps {
			add(fmt.Sprintf("%ssteps[%d]", w, i), st)
		}
		for i, st := range s.Gentler.Steps {
			add(fmt.Sprintf("%sgentler.steps[%d]", w, i), st)
		}
	}
	for _, r := range c.Routines {
		w := "routines.json: " + string(r.Slot) + ": "
		add(w+"name", r.Name)
		add(w+"intro", r.Intro)
		for i, it := range r.Items {
			add(fmt.Sprintf("%sitem %d why", w, i+1), it.Why)
		}
	}
	for i, tip := range c.Safety.Tips {
		add(fmt.Sprintf("safety.json: tip %d", i+1), tip)
	}
	add("safety.json: disclaimer", c.Safety.Disclaimer)
	add("safety.json: emergency_question", c.Safety.EmergencyQuestion)
	add("safety.json: clinician_question", c.Safety.ClinicianQuestion)
	add("safety.json: clinician", c.Safety.Clinician)
	add("safety.json: emergency", c.Safety.Emergency)
	for _, tp := range c.Topics {
		w := "faq.json: " + tp.ID + ": "
		add(w+"title", tp.Title)
		add(w+"question", tp.Question)
		add(w+"answer", tp.Answer)
	}
	for lang, m := range c.Messages {
		for k, s := range m {
			add("i18n "+lang+": "+k, s)
		}
	}
	return out
}

// contentWords splits s into lower-case words with punctuation removed and
// curly quotes made straight (then removed, so "child's" is "childs").
func contentWords(s string) []string {
	s = strings.NewReplacer("’", "'", "‘", "'", "“", `"`, "”", `"`).Replace(strings.ToLower(s))
	var words []string
	for _, f := range strings.FieldsFunc(s, func(r rune) bool {
		return unicode.IsSpace(r) || r == '—' || r == '–' || r == '-' || r == '/'
	}) {
		w := strings.Map(func(r rune) rune {
			if unicode.IsLetter(r) || unicode.IsDigit(r) {
				return r
			}
			return -1
		}, f)
		if w != "" {
			words = append(words, w)
		}
	}
	return words
}

// contentNGrams returns every run of n consecutive words of s.
func contentNGrams(s string, n int) map[string]bool {
	w := contentWords(s)
	out := map[string]bool{}
	for i := 0; i+n <= len(w); i++ {
		out[strings.Join(w[i:i+n], " ")] = true
	}
	return out
}

// contentCopied returns the first run of n words of s found in grams, or "".
func contentCopied(grams map[string]bool, n int, s string) string {
	w := contentWords(s)
	for i := 0; i+n <= len(w); i++ {
		if g := strings.Join(w[i:i+n], " "); grams[g] {
			return g
		}
	}
	return ""
}

// contentProgramme returns the embedded stretches, routines and safety
// wording, parsed directly (not through LoadContent), completed with a
// small known-good FAQ and catalogue, so that tests of Validate do not
// depend on the state of faq.json and the catalogue.
func contentProgramme(t *testing.T) *Content {
	t.Helper()
	c := &Content{}
	for _, f := range []struct {
		name string
		into any
	}{
		{"content/stretches.json", &c.Stretches},
		{"content/routines.json", &c.Routines},
		{"content/safety.json", &c.Safety},
	} {
		b, err := fs.ReadFile(contentFS, f.name)
		if err != nil {
			t.Fatal(err)
		}
		dec := json.NewDecoder(strings.NewReader(string(b)))
		dec.DisallowUnknownFields()
		if err := dec.Decode(f.into); err != nil {
			t.Fatalf("%s: %v", f.name, err)
		}
	}
	for i, id := range contentTopicIDs {
		tp := Topic{
			ID:       id,
			Title:    "Topic " + id,
			Question: "What about " + id + "?",
			Answer:   "A short answer. It has two sentences.",
			Paraphrases: []string{
				"about " + id, id + "?", "tell me about " + id, "what is " + id, "explain " + id,
			},
		}
		if i > 0 {
			tp.Related = []string{contentTopicIDs[i-1]}
		}
		c.Topics = append(c.Topics, tp)
	}
	c.Messages = Catalog{
		DefaultLang: {"greet": "Hello {name}!", "bye": "Bye for now.", "progress": "{done}/{total}"},
		"xx":        {"greet": "Hallo {name}!", "bye": "Tschüss.", "progress": "{done} von {total}"},
	}
	c.index()
	return c
}

// contentClone returns a deep copy of c.
func contentClone(t *testing.T, c *Content) *Content {
	t.Helper()
	b, err := json.Marshal(c)
	if err != nil {
		t.Fatal(err)
	}
	out := &Content{}
	if err := json.Unmarshal(b, out); err != nil {
		t.Fatal(err)
	}
	out.Messages = Catalog{}
	for lang, m := range c.Messages {
		out.Messages[lang] = map[string]string{}
		for k, v := range m {
			out.Messages[lang][k] = v
		}
	}
	out.index()
	return out
}

// contentPartialFAQ parses faq.json if it is there, for the originality
// check while it is being written; nil otherwise.
func contentPartialFAQ(t *testing.T) []Topic {
	var topics []Topic
	if b, err := fs.ReadFile(contentFS, "content/faq.json"); err == nil {
		if err := json.Unmarshal(b, &topics); err != nil {
			t.Logf("faq.json does not parse: %v", err)
		}
	}
	return topics
}

// contentPartialCatalog parses whatever catalogue files parse.
func contentPartialCatalog(t *testing.T) Catalog {
	cat := Catalog{}
	names, _ := fs.Glob(contentFS, "content/i18n/*.json")
	for _, n := range names {
		b, err := fs.ReadFile(contentFS, n)
		if err != nil {
			continue
		}
		m := map[string]string{}
		if err := json.Unmarshal(b, &m); err != nil {
			t.Logf("%s does not parse: %v", n, err)
			continue
		}
		cat[n] = m
	}
	return cat
}
