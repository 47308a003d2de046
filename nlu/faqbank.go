package nlu

import (
	_ "embed"
	"encoding/json"

	"github.com/stretchbot/stretchbot/coach"
)

// The FAQ bank (faq_bank.json) holds questions people type about each FAQ
// topic, written in many voices (slang, typos, long rambles, non-native
// English, hearsay) to teach the FAQ classifier (faqlr.go) more ways of
// asking than the content's own paraphrases. It trains that classifier,
// and the triage bank's models (triagebank.go) learn its lines as
// ordinary messages: a question is no report. It is never shown, and it
// is not part of the topics' content. No line of it is in any
// evaluation set (TestBanksAreTrainingOnly).

//go:embed faq_bank.json
var faqBankJSON []byte

// faqExample is one line of the bank.
type faqExample struct {
	Text  string `json:"text"`
	Topic string `json:"topic"`
}

// loadFAQBank parses the embedded bank. A malformed bank is a build error
// caught by its test, so it panics here.
func loadFAQBank() []faqExample {
	var ex []faqExample
	if err := json.Unmarshal(faqBankJSON, &ex); err != nil {
		panic("nlu: faq_bank.json: " + err.Error())
	}
	return ex
}

// bankByTopic groups the bank's questions by the index of their topic
// among topics; a question about a topic not among them is left out.
func bankByTopic(ex []faqExample, topics []coach.Topic) [][]string {
	at := map[string]int{}
	for i, tp := range topics {
		at[tp.ID] = i
	}
	out := make([][]string, len(topics))
	for _, e := range ex {
		if i, ok := at[e.Topic]; ok {
			out[i] = append(out[i], e.Text)
		}
	}
	return out
}
