package nlu

import (
	"strconv"
	"strings"

	"github.com/stretchbot/stretchbot/coach"
)

// ttok is a token as the triage sees it: phrases merged into one token.
type ttok struct {
	word string
	// next is the second word of a merged phrase ("can not feel": "not"),
	// so that a phrase reads as its words when a clause's opening is
	// checked; "" for a single word.
	next   string
	c      concept
	sent   int
	clause int
	comma  bool
}

// triage holds the compiled lexicon and rules. It is read-only after
// construction.
type triage struct {
	surface map[string]concept // word -> concepts, exactly as listed
	words   map[string]concept // stem -> concepts, for forms not listed
	phrases map[string]concept // "stem stem …" -> concepts
	first   map[string][]int   // first stem of a phrase -> its lengths, longest first
	rules   []rule
}

func newTriage() *triage {
	t := &triage{surface: map[string]concept{}, words: map[string]concept{}, phrases: map[string]concept{}, first: map[string][]int{}, rules: rules}
	for k, c := range lexicon {
		ws := words(tokenize(k))
		stems := make([]string, len(ws))
		for i, w := range ws {
			stems[i] = stem(w)
			if len(ws) > 1 && firstPersonWords[w] {
				// "when i wipe", "between my legs": the user
				// speaks of themself inside the phrase.
				c |= cFirst
			}
		}
		if len(stems) == 1 {
			t.surface[ws[0]] |= c
			t.words[stems[0]] |= c
			continue
		}
		key := strings.Join(stems, " ")
		t.phrases[key] |= c
		t.first[stems[0]] = appendLen(t.first[stems[0]], len(stems))
	}
	return t
}

// appendLen adds n to a descending list of distinct lengths.
func appendLen(ls []int, n int) []int {
	for _, l := range ls {
		if l == n {
			return ls
		}
	}
	ls = append(ls, n)
	for i := len(ls) - 1; i > 0 && ls[i] > ls[i-1]; i-- {
		ls[i], ls[i-1] = ls[i-1], ls[i]
	}
	return ls
}

// known reports whether the triage lexicon has this stem.
func (t *triage) known(s string) bool {
	if _, ok := t.words[s]; ok {
		return true
	}
	_, ok := t.first[s]
	return ok
}

// merge turns a message into triage tokens, merging phrases (longest first,
// within one sentence) and marking durations.
func (t *triage) merge(m message, stems []string) []ttok {
	out := make([]ttok, 0, len(m.toks))
	for i := 0; i < len(m.toks); i++ {
		tk := m.toks[i]
		n := 1
		c, ok := t.surface[tk.word]
		if !ok {
			// Another form of a listed word keeps its meaning, except
			// the meanings tied to one form ("cleared" is resolved,
			// "clearing" is not).
			c = t.words[stems[i]] &^ surfaceOnly
		}
		for _, l := range t.first[stems[i]] {
			if i+l > len(m.toks) || m.toks[i+l-1].sent != tk.sent {
				continue
			}
			if pc, ok := t.phrases[strings.Join(stems[i:i+l], " ")]; ok {
				n, c = l, pc
				break
			}
		}
		next := ""
		if n > 1 {
			next = m.toks[i+1].word
		}
		out = append(out, ttok{word: tk.word, next: next, c: c, sent: tk.sent, clause: tk.clause, comma: tk.comma})
		i += n - 1
	}
	markDurations(out)
	markReadings(out)
	return out
}

// numberWords are the spelled-out numbers people use for durations.
var numberWords = map[string]int{
	"a": 1, "an": 1, "one": 1, "two": 2, "couple": 2, "three": 3, "four": 4, "five": 5,
	"six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
	"several": 6, "many": 8, "few": 3, "some": 3,
}

// markDurations sets cDuration on a unit word ("weeks", "months", "years")
// when the duration it states is long: six weeks or more, two months or
// more, any number of years, "months", "ages".
func markDurations(ts []ttok) {
	for i := range ts {
		w := ts[i].word
		if sinceDates[w] && i > 0 && (ts[i-1].word == "since" ||
			ts[i-1].word == "in" && i > 1 && startWords[ts[i-2].word]) {
			// "since march", "started in may", "since christmas": a
			// date a season or more back, weeks to months of it.
			ts[i].c |= cDuration
			continue
		}
		unit := ""
		switch w {
		case "week", "weeks", "wks", "wk":
			unit = "w"
		case "month", "months":
			unit = "m"
		case "year", "years", "yrs", "yr":
			unit = "y"
		case "ages":
			ts[i].c |= cDuration
			continue
		default:
			continue
		}
		if i > 0 && (ts[i-1].word == "last" || ts[i-1].word == "this" || ts[i-1].word == "next") {
			continue // "last year" is a date, not a duration
		}
		if i+1 < len(ts) && (ts[i+1].word == "old" || ts[i+1].word == "of" && i+2 < len(ts) && ts[i+2].word == "age") {
			continue // "74 years old" is an age
		}
		n, ok := 0, false
		for j := i - 1; j >= 0 && j >= i-3; j-- {
			if v, err := strconv.Atoi(ts[j].word); err == nil {
				n, ok = v, true
				break
			}
			if v, found := numberWords[ts[j].word]; found {
				if j > 0 && ts[j-1].word == "how" {
					n, ok = -1, true // "how many weeks": a question
				} else {
					n, ok = v, true
				}
				break
			}
		}
		if ok && n < 0 {
			continue
		}
		long := false
		switch unit {
		case "w":
			long = ok && n >= 6 || strings.HasSuffix(w, "s") && !ok && i > 0 && ts[i-1].word == "for"
		case "m":
			long = !ok && strings.HasSuffix(w, "s") || ok && n >= 2 ||
				i >= 2 && (ts[i-2].word == "over" || ts[i-2].word == "than")
		case "y":
			long = true
		}
		if long {
			ts[i].c |= cDuration
		}
	}
}

// sinceDates are the dates "since" names when a complaint has lasted a
// while: months, seasons and holidays.
var sinceDates = set("january february march april may june july august september october november december " +
	"jan feb mar apr jun jul aug sep sept oct nov dec spring summer autumn winter christmas xmas easter")

// startWords date an onset with "in": "started in may", "back in june".
var startWords = set("started began start begun back")

// temperatureWords name a body temperature when a reading follows.
var temperatureWords = set("temperature temp temps thermometer")

// notBody are words that make a temperature the weather's or the bath's.
var notBody = set("outside outdoors weather room house water bath shower oven heatwave forecast sea pool today's")

// markReadings sets cFever on a temperature word with a feverish reading
// near it ("temperature 38.9", "my temp is 101"): 38 to 43 degrees
// Celsius, 100 to 108 Fahrenheit. Only the whole degrees are read: the
// tokenizer ends a sentence at the decimal point.
func markReadings(ts []ttok) {
	for i := range ts {
		if !temperatureWords[ts[i].word] {
			continue
		}
		fever := false
		for j := max(0, i-3); j <= i+3 && j < len(ts); j++ {
			if ts[j].sent != ts[i].sent {
				continue
			}
			if notBody[ts[j].word] {
				fever = false
				break
			}
			if n, ok := leadingNumber(ts[j].word); ok && (n >= 38 && n <= 43 || n >= 100 && n <= 108) {
				fever = true
			}
		}
		if fever {
			ts[i].c |= cFever
		}
	}
}

// leadingNumber reads the digits a word starts with ("39", "38c", "101f").
func leadingNumber(w string) (int, bool) {
	n, digits := 0, 0
	for digits < len(w) && w[digits] >= '0' && w[digits] <= '9' && digits < 4 {
		n = n*10 + int(w[digits]-'0')
		digits++
	}
	if digits == 0 || digits < len(w) && (len(w)-digits > 1 || w[digits] != 'c' && w[digits] != 'f') {
		return 0, false
	}
	return n, true
}

// run applies every rule to the message and returns the red flag, if any:
// the highest level found and the flags at that level, in rule order.
func (t *triage) run(ts []ttok, question []bool) (coach.Level, []string) {
	level := coach.LevelNone
	var flags []string
	for ri := range t.rules {
		r := &t.rules[ri]
		if level == coach.LevelEmergency && r.level != coach.LevelEmergency {
			break
		}
		if level == coach.LevelClinician && r.level == coach.LevelClinician && contains(flags, r.flag) {
			continue
		}
		if level == coach.LevelEmergency && contains(flags, r.flag) {
			continue
		}
		if !t.fires(r, ts, question) {
			continue
		}
		if level == coach.LevelNone || (level == coach.LevelClinician && r.level == coach.LevelEmergency) {
			level, flags = r.level, flags[:0]
		}
		flags = append(flags, r.flag)
	}
	if level == coach.LevelNone {
		return level, nil
	}
	return level, flags
}

func contains(ss []string, s string) bool {
	for _, x := range ss {
		if x == s {
			return true
		}
	}
	return false
}

// fires reports whether the rule matches anywhere in the message.
func (t *triage) fires(r *rule, ts []ttok, question []bool) bool {
	for a := range ts {
		if ts[a].c&r.slots[0] == 0 {
			continue
		}
		lo, hi := a, a
		slotAt := [4]int{a, -1, -1, -1}
		ok := true
		for si := 1; si < len(r.slots); si++ {
			j := nearest(ts, a, r.slots[si], r.window, r.plainSlots)
			if j < 0 {
				ok = false
				break
			}
			slotAt[si] = j
			lo, hi = min(lo, j), max(hi, j)
		}
		if !ok {
			continue
		}
		if t.suppressed(r, ts, question, a, lo, hi, slotAt[:len(r.slots)]) {
			continue
		}
		return true
	}
	return false
}

// nearest returns the index of the token nearest to a (a itself included)
// within window tokens and in a's sentence that has concept c, or -1. A
// token that is not a negator is preferred: in "don't have bladder
// problems" the problem is "problems", and "don't" negates it. With plain,
// a negator never fills the slot: in "didn't have any accident" the "not"
// denies the accident, it is not a problem of its own.
func nearest(ts []ttok, a int, c concept, window int, plain bool) int {
	s := ts[a].sent
	skips := [2]concept{cNeg, 0}
	if plain {
		skips[1] = cNeg
	}
	for _, skip := range skips {
		for d := 0; d <= window; d++ {
			if j := a - d; j >= 0 && ts[j].sent == s && ts[j].c&c != 0 && ts[j].c&skip == 0 {
				return j
			}
			if j := a + d; d > 0 && j < len(ts) && ts[j].sent == s && ts[j].c&c != 0 && ts[j].c&skip == 0 {
				return j
			}
		}
	}
	return -1
}

// negWindow is how far back a negator reaches.
const negWindow = 7

// suppressed applies negation, resolution, harmless senses, other people's
// history and questions to a candidate match spanning lo..hi.
func (t *triage) suppressed(r *rule, ts []ttok, question []bool, a, lo, hi int, slots []int) bool {
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
	// Negators inside the span ("my foot is not numb").
	for i := lo + 1; i < hi; i++ {
		if ts[i].c&negs != 0 && !isSlot(i) {
			return true
		}
	}
	// Negators before the span, up to a break.
	for i := lo - 1; i >= 0 && i >= lo-negWindow && ts[i].sent == sent; i-- {
		if ts[i+1].comma && !(listContinues(ts[i+1]) && listItem(ts[i])) {
			break
		}
		if ts[i].c&cBreak != 0 {
			break
		}
		if ts[i].c&negs != 0 {
			return true
		}
	}
	// "…went away", "…gone now"; further on, "…but that is over" with a
	// word that points back at the symptom.
	for i := hi + 1; i < len(ts) && ts[i].sent == sent; i++ {
		if ts[i].c&cResolved != 0 && (i <= hi+6 || anaphoric(ts, i)) && !userActs(ts, i) {
			return true
		}
	}
	if longOver(ts, lo, hi, r) {
		return true
	}
	if r.trigger && triggered(ts, hi) {
		return true
	}
	if aboutMedia(ts, lo, hi) {
		return true
	}
	var inSent concept
	for i := range ts {
		if ts[i].sent == sent {
			c := ts[i].c
			if simile(ts, i) {
				// "numb, like after the dentist": a comparison, not
				// the cause.
				c &^= cBenign | cExert
			}
			inSent |= c
		}
	}
	if r.benign != 0 && inSent&r.benign != 0 && inSent&cPersist == 0 && !worsensFast(ts, sent) {
		return true
	}
	if r.unless != 0 && inSent&r.unless != 0 {
		return true
	}
	if otherPerson(ts, lo) || thingSubject(ts, lo) {
		return true
	}
	if (r.level == coach.LevelClinician && hypothetical(ts, lo, hi) || counterfactual(ts, lo, hi)) && !persists(ts, sent) {
		return true
	}
	cs := clauseStart(ts, a)
	if !interrogative(ts, cs, question[sent]) {
		return false
	}
	if r.level == coach.LevelEmergency {
		// A question about an emergency sign is an alarm unless it is
		// plainly general: nothing in it is about the user.
		for i := range ts {
			if ts[i].sent == sent && firstPerson(ts, i) {
				return false
			}
		}
		return true
	}
	for i := cs; i < len(ts) && ts[i].clause == ts[cs].clause; i++ {
		if ts[i].c&cWorryQ != 0 || i < lo && ts[i].c&cIf != 0 {
			return !persists(ts, sent)
		}
	}
	for i := max(0, lo-3); i <= hi+2 && i < len(ts); i++ {
		if ts[i].sent == sent && firstPerson(ts, i) {
			return false
		}
	}
	return true
}

// userActions are resolution words that, with the user as their subject,
// tell what the user did, not how a symptom went: "I've gone down twice",
// "I stopped the stretches", "I passed out", "I cleared the drive".
var userActions = set("gone went stopped passed cleared")

// userActs reports whether the resolution at i is something the user (or
// "we", "you") did: its subject, auxiliaries skipped, is a pronoun.
func userActs(ts []ttok, i int) bool {
	if !userActions[ts[i].word] {
		return false
	}
	j := i - 1
	for j >= 0 && ts[j].sent == ts[i].sent && aux[ts[j].word] {
		j--
	}
	return j >= 0 && ts[j].sent == ts[i].sent && subjects[ts[j].word]
}

// subjects are the pronouns that make a resolution word the user's act.
var subjects = set("i we you")

// historyFlags are red flags that stay relevant however long ago they
// began: a history of cancer, bone thinning, steroids, weight lost.
var historyFlags = set("cancer osteoporosis steroids weight-loss persistent")

// nowWords say that something is the case today.
var nowWords = set("now again today still currently since lately recently anymore started starting tonight")

// returnWords before "back" say a symptom returned: "it's back", "came back".
var returnWords = set("come came comes coming is are its was")

// longOver reports whether the match lo..hi is placed long ago in its
// clause ("as a kid", "ten years ago", "used to") and nothing in the
// sentence brings it to today ("now", "again", "still", "since"). A
// history that matters however old it is (cancer, steroids) is never long
// over.
func longOver(ts []ttok, lo, hi int, r *rule) bool {
	if historyFlags[r.flag] {
		return false
	}
	past := false
	for i := range ts {
		if ts[i].sent != ts[lo].sent {
			continue
		}
		if nowWords[ts[i].word] || ts[i].c&cPersist != 0 ||
			ts[i].word == "back" && i > 0 && returnWords[ts[i-1].word] {
			return false
		}
		if ts[i].c&cPast != 0 && (ts[i].clause == ts[lo].clause || ts[i].clause == ts[hi].clause) {
			past = true
		}
	}
	return past
}

// pastForms are verbs in the past that, after "if", make a supposition
// contrary to fact: "if my foot started dragging, would…".
var pastForms = set("started began went got became were was had lost felt could did stopped")

// counterfactual reports whether the match lo..hi is a supposition the
// user marks as not the case: "if" opens its sentence part before it,
// a past form follows the "if", and "would" or "should" comes after:
// "if my foot started dragging would that be an emergency?". A present
// "if I walk, my foot drags, would that be bad" is a report.
func counterfactual(ts []ttok, lo, hi int) bool {
	sent := ts[lo].sent
	for i := lo - 1; i >= 0 && ts[i].sent == sent; i-- {
		if ts[i].word != "if" || ts[i].next != "" {
			continue
		}
		past := false
		for j := i + 1; j <= hi; j++ {
			if pastForms[ts[j].word] {
				past = true
			}
		}
		if !past {
			return false
		}
		for j := hi + 1; j < len(ts) && ts[j].sent == sent; j++ {
			if ts[j].word == "would" || ts[j].word == "should" {
				return true
			}
		}
		return false
	}
	return false
}

// anaphors point back at something said before: "that", "it".
var anaphors = set("that it this which they those these")

// anaphoric reports whether the resolution at i has an anaphor for its
// subject, auxiliaries skipped: "that went away", "it has gone".
func anaphoric(ts []ttok, i int) bool {
	j := i - 1
	for j >= 0 && ts[j].sent == ts[i].sent && aux[ts[j].word] {
		j--
	}
	return j >= 0 && ts[j].sent == ts[i].sent && anaphors[ts[j].word]
}

// triggerWords introduce what sets a symptom off.
var triggerWords = set("when whenever if after while during on with")

// triggered reports whether the match ending at hi is followed by what
// sets it off ("gets worse when I sit", "worse after work") and the
// sentence says nothing of a course over time ("worse every day"). "When"
// opening a question ("getting worse when will it stop") is not a
// trigger.
func triggered(ts []ttok, hi int) bool {
	j := hi + 1
	if j >= len(ts) || ts[j].sent != ts[hi].sent || ts[j].comma || !triggerWords[ts[j].word] {
		return false
	}
	if j+1 < len(ts) && ts[j+1].sent == ts[j].sent && aux[ts[j+1].word] && ts[j].word == "when" {
		return false
	}
	for i := range ts {
		if ts[i].sent == ts[hi].sent && ts[i].c&cSteady != 0 {
			return false
		}
	}
	return true
}

// mediaWords are things people watch or read.
var mediaWords = set("film films movie movies documentary news tv telly video videos article series show podcast")

// aboutWords tie a medium to what it shows.
var aboutWords = set("about of where showing on")

// aboutMedia reports whether the match lo..hi is what a film, the news or
// a story was about ("watched a film about a car crash"), or was seen on
// it ("a pile-up on the news"): nobody's event, least of all the user's.
func aboutMedia(ts []ttok, lo, hi int) bool {
	sent := ts[lo].sent
	for i := lo - 1; i >= 0 && i >= lo-otherPersonWindow && ts[i].sent == sent; i-- {
		if mediaWords[ts[i].word] && i+1 < len(ts) && aboutWords[ts[i+1].word] {
			return true
		}
	}
	for i := hi + 1; i+2 < len(ts) && i <= hi+3 && ts[i+2].sent == sent; i++ {
		if (ts[i].word == "on" || ts[i].word == "in") && mediaWords[ts[i+2].word] && ts[i+1].word == "the" {
			return true
		}
	}
	return false
}

// simileWords open a comparison: what follows describes the feeling, it
// does not explain it ("like after the dentist", "as if I'd sat on it").
var simileWords = set("like similar")

// simile reports whether token i follows a comparison word in its clause
// ("like I've been sitting on a bike", "as if after the dentist"). "Like"
// after a pronoun is the verb: "I like sitting cross-legged".
func simile(ts []ttok, i int) bool {
	for j := i - 1; j >= 0 && ts[j].clause == ts[i].clause; j-- {
		switch w := ts[j].word; {
		case simileWords[w] && (j == 0 || !pronouns[ts[j-1].word]):
			return true
		case w == "as" && j+1 < len(ts) && (ts[j+1].word == "if" || ts[j+1].word == "though"):
			return true
		}
	}
	return false
}

// pronouns are subjects after which "like" is a verb.
var pronouns = set("i you we they he she really would")

// otherPersonWindow is how far before a match a relative or friend is
// looked for.
const otherPersonWindow = 6

// otherPerson reports whether the match starting at lo is about someone
// else: a relative or friend is its subject ("my husband fell off a
// ladder", "my friend has sciatica"), with no word for the user between
// them ("my wife says my foot drags" is about the user), not paired with
// the user ("me and my son were in a crash") and not shared by the user
// ("my sister has osteoporosis and so do I").
func otherPerson(ts []ttok, lo int) bool {
	sent := ts[lo].sent
	for i := lo - 1; i >= 0 && i >= lo-otherPersonWindow && ts[i].sent == sent; i-- {
		if ts[i].c&cFamily != 0 {
			for j := max(0, i-3); j <= i+2 && j < len(ts); j++ {
				if ts[j].sent == sent && userWords[ts[j].word] {
					return false
				}
			}
			for j := lo + 1; j < len(ts) && ts[j].sent == sent; j++ {
				if userWords[ts[j].word] && sharedByUser(ts, j) {
					return false
				}
				if ts[j].clause == ts[lo].clause && objectWords[ts[j].word] {
					// "someone crashed into me", "a player fell on
					// my leg": the user is in the event.
					return false
				}
			}
			return true
		}
		if ts[i].c&cFirst != 0 || userWords[ts[i].word] {
			return false
		}
	}
	return false
}

// thingSubjects are things that fall, crash and lose weight in figures of
// speech: "my motivation fell off a cliff", "my bank account lost weight".
var thingSubjects = set("motivation mood confidence account wallet savings budget grades sales " +
	"phone laptop computer battery stocks business")

// thingSubject reports whether the match starting at lo has a thing for its
// subject, auxiliaries and "just", "really" skipped.
func thingSubject(ts []ttok, lo int) bool {
	j := lo - 1
	for j >= 0 && ts[j].sent == ts[lo].sent && (aux[ts[j].word] || ts[j].word == "just" || ts[j].word == "really") {
		j--
	}
	return j >= 0 && ts[j].sent == ts[lo].sent && thingSubjects[ts[j].word]
}

// userWords name the user, alone or in a group.
var userWords = set("i me we us myself")

// alsoWords next to a userWords word share the other person's event with
// the user ("me too", "I also", "we both").
var alsoWords = set("too also both as")

// objectWords put the user inside someone else's event.
var objectWords = set("me us my")

// sharedByUser reports whether the user word at j shares the event: "me
// too", "I also", "so do I", "as have I". "So I…" alone is "therefore":
// "my son has a fever, so I'm stretching late".
func sharedByUser(ts []ttok, j int) bool {
	if alsoWords[ts[j-1].word] || j+1 < len(ts) && ts[j+1].sent == ts[j].sent && alsoWords[ts[j+1].word] {
		return true
	}
	return j >= 2 && (ts[j-2].word == "so" || ts[j-2].word == "as") && aux[ts[j-1].word]
}

// hypothetical reports whether the match lo..hi sits inside a supposition:
// "what if my leg went numb", "in case the pain shoots down my leg", or an
// "if" with "ever" ("if the pain ever went down my leg would I…"). A
// plain "if" is not enough: "if I bend, it shoots down my leg" is a
// report.
func hypothetical(ts []ttok, lo, hi int) bool {
	cl := ts[lo].clause
	for i := lo - 1; i >= 0 && ts[i].clause == cl; i-- {
		if ts[i].c&cIf == 0 {
			continue
		}
		if ts[i].word != "if" || ts[i].next != "" {
			return true // what if, in case, suppose
		}
		for j := i + 1; j <= hi+2 && j < len(ts) && ts[j].sent == ts[i].sent; j++ {
			if ts[j].word == "ever" {
				return true
			}
		}
	}
	return false
}

// listContinues reports whether the token after a comma continues a list
// that a negator before the comma still governs ("no numbness, tingling").
func listContinues(t ttok) bool {
	return t.c&(cNumb|cNoFeel|cWeak|cPain|cFever|cPee|cPoo) != 0 || t.word == "or" || t.word == "and" || t.word == "nor"
}

// listItem reports whether the token before a comma is a symptom, so that
// the list goes on after it: in "no energy, fever" the "no" denies the
// energy, not the fever.
func listItem(t ttok) bool {
	return t.c&(cNumb|cNoFeel|cWeak|cPain|cFever|cPee|cPoo|cSaddle|cLimb|cProblem) != 0
}

// worsensFast reports whether the sentence says the symptom is getting
// worse quickly ("getting worse every hour", "worsening"): a harmless cause
// ("after spin class") does not explain that.
func worsensFast(ts []ttok, sent int) bool {
	for i := range ts {
		if ts[i].sent == sent && ts[i].c&(cFast|cProg) == cFast|cProg {
			return true
		}
	}
	return false
}

func persists(ts []ttok, sent int) bool {
	for i := range ts {
		if ts[i].sent == sent && ts[i].c&(cPersist|cDuration) != 0 {
			return true
		}
	}
	return false
}

// firstPerson reports whether token i speaks of the user: "my", "me", or
// "i" outside a question frame ("should i…", "can i…").
func firstPerson(ts []ttok, i int) bool {
	if ts[i].c&cFirst == 0 {
		return false
	}
	if ts[i].word == "i" && (i > 0 && aux[ts[i-1].word] || i+1 < len(ts) && modal[ts[i+1].word]) {
		return false
	}
	return true
}

// conjunctions join clauses in run-on messages typed without commas.
var conjunctions = set("so and but or")

// clauseStart returns the index of the first token of a's clause. Besides
// punctuation, a conjunction followed by a question opener starts one:
// "it ached a bit so can stretches worsen things" asks from "can" on.
func clauseStart(ts []ttok, a int) int {
	i := a
	for i > 0 && ts[i-1].clause == ts[a].clause {
		if i < a && conjunctions[ts[i-1].word] && auxStart[ts[i].word] && ts[i].next != "not" &&
			(i+1 >= len(ts) || ts[i+1].word != "not") {
			return i
		}
		i--
	}
	return i
}

var (
	wh  = set("when what how why which where who whats")
	aux = set("is are am was were do does did can could should shall will would may might must has have had")
	// auxStart are auxiliaries that open a question but not a statement
	// with a dropped subject ("did the routine", "was in a crash").
	auxStart = set("is are am do does can could should shall will would may might must")
	modal    = set("should would could must need shall")
	filler   = set("and so but also ok okay hey hi well um oh just then quick question sorry")
)

// interrogative reports whether the clause starting at cs asks a question.
func interrogative(ts []ttok, cs int, qmark bool) bool {
	for cs < len(ts) && filler[ts[cs].word] && ts[cs].clause == ts[min(cs+1, len(ts)-1)].clause {
		cs++
	}
	if cs >= len(ts) {
		return false
	}
	w0, w1 := ts[cs].word, ts[cs].next
	if w1 == "" && cs+1 < len(ts) && ts[cs+1].sent == ts[cs].sent {
		w1 = ts[cs+1].word
	}
	if ts[cs].c&cIf != 0 && w0 == "what" {
		return true // "what if" merged
	}
	switch {
	case w1 == "not":
		return false
	case wh[w0]:
		return qmark || aux[w1] || w1 == "if"
	case auxStart[w0]:
		return true
	case w0 == "any" || w0 == "anything":
		return qmark
	}
	return false
}
