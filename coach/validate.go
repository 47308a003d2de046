package coach

import (
	"errors"
	"fmt"
	"maps"
	"slices"
	"sort"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// The programme's fixed shape: Validate rejects content that departs from
// it.
var (
	// contentStretchIDs are the ten stretches of the programme, in no
	// particular order.
	contentStretchIDs = []string{
		"childs-pose", "knee-to-chest", "pelvic-tilt", "supine-twist", "hip-flexor",
		"glute-stretch", "hamstring", "cat-cow", "bridge", "side-child-pose",
	}
	// contentTopicIDs are the FAQ topics, in no particular order.
	contentTopicIDs = []string{
		"stretch-daily", "stretch-worse", "time-to-relief", "slipped-disc", "walking",
		"morning-or-evening", "hamstrings", "yoga", "strengthening", "bed-rest",
		"normal-imaging", "stress", "braces", "how-hard", "hold-time", "routine-plan",
		"mistakes", "see-clinician", "habits", "why-stretch", "pnf", "cure-myth",
		"warm-up", "breathing",
	}
)

// Kinds of stretch, and the kind each routine is made of.
const (
	kindMobility   = "mobility"
	kindActivation = "activation"
)

// slotStretchKind is the kind of stretch every item of a slot's routine
// must be: mobility in the morning, activation in the evening.
func slotStretchKind(s Slot) string {
	if s == Evening {
		return kindActivation
	}
	return kindMobility
}

// Limits Validate enforces. Lengths are in characters (runes).
const (
	limMaxText       = 1000 // any text at all
	limMaxStep       = 90   // one step of a stretch or variation
	limMaxPurpose    = 120  // a stretch's one-line purpose
	limMaxTitle      = 32   // an FAQ title, shown on a button
	limMaxName       = 64   // a stretch, variation or routine name
	limMinSteps      = 2
	limMaxSteps      = 5
	limMinHold       = 5 // seconds
	limMaxHold       = 60
	limMinReps       = 3
	limMaxReps       = 20
	limRoutineLen    = 5
	limMinTips       = 4
	limMaxTips       = 8
	limMaxSentences  = 4 // an FAQ answer
	limMinParaphrase = 5
	limMaxRelated    = 3
)

// The files the problems are reported against.
const (
	srcStretches = "stretches.json"
	srcRoutines  = "routines.json"
	srcSafety    = "safety.json"
	srcFAQ       = "faq.json"
)

// Validate checks every file of the content and the message catalogue
// against the programme's shape: the exact stretch and topic ids, step
// counts, doses, routines, safety wording, FAQ answers and related topics,
// catalogue completeness and placeholders, and that every text is trimmed
// and at most 1,000 characters. It reports every problem it finds, one per
// line, each naming the file, the id and what is wrong. It does not rely on
// the lookup index, so it can check a Content built by hand.
func (c *Content) Validate() error {
	v := &contentValidator{}
	stretches := v.stretches(c.Stretches)
	v.routines(c.Routines, stretches)
	v.safety(&c.Safety)
	v.topics(c.Topics)
	v.catalog(c.Messages)
	if len(v.problems) == 0 {
		return nil
	}
	return fmt.Errorf("content is invalid:\n%w", errors.Join(v.problems...))
}

// contentValidator collects problems.
type contentValidator struct {
	problems []error
}

// add records a problem in file about the item id.
func (v *contentValidator) add(file, id, format string, args ...any) {
	where := file
	if id != "" {
		where += ": " + id
	}
	v.problems = append(v.problems, fmt.Errorf("%s: %s", where, fmt.Sprintf(format, args...)))
}

// text checks one required string: present, trimmed, at most limit
// characters, valid UTF-8.
func (v *contentValidator) text(file, id, field, s string, limit int) {
	n := utf8.RuneCountInString(s)
	switch {
	case s == "":
		v.add(file, id, "%s is missing", field)
	case strings.TrimSpace(s) == "":
		v.add(file, id, "%s is blank", field)
	case strings.TrimSpace(s) != s:
		v.add(file, id, "%s has leading or trailing space", field)
	}
	if n > limit {
		v.add(file, id, "%s is %d characters, at most %d", field, n, limit)
	}
	if !utf8.ValidString(s) {
		v.add(file, id, "%s is not valid UTF-8", field)
	}
}

// oneLine checks that s is a single line.
func (v *contentValidator) oneLine(file, id, field, s string) {
	if strings.ContainsAny(s, "\r\n") {
		v.add(file, id, "%s must be one line", field)
	}
}

// stretches checks stretches.json and returns the stretches by id.
func (v *contentValidator) stretches(list []Stretch) map[string]*Stretch {
	byID := make(map[string]*Stretch, len(list))
	want := make(map[string]bool, len(contentStretchIDs))
	for _, id := range contentStretchIDs {
		want[id] = true
	}
	for i := range list {
		s := &list[i]
		id := s.ID
		if id == "" {
			id = fmt.Sprintf("stretch #%d", i+1)
			v.add(srcStretches, id, "id is missing")
		} else if !want[id] {
			v.add(srcStretches, id, "unknown stretch id (want one of %s)", strings.Join(contentStretchIDs, ", "))
		}
		if _, dup := byID[s.ID]; dup && s.ID != "" {
			v.add(srcStretches, id, "duplicate stretch id")
		} else if s.ID != "" {
			byID[s.ID] = s
		}
		v.text(srcStretches, id, "name", s.Name, limMaxName)
		v.oneLine(srcStretches, id, "name", s.Name)
		if s.Kind != kindMobility && s.Kind != kindActivation {
			v.add(srcStretches, id, "kind %q, want %q or %q", s.Kind, kindMobility, kindActivation)
		}
		v.steps(id, "steps", s.Steps)
		v.dose(id, "dose", s.Dose)
		v.text(srcStretches, id, "purpose", s.Purpose, limMaxPurpose)
		v.oneLine(srcStretches, id, "purpose", s.Purpose)
		v.text(srcStretches, id, "gentler.name", s.Gentler.Name, limMaxName)
		v.oneLine(srcStretches, id, "gentler.name", s.Gentler.Name)
		v.steps(id, "gentler.steps", s.Gentler.Steps)
		v.dose(id, "gentler.dose", s.Gentler.Dose)
		if s.Gentler.Name != "" && strings.EqualFold(s.Gentler.Name, s.Name) {
			v.add(srcStretches, id, "gentler.name is the stretch's own name")
		}
		if g, m := estimateDose(s.Gentler.Dose), estimateDose(s.Dose); g > m {
			v.add(srcStretches, id, "gentler.dose takes %v, longer than the stretch's own %v", g, m)
		}
		v.text(srcStretches, id, "skip_if", s.SkipIf, limMaxText)
	}
	for _, id := range contentStretchIDs {
		if byID[id] == nil {
			v.add(srcStretches, id, "stretch is missing")
		}
	}
	return byID
}

// steps checks a list of steps.
func (v *contentValidator) steps(id, field string, steps []string) {
	if n := len(steps); n < limMinSteps || n > limMaxSteps {
		v.add(srcStretches, id, "%s: %d steps, want %d-%d", field, n, limMinSteps, limMaxSteps)
	}
	for i, s := range steps {
		f := fmt.Sprintf("%s[%d]", field, i)
		v.text(srcStretches, id, f, s, limMaxStep)
		v.oneLine(srcStretches, id, f, s)
	}
}

// dose checks a dose: a hold or reps (not both), at least one round.
func (v *contentValidator) dose(id, field string, d Dose) {
	switch {
	case d.HoldSeconds < 0 || d.Reps < 0:
		v.add(srcStretches, id, "%s: negative hold_seconds or reps", field)
	case d.HoldSeconds > 0 && d.Reps > 0:
		v.add(srcStretches, id, "%s: has both hold_seconds and reps, want one", field)
	case d.HoldSeconds == 0 && d.Reps == 0:
		v.add(srcStretches, id, "%s: has neither hold_seconds nor reps, want one", field)
	case d.HoldSeconds > 0 && (d.HoldSeconds < limMinHold || d.HoldSeconds > limMaxHold):
		v.add(srcStretches, id, "%s: hold_seconds %d, want %d-%d", field, d.HoldSeconds, limMinHold, limMaxHold)
	case d.Reps > 0 && (d.Reps < limMinReps || d.Reps > limMaxReps):
		v.add(srcStretches, id, "%s: reps %d, want %d-%d", field, d.Reps, limMinReps, limMaxReps)
	}
	if d.Rounds < 1 {
		v.add(srcStretches, id, "%s: rounds %d, want at least 1", field, d.Rounds)
	}
}

// routines checks routines.json against the stretches.
func (v *contentValidator) routines(list []Routine, stretches map[string]*Stretch) {
	seenSlot := map[Slot]bool{}
	usedIn := map[string]Slot{}
	for i := range list {
		r := &list[i]
		id := string(r.Slot)
		if !r.Slot.Valid() {
			if id == "" {
				id = fmt.Sprintf("routine #%d", i+1)
			}
			v.add(srcRoutines, id, "slot %q, want %q or %q", r.Slot, Morning, Evening)
		} else if seenSlot[r.Slot] {
			v.add(srcRoutines, id, "duplicate routine for this slot")
		}
		seenSlot[r.Slot] = true
		v.text(srcRoutines, id, "name", r.Name, limMaxName)
		v.oneLine(srcRoutines, id, "name", r.Name)
		v.text(srcRoutines, id, "intro", r.Intro, limMaxText)
		if len(r.Items) != limRoutineLen {
			v.add(srcRoutines, id, "%d items, want %d", len(r.Items), limRoutineLen)
		}
		for j, it := range r.Items {
			where := fmt.Sprintf("%s item %d (%s)", id, j+1, it.Stretch)
			s := stretches[it.Stretch]
			switch {
			case it.Stretch == "":
				v.add(srcRoutines, where, "stretch is missing")
			case s == nil:
				v.add(srcRoutines, where, "unknown stretch")
			case r.Slot.Valid() && s.Kind != slotStretchKind(r.Slot):
				v.add(srcRoutines, where, "stretch is of kind %q, a %s routine takes %q", s.Kind, r.Slot, slotStretchKind(r.Slot))
			}
			if prev, dup := usedIn[it.Stretch]; dup && it.Stretch != "" {
				v.add(srcRoutines, where, "stretch is used twice (also in %s)", prev)
			}
			usedIn[it.Stretch] = r.Slot
			v.text(srcRoutines, where, "why", it.Why, limMaxText)
		}
	}
	for _, s := range []Slot{Morning, Evening} {
		if !seenSlot[s] {
			v.add(srcRoutines, string(s), "routine is missing")
		}
	}
	for _, id := range contentStretchIDs {
		if _, ok := usedIn[id]; !ok && stretches[id] != nil {
			v.add(srcRoutines, id, "stretch is in no routine")
		}
	}
}

// safety checks safety.json.
func (v *contentValidator) safety(s *Safety) {
	if n := len(s.Tips); n < limMinTips || n > limMaxTips {
		v.add(srcSafety, "tips", "%d tips, want %d-%d", n, limMinTips, limMaxTips)
	}
	for i, t := range s.Tips {
		v.text(srcSafety, "tips", fmt.Sprintf("tip %d", i+1), t, limMaxText)
	}
	for _, f := range []struct{ name, s string }{
		{"disclaimer", s.Disclaimer},
		{"emergency_question", s.EmergencyQuestion},
		{"clinician_question", s.ClinicianQuestion},
		{"clinician", s.Clinician},
		{"emergency", s.Emergency},
	} {
		v.text(srcSafety, f.name, "text", f.s, limMaxText)
	}
	if n := countSentences(s.Disclaimer); s.Disclaimer != "" && (n < 2 || n > 4) {
		v.add(srcSafety, "disclaimer", "%d sentences, want 2-4", n)
	}
	for _, q := range []struct{ name, s string }{
		{"emergency_question", s.EmergencyQuestion},
		{"clinician_question", s.ClinicianQuestion},
	} {
		if q.s != "" && !strings.HasSuffix(q.s, "?") {
			v.add(srcSafety, q.name, "must be a yes/no question ending in \"?\"")
		}
	}
}

// topics checks faq.json.
func (v *contentValidator) topics(list []Topic) {
	byID := make(map[string]*Topic, len(list))
	want := make(map[string]bool, len(contentTopicIDs))
	for _, id := range contentTopicIDs {
		want[id] = true
	}
	for i := range list {
		t := &list[i]
		if t.ID == "" {
			v.add(srcFAQ, fmt.Sprintf("topic #%d", i+1), "id is missing")
			continue
		}
		if !want[t.ID] {
			v.add(srcFAQ, t.ID, "unknown topic id")
		}
		if byID[t.ID] != nil {
			v.add(srcFAQ, t.ID, "duplicate topic id")
		}
		byID[t.ID] = t
	}
	for _, id := range contentTopicIDs {
		if byID[id] == nil {
			v.add(srcFAQ, id, "topic is missing")
		}
	}
	for i := range list {
		t := &list[i]
		id := t.ID
		if id == "" {
			continue
		}
		v.text(srcFAQ, id, "title", t.Title, limMaxTitle)
		v.oneLine(srcFAQ, id, "title", t.Title)
		v.text(srcFAQ, id, "question", t.Question, limMaxText)
		v.text(srcFAQ, id, "answer", t.Answer, limMaxText)
		if n := countSentences(t.Answer); t.Answer != "" && n > limMaxSentences {
			v.add(srcFAQ, id, "answer has %d sentences, at most %d", n, limMaxSentences)
		}
		if n := len(t.Paraphrases); n < limMinParaphrase {
			v.add(srcFAQ, id, "%d paraphrases, want at least %d", n, limMinParaphrase)
		}
		seen := map[string]bool{}
		for j, p := range t.Paraphrases {
			v.text(srcFAQ, id, fmt.Sprintf("paraphrase %d", j+1), p, limMaxText)
			k := strings.ToLower(p)
			if seen[k] && p != "" {
				v.add(srcFAQ, id, "paraphrase %q is repeated", p)
			}
			seen[k] = true
		}
		if len(t.Related) > limMaxRelated {
			v.add(srcFAQ, id, "%d related topics, at most %d", len(t.Related), limMaxRelated)
		}
		rel := map[string]bool{}
		for _, r := range t.Related {
			switch {
			case r == id:
				v.add(srcFAQ, id, "related topic is the topic itself")
			case byID[r] == nil:
				v.add(srcFAQ, id, "related topic %q does not exist", r)
			case rel[r]:
				v.add(srcFAQ, id, "related topic %q is listed twice", r)
			}
			rel[r] = true
		}
	}
}

// catalog checks the message catalogue: English is there and complete,
// every other language has the same keys and, per key, the same
// placeholders.
func (v *contentValidator) catalog(cat Catalog) {
	const file = "i18n"
	en := cat[DefaultLang]
	if len(en) == 0 {
		v.add(file, DefaultLang, "the English catalogue is missing or empty")
	}
	langs := make([]string, 0, len(cat))
	for lang := range cat {
		langs = append(langs, lang)
	}
	sort.Strings(langs)
	missing := cat.Missing()
	for _, lang := range langs {
		m := cat[lang]
		where := file + " " + lang
		for _, k := range missing[lang] {
			v.add(where, k, "key is missing (English has it)")
		}
		for _, k := range slices.Sorted(maps.Keys(m)) {
			s := m[k]
			v.text(where, k, "text", s, limMaxText)
			if lang == DefaultLang {
				continue
			}
			ref, ok := en[k]
			if !ok {
				v.add(where, k, "key is not in the English catalogue")
				continue
			}
			if want, got := catalogPlaceholders(ref), catalogPlaceholders(s); !slices.Equal(want, got) {
				v.add(where, k, "placeholders {%s}, English has {%s}", strings.Join(got, "} {"), strings.Join(want, "} {"))
			}
		}
	}
}

// catalogPlaceholders returns the distinct {name} placeholders in s, sorted. A
// name is made of letters, digits, '_' and '-'.
func catalogPlaceholders(s string) []string {
	set := map[string]bool{}
	for {
		i := strings.IndexByte(s, '{')
		if i < 0 {
			break
		}
		s = s[i+1:]
		j := strings.IndexByte(s, '}')
		if j < 0 {
			break
		}
		if name := s[:j]; name != "" && strings.IndexFunc(name, func(r rune) bool {
			return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '_' && r != '-'
		}) < 0 {
			set[name] = true
			s = s[j+1:]
		}
	}
	out := make([]string, 0, len(set))
	for n := range set {
		out = append(out, n)
	}
	sort.Strings(out)
	return out
}

// countSentences counts the sentences of s: a sentence ends with '.', '!', '?'
// or '…' (possibly followed by closing quotes or brackets) at the end of s
// or before a space and a capital letter, a digit or an opening quote, so
// "e.g. walking" or "2.5" do not end one. Text after the last end counts
// as a sentence too.
func countSentences(s string) int {
	rs := []rune(strings.TrimSpace(s))
	n := 0
	for i := 0; i < len(rs); i++ {
		if !endsSentence(rs[i]) {
			continue
		}
		j := i + 1
		for j < len(rs) && (endsSentence(rs[j]) || strings.ContainsRune(`"')]”’»`, rs[j])) {
			j++
		}
		if j == len(rs) {
			n++
			return n
		}
		if !unicode.IsSpace(rs[j]) {
			i = j - 1
			continue
		}
		k := j
		for k < len(rs) && unicode.IsSpace(rs[k]) {
			k++
		}
		if k < len(rs) && (unicode.IsUpper(rs[k]) || unicode.IsDigit(rs[k]) || strings.ContainsRune(`"'(“‘«`, rs[k])) {
			n++
		}
		i = k - 1
	}
	if len(rs) > 0 {
		n++ // text after the last sentence end
	}
	return n
}

func endsSentence(r rune) bool { return r == '.' || r == '!' || r == '?' || r == '…' }

// Timing assumptions of Duration.
const (
	// EstimatedRepTime is the time one repetition takes, on average: a slow move
	// out, a breath, a slow move back.
	EstimatedRepTime = 4 * time.Second
	// EstimatedTransition is the time allowed per stretch for reading it, getting
	// into position and changing sides or rounds.
	EstimatedTransition = 30 * time.Second
)

// Duration estimates how long the routine for slot s takes as written
// (not its gentler variations): for each stretch, the hold seconds or the
// reps at EstimatedRepTime each, times the rounds, times two sides for a per-side
// stretch, plus one EstimatedTransition. It is zero for an unknown slot and ignores
// unknown stretch ids; it does not need the lookup index.
func (c *Content) Duration(s Slot) time.Duration {
	var d time.Duration
	for _, r := range c.Routines {
		if r.Slot != s {
			continue
		}
		for _, it := range r.Items {
			for i := range c.Stretches {
				if c.Stretches[i].ID == it.Stretch {
					d += estimateDose(c.Stretches[i].Dose) + EstimatedTransition
					break
				}
			}
		}
	}
	return d
}

// estimateDose is the time spent in the dose itself: the hold or the reps
// at EstimatedRepTime each, times the rounds (at least one), times two
// sides when PerSide.
func estimateDose(d Dose) time.Duration {
	one := time.Duration(d.HoldSeconds)*time.Second + time.Duration(d.Reps)*EstimatedRepTime
	n := time.Duration(max(d.Rounds, 1))
	if d.PerSide {
		n *= 2
	}
	return one * n
}
