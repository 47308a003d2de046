package coach

import (
	"strconv"
	"strings"
	"unicode"
)

// Typed answers. People type "ok", "Done!", "✅", "yep", "ouch", "5/10",
// "about a 4", "nope". These functions map what they type to the answer a
// button would have given; each returns ok=false when the text is not such
// an answer, so the caller can try the next reading or ask again.

// words lower-cases s and splits it into words and emoji, dropping
// punctuation.
func words(s string) []string {
	s = strings.ToLower(s)
	return strings.FieldsFunc(s, func(r rune) bool {
		return unicode.IsSpace(r) || (unicode.IsPunct(r) && r != '/' && r != '\'') || r == '\u200d' || r == '\ufe0f'
	})
}

// short reports whether the answer is short enough to be a reply to a
// question rather than a sentence that mentions the word in passing.
func short(ws []string) bool { return len(ws) > 0 && len(ws) <= 5 }

func hasAny(ws []string, set map[string]bool) bool {
	for _, w := range ws {
		if set[w] {
			return true
		}
	}
	return false
}

var (
	yesWords = setOf("yes", "y", "yeah", "yea", "yep", "yup", "sure", "ok", "okay", "k", "kk", "fine",
		"aye", "si", "ja", "oui", "👍", "✅", "✔", "go", "alright", "absolutely", "definitely", "please", "course")
	noWords   = setOf("no", "n", "nope", "nah", "not", "none", "never", "negative", "👎", "❌", "nothing", "neither", "nein", "non")
	doneWords = setOf("done", "did", "finished", "finish", "complete", "completed", "ok", "okay", "✅", "👍", "✔",
		"next", "good", "great", "fine", "easy", "yes", "yep", "y", "k", "doneee", "dun", "dn", "ready")
	hurtWords = setOf("hurts", "hurt", "hurting", "ouch", "ow", "oww", "owww", "pain", "painful", "sore", "aches", "ache",
		"aching", "😣", "😖", "😫", "🤕", "😩", "ouchh", "stings", "twinge")
	skipWords = setOf("skip", "skipping", "pass", "⏭", "⏩", "later", "cant", "can't", "cannot", "nah")
	stopWords = setOf("stop", "quit", "cancel", "end", "exit", "enough", "halt", "🛑")
)

func setOf(ws ...string) map[string]bool {
	m := make(map[string]bool, len(ws))
	for _, w := range ws {
		m[w] = true
	}
	return m
}

// parseYesNo reads a yes/no answer.
func parseYesNo(text string) (yes, ok bool) {
	ws := words(text)
	if !short(ws) {
		return false, false
	}
	y, n := hasAny(ws, yesWords), hasAny(ws, noWords)
	// "no, not really" → no; "yes" → yes; "not sure" is neither.
	if n && !y {
		if len(ws) >= 2 && ws[0] == "not" && ws[1] == "sure" {
			return false, false
		}
		return false, true
	}
	if y && !n {
		return true, true
	}
	return false, false
}

// stepAnswer is an answer to a stretch card.
type stepAnswer string

const (
	ansDone  stepAnswer = "done"
	ansHurt  stepAnswer = "hurt"
	ansSkip  stepAnswer = "skip"
	ansStop  stepAnswer = "stop"
	ansTimer stepAnswer = "timer"
)

// parseStepAnswer reads done / hurts / skip / stop typed at a stretch.
func parseStepAnswer(text string) (stepAnswer, bool) {
	ws := words(text)
	if !short(ws) {
		return "", false
	}
	switch {
	case hasAny(ws, hurtWords) && !negated(ws, hurtWords):
		return ansHurt, true
	case hasAny(ws, stopWords):
		return ansStop, true
	case hasAny(ws, skipWords):
		return ansSkip, true
	case hasAny(ws, setOf("timer", "time", "⏱", "⏲", "clock", "count")):
		return ansTimer, true
	case hasAny(ws, doneWords):
		return ansDone, true
	}
	return "", false
}

// negated reports whether a word of set follows a negation: "no pain",
// "doesn't hurt".
func negated(ws []string, set map[string]bool) bool {
	for i, w := range ws {
		if !set[w] {
			continue
		}
		for j := max(0, i-3); j < i; j++ {
			switch ws[j] {
			case "no", "not", "dont", "don't", "doesn't", "doesnt", "didn't", "didnt", "without", "zero", "isn't", "isnt":
				return true
			}
		}
	}
	return false
}

var numberWords = map[string]int{
	"zero": 0, "none": 0, "nothing": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5,
	"six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
}

// parseScore reads a 0-10 score: "5", "5/10", "about a 4", "seven", "6.5"
// (rounded). More than one number, or one outside 0-10, is not a score.
func parseScore(text string) (int, bool) {
	// Split like words, but keep signs and decimal points with numbers.
	ws := strings.FieldsFunc(strings.ToLower(text), func(r rune) bool {
		return unicode.IsSpace(r) || (unicode.IsPunct(r) && !strings.ContainsRune("/.-'", r))
	})
	if len(ws) == 0 || len(ws) > 8 {
		return 0, false
	}
	found, n := -1, 0
	for _, w := range ws {
		w = strings.TrimSuffix(strings.TrimRight(w, "."), "/10")
		if v, ok := numberWords[w]; ok {
			found, n = v, n+1
			continue
		}
		if f, err := strconv.ParseFloat(w, 64); err == nil {
			if f < 0 || f > 10 || f != f {
				return 0, false
			}
			found, n = int(f+0.5), n+1
		}
	}
	if n != 1 {
		return 0, false
	}
	return found, true
}
