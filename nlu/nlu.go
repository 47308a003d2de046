// Package nlu understands the free text users type to stretchbot: it
// catches red-flag symptoms and matches questions to the FAQ topics.
//
// Model implements coach.Understander. Every message goes through two
// stages, always in this order:
//
//  1. Triage. A small rule engine over concepts (numbness, a leg, the
//     bladder, a fall…) finds first-person symptom reports in many
//     phrasings. It understands negation ("no numbness or tingling"),
//     harmless senses ("my foot fell asleep sitting cross-legged") and
//     questions about symptoms ("when should I worry about tingling?"),
//     which go on to the FAQ. A hit is IntentRedFlag with the level
//     (emergency before clinician) and short flag ids.
//
//     When the rules find no emergency, a structural backstop
//     (backstop.go) looks for an emergency domain (bladder, bowel, saddle
//     area, sex, legs, a fall or crash, a fever) and a sign of loss or
//     change there (can't, no feeling, leaking, dragging, giving way
//     quickly, feeling very unwell) in the same sentence, in any order
//     and at any distance. Each candidate goes through the rules' own
//     suppression (negation, resolution, harmless causes, other people,
//     suppositions, past episodes, general questions); what stands is an
//     emergency. Its word classes and rules are data (bsRules).
//
//     Behind both, two logistic models trained on a bank of 2,000+
//     labelled real-style messages (triagebank.go) raise a message to
//     emergency, or flag one the rules left alone, when they are confident.
//     They never lower a level, never raise a message told only of
//     someone else, and raise a message naming no emergency domain (a
//     part, a function, a fall, a fever) only when very sure.
//
//  2. FAQ. Words are corrected against the vocabulary by edit distance and
//     reduced to canonical Snowball stems after synonyms and stop words.
//     Anything naming medication, another joint or the bot's internals is
//     IntentUnknown, and so is a message closer to an example of the
//     out-of-scope bank (outofscope.go) than to any FAQ phrase, unless
//     the FAQ model is sure of one topic in a message with four other
//     content words (a back question that mentions the knees on the way).
//     The rest is classified by a softmax model trained on every topic's
//     question and paraphrases (about 80 each), the FAQ bank's 3,500
//     questions in many voices (faqbank.go) and the out-of-scope bank
//     (faqlr.go): a likely topic, clear of the runner-up, is IntentFAQ; a
//     middling one is IntentSuggest with up to three candidates; the
//     out-of-scope class and the unlikely are IntentUnknown. The
//     retrieval index (faq.go) gives the phrase similarities the
//     out-of-scope check compares against, and serves Spanish.
//
// Spanish messages have their own triage (es_triage.go) and the same FAQ
// index and scorer built over Spanish paraphrases, stems and synonyms
// (es_faq.go); a Spanish question is never matched to an English phrase.
//
// A Model is immutable after New and safe for concurrent use.
package nlu

import (
	"sort"
	"strings"

	"github.com/stretchbot/stretchbot/coach"
)

// Thresholds tune when a match is an answer, a suggestion or unknown.
type Thresholds struct {
	// Answer is the lowest score answered directly, if the best topic
	// leads the runner-up by at least Margin; from Sure up, the margin is
	// not needed.
	Answer float64
	Margin float64
	Sure   float64
	// Suggest is the lowest score offered as a "did you mean" candidate.
	Suggest float64
}

// DefaultThresholds are the thresholds New uses: for English they apply
// to the FAQ model's probabilities, for Spanish to retrieval scores. They
// were tuned on the evaluation sets in coach/testdata (eval, blind,
// blind2, blind7).
var DefaultThresholds = Thresholds{Answer: 0.3, Margin: 0.03, Sure: 0.6, Suggest: 0.22}

// Model is stretchbot's free-text understanding. Build it with New.
type Model struct {
	faq *faqIndex
	tri *triage
	th  Thresholds
	es  *esFAQ        // the Spanish FAQ matcher (es_faq.go)
	oos *oosBank      // the out-of-scope bank (outofscope.go)
	tm  *triageModels // the triage bank's models (triagebank.go)
	fm  *faqModel     // the trained FAQ classifier (faqlr.go)

	known map[string]bool   // words and stems that need no correction
	byLen map[int][]string  // correction vocabulary by word length
	cache map[string]string // word -> stem for the vocabulary

	commonStems map[string]bool // stems of commonWords: their forms are words too
}

var _ coach.Understander = (*Model)(nil)

// New builds a model over the content's FAQ topics with DefaultThresholds.
func New(c *coach.Content) *Model { return NewWithThresholds(c, DefaultThresholds) }

// NewWithThresholds builds a model with the given thresholds.
func NewWithThresholds(c *coach.Content, th Thresholds) *Model {
	m := &Model{
		faq:   newFAQIndex(c.Topics),
		tri:   newTriage(),
		th:    th,
		known: map[string]bool{},
		byLen: map[int][]string{},
		cache: map[string]string{},

		commonStems: map[string]bool{},
	}
	m.tri.learnBackstopWords() // backstop.go
	vocab := map[string]bool{}
	addText := func(s string) {
		for _, w := range words(tokenize(s)) {
			vocab[w] = true
		}
	}
	for _, tp := range c.Topics {
		addText(tp.Question)
		addText(tp.Title)
		for _, p := range tp.Paraphrases {
			addText(p)
		}
	}
	for k, v := range synonyms {
		vocab[k], vocab[v] = true, true
	}
	for k := range phrases {
		addText(k)
	}
	for k := range lexicon {
		addText(k)
	}
	for _, s := range []map[string]bool{outOfScope, inScope, sinceDates} {
		for k := range s {
			vocab[k] = true
		}
	}
	for w := range vocab {
		m.known[w] = true
		m.cache[w] = stem(w)
		if len(w) >= 4 && isASCIIWord(w) {
			m.byLen[len(w)] = append(m.byLen[len(w)], w)
		}
	}
	for w := range stopWords {
		m.known[w] = true
	}
	for w := range commonWords {
		m.known[w] = true
		m.commonStems[stem(w)] = true
	}
	for _, ws := range m.byLen {
		sort.Strings(ws)
	}
	m.es = newESFAQ(c)
	oos := loadOutOfScope()
	m.oos = newOOSBank(m.faq, oos)
	// The FAQ model and the triage bank's models are independent: they
	// train side by side.
	done := make(chan *triageModels)
	go func() { done <- m.bankModels(c.Topics) }()
	m.fm = cachedFAQModel(m.faq, c.Topics, bankByTopic(loadFAQBank(), c.Topics), m.correctAll, oos)
	m.tm = <-done
	return m
}

// stemOf returns the stem of w, from the cache when w is in the vocabulary.
func (m *Model) stemOf(w string) string {
	if s, ok := m.cache[w]; ok {
		return s
	}
	return stem(w)
}

// correct returns the vocabulary word w is a likely misspelling of, or w.
// Only unknown ASCII words of five letters or more are corrected: by one
// edit up to seven letters, by two from eight. A correction keeps the
// first letter, which people rarely get wrong ("stumbled" is not a typo of
// "tumbled", nor "rumbled"), and the forms of common words are words
// ("spending" is not "spreading").
func (m *Model) correct(w string) string {
	if len(w) < 5 || m.known[w] || !isASCIIWord(w) {
		return w
	}
	if _, ok := m.faq.terms[stem(w)]; ok || m.tri.known(stem(w)) || m.commonStems[stem(w)] {
		return w
	}
	if strings.HasSuffix(w, "in") && m.known[w+"g"] {
		return w + "g" // a dropped g: "breathin", "stretchin"
	}
	return nearestWord(w, m.byLen)
}

// nearestWord returns the word of byLen (words by length, sorted) that w is
// most likely a misspelling of, or w: by one edit up to seven letters, by
// two from eight, keeping the first letter.
func nearestWord(w string, byLen map[int][]string) string {
	maxD := 1
	if len(w) >= 8 {
		maxD = 2
	}
	best, bestD := w, maxD+1
	// Lengths in the order typists err: a letter left out ("beter" is
	// "better", not "beer"), then one mistyped, then one doubled.
	for _, dl := range [...]int{1, 0, 2, -1, -2} {
		if dl > maxD || -dl > maxD {
			continue
		}
		l := len(w) + dl
		for _, v := range byLen[l] {
			if v[0] != w[0] {
				continue
			}
			if d := editDistance(w, v, bestD-1); d < bestD {
				best, bestD = v, d
				if d == 1 && maxD == 1 {
					break
				}
			}
		}
	}
	return best
}

// correctAll spells each word right (correct), in a new slice.
func (m *Model) correctAll(ws []string) []string {
	out := make([]string, len(ws))
	for i, w := range ws {
		out[i] = m.correct(w)
	}
	return out
}

// Understand classifies one message. It never fails: empty, garbled or
// hostile input is IntentUnknown.
func (m *Model) Understand(text string) coach.Understanding {
	if u, ok := m.understandES(text); ok {
		return u // Spanish: see es_nlu.go
	}
	msg := tokenize(text)
	if len(msg.toks) == 0 {
		return coach.Understanding{Intent: coach.IntentUnknown}
	}
	ws := make([]string, len(msg.toks))
	stems := make([]string, len(msg.toks))
	for i := range msg.toks {
		w := m.correct(msg.toks[i].word)
		msg.toks[i].word = w
		ws[i] = w
		stems[i] = m.stemOf(w)
	}
	ts := m.tri.merge(msg, stems)
	lv, flags := m.tri.run(ts, msg.question)
	if lv != coach.LevelEmergency {
		if f := m.tri.backstop(ts, msg.question); f != "" {
			lv, flags = coach.LevelEmergency, []string{f} // see backstop.go
		}
	}
	if bankMayRaise(ts, msg.question) { // the cheap guards before the models
		if raised, f := m.bankRaise(text, lv); raised != lv {
			lv, flags = raised, []string{f} // see triagebank.go
		}
	}
	if lv != coach.LevelNone {
		return coach.Understanding{Intent: coach.IntentRedFlag, Level: lv, Flags: flags}
	}
	if offTopic(ws) && (hasOffTopicPhrase(ws) || !m.surelyFAQ(ws)) {
		return coach.Understanding{Intent: coach.IntentUnknown}
	}
	if m.outOfScope(ws, m.faq.rank(ws)) && !m.surelyFAQ(ws) {
		return coach.Understanding{Intent: coach.IntentUnknown}
	}
	return m.decideFAQ(ws)
}

// offTopicOverride is the least probability of one FAQ topic that keeps
// a message naming something off-topic in scope: "the trouble just above
// my bum when I can't reach past my knees" is about hamstrings. It takes
// offTopicTerms content words or more: in a short message, the off-topic
// word is the subject ("my puppy keeps chewing the sofa").
var (
	offTopicOverride = 0.95
	offTopicTerms    = 4
)

// surelyFAQ reports whether the FAQ model puts one topic at
// offTopicOverride or more, in a message with offTopicTerms or more
// content words besides the off-topic ones.
func (m *Model) surelyFAQ(ws []string) bool {
	var rest []string // the words that are not off-topic
	for _, w := range ws {
		if !outOfScope[w] {
			rest = append(rest, w)
		}
	}
	if len(m.faq.faqTerms(rest)) < offTopicTerms {
		return false
	}
	feats := m.faq.faqFeatures(ws)
	top := m.fm.rankClasses(feats)[0]
	return top.class != m.fm.classes-1 && top.p >= offTopicOverride
}

// decideFAQ classifies corrected words among the FAQ topics with the
// trained model (faqlr.go): the out-of-scope class, or a topic that is
// not likely enough for a suggestion, is unknown; a likely topic is
// answered (from Sure, or from Answer with a Margin over the runner-up);
// in between, the likeliest topics are offered.
func (m *Model) decideFAQ(ws []string) coach.Understanding {
	feats := m.faq.faqFeatures(ws)
	if len(feats) == 0 {
		return coach.Understanding{Intent: coach.IntentUnknown}
	}
	rk := m.fm.rankClasses(feats)
	oos := m.fm.classes - 1
	top := rk[0]
	if top.class == oos || top.p < m.th.Suggest {
		return coach.Understanding{Intent: coach.IntentUnknown}
	}
	second := 0.0
	for _, r := range rk[1:] {
		if r.class != oos {
			second = r.p
			break
		}
	}
	if top.p >= m.th.Sure || top.p >= m.th.Answer && top.p-second >= m.th.Margin {
		return coach.Understanding{Intent: coach.IntentFAQ, Topic: m.faq.topics[top.class], Score: round2(top.p)}
	}
	u := coach.Understanding{Intent: coach.IntentSuggest, Score: round2(top.p)}
	for _, r := range rk {
		if len(u.Candidates) == 3 || r.p < m.th.Suggest/2 {
			break
		}
		if r.class != oos {
			u.Candidates = append(u.Candidates, m.faq.topics[r.class])
		}
	}
	return u
}

// oosMin is the least likeness to an out-of-scope example that rejects a
// message, and oosMargin how far it must exceed the best FAQ phrase's
// similarity.
var oosMin, oosMargin = 0.3, 0.1

// outOfScope reports whether the words are more like an example of the
// out-of-scope bank than like any FAQ phrase (outofscope.go).
func (m *Model) outOfScope(ws []string, rk []ranked) bool {
	if len(rk) == 0 {
		return false // nothing would be answered anyway
	}
	best := 0.0
	for _, r := range rk {
		best = max(best, r.phrase)
	}
	l := m.oos.likeness(m.faq, ws)
	return l >= oosMin && l > best+oosMargin
}

// decide turns a ranking by x into an answer, a suggestion or unknown.
func (th Thresholds) decide(x *faqIndex, rk []ranked) coach.Understanding {
	if len(rk) == 0 || rk[0].score < th.Suggest {
		return coach.Understanding{Intent: coach.IntentUnknown}
	}
	top := rk[0]
	second := 0.0
	if len(rk) > 1 {
		second = rk[1].score
	}
	if top.score >= th.Sure || top.score >= th.Answer && top.score-second >= th.Margin {
		return coach.Understanding{Intent: coach.IntentFAQ, Topic: x.topics[top.topic], Score: round2(top.score)}
	}
	u := coach.Understanding{Intent: coach.IntentSuggest, Score: round2(top.score)}
	for _, r := range rk {
		if len(u.Candidates) == 3 || r.score < th.Suggest*0.75 {
			break
		}
		u.Candidates = append(u.Candidates, x.topics[r.topic])
	}
	return u
}

// offTopic reports whether the words name something the FAQ does not
// cover (a medicine, another joint, the bot's secrets) and nothing that
// brings the message back to the back routine. A word inside an
// out-of-scope phrase does not count as in scope ("hip replacement").
func offTopic(ws []string) bool {
	return offTopicIn(ws, outOfScope, outOfScopePhrases, inScope)
}

// hasOffTopicPhrase reports whether the words hold an out-of-scope
// phrase: a request to act ("book me") or another condition ("blood
// pressure"), which a sure FAQ model does not overrule.
func hasOffTopicPhrase(ws []string) bool {
	for i := range ws {
		if i+1 < len(ws) && outOfScopePhrases[ws[i]+" "+ws[i+1]] ||
			i+2 < len(ws) && outOfScopePhrases[ws[i]+" "+ws[i+1]+" "+ws[i+2]] {
			return true
		}
	}
	return false
}

// offTopicIn is offTopic over the given word lists: out-of-scope words,
// out-of-scope phrases of two or three words, and in-scope words.
func offTopicIn(ws []string, out, outPhrases, in map[string]bool) bool {
	off := false
	skip := 0 // words of an out-of-scope phrase still to pass over
	for i, w := range ws {
		switch {
		case i+2 < len(ws) && outPhrases[w+" "+ws[i+1]+" "+ws[i+2]]:
			off, skip = true, max(skip, 3)
		case i+1 < len(ws) && outPhrases[w+" "+ws[i+1]]:
			off, skip = true, max(skip, 2)
		}
		if skip > 0 {
			skip--
			continue
		}
		if in[w] {
			return false
		}
		if out[w] {
			off = true
		}
	}
	return off
}

func round2(f float64) float64 { return float64(int(f*100+0.5)) / 100 }
