package nlu

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"sort"

	"github.com/kljensen/snowball/spanish"
	"github.com/stretchbot/stretchbot/coach"
)

// esFAQData is nlu/es_faq.json: Spanish ways of asking each FAQ topic,
// written in many voices (Spain and Latin America, tú and usted, with and
// without accents, chat spellings). The coach answers a topic in the
// user's language from the content's own translation; these phrases only
// teach the matcher to recognise the question.
//
//go:embed es_faq.json
var esFAQData []byte

// esFAQFile is the shape of es_faq.json: topic id -> paraphrases.
type esFAQFile struct {
	Topics map[string][]string `json:"topics"`
}

// spanishFAQ is the Spanish lexicon of es_faq_lexicon.go for the
// language-neutral FAQ index.
var spanishFAQ = &faqLang{
	words:    func(s string) []string { return esWordsOf(esTokenize(s)) },
	stem:     esStem,
	stop:     esStopWords,
	synonyms: esSynonyms,
	phrases:  esPhrases,
	light:    esLight,
	inScope:  esInScope,
}

// esFAQ matches Spanish questions to FAQ topics with the same index and
// scorer as English, over Spanish paraphrases and a Spanish lexicon.
type esFAQ struct {
	idx   *faqIndex
	known map[string]bool  // words that need no correction
	byLen map[int][]string // correction vocabulary by word length
	// common are the stems of esCommonWords: their forms are words too
	// ("espero" is not a misspelling of "espiro").
	common map[string]bool
}

// loadESFAQ parses the embedded Spanish paraphrases.
func loadESFAQ() (esFAQFile, error) {
	var f esFAQFile
	if err := json.Unmarshal(esFAQData, &f); err != nil {
		return f, fmt.Errorf("nlu: es_faq.json: %w", err)
	}
	return f, nil
}

// newESFAQ builds the Spanish matcher over the content's topics: each is
// indexed by its Spanish title (from the "es" catalogue) and its
// paraphrases in es_faq.json. A topic with neither is never matched.
func newESFAQ(c *coach.Content) *esFAQ {
	f, err := loadESFAQ()
	if err != nil {
		panic(err) // embedded data, checked by TestESFAQData
	}
	es := c.Messages["es"]
	topics := make([]coach.Topic, 0, len(c.Topics))
	for _, tp := range c.Topics {
		topics = append(topics, coach.Topic{ID: tp.ID, Question: es["faq."+tp.ID+".title"], Paraphrases: f.Topics[tp.ID]})
	}
	e := &esFAQ{
		idx:    newFAQIndexLang(topics, spanishFAQ),
		known:  map[string]bool{},
		byLen:  map[int][]string{},
		common: map[string]bool{},
	}
	vocab := map[string]bool{}
	addText := func(s string) {
		for _, w := range spanishFAQ.words(s) {
			vocab[w] = true
		}
	}
	for _, tp := range topics {
		addText(tp.Question)
		for _, p := range tp.Paraphrases {
			addText(p)
		}
	}
	for k, v := range esSynonyms {
		vocab[k], vocab[v] = true, true
	}
	for k := range esPhrases {
		addText(k)
	}
	for _, s := range []map[string]bool{esInScope, esOutOfScope} {
		for w := range s {
			vocab[w] = true
		}
	}
	for p := range esOutOfScopePhrases {
		addText(p)
	}
	for w := range vocab {
		e.known[w] = true
		if len(w) >= 4 && isASCIIWord(w) {
			e.byLen[len(w)] = append(e.byLen[len(w)], w)
		}
	}
	for _, s := range []map[string]bool{esStopWords, esCommonWords} {
		for w := range s {
			e.known[w] = true
		}
	}
	for w := range esCommonWords {
		e.common[esStem(w)] = true
	}
	for _, ws := range e.byLen {
		sort.Strings(ws)
	}
	return e
}

// esStem returns the Snowball Spanish stem of a folded word.
func esStem(w string) string {
	if len(w) <= 2 {
		return w
	}
	return spanish.Stem(w, true)
}

// esWordsOf returns the words of a Spanish message.
func esWordsOf(m esMessage) []string {
	out := make([]string, len(m.toks))
	for i, t := range m.toks {
		out[i] = t.word
	}
	return out
}

// correct returns the vocabulary word w is a likely misspelling of, or w,
// by the rules of Model.correct: unknown ASCII words of five letters or
// more, whose stem the index does not know either.
func (e *esFAQ) correct(w string) string {
	if len(w) < 5 || e.known[w] || !isASCIIWord(w) {
		return w
	}
	if _, ok := e.idx.terms[esStem(w)]; ok || e.common[esStem(w)] {
		return w
	}
	return nearestWord(w, e.byLen)
}

// readsSpanish reports whether a message with no Spanish marker word is
// Spanish all the same by its vocabulary ("reposo absoluto o moverse?"):
// at least two words that the Spanish matcher knows and English does not,
// and more of them than words only English knows.
func (e *esFAQ) readsSpanish(text string, english func(string) bool) bool {
	es, en := 0, 0
	for _, w := range esWordsOf(esTokenize(text)) {
		_, term := e.idx.terms[esStem(w)]
		spanish := e.known[w] || term
		switch eng := english(w); {
		case spanish && !eng:
			es++
		case eng && !spanish:
			en++
		}
	}
	return es >= 2 && es > en
}

// offTopic reports whether a Spanish message is about something the FAQ
// does not cover (see offTopicIn). A word counts as in scope by its
// canonical synonym ("estiro" is "estirar").
func (e *esFAQ) offTopic(ws []string) bool {
	canon := make([]string, len(ws))
	for i, w := range ws {
		canon[i] = w
		if s, ok := esSynonyms[w]; ok && esInScope[s] {
			canon[i] = s
		}
	}
	return offTopicIn(canon, esOutOfScope, esOutOfScopePhrases, esInScope)
}

// understand matches a Spanish message that raised no red flag to a topic,
// a "did you mean" suggestion or unknown, with the thresholds th.
func (e *esFAQ) understand(text string, th Thresholds) coach.Understanding {
	ws := esWordsOf(esTokenize(text))
	if len(ws) == 0 {
		return coach.Understanding{Intent: coach.IntentUnknown}
	}
	for i, w := range ws {
		ws[i] = e.correct(w)
	}
	if e.offTopic(ws) {
		return coach.Understanding{Intent: coach.IntentUnknown}
	}
	return th.decide(e.idx, e.idx.rank(ws))
}
