package coach

import (
	"fmt"
	"strconv"
	"strings"
	"unicode"
)

// Typed answers. People type "ok", "Done!", "✅", "yep", "ouch", "5/10",
// "about a 4", "nope". These functions map what they type to the answer a
// button would have given; each returns ok=false when the text is not such
// an answer, so the caller can try the next reading or ask again.

// words lower-cases s, folds Spanish accents ("sí" is "si", "mañana" is
// "manana") and splits it into words and emoji, dropping punctuation
// (including "¿" and "¡").
func words(s string) []string {
	s = foldAccents.Replace(strings.ToLower(s))
	return strings.FieldsFunc(s, func(r rune) bool {
		return unicode.IsSpace(r) || (unicode.IsPunct(r) && r != '/' && r != '\'') || r == '\u200d' || r == '\ufe0f'
	})
}

// foldAccents maps the accented letters of Spanish to plain ones: people
// type "si" as often as "sí", and "manana" for "mañana".
var foldAccents = strings.NewReplacer("á", "a", "é", "e", "í", "i", "ó", "o", "ú", "u", "ü", "u", "ñ", "n")

// short reports whether the answer is short enough to be a reply to a
// question rather than a sentence that mentions the word in passing.
func short(ws []string) bool { return len(ws) > 0 && len(ws) <= 5 }

func hasAny(ws []string, set map[string]bool) bool {
	for _, w := range ws {
		if set[w] {
			return true
		}
	}
	return false
}

// The word sets hold English and Spanish together: a word of one language
// never means something else in the other, and a user may mix them. Spanish
// words are listed without accents (words folds them).
var (
	yesWords = setOf("yes", "y", "yeah", "yea", "yep", "yup", "sure", "ok", "okay", "k", "kk", "fine",
		"aye", "si", "ja", "oui", "👍", "✅", "✔", "go", "alright", "absolutely", "definitely", "please", "course",
		// Spanish: sí, claro, vale, dale, de acuerdo, por supuesto…
		"claro", "vale", "dale", "acuerdo", "supuesto", "sip", "sep", "simon", "venga", "okey", "oki",
		"obvio", "afirmativo", "porfa", "correcto", "exacto")
	noWords = setOf("no", "n", "nope", "nah", "not", "none", "never", "negative", "👎", "❌", "nothing", "neither", "nein", "non",
		// Spanish: nop, para nada, negativo, tampoco…
		"nop", "nel", "nada", "negativo", "tampoco", "ninguno", "ninguna", "nunca")
	doneWords = setOf("done", "did", "finished", "finish", "complete", "completed", "ok", "okay", "✅", "👍", "✔",
		"next", "good", "great", "fine", "easy", "yes", "yep", "y", "k", "doneee", "dun", "dn", "ready",
		// Spanish: hecho, listo, terminado, lo hice… ("ya" is handled
		// apart: it means "already" in a sentence).
		"hecho", "hecha", "listo", "lista", "listos", "terminado", "terminada", "termine", "acabe", "acabado",
		"acabada", "completado", "completo", "hice", "bien", "perfecto", "genial", "vale", "dale", "si", "okey")
	hurtWords = setOf("hurts", "hurt", "hurting", "ouch", "ow", "oww", "owww", "pain", "painful", "sore", "aches", "ache",
		"aching", "😣", "😖", "😫", "🤕", "😩", "ouchh", "stings", "twinge",
		// Spanish: duele, me duele, dolor, ay, au…
		"duele", "duelen", "dolio", "dolor", "dolores", "doloroso", "ay", "ayy", "ayyy", "au", "auch", "auu",
		"molesta", "molestia", "pincha", "punzada", "lastima")
	skipWords = setOf("skip", "skipping", "pass", "⏭", "⏩", "later", "cant", "can't", "cannot", "nah",
		// Spanish: saltar, salta, siguiente, paso, luego…
		"saltar", "salta", "salto", "saltalo", "saltemos", "saltate", "siguiente", "paso", "pasar", "omitir",
		"omito", "despues", "luego")
	stopWords = setOf("stop", "quit", "cancel", "end", "exit", "enough", "halt", "🛑",
		// Spanish: parar, detener, basta, cancelar… ("para" is handled
		// apart: it is also the preposition "for").
		"parar", "paro", "paremos", "detener", "detente", "basta", "cancelar", "cancela", "cancelo", "salir", "fin",
		"dejalo")
	timerWords = setOf("timer", "time", "⏱", "⏲", "clock", "count",
		"temporizador", "cronometro", "cronometra", "reloj", "tiempo", "cuenta")
)

// negators are the words that deny a following word: "no pain", "doesn't
// hurt", "no me duele", "sin dolor", "nada de dolor".
var negators = setOf("no", "not", "dont", "don't", "doesn't", "doesnt", "didn't", "didnt", "without", "zero", "isn't", "isnt",
	"sin", "ni", "nunca", "tampoco", "nada")

// esUnsure reports the Spanish "not sure": "no sé", "no lo sé", "no estoy
// seguro/a". It starts with "no" but is no answer.
func esUnsure(ws []string) bool {
	for i := 0; i+1 < len(ws); i++ {
		if ws[i] != "no" {
			continue
		}
		switch ws[i+1] {
		case "se", "sabria", "recuerdo", "acuerdo":
			return true
		case "me":
			return i+2 < len(ws) && ws[i+2] == "acuerdo"
		case "lo", "estoy":
			return i+2 < len(ws) && (ws[i+2] == "se" || strings.HasPrefix(ws[i+2], "segur"))
		}
	}
	return false
}

// esStop reports a Spanish stop that the word sets cannot hold: "para" as a
// command ("para", "para ya"), not the preposition ("listo para el
// siguiente") nor "para nada" (not at all).
func esStop(ws []string) bool {
	return len(ws) > 0 && ws[0] == "para" && (len(ws) == 1 || ws[1] != "nada" && len(ws) <= 3)
}

// esDone reports a Spanish "ya" (done) answer: "ya", "ya está". In a longer
// sentence "ya" means "already" and says nothing by itself.
func esDone(ws []string) bool {
	return len(ws) <= 2 && len(ws) > 0 && ws[0] == "ya" && (len(ws) == 1 || ws[1] == "esta" || ws[1] == "estoy" || ws[1] == "ta")
}

// esCant reports "no puedo" (I can't): a skip, like the English "can't".
func esCant(ws []string) bool {
	for i := 0; i+1 < len(ws); i++ {
		if ws[i] == "no" && (ws[i+1] == "puedo" || ws[i+1] == "pude") {
			return true
		}
	}
	return false
}

func setOf(ws ...string) map[string]bool {
	m := make(map[string]bool, len(ws))
	for _, w := range ws {
		m[w] = true
	}
	return m
}

// parseYesNo reads a yes/no answer.
func parseYesNo(text string) (yes, ok bool) {
	ws := words(text)
	if !short(ws) {
		return false, false
	}
	y, n := hasAny(ws, yesWords), hasAny(ws, noWords)
	// "no, not really" → no; "yes" → yes; "not sure" is neither.
	if n && !y {
		if len(ws) >= 2 && ws[0] == "not" && ws[1] == "sure" || esUnsure(ws) {
			return false, false
		}
		return false, true
	}
	if y && !n {
		return true, true
	}
	return false, false
}

// stepAnswer is an answer to a stretch card.
type stepAnswer string

const (
	ansDone  stepAnswer = "done"
	ansHurt  stepAnswer = "hurt"
	ansSkip  stepAnswer = "skip"
	ansStop  stepAnswer = "stop"
	ansTimer stepAnswer = "timer"
)

// parseStepAnswer reads done / hurts / skip / stop typed at a stretch.
func parseStepAnswer(text string) (stepAnswer, bool) {
	ws := words(text)
	if !short(ws) {
		return "", false
	}
	switch {
	case hasAny(ws, hurtWords) && !negated(ws, hurtWords):
		return ansHurt, true
	case hasAny(ws, stopWords) || esStop(ws):
		return ansStop, true
	case hasAny(ws, skipWords) || esCant(ws):
		return ansSkip, true
	case hasAny(ws, timerWords):
		return ansTimer, true
	case hasAny(ws, doneWords) || esDone(ws):
		return ansDone, true
	}
	return "", false
}

// negated reports whether a word of set follows a negation: "no pain",
// "doesn't hurt".
func negated(ws []string, set map[string]bool) bool {
	for i, w := range ws {
		if !set[w] {
			continue
		}
		for j := max(0, i-3); j < i; j++ {
			if negators[ws[j]] {
				return true
			}
		}
	}
	return false
}

var numberWords = map[string]int{
	"zero": 0, "none": 0, "nothing": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5,
	"six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
	// Spanish ("un"/"una" are articles: "un 5" is five).
	"cero": 0, "nada": 0, "ninguno": 0, "uno": 1, "dos": 2, "tres": 3, "cuatro": 4, "cinco": 5,
	"seis": 6, "siete": 7, "ocho": 8, "nueve": 9, "diez": 10,
}

// parseScore reads a 0-10 score: "5", "5/10", "about a 4", "seven", "6.5"
// (rounded), and in Spanish "un 5", "como un cuatro", "5 de 10", "6,5".
// More than one number, or one outside 0-10, is not a score.
func parseScore(text string) (int, bool) {
	// Split like words, but keep signs and decimal points with numbers.
	ws := strings.FieldsFunc(decimalComma(strings.ToLower(text)), func(r rune) bool {
		return unicode.IsSpace(r) || (unicode.IsPunct(r) && !strings.ContainsRune("/.-'", r))
	})
	if len(ws) == 0 || len(ws) > 8 {
		return 0, false
	}
	// "5 de 10", "7 sobre 10": the scale is not a second number.
	if n := len(ws); n >= 3 && (ws[n-2] == "de" || ws[n-2] == "sobre") && (ws[n-1] == "10" || ws[n-1] == "diez") {
		ws = ws[:n-2]
	}
	found, n := -1, 0
	for _, w := range ws {
		w = strings.TrimSuffix(strings.TrimRight(w, "."), "/10")
		if v, ok := numberWords[w]; ok {
			found, n = v, n+1
			continue
		}
		if f, err := strconv.ParseFloat(w, 64); err == nil {
			if f < 0 || f > 10 || f != f {
				return 0, false
			}
			found, n = int(f+0.5), n+1
		}
	}
	if n != 1 {
		return 0, false
	}
	return found, true
}

// decimalComma turns a comma between two digits into a point: "6,5" is
// six and a half in Spanish.
func decimalComma(s string) string {
	if !strings.Contains(s, ",") {
		return s
	}
	b := []byte(s)
	for i := 1; i+1 < len(b); i++ {
		if b[i] == ',' && b[i-1] >= '0' && b[i-1] <= '9' && b[i+1] >= '0' && b[i+1] <= '9' {
			b[i] = '.'
		}
	}
	return string(b)
}

// Words for the routine of the day, in English and Spanish ("la rutina de
// la mañana", "la de la noche"). "mañana" also means tomorrow, but asked
// which routine, it means the morning one.
var (
	morningWords = setOf("morning", "am", "mobility", "☀️", "☀", "🌅",
		"manana", "matutina", "matinal", "temprano", "madrugada", "movilidad")
	eveningWords = setOf("evening", "pm", "night", "activation", "🌙", "tonight",
		"tarde", "noche", "nocturna", "vespertina", "activacion")
)

// Spanish words for what a hurt is like (parseHurtKind). Prefixes catch
// every ending: "entumecido", "entumecida", "entumecimiento".
var (
	// down a leg: "baja por la pierna", "ciática", "se irradia al pie".
	esLegWords    = setOf("pierna", "piernas", "muslo", "muslos", "pantorrilla", "pantorrillas", "gemelo", "gemelos", "pie", "pies", "tobillo", "tobillos", "talon", "abajo")
	esLegPrefixes = []string{"ciatic", "irradi", "recorr"}
	// numb, tingling, weak: "entumecido", "se me duerme", "hormigueo",
	// "debilidad", "acorchado", "flojera".
	esNumbPrefixes = []string{"entumec", "entumi", "adormec", "adormi", "dormid", "duerm", "durmi", "hormig",
		"cosquill", "debil", "acorch", "insensib", "flojo", "floja", "flojer"}
	// sharp: "agudo", "punzante", "un pinchazo", "como un cuchillo",
	// "calambre", "descarga", "de repente".
	esSharpPrefixes = []string{"agud", "punzan", "punzad", "pinchaz", "cuchill", "calambr", "descarg", "corrient", "latigaz"}
	// none of those: "solo molestia", "dolorido", "rígido", "ninguno".
	esMildWords    = setOf("ninguno", "ninguna", "nada", "solo", "nop", "normal")
	esMildPrefixes = []string{"molest", "dolorid", "rigid", "tens", "tirant", "leve", "sordo", "agujet", "cargad"}
	// the gentler variation: "más suave", "la versión fácil", "sí".
	esGentleWords = setOf("suave", "suaves", "facil", "variante", "variacion", "version", "ligera", "ligero",
		"si", "vale", "dale", "claro", "probar", "pruebo", "intentar", "intento", "modificada", "adaptada")
)

// esNoFeel reports "no siento…" / "no noto…" / "sin fuerza": lost feeling
// or strength, the numb kind of hurt. ("noto hormigueo" is caught by its
// symptom; "noto" alone is not "no".)
func esNoFeel(ws []string) bool {
	for i := 0; i+1 < len(ws); i++ {
		switch {
		case ws[i] == "no" && (strings.HasPrefix(ws[i+1], "sient") || strings.HasPrefix(ws[i+1], "not") || ws[i+1] == "tengo" && i+2 < len(ws) && ws[i+2] == "fuerza"):
			return true
		case ws[i] == "sin" && (strings.HasPrefix(ws[i+1], "fuerz") || strings.HasPrefix(ws[i+1], "sensib")):
			return true
		}
	}
	return false
}

// spanishClock rewrites the ways Spanish speakers say a time into forms
// ParseClock reads: "7 y media" → "half past 7", "8 menos cuarto" →
// "quarter to 8", "a las 8 de la tarde" → "8 pm", "mediodía" → "noon".
// Text that is not such a time comes back unchanged.
func spanishClock(s string) string {
	t := " " + strings.Join(words(s), " ") + " " // lower case, accents folded
	for _, r := range []struct{ from, to string }{
		{" de la manana ", " am "}, {" de la madrugada ", " am "}, {" por la manana ", " am "},
		{" de la tarde ", " pm "}, {" de la noche ", " pm "}, {" por la tarde ", " pm "}, {" por la noche ", " pm "},
		{" a las ", " "}, {" a la ", " "}, {" sobre las ", " "}, {" hacia las ", " "},
		{" las ", " "}, {" la ", " "}, {" en punto ", " "}, {" horas ", " "}, {" hrs ", " "},
		{" mediodia ", " noon "}, {" medianoche ", " midnight "},
	} {
		t = strings.ReplaceAll(t, r.from, r.to)
	}
	f := strings.Fields(t)
	// "H y media|cuarto|M", "H menos cuarto|M", keeping a trailing am/pm.
	if len(f) >= 3 && (f[1] == "y" || f[1] == "menos") {
		if _, err := strconv.Atoi(f[0]); err == nil {
			rest := strings.Join(f[3:], " ")
			min := f[2]
			switch min {
			case "media":
				min = "30"
			case "cuarto":
				min = "15"
			}
			if n, err := strconv.Atoi(min); err == nil && n >= 0 && n < 60 {
				if f[1] == "y" {
					return strings.TrimSpace(fmt.Sprintf("%s:%02d %s", f[0], n, rest))
				}
				return strings.TrimSpace(fmt.Sprintf("%d to %s %s", n, f[0], rest))
			}
		}
	}
	return strings.Join(f, " ")
}
