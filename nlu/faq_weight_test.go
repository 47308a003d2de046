package nlu

import (
	"testing"

	"github.com/stretchbot/stretchbot/coach"
)

// TestBagFavoursRecurringWords pins why the bag score flattens inverse
// topic frequency (bagIDFPower). "plan" says "daily" and "routine" in
// nearly every phrase; "habits" says "garden" once, in passing, and a word
// said once is as rare as words get. At full idf that one word weighs
// almost as much as plan's whole recurring vocabulary; flattened, plan
// leads by more. The topics are made up, so the test checks the weighting
// and not the content.
func TestBagFavoursRecurringWords(t *testing.T) {
	topics := []coach.Topic{
		{ID: "plan", Question: "what is the daily routine", Paraphrases: []string{
			"daily routine please",
			"how is the routine laid out daily",
			"the daily routine in short",
			"walk me through the routine",
			"what does a daily session of the routine hold",
		}},
		{ID: "habits", Question: "what habits help", Paraphrases: []string{
			"tips for the garden, done daily",
			"drink water and sleep well",
			"what else can i change",
			"small habits that help",
		}},
		{ID: "often", Question: "is daily stretching ok", Paraphrases: []string{
			"can i stretch daily",
			"how many times a week",
		}},
		{ID: "length", Question: "how long is the routine", Paraphrases: []string{
			"minutes for the whole routine",
			"time it takes",
		}},
		{ID: "breath", Question: "how should i breathe", Paraphrases: []string{
			"breathing while holding",
			"do i hold my breath",
		}},
	}
	// lead returns plan's score minus habits' for a message, and whether
	// plan ranks first.
	lead := func(x *faqIndex, text string) (float64, bool) {
		rk := x.rank(words(tokenize(text)))
		var plan, habits float64
		for _, r := range rk {
			switch x.topics[r.topic] {
			case "plan":
				plan = r.score
			case "habits":
				habits = r.score
			}
		}
		return plan - habits, len(rk) > 0 && x.topics[rk[0].topic] == "plan"
	}
	flat := newFAQIndex(topics)
	saved := bagIDFPower
	bagIDFPower = 1
	full := newFAQIndex(topics)
	bagIDFPower = saved

	for _, text := range []string{
		"daily routine in the garden",
		"my daily routine in my garden",
		"the routine i do daily out in the garden",
	} {
		l, first := lead(flat, text)
		lFull, _ := lead(full, text)
		if !first {
			t.Errorf("%q: plan is not first (lead %.3f)", text, l)
		}
		if l <= lFull {
			t.Errorf("%q: plan leads habits by %.3f with the flattened bag, %.3f at full idf; want more", text, l, lFull)
		}
	}
}
