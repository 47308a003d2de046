package nlu

import (
	_ "embed"
	"encoding/json"
	"math"
	"strings"
)

// The out-of-scope bank (outofscope.json) holds messages the FAQ must not
// answer: other joints, medicines, small talk, the bot's secrets, fitness
// and health questions beside the back routine. Word lists (offTopic) catch
// what they name; the bank catches the rest by likeness. A question closer
// to an out-of-scope example than to any FAQ phrase is out of scope: "what
// stretches are good for a sore neck" is nearer "best stretch for a stiff
// neck?" than any back-stretching question, though it shares "stretch"
// with all of them.

//go:embed outofscope.json
var outOfScopeJSON []byte

// oosExample is one line of the bank.
type oosExample struct {
	Text string `json:"text"`
	Kind string `json:"kind"`
}

// oosBank is the bank indexed over the FAQ index's stems and weights.
type oosBank struct {
	docs     []oosDoc
	postings map[string][]int32 // stem -> docs holding it
}

type oosDoc struct {
	norm float64
}

// loadOutOfScope parses the embedded bank. A malformed bank is a build
// error caught by its test, so it panics here.
func loadOutOfScope() []oosExample {
	var ex []oosExample
	if err := json.Unmarshal(outOfScopeJSON, &ex); err != nil {
		panic("nlu: outofscope.json: " + err.Error())
	}
	return ex
}

// weight is a stem's weight in out-of-scope likeness: its FAQ inverse
// topic frequency, or the full weight of a word the FAQ has never seen
// (those are what out-of-scope messages are made of: "netflix", "elbow").
func (x *faqIndex) weight(s string) float64 {
	if id, ok := x.terms[s]; ok {
		return x.idf[id]
	}
	return x.unkIDF / unkFactor
}

// newOOSBank indexes the examples with x's stems and weights.
func newOOSBank(x *faqIndex, ex []oosExample) *oosBank {
	b := &oosBank{postings: map[string][]int32{}}
	for _, e := range ex {
		stems := dedupe(x.faqTerms(x.lang.words(e.Text)))
		if len(stems) == 0 {
			continue
		}
		var norm float64
		for _, s := range stems {
			w := x.weight(s)
			norm += w * w
			b.postings[s] = append(b.postings[s], int32(len(b.docs)))
		}
		b.docs = append(b.docs, oosDoc{norm: math.Sqrt(norm)})
	}
	return b
}

// dedupe returns the distinct strings of ss, in order.
func dedupe(ss []string) []string {
	seen := make(map[string]bool, len(ss))
	out := ss[:0:0]
	for _, s := range ss {
		if !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	return out
}

// likeness returns the highest cosine similarity between the words ws and
// an example of the bank, over x's stems and weights.
func (b *oosBank) likeness(x *faqIndex, ws []string) float64 {
	stems := dedupe(x.faqTerms(ws))
	if len(stems) == 0 || len(b.docs) == 0 {
		return 0
	}
	var qnorm float64
	dots := map[int32]float64{}
	for _, s := range stems {
		w := x.weight(s)
		qnorm += w * w
		for _, d := range b.postings[s] {
			dots[d] += w * w
		}
	}
	qnorm = math.Sqrt(qnorm)
	best := 0.0
	for d, dot := range dots {
		if s := dot / (qnorm * b.docs[d].norm); s > best {
			best = s
		}
	}
	return best
}

// oosKinds are the bank's kinds, for its test.
var oosKinds = strings.Fields("smalltalk bot secrets tech world meds otherbody health fitness")
