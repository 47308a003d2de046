package nlu

import (
	"fmt"
	"hash/fnv"
	"math"
	"sort"
	"sync"

	"github.com/stretchbot/stretchbot/coach"
)

// The FAQ model's training: passes over the examples, learning rate and
// L2 shrinkage, chosen on the development sets (eval, blind, blind2,
// blind7).
var (
	faqEpochs      = 20
	faqRate, faqL2 = 0.1, 0.0005
)

// faqModel classifies a question among the FAQ topics and an out-of-scope
// class with a multinomial logistic model trained, when the Model is
// built, on every topic's question and paraphrases, the FAQ bank
// (faqbank.go) and the out-of-scope bank. Its features are the FAQ
// index's canonical stems (synonyms, stop words, Snowball) and their
// neighbouring pairs.
type faqModel struct {
	classes int            // topics, then the out-of-scope class
	index   map[string]int // feature -> row of w
	w       []float64      // row-major: feature row * classes + class
	b       []float64
}

// faqFeatures returns the distinct features of corrected words.
func (x *faqIndex) faqFeatures(ws []string) []string {
	stems := x.faqTerms(ws)
	seen := map[string]bool{}
	var out []string
	add := func(f string) {
		if !seen[f] {
			seen[f] = true
			out = append(out, f)
		}
	}
	for i, s := range stems {
		add(s)
		if i > 0 {
			add(stems[i-1] + "+" + s)
		}
	}
	return out
}

// trainFAQModel fits the model by stochastic gradient descent on the
// softmax loss with L2 shrinkage, in a fixed order: the same examples
// always give the same model.
func trainFAQModel(feats [][]string, y []int, classes, epochs int, rate, l2 float64) *faqModel {
	m := &faqModel{classes: classes, index: map[string]int{}, b: make([]float64, classes)}
	rows := make([][]int32, len(feats))
	for i, fs := range feats {
		for _, f := range fs {
			r, ok := m.index[f]
			if !ok {
				r = len(m.index)
				m.index[f] = r
			}
			rows[i] = append(rows[i], int32(r))
		}
	}
	m.w = make([]float64, len(m.index)*classes)
	order := make([]int, len(feats))
	for i := range order {
		order[i] = i
	}
	seed := uint64(20261125)
	p := make([]float64, classes)
	for e := 0; e < epochs; e++ {
		for i := len(order) - 1; i > 0; i-- {
			seed = seed*6364136223846793005 + 1442695040888963407
			j := int(seed>>33) % (i + 1)
			order[i], order[j] = order[j], order[i]
		}
		for _, i := range order {
			m.rowProbs(rows[i], p)
			p[y[i]]--
			for _, r := range rows[i] {
				wr := m.w[int(r)*classes : int(r+1)*classes]
				for c, g := range p {
					wr[c] -= rate * (g + l2*wr[c])
				}
			}
			for c, g := range p {
				m.b[c] -= rate * g
			}
		}
	}
	return m
}

// rowProbs writes the class probabilities of the feature rows into p.
func (m *faqModel) rowProbs(rows []int32, p []float64) {
	copy(p, m.b)
	for _, r := range rows {
		wr := m.w[int(r)*m.classes : int(r+1)*m.classes]
		for c := range p {
			p[c] += wr[c]
		}
	}
	softmax(p)
}

// probs writes the class probabilities of the features into p; features
// the model never saw count for nothing.
func (m *faqModel) probs(feats []string, p []float64) {
	rows := make([]int32, 0, len(feats))
	for _, f := range feats {
		if r, ok := m.index[f]; ok {
			rows = append(rows, int32(r))
		}
	}
	m.rowProbs(rows, p)
}

// softmax turns scores into probabilities in place.
func softmax(p []float64) {
	top := p[0]
	for _, z := range p {
		top = max(top, z)
	}
	var sum float64
	for c, z := range p {
		p[c] = math.Exp(z - top)
		sum += p[c]
	}
	for c := range p {
		p[c] /= sum
	}
}

// classRank is a class and its probability.
type classRank struct {
	class int
	p     float64
}

// rankClasses returns the classes by probability, best first.
func (m *faqModel) rankClasses(feats []string) []classRank {
	p := make([]float64, m.classes)
	m.probs(feats, p)
	out := make([]classRank, m.classes)
	for c := range p {
		out[c] = classRank{c, p[c]}
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].p != out[j].p {
			return out[i].p > out[j].p
		}
		return out[i].class < out[j].class
	})
	return out
}

// newFAQModel trains the model over the topics, the FAQ bank's questions
// (bank[i] are topic i's; their words are spelt right by fix first, as a
// user's are) and the out-of-scope bank.
func newFAQModel(x *faqIndex, topics []coach.Topic, bank [][]string, fix func([]string) []string, oos []oosExample, epochs int, rate, l2 float64) *faqModel {
	var feats [][]string
	var y []int
	for ti, tp := range topics {
		for _, t := range append([]string{tp.Question}, tp.Paraphrases...) {
			if f := x.faqFeatures(x.lang.words(t)); len(f) > 0 {
				feats, y = append(feats, f), append(y, ti)
			}
		}
		if ti < len(bank) {
			for _, t := range bank[ti] {
				if f := x.faqFeatures(fix(x.lang.words(t))); len(f) > 0 {
					feats, y = append(feats, f), append(y, ti)
				}
			}
		}
	}
	for _, e := range oos {
		if f := x.faqFeatures(x.lang.words(e.Text)); len(f) > 0 {
			feats, y = append(feats, f), append(y, len(topics))
		}
	}
	return trainFAQModel(feats, y, len(topics)+1, epochs, rate, l2)
}

// faqModels caches trained models by the text they were trained on: a
// Model is often built more than once over the same content (tests, the
// bot and the reminder scheduler), and training takes a few hundred
// milliseconds. Models are read-only once trained.
var faqModels struct {
	sync.Mutex
	byKey map[uint64]*faqModel
}

// cachedFAQModel returns the model trained over these topics and
// examples with the package's training settings, training it once.
func cachedFAQModel(x *faqIndex, topics []coach.Topic, bank [][]string, fix func([]string) []string, oos []oosExample) *faqModel {
	h := fnv.New64a()
	for i, tp := range topics {
		for _, s := range append([]string{tp.ID, tp.Question}, tp.Paraphrases...) {
			h.Write([]byte(s))
			h.Write([]byte{0})
		}
		if i < len(bank) {
			for _, s := range bank[i] {
				h.Write([]byte(s))
				h.Write([]byte{1})
			}
		}
	}
	for _, e := range oos {
		h.Write([]byte(e.Text))
		h.Write([]byte{0})
	}
	fmt.Fprintf(h, "%d %g %g", faqEpochs, faqRate, faqL2)
	key := h.Sum64()
	faqModels.Lock()
	defer faqModels.Unlock()
	if m, ok := faqModels.byKey[key]; ok {
		return m
	}
	m := newFAQModel(x, topics, bank, fix, oos, faqEpochs, faqRate, faqL2)
	if faqModels.byKey == nil {
		faqModels.byKey = map[uint64]*faqModel{}
	}
	faqModels.byKey[key] = m
	return m
}
