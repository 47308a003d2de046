package nlu

import (
	"strconv"
	"strings"
	"time"

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
	// Words the marking passes read are words, so that spelling
	// correction leaves them ("snowing" is not "snoring").
	for w := range coldCauses {
		t.words[stem(w)] |= 0
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
	markSpeeds(out)
	markHeights(out)
	markWetting(out)
	markLostUrge(out)
	markStrengthTests(out)
	markColdCauses(out)
	markShortCourses(out)
	markDeniedIntent(out)
	markPastTimes(out)
	markEchoedDenials(out, m.question)
	markScoreRise(out)
	markVocatives(out)
	markTrips(out)
	markFigurativeFalls(out)
	markPlacesDown(out)
	return out
}

// markEchoedDenials clears the concepts of a symptom the user echoes as a
// question and then denies: "numbness? nope, none at all" answers the
// bot's safety question, it reports nothing.
func markEchoedDenials(ts []ttok, question []bool) {
	for i := 0; i < len(ts); {
		s := ts[i].sent
		j := i
		for j < len(ts) && ts[j].sent == s {
			j++
		}
		if s < len(question) && question[s] && j-i <= 2 && j < len(ts) && ts[j].c&cNeg != 0 {
			for k := i; k < j; k++ {
				ts[k].c = 0
			}
		}
		i = j
	}
}

// markScoreRise marks a pain score that has climbed, told as numbers
// over time ("the pain was a 3 last week, a 5 this week and today it's a
// 7"): three or more scores out of ten in a message about pain, never
// falling, the last at least three above the first, is worsening.
func markScoreRise(ts []ttok) {
	pain := false
	var at []int
	for i := range ts {
		if ts[i].c&cPain != 0 || ts[i].word == "score" {
			pain = true
		}
		if n, err := strconv.Atoi(ts[i].word); err == nil && n >= 0 && n <= 10 && !unitAfter(ts, i) {
			at = append(at, i)
		}
	}
	if !pain || len(at) < 3 {
		return
	}
	prev := -1
	for _, i := range at {
		n, _ := strconv.Atoi(ts[i].word)
		if n < prev {
			return
		}
		prev = n
	}
	first, _ := strconv.Atoi(ts[at[0]].word)
	if prev-first >= 3 {
		ts[at[len(at)-1]].c |= cWorse | cProg
	}
}

// unitAfter reports whether the number at i counts something other than
// a score: "3 weeks", "5 kg", "7 reps".
func unitAfter(ts []ttok, i int) bool {
	return i+1 < len(ts) && ts[i+1].sent == ts[i].sent && countedUnits[ts[i+1].word]
}

// countedUnits follow a number that is no pain score.
var countedUnits = set("day days week weeks month months year years hour hours minute minutes mins min " +
	"kg kgs kilo kilos lbs pounds stone reps rep times sets km miles am pm")

// markVocatives clears cFamily from a word that opens a sentence to
// address the reader ("mate, I've messed myself", "bro my leg is numb"):
// it names no one the symptom belongs to.
func markVocatives(ts []ttok) {
	for i := range ts {
		if vocatives[ts[i].word] && ts[i].next == "" && (i == 0 || ts[i-1].sent != ts[i].sent) {
			ts[i].c &^= cFamily
		}
	}
}

// vocatives are the words people open a message with to address someone.
var vocatives = set("mate bro bruh dude man buddy pal guys lads doc sis fam")

// markTrips makes one trip over something a fall ("tripped on a kerb"),
// unless the user tripped over their own foot (foot drop: the foot
// catches) or says they stayed up ("but didn't fall", "caught myself").
func markTrips(ts []ttok) {
	for i := range ts {
		if ts[i].word != "tripped" || ts[i].c&cDropFoot == 0 {
			continue
		}
		fall := true
		for j := i + 1; j < len(ts) && j <= i+3 && ts[j].clause == ts[i].clause; j++ {
			if ownFoot[ts[j].word] {
				fall = false
			}
		}
		for j := i + 1; j < len(ts) && ts[j].sent == ts[i].sent; j++ {
			if stayedUp[ts[j].word+" "+nextWord(ts, j)] || ts[j].c&cFall != 0 && ts[j-1].c&cNeg != 0 {
				fall = false
			}
		}
		if fall {
			ts[i].c |= cFall
		}
	}
}

// ownFoot after a trip says the foot caught: "tripped over my own feet".
var ownFoot = set("foot feet toe toes own")

// stayedUp, as a word and the next, says a trip ended on the feet.
var stayedUp = set2("caught myself", "kept my", "stayed on", "stayed up", "steadied myself", "did not", "not fall")

// downPlaces are where one goes down to or down, not where pain runs:
// "when I go down stairs", "going down the hill".
var downPlaces = set("stairs stair steps step hill hills road street slope ladder escalator shop shops " +
	"pub beach gym park basement cellar garden kitchen pool town")

// markPlacesDown clears cRadiate from a "go down" whose next words, past an
// article, name a place (downPlaces): the user is moving, no pain runs.
func markPlacesDown(ts []ttok) {
	for i := range ts {
		if ts[i].c&cRadiate == 0 || ts[i].next != "down" {
			continue
		}
		j := i + 1
		for j < len(ts) && ts[j].sent == ts[i].sent && (ts[j].word == "the" || ts[j].word == "a" || ts[j].word == "to") {
			j++
		}
		if j < len(ts) && ts[j].sent == ts[i].sent && downPlaces[ts[j].word] {
			ts[i].c &^= cRadiate
		}
	}
}

// fallFigures are what one falls into, off or down in a figure of speech:
// "fell into a nice stretch", "fell down a youtube rabbit hole", "fell off
// the wagon", "came off the tablets".
var fallFigures = set("stretch pose position habit routine rhythm groove place trap rabbit wagon radar " +
	"conversation tablets tablet pills pill meds medication medicine steroids prednisolone them")

// markFigurativeFalls clears cFall from a fall whose next few words, in
// its clause, name a figure of speech (fallFigures) rather than a place
// to land.
func markFigurativeFalls(ts []ttok) {
	for i := range ts {
		if ts[i].c&cFall == 0 {
			continue
		}
		for j := i - 1; j >= 0 && j >= i-4 && ts[j].clause == ts[i].clause; j-- {
			if thingSubjects[ts[j].word] {
				ts[i].c &^= cFall // "my shares took a fall"
				break
			}
		}
		if ts[i].c&cFall == 0 {
			continue
		}
		for j := i + 1; j < len(ts) && j <= i+5 && ts[j].clause == ts[i].clause; j++ {
			if fallFigures[ts[j].word] {
				ts[i].c &^= cFall
				break
			}
			if ts[j].c&(cHeight|cVehicle|cSevere) != 0 {
				break // "fell off the bike into a ditch": a real fall
			}
		}
	}
}

// thisYear dates the years a message names: one before it is long over.
var thisYear = time.Now().Year()

// lifeStages after "when I was" place an event in the user's past.
var lifeStages = set("young younger little small kid child teen teenager student pregnant baby boy girl " +
	"kids teens twenties thirties forties fifties sixties")

// decades after "in my" are a stretch of the user's life: "in my 30s".
var decades = set("teens twenties thirties forties fifties sixties seventies 20s 30s 40s 50s 60s 70s youth")

// markPastTimes sets cPast on words that place an event in a past the
// user has left: "when I was 19", "when I was like 8", "in my 30s" (not
// "I'm in my 40s"), "back in 2015", "in 2018", "that was 2012", "I once
// had". A year after "since" is a start, not a past ("since 2019").
func markPastTimes(ts []ttok) {
	at := func(i int) string {
		if i >= 0 && i < len(ts) {
			return ts[i].word
		}
		return ""
	}
	for i := range ts {
		w := ts[i].word
		switch {
		case w == "when" && at(i+1) == "i" && at(i+2) == "was":
			j := i + 3
			if at(j) == "like" || at(j) == "about" || at(j) == "around" || at(j) == "only" || at(j) == "a" || at(j) == "still" {
				j++
			}
			if n, ok := leadingNumber(at(j)); ok && n > 0 && n < 100 || lifeStages[at(j)] {
				ts[i].c |= cPast
			}
		case w == "in" && at(i+1) == "my" && decades[at(i+2)]:
			if p := at(i - 1); p != "am" && p != "im" && p != "are" && p != "now" {
				ts[i].c |= cPast
			}
		case w == "once" && (at(i+1) == "had" || at(i+1) == "got"):
			ts[i].c |= cPast
		case len(w) == 4 && isNumber(w):
			y, _ := strconv.Atoi(w)
			if y < 1940 || y >= thisYear || at(i-1) == "since" || at(i-1) == "from" {
				continue
			}
			if p := at(i - 1); p == "in" || p == "back" || p == "was" || p == "around" || p == "circa" || p == "of" ||
				i+1 >= len(ts) || ts[i+1].sent != ts[i].sent {
				ts[i].c |= cPast
			}
		}
	}
}

// numberWords are the spelled-out numbers people use for durations.
var numberWords = map[string]int{
	"a": 1, "an": 1, "one": 1, "two": 2, "couple": 2, "three": 3, "four": 4, "five": 5,
	"six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
	"several": 6, "many": 8, "few": 3, "some": 3,
	// "my second month of the routine" has lasted as long
	"second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
	"ninth": 9, "tenth": 10, "2nd": 2, "3rd": 3, "4th": 4, "5th": 5, "6th": 6, "7th": 7, "8th": 8,
}

// markDurations sets cDuration on a unit word ("weeks", "months", "years")
// when the duration it states is long: six weeks or more, two months or
// more, any number of years, "months", "ages".
func markDurations(ts []ttok) {
	for i := range ts {
		w := ts[i].word
		if w == "last" && ts[i].next == "" && lastIsDate(ts, i) {
			ts[i].c &^= cNoImprove // "an MRI last month": a date, not "it lasted"
		}
		if sinceDates[w] && goneFor(ts, i) {
			continue // "gone since spring"
		}
		if sinceDates[w] && i > 0 && (ts[i-1].word == "since" || sinceOpening(ts, i) ||
			ts[i-1].word == "in" && i > 1 && startWords[ts[i-2].word] ||
			(ts[i-1].word == "the" || ts[i-1].word == "last") && i > 1 && ts[i-2].word == "since") {
			// "since march", "started in may", "since christmas": a
			// date a season or more back, weeks to months of it.
			ts[i].c |= cDuration
			continue
		}
		if w == "days" && i > 0 {
			// "50 days in": six weeks or more
			if v, err := strconv.Atoi(ts[i-1].word); err == nil && v >= 42 {
				ts[i].c |= cDuration
				continue
			}
		}
		if w == "day" && i+1 < len(ts) && ts[i+1].sent == ts[i].sent && ts[i].next == "" {
			// "day 58 of the routine": six weeks or more
			if v, err := strconv.Atoi(ts[i+1].word); err == nil && v >= 42 {
				ts[i].c |= cDuration
				continue
			}
		}
		if goneFor(ts, i) {
			continue // "it has been gone for months": how long it has been well
		}
		if (w == "years" || w == "ages") && i > 0 && ts[i-1].word == "in" && firstBefore(ts, i) {
			continue // "my first spin class in years": how long since, not how long it hurt
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
			if nextWord(ts, i) != "ago" { // "ages ago" dates; "for ages" lasts
				ts[i].c |= cDuration
			}
			continue
		default:
			continue
		}
		if i > 0 && (ts[i-1].word == "last" || ts[i-1].word == "this" || ts[i-1].word == "next") {
			continue // "last year" is a date, not a duration
		}
		if after := nextWord(ts, i); (after == "ago" || after == "back" || after == "earlier") && !startedBefore(ts, i) {
			continue // "years ago", "ten years back": a point in the past, not how long it has lasted
		}
		if activityFor(ts, i) {
			continue // "when I stand at the sink for ages": how long the standing lasts
		}
		if i+1 < len(ts) && (ts[i+1].word == "old" || ts[i+1].word == "pregnant" || ts[i+1].word == "of" && i+2 < len(ts) && ts[i+2].word == "age") {
			continue // "74 years old" is an age, "30 weeks pregnant" a pregnancy's
		}
		n, ok := 0, false
		from := i - 1
		if from >= 3 && ts[from].word == "half" && ts[from-1].word == "a" && ts[from-2].word == "and" {
			from -= 3 // "two and a half months": the count is before "and a half"
		}
		for j := from; j >= 0 && j >= from-2; j-- {
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
		if !ok && i+1 < len(ts) && ts[i+1].sent == ts[i].sent && ts[i].next == "" {
			// "week 9 and still no change", "week ten": the count follows the unit
			v, err := strconv.Atoi(ts[i+1].word)
			if err != nil {
				v, _ = numberWords[ts[i+1].word]
			}
			if unit == "w" && v >= 6 || unit == "m" && v >= 2 {
				ts[i].c |= cDuration
				continue
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

// lastIsDate reports whether the "last" at i is the adjective of a date
// or a span ("last month", "in the last six months", "the last time"),
// not the verb ("it has lasted").
func lastIsDate(ts []ttok, i int) bool {
	if i > 0 && (ts[i-1].word == "the" || ts[i-1].word == "this" || ts[i-1].word == "at") {
		return true
	}
	if i+1 >= len(ts) {
		return false
	}
	_, number := numberWords[ts[i+1].word]
	return dateUnits[ts[i+1].word] || number || isNumber(ts[i+1].word) || ts[i+1].word == "few" || ts[i+1].word == "couple"
}

// sinceOpening reports whether the date at i closes "since the start
// of", "since early", "since the end of" and the like.
func sinceOpening(ts []ttok, i int) bool {
	for j := i - 1; j >= 0 && j >= i-4 && ts[j].clause == ts[i].clause; j-- {
		if ts[j].word == "since" {
			return true
		}
		if !sinceOpeners[ts[j].word] {
			return false
		}
	}
	return false
}

// sinceOpeners stand between "since" and a date.
var sinceOpeners = set("the start beginning end middle of early mid late about around before")

// pastYear reports whether w is a year of this century or the last.
func pastYear(w string) bool {
	y, err := strconv.Atoi(w)
	return err == nil && y >= 1950 && y <= 2100
}

// clauseBefore reports whether one of the n tokens before i, in i's
// clause, is one that has.
func clauseBefore(ts []ttok, i, n int, has func(ttok) bool) bool {
	for j := i - 1; j >= 0 && j >= i-n && ts[j].clause == ts[i].clause; j-- {
		if has(ts[j]) {
			return true
		}
	}
	return false
}

// goneFor reports whether the unit at i measures a recovery: a settled
// word ("gone", "fine", "healed") shortly before it in its clause.
func goneFor(ts []ttok, i int) bool {
	return clauseBefore(ts, i, 4, func(t ttok) bool { return settledWords[t.word] || t.c&cResolved != 0 })
}

// startedBefore reports whether a start stands shortly before the span at
// i: "since I started three months ago" dates an onset, and so a span.
func startedBefore(ts []ttok, i int) bool {
	return clauseBefore(ts, i, 4, func(t ttok) bool {
		return t.word == "started" || t.word == "start" || t.word == "began" || t.word == "begun"
	})
}

// activityFor reports whether the unit at i says how long an activity
// lasts ("sitting for hours", "stand at the sink for ages").
func activityFor(ts []ttok, i int) bool {
	return i > 0 && ts[i-1].word == "for" && clauseBefore(ts, i-1, 5, func(t ttok) bool { return activities[t.word] })
}

// activities are what one does for a while.
var activities = set("stand standing sit sitting sat walk walking drive driving lie lying stood")

// firstBefore reports whether "first" comes shortly before i in its clause.
func firstBefore(ts []ttok, i int) bool {
	return clauseBefore(ts, i, 6, func(t ttok) bool { return t.word == "first" })
}

// dateUnits after "last" make it a date: "last month", "last friday".
var dateUnits = set("week weeks month months year years night nights time weekend day days " +
	"monday tuesday wednesday thursday friday saturday sunday spring summer autumn winter christmas")

// nextWord is the word after the token at i: the second word of a
// phrase the token stands for, or else the next token's.
func nextWord(ts []ttok, i int) string {
	if ts[i].next != "" {
		return ts[i].next
	}
	if i+1 < len(ts) && ts[i+1].sent == ts[i].sent {
		return ts[i+1].word
	}
	return ""
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
			if j < 0 && r.nextSent {
				j = nearestNext(ts, a, r.slots[si], r.window)
			}
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

// nearestNext returns the first token with concept c, not a negator, in
// the two sentences after a's short one and within window tokens of a,
// or -1: "Day 58 of the routine. Haven't missed one. Still aches the same."
func nearestNext(ts []ttok, a int, c concept, window int) int {
	n := 0 // the first sentence is short: a long one tells a story
	for j := range ts {
		if ts[j].sent == ts[a].sent {
			n++
		}
	}
	if n > shortSentence {
		return -1
	}
	for j := a + 1; j < len(ts) && j <= a+window && ts[j].sent <= ts[a].sent+2; j++ {
		if ts[j].sent > ts[a].sent && ts[j].c&c != 0 && ts[j].c&cNeg == 0 {
			return j
		}
	}
	return -1
}

// shortSentence is the most tokens of a sentence that only states a span
// ("Finished my second month today.").
const shortSentence = 14

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
	// Negators inside the span ("my foot is not numb"), in its first or
	// last sentence: one in between denies something else ("Day 58.
	// Haven't missed one. Still aches.").
	for i := lo + 1; i < hi; i++ {
		if ts[i].c&negs != 0 && !isSlot(i) && (ts[i].sent == ts[lo].sent || ts[i].sent == ts[hi].sent) {
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
		if ts[i].word == "and" && ts[i].next == "" && !listContinues(ts[i+1]) {
			// "I'm not responding and honestly I can't feel…": a
			// new statement, not the denied list going on.
			break
		}
		if ts[i].c&negs != 0 {
			return true
		}
	}
	// "…went away", "…gone now"; further on, "…but that is over" with a
	// word that points back at the symptom.
	topic := topical(ts, lo)
	for i := hi + 1; i < len(ts) && ts[i].sent == sent && !r.lifelong; i++ {
		if ts[i].c&cResolved != 0 && (i <= hi+6 || topic || anaphoric(ts, i) || closingClause(ts, hi, i) ||
			sameClauseResolved(ts, hi, i) || resolvedNowAtEnd(ts, i)) && !userActs(ts, i) {
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
	causeNext := causeOpens(ts, sent+1)
	for i := range ts {
		if ts[i].sent == sent || causeNext && ts[i].sent == sent+1 {
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
	if (r.level == coach.LevelClinician && hypothetical(ts, lo, hi) || supposition(ts, lo, hi) ||
		counterfactual(ts, lo, hi) || askedIf(ts, question, lo, hi, r.level)) && !persists(ts, sent) {
		return true
	}
	cs := clauseStart(ts, a)
	if !interrogative(ts, cs, question[sent]) {
		// "after a car crash, how long should you wait?": the question
		// is the sentence's other clause, and it is about no one
		q := questionClause(ts, sent, question)
		if q < 0 {
			return false
		}
		for i := range ts {
			if ts[i].sent == sent && firstPerson(ts, i) {
				return false // "my foot tingles, should I worry?" reports
			}
		}
		cs = q
	}
	if asksReassurance(ts, cs, question) {
		return false // "is it normal that my foot drags? it started today"
	}
	if r.level == coach.LevelEmergency {
		// "When should I worry about tingling in my legs?" (or "when
		// should tingling make me worry?") asks when a sign matters:
		// the see-clinician question, unless it is told as going on.
		if wh[ts[cs].word] {
			for i := cs; i < len(ts) && ts[i].clause == ts[cs].clause; i++ {
				if ts[i].c&cWorryQ != 0 {
					return !persists(ts, sent)
				}
			}
		}
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

// sameClauseResolved reports whether the resolution at i ends the clause
// of a match ending at hi, a little further on, with no other symptom in
// between: "the shooting pain down my leg I told you about in week one is
// completely gone now".
func sameClauseResolved(ts []ttok, hi, i int) bool {
	if ts[i].clause != ts[hi].clause || i > hi+10 {
		return false
	}
	for j := hi + 1; j < i; j++ {
		if ts[j].c&(symptomConcepts|cNoImprove) != 0 {
			return false
		}
	}
	return true
}

// resolvedNowAtEnd reports whether the resolution at i, followed by
// "now", closes its sentence ("…, was sore for a few days, all healed
// now"): nothing after it is a symptom or says it goes on.
func resolvedNowAtEnd(ts []ttok, i int) bool {
	// "now" follows, perhaps after a span: "all fine for a decade now"
	n := i + 1
	for n < len(ts) && n <= i+5 && ts[n].sent == ts[i].sent && ts[n].word != "now" && ts[n].c&symptomConcepts == 0 {
		n++
	}
	if n >= len(ts) || ts[n].word != "now" || ts[n].sent != ts[i].sent {
		return false
	}
	for j := n + 1; j < len(ts) && ts[j].sent == ts[i].sent; j++ {
		if ts[j].c&(symptomConcepts|cNoImprove|cPersist) != 0 {
			return false
		}
	}
	return true
}

// questionClause returns the start of an interrogative clause of a
// question sentence, or -1.
func questionClause(ts []ttok, sent int, question []bool) int {
	if sent >= len(question) || !question[sent] {
		return -1
	}
	for i := range ts {
		if ts[i].sent == sent && (i == 0 || ts[i-1].clause != ts[i].clause) && interrogative(ts, i, true) {
			return i
		}
	}
	return -1
}

// asksReassurance reports whether the question opening at cs asks if a
// symptom is normal ("is it normal to…", "is it ok that…") in a message
// that also speaks of the user or states something: someone who has the
// symptom asking to be reassured, which is a report. A lone "is it normal
// to lose feeling in the legs with sciatica?" stays a general question.
func asksReassurance(ts []ttok, cs int, question []bool) bool {
	if cs+2 >= len(ts) || ts[cs].word != "is" || !(ts[cs+1].word == "it" || ts[cs+1].word == "this" || ts[cs+1].word == "that") ||
		!reassured[ts[cs+2].word] {
		return false
	}
	for i := range ts {
		if ts[i].c&cFirst != 0 || userWords[ts[i].word] {
			return true
		}
		if ts[i].sent != ts[cs].sent && ts[i].sent < len(question) && !question[ts[i].sent] {
			return true // a statement beside the question: "it's happened twice today"
		}
	}
	return false
}

// reassured are what "is it … " asks of a symptom when one wants to hear
// it is nothing.
var reassured = set("normal ok okay fine common usual expected alright")

// symptomConcepts are the concepts that name a symptom (not where it is).
const symptomConcepts = cNumb | cNoFeel | cOdd | cPain | cWeak | cPee | cPoo | cFever | cProblem

// closingClause reports whether the resolution at i opens a later clause
// of the sentence with no other symptom since the match ending at hi: in
// "had tingling toes from new shoes last month, all sorted now" the last
// clause speaks of the tingling.
func closingClause(ts []ttok, hi, i int) bool {
	if ts[i].clause == ts[hi].clause {
		return false
	}
	for j := hi + 1; j < i; j++ {
		if ts[j].c&symptomConcepts != 0 {
			return false
		}
		if ts[j].clause == ts[i].clause && !closingWords[ts[j].word] && !adverbs[ts[j].word] {
			return false // "the stiffness is sorted": something else is
		}
	}
	return true
}

// closingWords may open a clause that closes an account: "…, it's all
// sorted now", "…, and that has gone".
var closingWords = set("it its that this which all is was has have had been and but though thankfully luckily got")

// sentStart returns the index of the first token of i's sentence.
func sentStart(ts []ttok, i int) int {
	for i > 0 && ts[i-1].sent == ts[i].sent {
		i--
	}
	return i
}

// causeOpens reports whether sentence sent opens with a cause ("… because
// I've been sat in a meeting for 3 hours"): it explains the one before.
func causeOpens(ts []ttok, sent int) bool {
	for i := range ts {
		if ts[i].sent == sent {
			return causeWords[ts[i].word] || ts[i].word == "cos" || ts[i].word == "coz" || ts[i].word == "cause"
		}
	}
	return false
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
	for j >= 0 && ts[j].sent == ts[i].sent && (aux[ts[j].word] || adverbs[ts[j].word]) {
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

// settledWords before "now" or "since" close a story: "fine now", "back to
// normal now", "no problems since", "nothing to do with now".
var settledWords = set("fine ok okay good normal healed better gone nothing problems issues trouble with sorted clear")

// resolvedNow reports whether the "now", "since" or the like at i belongs
// to a resolution: a settled word just before it, or a "since" that ends
// its clause ("been fine since"), so it does not bring a past event to
// today. A "since" after a denied recurrence ("never happened since",
// "not had it since") is one too; "never been right since" is not.
func resolvedNow(ts []ttok, i int) bool {
	for j := i - 1; j >= 0 && j >= i-2 && ts[j].clause == ts[i].clause; j-- {
		if settledWords[ts[j].word] || ts[j].c&cResolved != 0 {
			return true
		}
	}
	if ts[i].word != "since" {
		return false
	}
	recur := false
	for j := i - 1; j >= 0 && j >= i-4 && ts[j].clause == ts[i].clause; j-- {
		switch w := ts[j].word; {
		case recurWords[w]:
			recur = true
		case (w == "never" || w == "not") && recur:
			return true
		}
	}
	return false
}

// recurWords, denied before a "since", say a symptom has not come back.
var recurWords = set("happened had returned recurred reoccurred repeated")

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
		if (nowWords[ts[i].word] || ts[i].c&cPersist != 0) && !resolvedNow(ts, i) ||
			ts[i].word == "back" && ts[i].c&cResolved == 0 && i > 0 && returnWords[ts[i-1].word] {
			return false
		}
		if ts[i].c&cPast != 0 && (ts[i].clause == ts[lo].clause || ts[i].clause == ts[hi].clause || pastYear(ts[i].word)) {
			past = true // "…, that was 2012": a year dates its whole sentence
		}
	}
	return past
}

// pastForms are verbs in the past that, after "if", make a supposition
// contrary to fact: "if my foot started dragging, would…".
var pastForms = set("started began went got became were was had lost felt could did stopped")

// counterfactual reports whether the match lo..hi is a supposition the
// user marks as not the case: "if" opens its sentence part before it,
// a past form follows the "if", and "would" or "should" comes after it or
// before the "if": "if my foot started dragging would that be an
// emergency?", "what would happen if I went numb?". A present "if I walk,
// my foot drags, would that be bad" is a report.
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
		// "…would that be an emergency?", "what would happen if…"
		for j := range ts {
			if ts[j].sent == sent && (j > hi || j < i) && (ts[j].word == "would" || ts[j].word == "should") {
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
	for j >= 0 && ts[j].sent == ts[i].sent && (aux[ts[j].word] || adverbs[ts[j].word]) {
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
		case causeWords[w] && (j == 0 || !simileWords[ts[j-1].word]):
			// "like jelly after the hike": the comparison is
			// "jelly"; "after the hike" is the cause.
			return false
		case simileWords[w] && (j == 0 || !pronouns[ts[j-1].word]):
			return true
		case w == "as" && j+1 < len(ts) && (ts[j+1].word == "if" || ts[j+1].word == "though"):
			return true
		}
	}
	return false
}

// causeWords introduce a cause: after a comparison's own words they end
// it ("like jelly after the hike"), right after "like" they are part of it
// ("like after the dentist").
var causeWords = set("after from because following")

// pronouns are subjects after which "like" is a verb.
var pronouns = set("i you we they he she really would")

// otherPersonWindow is how far before a match a relative or friend is
// looked for.
const otherPersonWindow = 10

// otherPerson reports whether the match starting at lo is about someone
// else: a relative or friend is its subject ("my husband fell off a
// ladder", "my friend has sciatica"), with no word for the user between
// them ("my wife says my foot drags" is about the user), not paired with
// the user ("me and my son were in a crash") and not shared by the user
// ("my sister has osteoporosis and so do I").
func otherPerson(ts []ttok, lo int) bool {
	sent := ts[lo].sent
	for i := lo - 1; i >= 0 && i >= lo-otherPersonWindow && ts[i].sent == sent; i-- {
		// "…my gran who has a fever": whoever "who" follows is
		// someone else.
		if ts[i].c&cFamily != 0 || ts[i].word == "who" && !userNear(ts, i) {
			for j := max(0, i-3); j <= i+2 && j < len(ts); j++ {
				if ts[j].sent == sent && userWords[ts[j].word] && paired(ts, i, j) {
					return false
				}
			}
			if ts[lo].next != "" && ts[lo].c&cFirst != 0 && ts[lo].c&(cFall|cCrash) != 0 {
				return false // "he came down on me": the user is in it
			}
			object := true
			for j := lo + 1; j < len(ts) && ts[j].sent == sent; j++ {
				if userWords[ts[j].word] && sharedByUser(ts, j) {
					return false
				}
				if newPredicate[ts[j].word] {
					// "my dad is incontinent and lifting him
					// hurts my back": the user's back is another
					// statement.
					object = false
				}
				if object && ts[j].clause == ts[lo].clause && objectWords[ts[j].word] {
					// "someone crashed into me", "a player fell on
					// my leg": the user is in the event.
					return false
				}
			}
			return true
		}
		if (ts[i].c&cFirst != 0 || userWords[ts[i].word]) && !relativeClause(ts, i) {
			return false
		}
	}
	return false
}

// userNear reports whether the user is named just before token i: "I'm
// the one who fell", "it's me who".
func userNear(ts []ttok, i int) bool {
	for j := i - 1; j >= 0 && j >= i-4 && ts[j].sent == ts[i].sent; j-- {
		if userWords[ts[j].word] {
			return true
		}
	}
	return false
}

// paired reports whether the user word at j and the other person at i are
// joined as one group: "me and my son", "my wife and I", "with my husband
// I…". "I look after my dad" is not a pair.
func paired(ts []ttok, i, j int) bool {
	for k := min(i, j) + 1; k < max(i, j); k++ {
		if pairWords[ts[k].word] {
			return true
		}
	}
	// "with my husband I…", "and my son"
	for k := i - 1; k >= 0 && k >= i-2 && ts[k].sent == ts[i].sent; k-- {
		if pairWords[ts[k].word] {
			return true
		}
	}
	return false
}

// pairWords join the user and someone else into one subject.
var pairWords = set("and with plus or &")

// newPredicate words start another statement within a clause.
var newPredicate = set("and but so then because")

// relativeClause reports whether the user word at i opens a relative
// clause about the person before it: "the lady I care for", "a patient
// that I nursed". What follows is that person's, not the user's.
func relativeClause(ts []ttok, i int) bool {
	if ts[i].word != "i" && ts[i].word != "we" {
		return false
	}
	j := i - 1
	if j >= 0 && (ts[j].word == "that" || ts[j].word == "who" || ts[j].word == "whom") {
		j--
	}
	if j >= 1 && (ts[j-1].word == "my" || ts[j-1].word == "our") {
		return false // "walking my dog I slipped": a missing comma, the user is the subject
	}
	return j >= 0 && ts[j].sent == ts[i].sent && ts[j].c&cFamily != 0 && !userWords[ts[j].word]
}

// thingSubjects are things that fall, crash and lose weight in figures of
// speech: "my motivation fell off a cliff", "my bank account lost weight".
var thingSubjects = set("motivation mood confidence account wallet savings budget grades sales shares " +
	"phone laptop computer battery stocks business")

// thingSubject reports whether the match starting at lo has a thing for its
// subject, auxiliaries and "just", "really" skipped.
func thingSubject(ts []ttok, lo int) bool {
	j := lo - 1
	for j >= 0 && ts[j].sent == ts[lo].sent && (aux[ts[j].word] || linkVerbs[ts[j].word] || ts[j].word == "just" || ts[j].word == "really") {
		j--
	}
	return j >= 0 && ts[j].sent == ts[lo].sent && thingSubjects[ts[j].word]
}

// linkVerbs join a subject to what it became: "my motivation has gone
// numb".
var linkVerbs = set("gone going went goes got gets getting become became becomes turned turns feels feel felt seems seem")

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
		if ts[i].sent == sent && ts[i].c&(cPersist|cDuration) != 0 && !keepDoing(ts, i) {
			return true
		}
	}
	return false
}

// keepDoing reports whether the "keep" at i is about carrying on with
// something the user does ("do I keep stretching", "keep going"), not a
// symptom that keeps coming.
func keepDoing(ts []ttok, i int) bool {
	if ts[i].word != "keep" && ts[i].word != "keeps" || i+1 >= len(ts) || ts[i+1].sent != ts[i].sent {
		return false
	}
	n := ts[i+1]
	if n.c&cRoutine != 0 {
		return true
	}
	if n.c&(symptomConcepts|cLimb|cSaddle|cFall) != 0 || !strings.HasSuffix(n.word, "ing") {
		return false
	}
	// "keeps going numb": the -ing verb leads to a symptom
	return i+2 >= len(ts) || ts[i+2].sent != ts[i].sent || ts[i+2].c&(symptomConcepts|cOdd) == 0
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
	if w0 == "at" && w1 == "what" {
		return true // "at what point is tingling…", with or without its mark
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

// adverbs between a subject and its verb: "it has completely gone".
var adverbs = set("completely totally fully entirely all just finally now pretty mostly basically thankfully luckily")

// topicWords name a symptom already known to both sides: "the numbness I
// mentioned", "that tingling".
var topicWords = set("the that this")

// topical reports whether the match starting at lo is a symptom named as a
// known topic ("the numbness I mentioned last week has completely gone"),
// so that a resolution anywhere in its sentence speaks of it, unless the
// sentence says it is back.
func topical(ts []ttok, lo int) bool {
	if lo == 0 || ts[lo-1].sent != ts[lo].sent || !topicWords[ts[lo-1].word] {
		return false
	}
	for i := range ts {
		if ts[i].sent == ts[lo].sent && (ts[i].word == "again" || ts[i].word == "still" ||
			ts[i].word == "back" && i > 0 && returnWords[ts[i-1].word]) {
			return false
		}
	}
	return true
}

// supposition reports whether the match lo..hi is supposed, at either
// level: "in case", "suppose", "imagine if", "scared of getting" in its
// clause, or an "if" with "ever" ("if I ever lost control…"). "What if"
// about an emergency sign stays an alarm: people ask it of what is
// happening to them.
func supposition(ts []ttok, lo, hi int) bool {
	cl := ts[lo].clause
	// "Say I slipped in the shower, would I…": a sentence that opens
	// with "say" and a subject supposes.
	if s0 := sentStart(ts, lo); ts[s0].word == "say" && s0+1 < len(ts) && subjects[ts[s0+1].word] {
		return true
	}
	for i := lo - 1; i >= 0 && ts[i].clause == cl; i-- {
		if ts[i].c&cIf == 0 || ts[i].word == "what" {
			continue
		}
		if ts[i].word != "if" || ts[i].next != "" {
			return true
		}
		for j := i + 1; j <= hi+2 && j < len(ts) && ts[j].sent == ts[i].sent; j++ {
			if ts[j].word == "ever" {
				return true
			}
		}
	}
	return false
}

// careWords name urgent care.
var careWords = set("a&e er hospital emergency urgent ambulance 999 911 112 casualty")

// factWords after an "if" tell the condition as something happening:
// "if it keeps happening", "if I still can't", "if it's already numb".
var factWords = set("still again already now currently keep keeps kept")

// perfectAux and participles tell a condition that has happened: "if I've
// lost feeling", "if I had wet myself".
var (
	perfectAux  = set("have has had")
	participles = set("been lost wet got gone fallen done felt peed pooed noticed started had become")
)

// askedIf reports whether the match lo..hi is the condition of a question
// about what to do: "should I stretch if I have a temperature?", "what do
// I do if my legs go numb?". The user asks about a case rather than
// telling one, unless the condition is told as fact ("…if I've lost
// feeling down there?", "…if it keeps happening?").
//
// Asking whether to get urgent care for an emergency sign is no
// supposition: "should I go to A&E if I can't control my bladder?" is
// asked by someone it is happening to.
func askedIf(ts []ttok, question []bool, lo, hi int, level coach.Level) bool {
	sent := ts[lo].sent
	if !question[sent] {
		return false
	}
	for i := lo - 1; i >= 0 && ts[i].sent == sent; i-- {
		if ts[i].word != "if" || ts[i].next != "" {
			continue
		}
		cs := clauseStart(ts, i)
		if cs != i && !interrogative(ts, cs, true) {
			return false // an "if" that opens the question asks too
		}
		for j := cs; j < i && level == coach.LevelEmergency; j++ {
			if careWords[ts[j].word] {
				return false
			}
		}
		for j := i + 1; j <= hi+3 && j < len(ts) && ts[j].sent == sent; j++ {
			if factWords[ts[j].word] {
				return false
			}
			if perfectAux[ts[j].word] && j+1 < len(ts) && (participles[ts[j+1].word] ||
				strings.HasSuffix(ts[j+1].word, "ed")) {
				return false
			}
		}
		return true
	}
	return false
}

// speedUnits follow a number to make it a speed: "doing 40 mph", "100k".
var speedUnits = set("mph kph kmh k km kms kmph")

// speedEnds may follow "doing 40" when the number is a speed: "doing 40
// on the motorway", "doing 70 when…".
var speedEnds = set("mph kph kmh k km kms kmph on when and in at down along")

// markSpeeds sets cVehicle|cSevere on a speed of 25 or more: a number
// with a speed unit ("100k", "60 mph") or after "doing" ("doing 40 on
// the bypass"): a collision at that speed is major.
func markSpeeds(ts []ttok) {
	for i := range ts {
		n, unit := splitNumber(ts[i].word)
		if n < 25 {
			continue
		}
		next := ""
		if i+1 < len(ts) && ts[i+1].sent == ts[i].sent && !ts[i+1].comma {
			next = ts[i+1].word
		}
		switch {
		case unit != "" && speedUnits[unit], unit == "" && speedUnits[next] && next != "k",
			unit == "" && i > 0 && ts[i-1].word == "doing" && (next == "" || speedEnds[next]):
			ts[i].c |= cVehicle | cSevere
		}
	}
}

// heightUnits measure a fall.
var heightUnits = map[string]int{"m": 1, "metre": 1, "metres": 1, "meter": 1, "meters": 1, "feet": 3, "ft": 3, "foot": 3}

// markHeights sets cHeight|cSevere on a height of two metres or six feet
// or more ("about three metres", "10ft"): a fall from there is major.
func markHeights(ts []ttok) {
	for i := range ts {
		n, unit := splitNumber(ts[i].word)
		if n < 0 {
			if v, ok := numberWords[ts[i].word]; ok && ts[i].word != "a" && ts[i].word != "an" {
				n = v
			}
		}
		if n <= 0 {
			continue
		}
		per, ok := heightUnits[unit]
		j := i
		if unit == "" && i+1 < len(ts) && ts[i+1].sent == ts[i].sent {
			per, ok = heightUnits[ts[i+1].word]
			j = i + 1
		}
		if ok && n >= 2*per && n < 1000 {
			ts[j].c |= cHeight | cSevere
		}
	}
}

// splitNumber reads a word that starts with digits: "40" is (40, ""),
// "100k" is (100, "k"); a word without leading digits is (-1, "").
func splitNumber(w string) (int, string) {
	n, d := 0, 0
	for d < len(w) && w[d] >= '0' && w[d] <= '9' {
		if d < 6 {
			n = n*10 + int(w[d]-'0')
		}
		d++
	}
	if d == 0 {
		return -1, ""
	}
	return n, w[d:]
}

// wetWords make clothing or bedding wet.
var wetWords = set("wet wetted wetting soaked soaking")

// markWetting sets cPee|cProblem on the user's wetting of clothes or bed:
// "I've wet my scrubs", "woke up in a wet bed".
func markWetting(ts []ttok) {
	for i := range ts {
		if !wetWords[ts[i].word] || ts[i].next != "" {
			continue
		}
		// The user wet it ("I've wet my scrubs"), or it is wet ("a wet
		// bed"); not "the dog wet my jeans".
		k := i - 1
		for k >= 0 && (aux[ts[k].word] || adverbs[ts[k].word]) {
			k--
		}
		adjective := i > 0 && (ts[i-1].word == "a" || ts[i-1].word == "the" || ts[i-1].word == "my")
		if !(k >= 0 && userWords[ts[k].word]) && !adjective {
			continue
		}
		for j := i + 1; j <= i+3 && j < len(ts) && ts[j].sent == ts[i].sent; j++ {
			if ts[j].c&cUnderwear != 0 || ts[j].word == "bed" || ts[j].word == "bedding" {
				ts[i].c |= cPee | cProblem
				break
			}
		}
	}
}

// urgeWords name the feeling of needing to go.
var urgeWords = set("urge urges")

// lossWords say a feeling has gone.
var lossWords = set("vanished disappeared gone lost no")

// markLostUrge sets cProblem on the loss of the urge to go ("the feeling
// of needing a wee has vanished", "lost the urge to pee", "no urge"): it
// is lost sensation, not a symptom that went away.
func markLostUrge(ts []ttok) {
	for u := range ts {
		urge := urgeWords[ts[u].word] ||
			(ts[u].word == "feeling" || ts[u].word == "sensation" || ts[u].word == "sense") &&
				u+2 < len(ts) && ts[u+1].word == "of" && (ts[u+2].word == "needing" || ts[u+2].word == "need")
		if !urge {
			continue
		}
		for j := max(0, u-3); j <= u+8 && j < len(ts); j++ {
			if ts[j].sent == ts[u].sent && lossWords[ts[j].word] {
				ts[j].c = ts[j].c&^(cResolved|cNeg) | cProblem
			}
		}
	}
}

// inability words before a test of leg strength make a weakness.
var inability = set("can could unable struggle struggling cannot")

// markStrengthTests sets cWeak on a test of leg strength the user cannot
// do: "I can't do a calf raise", "unable to do heel raises".
func markStrengthTests(ts []ttok) {
	for i := range ts {
		if !(ts[i].word == "calf" || ts[i].word == "heel") || !strings.HasPrefix(ts[i].next, "raise") {
			continue
		}
		for j := i - 1; j >= 0 && j >= i-4 && ts[j].clause == ts[i].clause; j-- {
			if inability[ts[j].word] && ts[j].c&cProblem != 0 || ts[j].word == "unable" {
				ts[i].c |= cWeak
				break
			}
		}
	}
}

// weakFever are the signs of a fever that cold also gives.
var weakFever = set("shivering shivers shivery chills teeth burning sweating sweats sweaty")

// coldCauses are the cold the user is in, not an illness.
var coldCauses = set("heating heater aircon snow snowing outside weather pool sea swim swimming draughty drafty " +
	"heatwave heat sun sunshine sauna humid humidity")

// markColdCauses clears cFever from shivering and chills explained by the
// cold ("shivering because the heating is broken"), unless the sentence
// names a fever otherwise (a temperature, "feverish").
func markColdCauses(ts []ttok) {
	for i := range ts {
		if ts[i].c&cFever == 0 || !weakFever[ts[i].word] {
			continue
		}
		cold, strong := false, false
		for j := range ts {
			if ts[j].sent != ts[i].sent {
				continue
			}
			if coldCauses[ts[j].word] {
				cold = true
			}
			if ts[j].c&cFever != 0 && !weakFever[ts[j].word] {
				strong = true
			}
		}
		if cold && !strong {
			ts[i].c &^= cFever
		}
	}
}

// shortUnits are the units of a short course of a medicine.
var shortUnits = set("day days week weeks")

// markShortCourses clears cSteroid from a short course ("steroids for a
// week", "a 5 day course of prednisolone"): the flag is for long-term use.
// A course of six weeks or more is long (markDurations has marked it).
func markShortCourses(ts []ttok) {
	for i := range ts {
		if ts[i].c&cSteroid == 0 {
			continue
		}
		for j := max(0, i-4); j <= i+6 && j < len(ts); j++ {
			if ts[j].sent != ts[i].sent {
				continue
			}
			short := shortUnits[ts[j].word] && ts[j].c&cDuration == 0 && j > 0 &&
				(numberWords[ts[j-1].word] > 0 || isNumber(ts[j-1].word))
			if short || ts[j].word == "course" {
				ts[i].c &^= cSteroid
				break
			}
		}
	}
}

func isNumber(w string) bool {
	n, unit := splitNumber(w)
	return n >= 0 && unit == ""
}

// markDeniedIntent turns a denied intention into its absence: "I haven't
// been dieting" is weight lost without trying.
func markDeniedIntent(ts []ttok) {
	for i := range ts {
		if ts[i].c&cIntent == 0 {
			continue
		}
		for j := i - 1; j >= 0 && j >= i-3 && ts[j].clause == ts[i].clause; j-- {
			if ts[j].c&cNeg != 0 {
				ts[i].c = ts[i].c&^cIntent | cUnexplained
				break
			}
		}
	}
}
