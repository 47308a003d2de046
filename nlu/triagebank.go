package nlu

import (
	_ "embed"
	"encoding/json"
	"math"
	"strings"
	"sync"

	"github.com/stretchbot/stretchbot/coach"
)

// The triage bank (triage_bank.json) is a large set of labelled messages:
// emergency and clinician reports in many voices, and ordinary messages
// that share their words (negated, harmless, someone else's, questions,
// jokes). Behind the rules and the structural backstop, two logistic
// models trained on the bank when the Model is built (emergency or not;
// any red flag or none) catch reports told in words no rule lists. They
// can only raise a message's level, never lower it, and only when they
// are confident: the thresholds were chosen by training on one half of
// the bank and measuring on the other, written by different people.
//
// A message's features are its Snowball stems, with a "~" before every
// stem a negator governs up to the end of its clause ("no numbness" is
// "~numb"), the pairs of neighbouring content stems ("wet+myself"), the
// triage lexicon's concepts of its tokens, negated alike ("~NUMB"), and
// the pairs of concepts that meet in one sentence ("PEE&PROBLEM").

//go:embed triage_bank.json
var triageBankJSON []byte

// bankExample is one line of the triage bank.
type bankExample struct {
	Text  string      `json:"text"`
	Level coach.Level `json:"level"` // "emergency", "clinician" or "" (none)
	Sign  string      `json:"sign"`
}

// Thresholds of the bank's models: the least probability of an
// emergency that raises a message to emergency, and of any red flag that
// flags a message the rules left alone.
var bankEmergencyP, bankFlagP = 0.4, 0.95

// bankEmergencyBareP is the least probability of an emergency that
// raises a message naming no emergency domain (hasDomain).
var bankEmergencyBareP = 0.9

// bankKnnStop are function words that carry nothing for triage. Pronouns
// and question words are kept: they tell whose symptom it is and whether
// it is asked about.
var knnStop = set("a an the and or to of in on at is are was were be been it this that for with as by " +
	"so just really very quite bit am do does did has have had")

// knnNegators open a negated stretch of a clause.
var knnNegators = set("no not never without nor none nothing neither")

// conceptNames name the triage concepts used as features: a message
// that says "waterworks" shares the feature of the bladder with one that
// says "pee", whatever the bank's own words.
var conceptNames = []struct {
	c    concept
	name string
}{
	{cPee, "PEE"}, {cPoo, "POO"}, {cProblem, "PROBLEM"}, {cAccident, "ACCIDENT"}, {cUnderwear, "PANTS"},
	{cNumb, "NUMB"}, {cNoFeel, "NOFEEL"}, {cSaddle, "SADDLE"}, {cGenital, "GENITAL"}, {cSex, "SEX"},
	{cErect, "ERECT"}, {cLimb, "LIMB"}, {cBoth, "BOTH"}, {cFoot, "FOOT"}, {cWeak, "WEAK"},
	{cFast, "FAST"}, {cParalysis, "PARALYSIS"}, {cDropFoot, "DROPFOOT"}, {cFall, "FALL"},
	{cHeight, "HEIGHT"}, {cSevere, "SEVERE"}, {cCrash, "CRASH"}, {cVehicle, "VEHICLE"},
	{cFever, "FEVER"}, {cPain, "PAIN"}, {cRadiate, "RADIATE"}, {cSciatica, "SCIATICA"},
	{cDuration, "DURATION"}, {cNoImprove, "NOIMPROVE"}, {cWorse, "WORSE"}, {cProg, "PROG"},
	{cCancer, "CANCER"}, {cFamily, "OTHERPERSON"}, {cLost, "LOST"}, {cWeight, "WEIGHT"},
	{cNightSig, "NIGHTSIG"}, {cConstant, "CONSTANT"}, {cNight, "NIGHT"}, {cOsteo, "OSTEO"},
	{cSteroid, "STEROID"}, {cAsleep, "ASLEEP"}, {cPersist, "PERSIST"}, {cBenign, "BENIGN"},
	{cExert, "EXERT"}, {cResolved, "RESOLVED"}, {cOther, "OTHERPART"}, {cOdd, "ODD"},
	{cContact, "CONTACT"}, {cPast, "PAST"}, {cIf, "IF"}, {cWorryQ, "WORRYQ"},
}

// features returns the distinct features of a message.
func (m *Model) features(text string) []string {
	msg := tokenize(text)
	var out []string
	seen := map[string]bool{}
	add := func(f string) {
		if !seen[f] {
			seen[f] = true
			out = append(out, f)
		}
	}
	neg, clause := false, -1
	prev := ""
	for _, tk := range msg.toks {
		w := m.correct(tk.word)
		if tk.clause != clause {
			neg, clause, prev = false, tk.clause, ""
		}
		if knnNegators[w] {
			neg = true
			add("~")
			continue
		}
		if knnStop[w] {
			continue
		}
		s := m.stemOf(w)
		if neg {
			s = "~" + s
		}
		add(s)
		if prev != "" {
			add(prev + "+" + s)
		}
		prev = s
	}
	// Concepts, negated as their words are, and the pairs of concepts
	// that meet in one sentence ("PEE&PROBLEM").
	stems := make([]string, len(msg.toks))
	for i := range msg.toks {
		msg.toks[i].word = m.correct(msg.toks[i].word)
		stems[i] = m.stemOf(msg.toks[i].word)
	}
	ts := m.tri.merge(msg, stems)
	neg, clause = false, -1
	type sc struct {
		sent int
		name string
	}
	var inSent []sc
	for _, tk := range ts {
		if tk.clause != clause {
			neg, clause = false, tk.clause
		}
		if tk.c&cNeg != 0 && tk.c&^(cNeg|cProblem) == 0 {
			neg = true
			continue
		}
		for _, cn := range conceptNames {
			if tk.c&cn.c == 0 {
				continue
			}
			name := cn.name
			if neg {
				name = "~" + name
			}
			add(name)
			inSent = append(inSent, sc{tk.sent, name})
		}
	}
	for i := range inSent {
		for j := i + 1; j < len(inSent); j++ {
			a, b := inSent[i], inSent[j]
			if a.sent != b.sent || a.name == b.name {
				continue
			}
			if a.name > b.name {
				a, b = b, a
			}
			add(a.name + "&" + b.name)
		}
	}
	return out
}

// loadTriageBank parses the embedded bank; a malformed bank panics (its
// test catches that first).
func loadTriageBank() []bankExample {
	var ex []bankExample
	if err := json.Unmarshal(triageBankJSON, &ex); err != nil {
		panic("nlu: triage_bank.json: " + err.Error())
	}
	for i := range ex {
		if ex[i].Level == "none" {
			ex[i].Level = coach.LevelNone
		}
	}
	return ex
}

// triageModels are the bank's two models.
type triageModels struct {
	em, flag *linear
	emSign   map[string]*linear // per emergency sign, to name the flag
}

// bankSigns are the emergency signs of the bank, with their flag ids.
var bankSigns = map[string]string{
	"bladder": "bladder", "bowel": "bowel", "saddle": "saddle", "sexual": "sexual",
	"weakness": "leg-weakness", "footdrop": "foot-drop", "trauma": "major-trauma", "fever": "fever",
}

// newTriageModels trains the bank's models.
func (m *Model) newTriageModels(ex []bankExample) *triageModels {
	feats := make([][]string, len(ex))
	em := make([]bool, len(ex))
	flag := make([]bool, len(ex))
	for i, e := range ex {
		feats[i] = m.features(e.Text)
		em[i] = e.Level == coach.LevelEmergency
		flag[i] = e.Level != coach.LevelNone
	}
	tm := &triageModels{
		em:     trainLinear(feats, em, bankEpochs, bankRate, bankL2),
		flag:   trainLinear(feats, flag, bankEpochs, bankRate, bankL2),
		emSign: map[string]*linear{},
	}
	for sign := range bankSigns {
		y := make([]bool, len(ex))
		for i, e := range ex {
			y[i] = e.Level == coach.LevelEmergency && e.Sign == sign
		}
		tm.emSign[sign] = trainLinear(feats, y, bankEpochs, bankRate, bankL2)
	}
	return tm
}

// bankEpochs, bankRate and bankL2 train the bank's models.
var (
	bankEpochs       = 20
	bankRate, bankL2 = 0.1, 0.001
)

// bankRaise returns the level the bank's models raise a message to, above
// level, with its flag; or level and no flag.
func (m *Model) bankRaise(text string, level coach.Level) (coach.Level, string) {
	if m.tm == nil || level == coach.LevelEmergency {
		return level, ""
	}
	f := m.features(text)
	// A message that names no part or event emergencies happen to must
	// be likelier still: "the only thing I can't feel is motivation" is
	// not, "couldn't control my motions, it just came out" is.
	if p := m.tm.em.prob(f); p >= bankEmergencyP && hasDomain(f) || p >= bankEmergencyBareP {
		best, flag := -1.0, "bladder"
		for sign, id := range bankSigns {
			if p := m.tm.emSign[sign].prob(f); p > best || p == best && id < flag {
				best, flag = p, id
			}
		}
		// A major trauma needs an impact: a fall, a crash, a collision.
		if flag != "major-trauma" || has(f, "FALL", "CRASH") {
			return coach.LevelEmergency, flag
		}
	}
	// A clinician flag is not raised over a message that says its
	// symptom is over or long ago ("…, sorted now", "as a kid").
	if level == coach.LevelNone && m.tm.flag.prob(f) >= bankFlagP && !has(f, "RESOLVED", "PAST") {
		return coach.LevelClinician, "bank"
	}
	return level, ""
}

// bankMayRaise reports whether the bank's models may raise the level of
// a message the rules read as ts: not when it tells only of someone else,
// asks about a sign in general, or says nobody was hurt. The models read
// words, not whose they are or whether they are asked about.
func bankMayRaise(ts []ttok, question []bool) bool {
	return !someoneElses(ts) && !toldOfOthers(ts) && !generalQuestion(ts, question) && !noOneHurt(ts)
}

// domainConcepts are the concepts of what a red flag is about: a body
// part or function, an event, a fever.
const domainConcepts = cPee | cPoo | cAccident | cUnderwear | cSaddle | cGenital | cSex | cErect |
	cLimb | cFoot | cFall | cCrash | cVehicle | cFever

// someoneElses reports whether a message tells only of someone else:
// every token naming a part, a function or an event is another person's
// by the rules' own reading ("my husband came off his bike hard"). The
// bank's models, which read words and not whose they are, do not raise
// such a message.
func someoneElses(ts []ttok) bool {
	any := false
	for i := range ts {
		if ts[i].c&domainConcepts == 0 {
			continue
		}
		if !otherPerson(ts, i) {
			return false
		}
		any = true
	}
	return any
}

// toldOfOthers reports whether a message speaks of someone else and never
// of the user: it names another person, has no "I", "me" or "myself",
// and each "my" is another person's ("my neighbour's back pain…").
func toldOfOthers(ts []ttok) bool {
	other := false
	for i, t := range ts {
		switch {
		case t.c&cFamily != 0:
			other = true
		case t.word == "my":
			if i+1 >= len(ts) || ts[i+1].c&cFamily == 0 {
				return false
			}
		case t.word == "i" || t.word == "me" || t.word == "myself" || t.c&cFirst != 0:
			return false
		}
	}
	return other
}

// generalQuestion reports whether every sentence of a message that names
// a part, a function or an event is a question with nothing in it about
// the user ("why do they always ask about bladder problems when you have
// back pain?"): asking about a sign is no report of it.
func generalQuestion(ts []ttok, question []bool) bool {
	any := false
	for i := range ts {
		if ts[i].c&domainConcepts == 0 {
			continue
		}
		s := ts[i].sent
		if s >= len(question) || !question[s] && !interrogative(ts, sentStart(ts, i), false) {
			return false
		}
		for j := range ts {
			if ts[j].sent == s && (ts[j].c&cFirst != 0 || userWords[ts[j].word]) {
				return false
			}
		}
		any = true
	}
	return any
}

// noOneHurt reports whether a message says nobody was hurt ("a van hit
// our wall, nobody was hurt"): whatever crashed, no one is a casualty.
func noOneHurt(ts []ttok) bool {
	for _, t := range ts {
		if t.c&cResolved != 0 && (t.word == "nobody" || t.word == "no" && t.next == "one") {
			return true
		}
	}
	return false
}

// emergencyDomains are the features of what an emergency is about, said
// or denied: the names of the domain concepts (and of a foot that drops,
// paralysis, a height), and the stem of the urge to go.
var emergencyDomains = func() map[string]bool {
	out := map[string]bool{"urg": true}
	for _, cn := range conceptNames {
		if cn.c&(domainConcepts|cDropFoot|cParalysis|cHeight) != 0 {
			out[cn.name] = true
		}
	}
	return out
}()

// hasDomain reports whether the features name an emergency domain.
func hasDomain(feats []string) bool {
	for _, f := range feats {
		if emergencyDomains[strings.TrimPrefix(f, "~")] {
			return true
		}
	}
	return false
}

// has reports whether feats holds one of the features.
func has(feats []string, any ...string) bool {
	for _, f := range feats {
		for _, a := range any {
			if f == a {
				return true
			}
		}
	}
	return false
}

// triageCache holds the models trained on the embedded bank: they are
// the same for every Model, so they are trained once.
var triageCache struct {
	sync.Once
	tm *triageModels
}

// bankModels returns the models trained on the embedded bank and, as
// messages that are no red flag, the FAQ's own questions.
func (m *Model) bankModels(topics []coach.Topic) *triageModels {
	triageCache.Do(func() { triageCache.tm = m.newTriageModels(withQuestions(loadTriageBank(), topics)) })
	return triageCache.tm
}

// withQuestions adds every FAQ question and paraphrase, and every line of
// the FAQ bank, to the bank as an ordinary message: asking how to stretch
// is no report.
func withQuestions(ex []bankExample, topics []coach.Topic) []bankExample {
	out := append([]bankExample{}, ex...)
	for _, tp := range topics {
		for _, q := range append([]string{tp.Question}, tp.Paraphrases...) {
			out = append(out, bankExample{Text: q, Sign: "question"})
		}
	}
	for _, e := range loadFAQBank() {
		out = append(out, bankExample{Text: e.Text, Sign: "question"})
	}
	return out
}

// linear is a logistic model over binary features, trained on the bank.
type linear struct {
	w map[string]float64
	b float64
}

// trainLinear fits a logistic model by stochastic gradient descent with
// L2 shrinkage, in a fixed order: the same bank gives the same model.
// It trains over feature indices and keeps the map for lookups.
func trainLinear(feats [][]string, y []bool, epochs int, rate, l2 float64) *linear {
	index := map[string]int32{}
	rows := make([][]int32, len(feats))
	for i, fs := range feats {
		for _, f := range fs {
			r, ok := index[f]
			if !ok {
				r = int32(len(index))
				index[f] = r
			}
			rows[i] = append(rows[i], r)
		}
	}
	w := make([]float64, len(index))
	var b float64
	order := make([]int, len(feats))
	for i := range order {
		order[i] = i
	}
	seed := uint64(20261125)
	for e := 0; e < epochs; e++ {
		for i := len(order) - 1; i > 0; i-- {
			seed = seed*6364136223846793005 + 1442695040888963407
			j := int(seed>>33) % (i + 1)
			order[i], order[j] = order[j], order[i]
		}
		for _, i := range order {
			z := b
			for _, r := range rows[i] {
				z += w[r]
			}
			g := 1 / (1 + math.Exp(-z))
			if y[i] {
				g--
			}
			for _, r := range rows[i] {
				w[r] -= rate * (g + l2*w[r])
			}
			b -= rate * g
		}
	}
	m := &linear{w: make(map[string]float64, len(index)), b: b}
	for f, r := range index {
		m.w[f] = w[r]
	}
	return m
}

// prob is the model's probability for a message's features.
func (m *linear) prob(feats []string) float64 {
	z := m.b
	for _, f := range feats {
		z += m.w[f]
	}
	return 1 / (1 + math.Exp(-z))
}
