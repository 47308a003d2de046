package nlu

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/kljensen/snowball/english"
)

// maxInputRunes bounds the work done on one message: anything after it is
// ignored. Chat messages are short; a pasted essay is not a question.
const maxInputRunes = 600

// token is one word of a message, after normalisation.
type token struct {
	word string // lower case, contractions expanded
	stem string // Snowball stem of word (after synonym mapping for the FAQ)
	sent int    // sentence number, from 0
	// clause is the clause number, counted over the whole message: it
	// changes at sentence ends and at commas, colons, dashes and brackets.
	clause int
	// comma is set when a comma-like break precedes the token inside its
	// sentence.
	comma bool
}

// message is a tokenised message.
type message struct {
	toks []token
	// question[s] reports whether sentence s ended with a question mark.
	question []bool
}

// contractions maps whole contracted words (apostrophe already removed or
// kept) to their expansion.
var contractions = map[string][]string{
	"can't": {"can", "not"}, "cant": {"can", "not"}, "cannot": {"can", "not"},
	"won't": {"will", "not"}, "wont": {"will", "not"},
	"shan't": {"shall", "not"},
	"ain't":  {"is", "not"},
	"i'm":    {"i", "am"}, "im": {"i", "am"},
	"i've": {"i", "have"}, "ive": {"i", "have"},
	"i'd": {"i", "would"}, "i'll": {"i", "will"},
	"dont": {"do", "not"}, "doesnt": {"does", "not"}, "didnt": {"did", "not"},
	"isnt": {"is", "not"}, "arent": {"are", "not"}, "wasnt": {"was", "not"},
	"werent": {"were", "not"}, "havent": {"have", "not"}, "hasnt": {"has", "not"},
	"hadnt": {"had", "not"}, "couldnt": {"could", "not"}, "wouldnt": {"would", "not"},
	"shouldnt": {"should", "not"}, "mustnt": {"must", "not"},
	"it's": {"it", "is"}, "he's": {"he", "is"}, "she's": {"she", "is"},
	"whats": {"what", "is"}, "thats": {"that", "is"}, "theres": {"there", "is"},
	"hows": {"how", "is"}, "wheres": {"where", "is"}, "whens": {"when", "is"},
	"u": {"you"}, "ur": {"your"}, "r": {"are"}, "y": {"why"}, "wat": {"what"}, "wot": {"what"},
	"pls": {"please"}, "plz": {"please"}, "b4": {"before"}, "til": {"until"}, "till": {"until"},
	"shud": {"should"}, "cud": {"could"}, "wud": {"would"}, "abt": {"about"},
	"ppl": {"people"}, "tho": {"though"}, "coz": {"because"}, "cos": {"because"},
	"cuz": {"because"}, "bc": {"because"}, "w/o": {"without"}, "hrs": {"hours"},
	"mins": {"minutes"}, "secs": {"seconds"}, "sec": {"second"}, "min": {"minute"},
	"wks": {"weeks"}, "wk": {"week"}, "yrs": {"years"}, "yr": {"year"},
	// dialect: Scots, Caribbean
	"nah": {"not"}, "nae": {"no"}, "doon": {"down"}, "oot": {"out"}, "wioot": {"without"},
	"masel": {"myself"}, "mysel": {"myself"}, "cannae": {"can", "not"}, "canna": {"can", "not"},
	"dinnae": {"do", "not"}, "didnae": {"did", "not"}, "isnae": {"is", "not"}, "wisnae": {"was", "not"},
	"couldnae": {"could", "not"}, "widnae": {"would", "not"}, "wasnae": {"was", "not"},
	"sair": {"sore"}, "tae": {"to"}, "auld": {"old"}, "noo": {"now"}, "lavvy": {"toilet"},
	"erse": {"arse"}, "nuh": {"not"}, "nuttin": {"nothing"}, "nutten": {"nothing"},
}

// expand splits a raw lower-case word into normalised words: contractions
// are expanded, possessive 's dropped, remaining apostrophes removed.
func expand(w string, out []string) []string {
	if e, ok := contractions[w]; ok {
		return append(out, e...)
	}
	if strings.ContainsRune(w, '\'') {
		// "what's" is "whats": the same words, however it is typed.
		if e, ok := contractions[strings.ReplaceAll(w, "'", "")]; ok {
			return append(out, e...)
		}
		switch {
		case strings.HasSuffix(w, "n't"):
			base := w[:len(w)-3]
			return append(out, base, "not")
		case strings.HasSuffix(w, "'s"):
			w = w[:len(w)-2]
		case strings.HasSuffix(w, "'ve"):
			return append(out, w[:len(w)-3], "have")
		case strings.HasSuffix(w, "'re"):
			return append(out, w[:len(w)-3], "are")
		case strings.HasSuffix(w, "'ll"):
			return append(out, w[:len(w)-3], "will")
		case strings.HasSuffix(w, "'d"):
			return append(out, w[:len(w)-2], "would")
		}
		w = strings.ReplaceAll(w, "'", "")
		if e, ok := contractions[w]; ok {
			return append(out, e...)
		}
	}
	if w == "" {
		return out
	}
	return append(out, w)
}

// tokenize splits text into words, sentences and clauses. It never fails:
// any input, valid UTF-8 or not, gives a (possibly empty) message.
func tokenize(text string) message {
	// "w/o" is a word, though "/" breaks a clause elsewhere.
	text = withoutAbbrev.Replace(text)
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
	m := message{question: []bool{false}}
	var (
		sent, clause int
		comma        bool
		word         strings.Builder
		parts        []string
	)
	flush := func() {
		if word.Len() == 0 {
			return
		}
		parts = expand(word.String(), parts[:0])
		word.Reset()
		for _, p := range parts {
			m.toks = append(m.toks, token{word: p, sent: sent, clause: clause, comma: comma})
			comma = false
		}
	}
	endSentence := func(q bool) {
		flush()
		if q {
			m.question[sent] = true
		}
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
			word.WriteRune(unicode.ToLower(r))
		case r == '\'' || r == '’' || r == '‘' || r == '`':
			if word.Len() > 0 {
				word.WriteByte('\'')
			}
		case r == '&' && word.Len() > 0:
			word.WriteByte('&') // a&e
		case r == '.' || r == '!' || r == '\n' || r == ';' || r == '…':
			endSentence(false)
		case r == '?':
			endSentence(true)
		case r == ',' || r == ':' || r == '(' || r == ')' || r == '—' || r == '–' || r == '/':
			flush()
			clause++
			comma = true
		case r == '-':
			// a hyphen joins words ("x-ray", "cross-legged"); a dash
			// between spaces breaks a clause.
			if word.Len() == 0 {
				flush()
				clause++
				comma = true
			} else {
				flush()
			}
		default:
			flush()
		}
	}
	flush()
	dialectMa(m.toks)
	// Drop a trailing empty sentence slot.
	if n := len(m.toks); n == 0 {
		m.question = m.question[:1]
	} else if last := m.toks[n-1].sent; last+1 < len(m.question) {
		m.question = m.question[:last+1]
	}
	return m
}

// withoutAbbrev spells out "w/o" before "/" can split it.
var withoutAbbrev = strings.NewReplacer("w/o ", "without ", "W/O ", "without ", "W/o ", "without ", "w/out ", "without ")

// dialectMa reads the Scots "ma": "my" ("ma leg"), but "mum" after a
// determiner ("my ma", "her ma").
func dialectMa(toks []token) {
	for i := range toks {
		if toks[i].word != "ma" {
			continue
		}
		if i > 0 && toks[i-1].sent == toks[i].sent && determiners[toks[i-1].word] {
			toks[i].word = "mum"
		} else {
			toks[i].word = "my"
		}
	}
}

// determiners before "ma" make it a mother.
var determiners = set("my his her your our their the a me")

// stem returns the Snowball English stem of a normalised word.
func stem(w string) string {
	if len(w) <= 2 {
		return w
	}
	return english.Stem(w, true)
}

// editDistance returns the Damerau-Levenshtein (optimal string alignment)
// distance between a and b, or max+1 as soon as it must exceed max. It works
// on bytes: the vocabulary is ASCII.
func editDistance(a, b string, max int) int {
	la, lb := len(a), len(b)
	if d := la - lb; d > max || -d > max {
		return max + 1
	}
	// three rows are enough for transpositions.
	var buf [3][40]int
	if lb+1 > len(buf[0]) {
		return max + 1
	}
	prev2, prev, cur := buf[0][:lb+1], buf[1][:lb+1], buf[2][:lb+1]
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= la; i++ {
		cur[0] = i
		rowMin := cur[0]
		for j := 1; j <= lb; j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			v := min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				v = min(v, prev2[j-2]+1)
			}
			cur[j] = v
			rowMin = min(rowMin, v)
		}
		if rowMin > max {
			return max + 1
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[lb]
}

// isASCIIWord reports whether w is made of ASCII letters only.
func isASCIIWord(w string) bool {
	for i := 0; i < len(w); i++ {
		if c := w[i]; c < 'a' || c > 'z' {
			return false
		}
	}
	return w != ""
}
