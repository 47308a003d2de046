package nlu

import (
	"sync"

	"github.com/stretchbot/stretchbot/coach"
)

// esFAQIndex matches Spanish questions to FAQ topics.
type esFAQIndex struct{}

var esFAQ = sync.OnceValue(func() *esFAQIndex { return &esFAQIndex{} })

// understand classifies a Spanish message that raised no red flag. Until a
// topic matches with confidence, a Spanish question is IntentUnknown: the
// user gets the honest "outside what I can help with" and the topic menu,
// never an English topic picked by a stray shared word.
func (x *esFAQIndex) understand(text string, th Thresholds) coach.Understanding {
	return coach.Understanding{Intent: coach.IntentUnknown}
}
