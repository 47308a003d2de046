package nlu

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Spanish text: people type with or without accents ("ciática",
// "ciatica"), with "¿…?" or only "?", or none at all, and with chat
// abbreviations ("q", "xq", "tmb"). esTokenize folds all of that to one
// form, so the Spanish lexicon lists each word once, without accents.

// esFold maps accented vowels to plain ones: "meé" is "mee". "ñ" stays:
// "año" (year) and "ano" (anus) must not meet.
var esFold = strings.NewReplacer("á", "a", "é", "e", "í", "i", "ó", "o", "ú", "u", "ü", "u", "à", "a", "è", "e", "ò", "o")

// esAbbrev expands chat spellings to the words they stand for.
var esAbbrev = map[string]string{
	"q": "que", "k": "que", "ke": "que", "xq": "porque", "pq": "porque", "porq": "porque",
	"tmb": "tambien", "tb": "tambien", "tbn": "tambien", "x": "por", "d": "de", "dl": "del",
	"bn": "bien", "dsd": "desde", "hrs": "horas", "hs": "horas",
	"cm": "como", "msj": "mensaje", "pa": "para", "toy": "estoy", "ta": "esta",
}

// esMessage is a tokenised Spanish reading of a message.
type esMessage struct {
	toks     []token
	question []bool // question[s]: sentence s has "¿" or "?"
}

// esTokenize splits text into folded lower-case words, sentences and
// clauses. It never fails: any input gives a (possibly empty) message.
func esTokenize(text string) esMessage {
	if !utf8.ValidString(text) {
		text = strings.ToValidUTF8(text, " ")
	}
	if utf8.RuneCountInString(text) > maxInputRunes {
		n := 0
		for i := range text {
			if n == maxInputRunes {
				text = text[:i]
				break
			}
			n++
		}
	}
	text = esFold.Replace(strings.ToLower(text))
	m := esMessage{question: []bool{false}}
	var (
		sent, clause int
		comma        bool
		word         strings.Builder
	)
	flush := func() {
		if word.Len() == 0 {
			return
		}
		w := word.String()
		word.Reset()
		if e, ok := esAbbrev[w]; ok {
			w = e
		}
		m.toks = append(m.toks, token{word: w, sent: sent, clause: clause, comma: comma})
		comma = false
	}
	endSentence := func() {
		flush()
		if len(m.toks) > 0 && m.toks[len(m.toks)-1].sent == sent {
			sent++
			clause++
			m.question = append(m.question, false)
		}
		comma = false
	}
	for _, r := range text {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			word.WriteRune(r)
		case r == '?' || r == '¿':
			flush()
			m.question[sent] = true
			if r == '?' {
				endSentence()
			}
		case r == '.' || r == '!' || r == '¡' || r == '\n' || r == ';' || r == '…':
			if r == '¡' {
				flush()
				continue
			}
			endSentence()
		case r == ',' || r == ':' || r == '(' || r == ')' || r == '—' || r == '–' || r == '/':
			flush()
			clause++
			comma = true
		case r == '-' && word.Len() == 0:
			flush()
			clause++
			comma = true
		default:
			flush()
		}
	}
	flush()
	if n := len(m.toks); n == 0 {
		m.question = m.question[:1]
	} else if last := m.toks[n-1].sent; last+1 < len(m.question) {
		m.question = m.question[:last+1]
	}
	return m
}
