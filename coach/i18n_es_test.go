package coach

import (
	"slices"
	"strings"
	"testing"
	"time"
	"unicode"
	"unicode/utf8"
)

// The Spanish translation (content/i18n/*.es.json): complete, within the
// programme's limits, and what a Spanish-speaking user actually sees.

// esNLU understands nothing: the Spanish conversation is driven by
// commands and buttons, so it does not depend on the matcher.
type esNLU struct{}

func (esNLU) Understand(string) Understanding { return Understanding{Intent: IntentUnknown} }

func mustLoadContent(t *testing.T) *Content {
	t.Helper()
	c, err := LoadContent()
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestSpanishCatalogueIsComplete(t *testing.T) {
	c := mustLoadContent(t)
	es := c.Messages["es"]
	if len(es) == 0 {
		t.Fatal("no Spanish catalogue")
	}
	if missing := c.Messages.Missing()["es"]; len(missing) > 0 {
		t.Fatalf("Spanish lacks %d English keys: %s", len(missing), strings.Join(missing, ", "))
	}
	for k := range es {
		if _, ok := c.Messages[DefaultLang][k]; !ok {
			t.Errorf("Spanish key %q is not in the English catalogue", k)
		}
	}
	// The content keys are translated too, not only the interface.
	for _, k := range []string{"stretch.cat-cow.name", "stretch.cat-cow.step.1", "safety.emergency", "faq.hold-time.answer", "routine.morning.name"} {
		if es[k] == "" || es[k] == c.Messages[DefaultLang][k] {
			t.Errorf("%s is not translated: %q", k, es[k])
		}
	}
}

func TestSpanishIsPickedFromTheLanguageCode(t *testing.T) {
	c := mustLoadContent(t)
	for _, tc := range []struct{ code, want string }{
		{"es", "es"},
		{"es-MX", "es"},
		{"es_AR", "es"},
		{"ES-419", "es"},
		{" es-es ", "es"},
		{"en", "en"},
		{"", "en"},
		{"e", "en"},
		{"pt-br", "en"},
	} {
		if got := c.Messages.Lang(tc.code); got != tc.want {
			t.Errorf("Lang(%q) = %q, want %q", tc.code, got, tc.want)
		}
	}
}

// untranslatable are the keys whose Spanish text may equal the English
// one: an emoji, a layout of placeholders, a word both languages share.
var untranslatable = []string{"notice.ok", "bot.chosen", "stretch.card", "btn.no"}

func TestSpanishTextsAreTranslated(t *testing.T) {
	c := mustLoadContent(t)
	en, es := c.Messages[DefaultLang], c.Messages["es"]
	for k, s := range es {
		if s == en[k] && !slices.Contains(untranslatable, k) {
			t.Errorf("%s is still in English: %q", k, s)
		}
	}
}

// emoji returns the symbols (emoji, ✅, ⏱…) of s, sorted and distinct.
func emoji(s string) []string {
	var out []string
	for _, r := range s {
		if unicode.Is(unicode.So, r) && !slices.Contains(out, string(r)) {
			out = append(out, string(r))
		}
	}
	slices.Sort(out)
	return out
}

func TestSpanishKeepsEmojiAndLines(t *testing.T) {
	c := mustLoadContent(t)
	en, es := c.Messages[DefaultLang], c.Messages["es"]
	for k, s := range es {
		if want, got := emoji(en[k]), emoji(s); !slices.Equal(want, got) {
			t.Errorf("%s: emoji %v, English has %v", k, got, want)
		}
		// Line breaks carry layout (lists, blank lines before a question).
		if want, got := strings.Count(en[k], "\n"), strings.Count(s, "\n"); want != got {
			t.Errorf("%s: %d line breaks, English has %d", k, got, want)
		}
	}
}

// TestSpanishContentKeepsTheLimits holds the translated programme content
// to the limits Validate holds the English content to: a step fits a
// chat line, an FAQ title fits a button, an answer stays short.
func TestSpanishContentKeepsTheLimits(t *testing.T) {
	c := mustLoadContent(t)
	es := c.Messages["es"]
	for _, tc := range []struct {
		name    string
		match   func(k string) bool
		max     int
		oneLine bool
	}{
		{"stretch step", func(k string) bool { return strings.HasPrefix(k, "stretch.") && strings.Contains(k, ".step.") }, limMaxStep, true},
		{"stretch purpose", func(k string) bool { return strings.HasPrefix(k, "stretch.") && strings.HasSuffix(k, ".purpose") }, limMaxPurpose, true},
		{"stretch or routine name", func(k string) bool {
			return (strings.HasPrefix(k, "stretch.") || strings.HasPrefix(k, "routine.")) && strings.HasSuffix(k, ".name")
		}, limMaxName, true},
		{"FAQ title", func(k string) bool { return strings.HasPrefix(k, "faq.") && strings.HasSuffix(k, ".title") }, limMaxTitle, true},
		{"any text", func(string) bool { return true }, limMaxText, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			n := 0
			for k, s := range es {
				if !tc.match(k) {
					continue
				}
				n++
				if l := utf8.RuneCountInString(s); l > tc.max {
					t.Errorf("%s is %d characters, at most %d: %q", k, l, tc.max, s)
				}
				if tc.oneLine && strings.ContainsAny(s, "\r\n") {
					t.Errorf("%s must be one line", k)
				}
			}
			if n == 0 {
				t.Fatal("no key matched: the key scheme changed")
			}
		})
	}
	for _, tp := range c.Topics {
		k := "faq." + tp.ID + ".answer"
		if n := countSentences(es[k]); n < 1 || n > limMaxSentences {
			t.Errorf("%s has %d sentences, want 1-%d", k, n, limMaxSentences)
		}
	}
	if n := countSentences(es["safety.disclaimer"]); n < 2 || n > 4 {
		t.Errorf("safety.disclaimer has %d sentences, want 2-4", n)
	}
	for _, k := range []string{"safety.emergency_question", "safety.clinician_question"} {
		if s := es[k]; !strings.HasPrefix(s, "¿") || !strings.HasSuffix(s, "?") {
			t.Errorf("%s must be a yes/no question in ¿…?: %q", k, s)
		}
	}
}

// TestSpanishSafetyWording checks that the safety messages keep their
// meaning: the emergency one sends to the emergency department or the
// local emergency number now, the clinician one to a doctor or physio.
func TestSpanishSafetyWording(t *testing.T) {
	c := mustLoadContent(t)
	es := c.Messages["es"]
	for _, tc := range []struct {
		key  string
		want []string
	}{
		{"safety.emergency", []string{"urgente", "urgencias", "llama al número de emergencias local", "no esperes", "no hagas más estiramientos"}},
		{"safety.clinician", []string{"médico", "fisioterapeuta", "próximos días", "deja la rutina"}},
		{"safety.disclaimer", []string{"no soy médico", "diagnosticar", "no es consejo médico", "no sustituyo"}},
		{"faq.see-clinician.answer", []string{"médico", "fisioterapeuta", "orina", "heces", "ingle", "atención urgente"}},
		{"safety.emergency_question", []string{"orina", "heces", "ingle", "debilidad", "caída", "fiebre"}},
		{"safety.clinician_question", []string{"pierna", "hormigueo", "cáncer", "pérdida de peso", "por la noche", "osteoporosis", "corticoides"}},
		{"btn.kind_emergency", []string{"orina", "heces", "ingle"}},
	} {
		s := strings.ToLower(es[tc.key])
		for _, w := range tc.want {
			if !strings.Contains(s, w) {
				t.Errorf("%s does not say %q: %q", tc.key, w, es[tc.key])
			}
		}
	}
}

// esConv drives one Spanish-speaking user through Engine.Step.
type esConv struct {
	t   *testing.T
	c   *Content
	e   *Engine
	st  State
	now time.Time
	out Output
}

func (c *esConv) step(in Input) {
	c.t.Helper()
	in.Lang = "es-MX"
	c.out = c.e.Step(c.st, in, c.now, nil)
	c.st = c.out.State
	c.now = c.now.Add(time.Minute)
	if len(c.out.Replies) == 0 {
		c.t.Fatalf("no reply to %+v", in)
	}
	c.noEnglish()
}

func (c *esConv) press(action string) {
	c.t.Helper()
	c.step(Input{Kind: InputButton, Action: action, Turn: c.st.Turn})
}

// said is every reply's text and button labels.
func (c *esConv) said() string {
	var b strings.Builder
	for _, r := range c.out.Replies {
		b.WriteString(r.Text)
		b.WriteString("\n")
		for _, row := range r.Buttons {
			for _, btn := range row {
				b.WriteString("[" + btn.Label + "] ")
			}
		}
		b.WriteString("\n")
	}
	return b.String()
}

func (c *esConv) wantSaid(subs ...string) {
	c.t.Helper()
	said := c.said()
	for _, s := range subs {
		if !strings.Contains(said, s) {
			c.t.Fatalf("replies do not contain %q:\n%s", s, said)
		}
	}
}

func (c *esConv) wantPhase(p Phase) {
	c.t.Helper()
	if c.st.Phase != p {
		c.t.Fatalf("phase = %q, want %q; said:\n%s", c.st.Phase, p, c.said())
	}
}

// noEnglish fails when a reply or button shows an English catalogue text
// that has a different Spanish one: a text that slipped past the user's
// language.
func (c *esConv) noEnglish() {
	c.t.Helper()
	said := c.said()
	en, es := c.c.Messages[DefaultLang], c.c.Messages["es"]
	for k, s := range en {
		if len([]rune(s)) < 12 || strings.Contains(s, "{") || s == es[k] {
			continue
		}
		if strings.Contains(said, s) {
			c.t.Fatalf("English text %s shown to a Spanish user:\n%s", k, said)
		}
	}
}

func TestSpanishConversation(t *testing.T) {
	content := mustLoadContent(t)
	es := content.Messages["es"]
	c := &esConv{t: t, c: content, e: NewEngine(content, esNLU{}), st: State{User: 7},
		now: time.Date(2026, 3, 4, 8, 0, 0, 0, time.UTC)}

	c.step(Input{Kind: InputCommand, Command: "start"})
	c.wantPhase(PhaseOnbIntro)
	if c.st.Profile.Lang != "es" {
		t.Fatalf("profile lang = %q, want es", c.st.Profile.Lang)
	}
	c.wantSaid("¡Hola! Soy stretchbot", es["safety.disclaimer"], es["btn.letsgo"])

	c.press("ok")
	c.wantPhase(PhaseOnbEmergency)
	c.wantSaid(es["safety.emergency_question"], "["+es["btn.yes"]+"]")
	c.press("no")
	c.wantPhase(PhaseOnbClinician)
	c.wantSaid(es["safety.clinician_question"])
	c.press("no")
	c.wantPhase(PhaseOnbZone)
	c.wantSaid("¿Dónde estás?")
	c.step(Input{Kind: InputText, Text: "Ciudad de México"})
	c.wantPhase(PhaseOnbMorning)
	c.wantSaid("Entendido:", "America/Mexico_City")
	c.press("t:07:30")
	c.wantPhase(PhaseOnbEvening)
	c.step(Input{Kind: InputText, Text: "19:00"})
	c.wantPhase(PhaseOnbFirst)
	c.wantSaid("¡Todo listo!", "a las 07:30 y a las 19:00", es["btn.start_morning"])

	c.press("start:morning")
	c.wantPhase(PhaseStretch)
	r := content.Routine(Morning)
	first, second := r.Items[0].Stretch, r.Items[1].Stretch
	dose := content.Messages.T("es", "dose.reps", "n", itoa(content.Stretch(first).Dose.Reps))
	if h := content.Stretch(first).Dose.HoldSeconds; h > 0 {
		dose = content.Messages.T("es", "dose.hold", "s", itoa(h))
	}
	c.wantSaid(es["routine.morning.name"], es["routine.morning.intro"],
		"1/5 · "+es["stretch."+first+".name"], "1. "+es["stretch."+first+".step.1"],
		"⏱ "+dose, es["stretch."+first+".purpose"], "["+es["btn.done"]+"]", "["+es["btn.hurts"]+"]", "["+es["btn.skip"]+"]")

	c.press("done")
	c.wantPhase(PhaseStretch)
	c.wantSaid("2/5 · " + es["stretch."+second+".name"])

	c.press("hurt")
	c.wantPhase(PhaseHurtLevel)
	c.wantSaid(es["hurt.level"])

	c.step(Input{Kind: InputCommand, Command: "help"})
	c.wantSaid("/stretch", es["cmd.stretch"], es["cmd.report"])
}
