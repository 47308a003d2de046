package nlu

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/stretchbot/stretchbot/coach"
)

// understandES is the Spanish side of Understand. The Spanish triage runs
// on every message; on a message that does not read as Spanish, a red flag
// it finds is merged with the English one (the higher level wins, with the
// flags of that level). A message that
// reads as Spanish and raises no flag goes to the Spanish FAQ matcher, so
// a Spanish question is never answered with the English topic a stray
// shared word points to. ok is
// false when the message is neither a Spanish red flag nor Spanish: the
// English pipeline then runs unchanged.
func (m *Model) understandES(text string) (coach.Understanding, bool) {
	spanish := looksSpanish(text)
	var english func(string) bool
	if !spanish {
		english = m.englishWord
	}
	esLv, esFlags := esTriageText(text, english)
	if esLv == coach.LevelNone && !spanish {
		if !m.es.readsSpanish(text, m.englishWord) {
			return coach.Understanding{}, false
		}
		// Spanish by its words though it has no marker word: the English
		// triage still reads it first, then the Spanish FAQ.
		if lv, flags := m.triageEN(text); lv != coach.LevelNone {
			return coach.Understanding{Intent: coach.IntentRedFlag, Level: lv, Flags: flags}, true
		}
		return m.es.understand(text, m.th), true
	}
	// Spanish text is read by the Spanish triage alone: the English one
	// would take a shared word ("osteoporosis", "cancer") without the
	// Spanish around it ("mi abuela tiene…").
	var enLv coach.Level
	var enFlags []string
	if !spanish {
		enLv, enFlags = m.triageEN(text)
	}
	if lv, flags := mergeLevels(esLv, esFlags, enLv, enFlags); lv != coach.LevelNone {
		return coach.Understanding{Intent: coach.IntentRedFlag, Level: lv, Flags: flags}, true
	}
	// A Spanish question is matched against the Spanish paraphrases only
	// (es_faq.go), never against an English topic picked by a stray shared
	// word ("yoga", "normal").
	return m.es.understand(text, m.th), true
}

// englishWord reports whether w (folded, lower case) is a word the English
// model knows: its vocabulary, stop words and common words.
func (m *Model) englishWord(w string) bool {
	if m.known[w] || m.tri.known(stem(w)) {
		return true
	}
	_, ok := m.faq.terms[stem(w)]
	return ok
}

// triageEN runs the English triage alone, as Understand does.
func (m *Model) triageEN(text string) (coach.Level, []string) {
	msg := tokenize(text)
	if len(msg.toks) == 0 {
		return coach.LevelNone, nil
	}
	stems := make([]string, len(msg.toks))
	for i := range msg.toks {
		w := m.correct(msg.toks[i].word)
		msg.toks[i].word = w
		stems[i] = m.stemOf(w)
	}
	return m.tri.run(m.tri.merge(msg, stems), msg.question)
}

// levelRank orders levels by urgency.
func levelRank(l coach.Level) int {
	switch l {
	case coach.LevelEmergency:
		return 2
	case coach.LevelClinician:
		return 1
	}
	return 0
}

// mergeLevels combines two triage results: the higher level, with the
// flags found at that level by either, without duplicates.
func mergeLevels(a coach.Level, af []string, b coach.Level, bf []string) (coach.Level, []string) {
	ra, rb := levelRank(a), levelRank(b)
	switch {
	case ra > rb:
		return a, af
	case rb > ra:
		return b, bf
	}
	out := append([]string(nil), af...)
	for _, f := range bf {
		if !contains(out, f) {
			out = append(out, f)
		}
	}
	if a == coach.LevelNone {
		return a, nil
	}
	return a, out
}

// esMarkers are frequent Spanish words that English messages do not use;
// enMarkers the English ones Spanish messages do not use.
var (
	esMarkers = set("que el la los las y en por para con mi mis es se un una unos como cuando cuanto cuantos " +
		"cuanta cuantas puedo debo deberia hacer tengo estoy muy mas pero lo le al del hay esta este esto " +
		"estos estas son soy sin sobre tambien ya me duele dolor espalda estirar estiramiento estiramientos " +
		"rutina ejercicio ejercicios hola gracias cual porque donde bien mal mucho poco tiempo dia dias " +
		"veces vez hago sirve ayuda ayudan mejor peor antes despues manana tarde noche siempre nunca")
	enMarkers = set("the is are my i to and of in it do does can how what when why should this that " +
		"with for you your be was have has on at any will would from or if me an " +
		// English content words that Spanish never uses, so that a dialect
		// with Spanish-looking words ("mi back a hurt") reads as English
		"back pain hurt hurts hurting down up out every get got leg legs foot feet left right time")
)

// looksSpanish reports whether text reads as Spanish: more Spanish marker
// words than English ones, or a mark only Spanish uses ("¿", "¡", "ñ", an
// accented vowel) and no English marker word.
func looksSpanish(text string) bool {
	if len(text) > 4*maxInputRunes {
		text = text[:4*maxInputRunes]
	}
	if !utf8.ValidString(text) {
		text = strings.ToValidUTF8(text, " ")
	}
	lower := strings.ToLower(text)
	marks := strings.ContainsAny(lower, "¿¡ñáéíóú")
	var es, en int
	// Words as typed: chat abbreviations ("q", "x") are no evidence.
	for _, w := range strings.FieldsFunc(esFold.Replace(lower), func(r rune) bool { return !unicode.IsLetter(r) }) {
		if esMarkers[w] {
			es++
		}
		if enMarkers[w] {
			en++
		}
	}
	return es > en || marks && en == 0
}
