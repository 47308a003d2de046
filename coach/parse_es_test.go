package coach

import "testing"

// Spanish typed answers, as Spanish speakers from Spain and Latin America
// type them: with and without accents, with slang, in longer phrases. Each
// table also holds the traps: "no" inside "noto", "ya" meaning "already",
// "para" the preposition, "ay" inside "hay".

func TestParseYesNoSpanish(t *testing.T) {
	for _, tc := range []struct {
		in      string
		yes, ok bool
	}{
		{"sí", true, true},
		{"Si", true, true},
		{"claro", true, true},
		{"vale", true, true},
		{"dale", true, true},
		{"ok", true, true},
		{"de acuerdo", true, true},
		{"sí, claro", true, true},
		{"por supuesto", true, true},
		{"simón", true, true},
		{"no", false, true},
		{"No.", false, true},
		{"nop", false, true},
		{"para nada", false, true},
		{"no, ninguno", false, true},
		{"tampoco", false, true},
		{"negativo", false, true},
		// not an answer
		{"no sé", false, false},
		{"no lo sé", false, false},
		{"no estoy segura", false, false},
		{"no me acuerdo", false, false},
		{"noto algo raro", false, false},
		{"nota", false, false},
		{"sí y no", false, false},
		{"quizás", false, false},
	} {
		yes, ok := parseYesNo(tc.in)
		if yes != tc.yes || ok != tc.ok {
			t.Errorf("parseYesNo(%q) = %v, %v; want %v, %v", tc.in, yes, ok, tc.yes, tc.ok)
		}
	}
}

func TestParseStepAnswerSpanish(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want stepAnswer
		ok   bool
	}{
		{"hecho", ansDone, true},
		{"Hecho!", ansDone, true},
		{"listo", ansDone, true},
		{"lista ✅", ansDone, true},
		{"ya", ansDone, true},
		{"ya está", ansDone, true},
		{"ya esta", ansDone, true},
		{"terminado", ansDone, true},
		{"terminé", ansDone, true},
		{"lo hice", ansDone, true},
		{"✅", ansDone, true},
		{"duele", ansHurt, true},
		{"me duele", ansHurt, true},
		{"me duele mucho", ansHurt, true},
		{"dolor", ansHurt, true},
		{"ay", ansHurt, true},
		{"ayyy", ansHurt, true},
		{"au", ansHurt, true},
		{"saltar", ansSkip, true},
		{"salta", ansSkip, true},
		{"siguiente", ansSkip, true},
		{"paso", ansSkip, true},
		{"me lo salto", ansSkip, true},
		{"no puedo", ansSkip, true},
		{"parar", ansStop, true},
		{"para", ansStop, true},
		{"para ya", ansStop, true},
		{"detener", ansStop, true},
		{"basta", ansStop, true},
		{"cancelar", ansStop, true},
		{"temporizador", ansTimer, true},
		// traps
		{"no me duele", ansDone, false},
		{"sin dolor", ansDone, false},
		{"nada de dolor", ansDone, false},
		{"hay algo", ansDone, false},
		{"ya me lo habían dicho antes", ansDone, false},
		{"ya no quiero", ansDone, false},
		{"noto algo", ansDone, false},
	} {
		got, ok := parseStepAnswer(tc.in)
		if ok != tc.ok || ok && got != tc.want {
			t.Errorf("parseStepAnswer(%q) = %q, %v; want %q, %v", tc.in, got, ok, tc.want, tc.ok)
		}
	}
	// "listo para el siguiente": "para" is the preposition, "siguiente"
	// a skip; never a stop.
	if a, _ := parseStepAnswer("listo para el siguiente"); a == ansStop {
		t.Error(`"listo para el siguiente" read as stop`)
	}
}

func TestParseScoreSpanish(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want int
		ok   bool
	}{
		{"cinco", 5, true},
		{"Cero", 0, true},
		{"diez", 10, true},
		{"un 5", 5, true},
		{"como un 4", 4, true},
		{"como un cuatro", 4, true},
		{"5 de 10", 5, true},
		{"7 sobre 10", 7, true},
		{"ocho de diez", 8, true},
		{"6,5", 7, true},
		{"nada", 0, true},
		{"entre 3 y 4", 0, false},
		{"11", 0, false},
		{"mucho", 0, false},
		// English unchanged
		{"5/10", 5, true},
		{"about a 4", 4, true},
		{"seven", 7, true},
	} {
		got, ok := parseScore(tc.in)
		if ok != tc.ok || ok && got != tc.want {
			t.Errorf("parseScore(%q) = %d, %v; want %d, %v", tc.in, got, ok, tc.want, tc.ok)
		}
	}
}

func TestParseSlotSpanish(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want Slot
		ok   bool
	}{
		{"mañana", Morning, true},
		{"manana", Morning, true},
		{"la rutina de la mañana", Morning, true},
		{"la de la mañana", Morning, true},
		{"movilidad", Morning, true},
		{"tarde", Evening, true},
		{"noche", Evening, true},
		{"la de la noche", Evening, true},
		{"esta noche", Evening, true},
		{"activación", Evening, true},
		{"mañana por la tarde", "", false},
		{"no sé", "", false},
	} {
		got, ok := parseSlot(tc.in, "")
		if ok != tc.ok || ok && got != tc.want {
			t.Errorf("parseSlot(%q) = %q, %v; want %q, %v", tc.in, got, ok, tc.want, tc.ok)
		}
	}
}

func TestParseHurtKindSpanish(t *testing.T) {
	for _, tc := range []struct {
		in, want string
		ok       bool
	}{
		{"agudo", "sharp", true},
		{"es punzante", "sharp", true},
		{"como un pinchazo", "sharp", true},
		{"un calambre de repente", "sharp", true},
		{"baja por la pierna", "leg", true},
		{"se me va a la pierna", "leg", true},
		{"ciática", "leg", true},
		{"se irradia hacia abajo", "leg", true},
		{"noto hormigueo en el pie", "leg", true},
		{"entumecido", "numb", true},
		{"adormecida", "numb", true},
		{"hormigueo", "numb", true},
		{"siento debilidad", "numb", true},
		{"no siento bien la zona", "numb", true},
		{"sin fuerza", "numb", true},
		{"se me duerme", "numb", true},
		{"solo molestia", "none", true},
		{"dolorido nada más", "none", true},
		{"rígido", "none", true},
		{"ninguno", "none", true},
		{"ninguna de esas", "none", true},
		{"no", "none", true},
		{"una zona tensa", "none", true},
		{"banana", "", false},
	} {
		got, ok := parseHurtKind(tc.in, "")
		if ok != tc.ok || ok && got != tc.want {
			t.Errorf("parseHurtKind(%q) = %q, %v; want %q, %v", tc.in, got, ok, tc.want, tc.ok)
		}
	}
}

func TestParseHurtChoiceSpanish(t *testing.T) {
	for _, tc := range []struct {
		in, want string
		ok       bool
	}{
		{"más suave", "gentle", true},
		{"la versión fácil", "gentle", true},
		{"sí, probar", "gentle", true},
		{"vale", "gentle", true},
		{"saltar", "skip", true},
		{"siguiente", "skip", true},
		{"no", "skip", true},
		{"no puedo", "skip", true},
		{"parar", "stop", true},
		{"para", "stop", true},
		{"basta", "stop", true},
		{"¿qué?", "", false},
	} {
		got, ok := parseHurtChoice(tc.in, "")
		if ok != tc.ok || ok && got != tc.want {
			t.Errorf("parseHurtChoice(%q) = %q, %v; want %q, %v", tc.in, got, ok, tc.want, tc.ok)
		}
	}
}

// TestSpanishRoutineByTyping walks a Spanish speaker through a routine
// typing every answer: the engine reads the Spanish words the same way as
// the buttons.
func TestSpanishRoutineByTyping(t *testing.T) {
	c := newConv(t)
	c.onboard()
	c.cmd("stretch")
	if c.st.Phase != PhaseChoose && c.st.Phase != PhaseStretch {
		t.Fatalf("phase %q after /stretch", c.st.Phase)
	}
	if c.st.Phase == PhaseChoose {
		c.text("la de la mañana")
	}
	if c.st.Phase != PhaseStretch || c.st.Session == nil || c.st.Session.Slot != Morning {
		t.Fatalf("not in a morning routine: phase %q", c.st.Phase)
	}
	c.text("hecho")
	if c.st.Session.Index != 1 || c.st.Session.Items[0].Outcome != OutcomeDone {
		t.Fatalf("hecho: index %d, outcome %q", c.st.Session.Index, c.st.Session.Items[0].Outcome)
	}
	c.text("saltar")
	if c.st.Session.Items[1].Outcome != OutcomeSkipped {
		t.Fatalf("saltar: outcome %q", c.st.Session.Items[1].Outcome)
	}
	c.text("me duele")
	if c.st.Phase != PhaseHurtLevel {
		t.Fatalf("me duele: phase %q", c.st.Phase)
	}
	c.text("como un 4")
	if c.st.Phase != PhaseHurtKind || c.st.Session.Pain != 4 {
		t.Fatalf("como un 4: phase %q, pain %d", c.st.Phase, c.st.Session.Pain)
	}
	c.text("solo molestia")
	if c.st.Phase != PhaseHurtChoice {
		t.Fatalf("solo molestia: phase %q", c.st.Phase)
	}
	c.text("más suave")
	if c.st.Phase != PhaseStretch || !c.st.Session.Items[2].Gentle {
		t.Fatalf("más suave: phase %q, gentle %v", c.st.Phase, c.st.Session.Items[2].Gentle)
	}
	c.text("listo")
	c.text("ya")
	c.text("ya está")
	if c.st.Phase != PhaseEndPain {
		t.Fatalf("after the last stretch: phase %q", c.st.Phase)
	}
	c.text("3 de 10")
	if c.st.Session != nil {
		t.Fatal("routine not finished after the pain score")
	}
}

func TestSpanishTimes(t *testing.T) {
	for in, want := range map[string]Clock{
		"7 y media": 7*60 + 30, "a las 8": 8 * 60, "a las 8 de la tarde": 20 * 60, "7 y cuarto de la mañana": 7*60 + 15,
		"8 menos cuarto": 7*60 + 45, "mediodía": 12 * 60, "medianoche": 0, "19:30": 19*60 + 30, "9 de la noche": 21 * 60,
		"las 6 y 45": 6*60 + 45,
	} {
		if got, ok := parseClockAnswer(in, ""); !ok || got != want {
			t.Errorf("parseClockAnswer(%q) = %v, %v; want %v", in, got, ok, want)
		}
	}
	for _, in := range []string{"banana", "7 y plátano", "menos", "y media"} {
		if c, ok := parseClockAnswer(in, ""); ok {
			t.Errorf("parseClockAnswer(%q) = %v, want no time", in, c)
		}
	}
}
