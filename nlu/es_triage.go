package nlu

import (
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/stretchbot/stretchbot/coach"
)

// Spanish red-flag triage. It uses the concepts, rule shape and levels of
// the English triage (the same flag ids), over a Spanish lexicon
// (esLexicon) and Spanish rules for negation ("no tengo hormigueo", "sin
// entumecimiento", "ni… ni…"), harmless senses ("se me durmió el pie con
// las piernas cruzadas", "me quedé dormido en el sofá"), other people's
// history ("mi madre tuvo cáncer") and questions ("¿cuándo debería
// preocuparme por el hormigueo?"). It runs on every message: Spanish
// phrases do not occur in English text, so no language detection is
// needed.

// esEntry is one lexicon pattern: folded words, a trailing "*" for a prefix.
type esEntry struct {
	pat []string
	c   concept
}

// esTriage is the compiled Spanish lexicon. It is read-only after
// construction.
type esTriage struct {
	exact  map[string][]esEntry // first word -> entries, longest first
	prefix []esEntry            // entries whose first word is a prefix, longest first
}

var esTri = sync.OnceValue(newESTriage)

func newESTriage() *esTriage {
	t := &esTriage{exact: map[string][]esEntry{}}
	for k, c := range esLexicon {
		pat := strings.Fields(k)
		if len(pat) > 1 {
			for _, w := range pat {
				if esUserWords[w] {
					c |= cFirst // "se me duerme", "mis partes"
				}
			}
		}
		e := esEntry{pat: pat, c: c}
		if strings.HasSuffix(pat[0], "*") {
			t.prefix = append(t.prefix, e)
		} else {
			t.exact[pat[0]] = append(t.exact[pat[0]], e)
		}
	}
	longest := func(es []esEntry) {
		sort.Slice(es, func(i, j int) bool {
			if len(es[i].pat) != len(es[j].pat) {
				return len(es[i].pat) > len(es[j].pat)
			}
			return strings.Join(es[i].pat, " ") < strings.Join(es[j].pat, " ")
		})
	}
	for _, es := range t.exact {
		longest(es)
	}
	longest(t.prefix)
	return t
}

// esWordMatch reports whether the pattern word p matches w.
func esWordMatch(p, w string) bool {
	if n := len(p) - 1; n > 0 && p[n] == '*' {
		return strings.HasPrefix(w, p[:n])
	}
	return p == w
}

// match returns the entry that matches longest at toks[i] within its
// sentence, if any.
func (t *esTriage) match(toks []token, i int) (esEntry, bool) {
	try := func(es []esEntry) (esEntry, bool) {
	next:
		for _, e := range es {
			if i+len(e.pat) > len(toks) || toks[i+len(e.pat)-1].sent != toks[i].sent {
				continue
			}
			for k, p := range e.pat {
				if !esWordMatch(p, toks[i+k].word) {
					continue next
				}
			}
			return e, true
		}
		return esEntry{}, false
	}
	a, okA := try(t.exact[toks[i].word])
	b, okB := try(t.prefix)
	switch {
	case okA && okB:
		if len(b.pat) > len(a.pat) {
			return b, true
		}
		return a, true
	case okA:
		return a, true
	}
	return b, okB
}

// merge turns a Spanish message into triage tokens, phrases merged.
func (t *esTriage) merge(m esMessage) []ttok {
	out := make([]ttok, 0, len(m.toks))
	for i := 0; i < len(m.toks); i++ {
		tk := m.toks[i]
		n, c := 1, concept(0)
		if e, ok := t.match(m.toks, i); ok {
			n, c = len(e.pat), e.c
		}
		next := ""
		if n > 1 {
			next = m.toks[i+1].word
		}
		out = append(out, ttok{word: tk.word, next: next, c: c, sent: tk.sent, clause: tk.clause, comma: tk.comma})
		i += n - 1
	}
	esMarkDurations(out)
	return out
}

// esNumbers are spelled-out numbers in durations.
var esNumbers = map[string]int{
	"un": 1, "una": 1, "uno": 1, "dos": 2, "tres": 3, "cuatro": 4, "cinco": 5, "seis": 6, "siete": 7,
	"ocho": 8, "nueve": 9, "diez": 10, "once": 11, "doce": 12, "varios": 6, "varias": 6, "muchos": 8,
	"muchas": 8, "par": 2, "unos": 3, "unas": 3,
}

// esMarkDurations sets cDuration on a long duration: six weeks or more,
// two months or more ("meses" alone too), any number of years, but not an
// age ("tengo 40 años") nor a date ("el año pasado", "el mes pasado").
func esMarkDurations(ts []ttok) {
	for i := range ts {
		w := ts[i].word
		var unit byte
		switch w {
		case "semana", "semanas":
			unit = 'w'
		case "mes", "meses":
			unit = 'm'
		case "año", "años", "anos":
			unit = 'y'
		default:
			continue
		}
		if i+1 < len(ts) && (ts[i+1].word == "pasado" || ts[i+1].word == "pasada" || ts[i+1].word == "que" && unit != 'y') {
			// "el mes pasado", "la semana pasada": a date
			if ts[i+1].word != "que" {
				continue
			}
		}
		if i > 0 && (ts[i-1].word == "este" || ts[i-1].word == "esta" || ts[i-1].word == "proximo") {
			continue
		}
		n, ok := 0, false
		for j := i - 1; j >= 0 && j >= i-3; j-- {
			if v, err := strconv.Atoi(ts[j].word); err == nil {
				n, ok = v, true
				if unit == 'y' && j > 0 && (ts[j-1].word == "tengo" || ts[j-1].word == "de" || ts[j-1].word == "con" ||
					ts[j-1].word == "tiene" || ts[j-1].word == "cumpli") {
					n = -1 // an age
				}
				break
			}
			if v, found := esNumbers[ts[j].word]; found {
				if j > 0 && (ts[j-1].word == "cuantos" || ts[j-1].word == "cuantas") {
					n = -1 // "cuántas semanas": a question
				} else {
					n = v
				}
				ok = true
				break
			}
			if ts[j].word == "cuantos" || ts[j].word == "cuantas" {
				n, ok = -1, true
				break
			}
		}
		if ok && n < 0 {
			continue
		}
		long := false
		switch unit {
		case 'w':
			long = ok && n >= 6
		case 'm':
			long = !ok && w == "meses" || ok && n >= 2
		case 'y':
			long = true
		}
		if long {
			ts[i].c |= cDuration
		}
	}
}

// esRules are the Spanish red-flag patterns, with the English flag ids. The
// order matters as in rules: emergency first.
var esRules = []rule{
	{flag: "bladder", level: em, slots: []concept{cPee, cProblem | cNumb | cNoFeel | cUnderwear}, window: 8},
	{flag: "bowel", level: em, slots: []concept{cPoo, cProblem | cNumb | cNoFeel | cUnderwear}, window: 8},
	{flag: "saddle", level: em, slots: []concept{cNumb | cNoFeel, cSaddle}, window: 7, benign: cBenign},
	{flag: "saddle", level: em, slots: []concept{cNoFeel, cContact}, window: 7},
	{flag: "sexual", level: em, slots: []concept{cNumb | cNoFeel, cGenital | cSex}, window: 8, benign: cBenign},
	{flag: "sexual", level: em, slots: []concept{cErect, cProblem}, window: 6},
	{flag: "leg-weakness", level: em, slots: []concept{cWeak, cLimb, cFast | cBoth}, window: 10, benign: cExert},
	{flag: "leg-weakness", level: em, slots: []concept{cParalysis, cLimb}, window: 6},
	{flag: "leg-numbness", level: em, slots: []concept{cNumb | cNoFeel, cBoth}, window: 6, benign: cBenign},
	{flag: "foot-drop", level: em, slots: []concept{cDropFoot, cFoot}, window: 5},
	{flag: "foot-drop", level: em, slots: []concept{cFootDrop}},
	{flag: "major-trauma", level: em, slots: []concept{cFall, cHeight}, window: 8, neg: cNearly},
	{flag: "major-trauma", level: em, slots: []concept{cFall, cSevere}, window: 3, neg: cNearly},
	{flag: "major-trauma", level: em, slots: []concept{cCrash, cVehicle}, window: 6},
	{flag: "fever", level: em, slots: []concept{cFever}},

	{flag: "sciatica", level: cl, slots: []concept{cRadiate, cLimb}, window: 6},
	{flag: "sciatica", level: cl, slots: []concept{cPain, cDir, cLimb}, window: 8},
	{flag: "sciatica", level: cl, slots: []concept{cSciatica}},
	{flag: "leg-numbness", level: cl, slots: []concept{cNumb | cNoFeel, cLimb}, window: 7, benign: cBenign},
	{flag: "leg-numbness", level: cl, slots: []concept{cNumb}, benign: cBenign, unless: cOther},
	{flag: "leg-numbness", level: cl, slots: []concept{cOdd, cLimb}, window: 7, benign: cBenign | cExert},
	{flag: "leg-weakness", level: cl, slots: []concept{cWeak, cLimb}, window: 6, benign: cExert},
	{flag: "persistent", level: cl, slots: []concept{cDuration, cNoImprove | cRoutine | cPain}, window: 14},
	{flag: "worsening", level: cl, slots: []concept{cWorse, cProg}, window: 4, trigger: true},
	{flag: "cancer", level: cl, slots: []concept{cCancer}},
	{flag: "weight-loss", level: cl, slots: []concept{cLost, cWeight}, window: 4, unless: cIntent},
	{flag: "weight-loss", level: cl, slots: []concept{cWeightLoss, cUnexplained}, window: 6},
	{flag: "night-pain", level: cl, slots: []concept{cNightSig, cPain}, window: 8},
	{flag: "night-pain", level: cl, slots: []concept{cConstant, cNight}, window: 6},
	{flag: "osteoporosis", level: cl, slots: []concept{cOsteo}},
	{flag: "steroids", level: cl, slots: []concept{cSteroid}},
	{flag: "minor-fall", level: cl, slots: []concept{cFall}, neg: cNearly},
}

// esTriageText returns the Spanish red flag in text, if any: the highest
// level found and the flags at that level, in rule order. With english set,
// a match counts only if one of its words is not an English word (english
// reports which are): "cancer" alone is both, and in "my mum had cancer"
// only the English triage understands whose it was.
func esTriageText(text string, english func(string) bool) (coach.Level, []string) {
	m := esTokenize(text)
	if len(m.toks) == 0 {
		return coach.LevelNone, nil
	}
	t := esTri()
	ts := t.merge(m)
	level := coach.LevelNone
	var flags []string
	for ri := range esRules {
		r := &esRules[ri]
		if level == coach.LevelEmergency && r.level != coach.LevelEmergency {
			break
		}
		if contains(flags, r.flag) && (level == r.level || level == coach.LevelEmergency) {
			continue
		}
		if !esFires(r, ts, m.question, english) {
			continue
		}
		if level == coach.LevelNone || level == coach.LevelClinician && r.level == coach.LevelEmergency {
			level, flags = r.level, nil
		}
		flags = append(flags, r.flag)
	}
	return level, flags
}

// esFires reports whether the rule matches anywhere in the message.
func esFires(r *rule, ts []ttok, question []bool, english func(string) bool) bool {
	for a := range ts {
		if ts[a].c&r.slots[0] == 0 || ts[a].c&cConsumed != 0 {
			continue
		}
		lo, hi := a, a
		slots := []int{a}
		ok := true
		for si := 1; si < len(r.slots); si++ {
			j := nearest(ts, a, r.slots[si], r.window, r.plainSlots)
			if j < 0 || ts[j].c&cConsumed != 0 {
				ok = false
				break
			}
			slots = append(slots, j)
			lo, hi = min(lo, j), max(hi, j)
		}
		if !ok || english != nil && allEnglish(ts, slots, english) {
			continue
		}
		if !esSuppressed(r, ts, question, a, lo, hi, slots) {
			return true
		}
	}
	return false
}

// allEnglish reports whether every word of the matched tokens is English.
func allEnglish(ts []ttok, slots []int, english func(string) bool) bool {
	for _, i := range slots {
		if !english(ts[i].word) || ts[i].next != "" && !english(ts[i].next) {
			return false
		}
	}
	return true
}

// esNegWindow is how far back a Spanish negator reaches.
const esNegWindow = 6

// esSuppressed applies negation, resolution, harmless senses, other
// people, hypotheticals and questions to a candidate match lo..hi.
func esSuppressed(r *rule, ts []ttok, question []bool, a, lo, hi int, slots []int) bool {
	sent := ts[a].sent
	isSlot := func(i int) bool {
		for _, s := range slots {
			if s == i {
				return true
			}
		}
		return false
	}
	negs := cNeg | r.neg
	for i := lo + 1; i < hi; i++ {
		if ts[i].c&negs != 0 && !isSlot(i) {
			return true
		}
	}
	for i := lo - 1; i >= 0 && i >= lo-esNegWindow && ts[i].sent == sent; i-- {
		if ts[i+1].comma && !esListContinues(ts[i+1]) {
			break
		}
		if ts[i].c&cBreak != 0 {
			break
		}
		if ts[i].c&negs != 0 {
			return true
		}
	}
	for i := hi + 1; i < len(ts) && i <= hi+7 && ts[i].sent == sent; i++ {
		if ts[i].c&cResolved != 0 {
			return true
		}
	}
	var inSent concept
	for i := range ts {
		if ts[i].sent == sent {
			inSent |= ts[i].c
		}
	}
	if r.benign != 0 && inSent&r.benign != 0 && inSent&cPersist == 0 {
		return true
	}
	if r.unless != 0 && inSent&r.unless != 0 {
		return true
	}
	if r.trigger && esInfinitive(ts, slots, cWorse) {
		// "¿me pueden empeorar…?", "miedo de empeorar": the verb in the
		// infinitive names a possibility or a fear, not a course.
		return true
	}
	if r.trigger && hi+1 < len(ts) && ts[hi+1].sent == sent && esTriggers[ts[hi+1].word] && inSent&cSteady == 0 {
		return true // "me empeora al sentarme": what sets it off, not a course
	}
	if esOtherPerson(ts, lo) {
		return true
	}
	hypo := esHypothetical(ts, lo)
	if r.level == coach.LevelClinician && hypo && !persists(ts, sent) {
		return true
	}
	if !esQuestion(ts, sent, question[sent]) {
		return false
	}
	worry := inSent&cWorryQ != 0
	if r.level == coach.LevelEmergency {
		// A question about an emergency sign is an alarm unless it is
		// plainly general or hypothetical: nothing in it is about the
		// user, or it asks what a sign would mean.
		if !worry && !hypo {
			for i := range ts {
				if ts[i].sent == sent && ts[i].c&cFirst != 0 {
					return false
				}
			}
		}
		return !esFirstPersonReport(ts, sent)
	}
	if worry || hypo {
		return !persists(ts, sent)
	}
	for i := max(0, lo-3); i <= hi+2 && i < len(ts); i++ {
		if ts[i].sent == sent && ts[i].c&cFirst != 0 {
			return false
		}
	}
	return true
}

// esInfinitive reports whether a matched token of concept c is a verb in
// the infinitive (-ar, -er, -ir, with or without a clitic: "empeorar",
// "empeorarse", "empeorarlo").
func esInfinitive(ts []ttok, slots []int, c concept) bool {
	for _, i := range slots {
		if ts[i].c&c == 0 {
			continue
		}
		w := ts[i].word
		for _, cl := range []string{"se", "lo", "la", "le", "me", "te"} {
			if strings.HasSuffix(w, "r"+cl) {
				w = strings.TrimSuffix(w, cl)
				break
			}
		}
		if strings.HasSuffix(w, "ar") || strings.HasSuffix(w, "er") || strings.HasSuffix(w, "ir") {
			return true
		}
	}
	return false
}

// esTriggers after a worsening name what sets it off.
var esTriggers = set("al cuando si despues con")

// esListContinues reports whether the token after a comma continues a list
// a negator before the comma still governs ("no tengo hormigueo,
// entumecimiento ni debilidad").
func esListContinues(t ttok) bool {
	return t.c&(cNumb|cNoFeel|cWeak|cPain|cFever|cPee|cPoo) != 0 || t.word == "ni" || t.word == "o" || t.word == "y"
}

// esUserWords name the user.
var esUserWords = set("me mi mis yo conmigo")

// esAlso next to a user word shares someone else's condition with the user
// ("yo también", "igual que yo").
var esAlso = set("tambien igual como")

// esOtherPerson reports whether the match starting at lo is about someone
// else: a relative, friend, or "le" is its subject ("mi madre tuvo
// cáncer", "a mi padre le hormiguean los pies"), with no word for the user
// in between, and the user does not share it ("y yo también").
func esOtherPerson(ts []ttok, lo int) bool {
	sent := ts[lo].sent
	for i := lo - 1; i >= 0 && i >= lo-otherPersonWindow && ts[i].sent == sent; i-- {
		if ts[i].c&cFamily != 0 {
			for j := lo + 1; j < len(ts) && ts[j].sent == sent; j++ {
				if esUserWords[ts[j].word] && (j > 0 && esAlso[ts[j-1].word] || j+1 < len(ts) && esAlso[ts[j+1].word]) {
					return false
				}
			}
			return true
		}
		if ts[i].c&cFirst != 0 && ts[i].word != "mi" && ts[i].word != "mis" {
			// "mi madre": "mi" belongs to the relative; "me" or "yo"
			// is the user.
			return false
		}
	}
	return false
}

// esHypothetical reports whether the match sits inside a supposition:
// "¿qué pasa si…", "y si…", "en caso de…", "si alguna vez…". A plain "si"
// is not enough: "si me siento, me baja el dolor por la pierna" is a
// report.
func esHypothetical(ts []ttok, lo int) bool {
	cl := ts[lo].clause
	for i := lo - 1; i >= 0 && ts[i].clause == cl; i-- {
		if ts[i].c&cIf != 0 && (ts[i].word != "si" || ts[i].next != "") {
			return true
		}
	}
	return false
}

// esWh open a Spanish question even without "¿…?".
var esWh = set("cuando que como cual cuales donde quien cuanto cuanta cuantos cuantas por")

// esModalQ after a question word make it a question: "cuándo debería…",
// "qué significa…", "cómo sé…".
var esModalQ = set("deberia debo debe hay tengo puedo puede se es significa pasa quiere hago hacer")

// esQuestion reports whether sentence s asks a question: a question mark,
// or a question word followed by a modal ("cuando deberia preocuparme").
func esQuestion(ts []ttok, s int, qmark bool) bool {
	if qmark {
		return true
	}
	for i := range ts {
		if ts[i].sent != s {
			continue
		}
		w1 := ""
		if i+1 < len(ts) && ts[i+1].sent == s {
			w1 = ts[i+1].word
		}
		return esWh[ts[i].word] && esModalQ[w1]
	}
	return false
}

// esFirstPersonReport reports whether a question also states the user's
// own symptom ("¿es normal que no pueda orinar desde ayer?"): a time since
// when, or a verb of having.
func esFirstPersonReport(ts []ttok, s int) bool {
	for i := range ts {
		if ts[i].sent == s && (ts[i].c&cPersist != 0 || ts[i].word == "tengo" || ts[i].word == "llevo") {
			return true
		}
	}
	return false
}
