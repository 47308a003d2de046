package coach

import (
	"strings"
	"time"
)

// The guided routine: one stretch per message with progress, done / hurts /
// skip, the "hurts" path, a hold timer, a pain check at the end and a
// summary.

// startRoutine is startRoutine for the reminder rules ("Start now").
func (e *Engine) startRoutine(st State, slot Slot, now time.Time) Output {
	s := &step{e: e, st: st, now: now, in: Input{Kind: InputButton}}
	s.startRoutine(slot)
	return s.output()
}

// startRoutine begins the slot's routine, or resumes the one in progress.
func (s *step) startRoutine(slot Slot) {
	if !s.st.Profile.Onboarded {
		s.say(s.t("routine.setup_first"))
		s.beginOnboarding()
		return
	}
	if s.st.Session != nil {
		s.say(s.t("routine.resume", "n", itoa(s.st.Session.Index+1), "total", itoa(len(s.st.Session.Items))))
		if !s.isRoutinePhase() {
			s.goTo(PhaseStretch)
		} else {
			s.prompt()
		}
		return
	}
	if s.recheckDue() {
		s.st.Resume = slot
		s.goTo(PhaseRecheck)
		return
	}
	s.st.Resume = ""
	r := s.e.c.Routine(slot)
	s.pruneHurts()
	sess := &Session{ID: s.st.Turn + 1, Slot: slot, Day: s.today(), Started: s.now, Pain: -1}
	var notes []string
	for _, it := range r.Items {
		item := Item{Stretch: it.Stretch}
		switch {
		case s.st.Profile.GentleOnly:
			item.Gentle = true
		case s.st.Gentle[it.Stretch] != "":
			item.Gentle = true
		case s.hurtCount(it.Stretch) >= 2:
			item.Gentle = true
			if s.st.Gentle == nil {
				s.st.Gentle = map[string]Day{}
			}
			s.st.Gentle[it.Stretch] = s.today()
			st := s.e.c.Stretch(it.Stretch)
			notes = append(notes, s.t("routine.swapped", "name", s.stretchName(st, false), "gentle", s.stretchName(st, true)))
		}
		sess.Items = append(sess.Items, item)
	}
	s.st.Session = sess
	tip := s.t("safety.tip." + itoa(s.pick(len(s.e.c.Safety.Tips), "tip")+1))
	s.say(s.t("routine.intro", "name", s.t("routine."+string(slot)+".name"), "intro", s.t("routine."+string(slot)+".intro"), "tip", tip))
	for _, n := range notes {
		s.say(n)
	}
	s.goTo(PhaseStretch)
}

func (s *step) isRoutinePhase() bool {
	switch s.st.Phase {
	case PhaseStretch, PhaseHurtLevel, PhaseHurtKind, PhaseHurtChoice, PhaseEndPain:
		return true
	}
	return false
}

// closeStaleSession ends a routine left unfinished for too long, so the
// next one starts fresh; what was done is kept in the history.
func (s *step) closeStaleSession() {
	sess := s.st.Session
	if sess == nil || s.now.Sub(sess.Started) < staleSession {
		return
	}
	s.endSession(false, "abandoned", -1)
	if s.isRoutinePhase() {
		s.st.Phase = PhaseIdle
		s.st.Turn++
	}
}

// endSession records the routine and clears it.
func (s *step) endSession(completed bool, stopped string, pain int) {
	sess := s.st.Session
	if sess == nil {
		return
	}
	s.record(Record{Kind: RecordRoutine, At: s.now, Day: sess.Day, Routine: &RoutineRecord{
		Slot: sess.Slot, Started: sess.Started, Items: sess.Items,
		Completed: completed, Stopped: stopped, Pain: pain,
	}})
	s.st.Session = nil
}

func (s *step) pruneHurts() {
	keep := s.st.Hurts[:0]
	for _, h := range s.st.Hurts {
		if s.now.Sub(h.At) < hurtWindow {
			keep = append(keep, h)
		}
	}
	s.st.Hurts = keep
	if len(s.st.Hurts) == 0 {
		s.st.Hurts = nil
	}
}

func (s *step) hurtCount(id string) int {
	n := 0
	for _, h := range s.st.Hurts {
		if h.Stretch == id && s.now.Sub(h.At) < hurtWindow {
			n++
		}
	}
	return n
}

// current is the stretch being shown, with its content.
func (s *step) current() (*Item, *Stretch) {
	sess := s.st.Session
	if sess == nil || sess.Index < 0 || sess.Index >= len(sess.Items) {
		return nil, nil
	}
	it := &sess.Items[sess.Index]
	return it, s.e.c.Stretch(it.Stretch)
}

// doseText renders a dose: "Hold 30 s · each side · 2 rounds".
func (s *step) doseText(d Dose) string {
	var parts []string
	if d.HoldSeconds > 0 {
		parts = append(parts, s.t("dose.hold", "s", itoa(d.HoldSeconds)))
	} else {
		parts = append(parts, s.t("dose.reps", "n", itoa(d.Reps)))
	}
	if d.PerSide {
		parts = append(parts, s.t("dose.side"))
	}
	if d.Rounds > 1 {
		parts = append(parts, s.t("dose.rounds", "n", itoa(d.Rounds)))
	}
	return strings.Join(parts, " · ")
}

func (s *step) stretchButtons() [][]Button {
	return [][]Button{
		{btn(s.t("btn.done"), "done"), btn(s.t("btn.hurts"), "hurt"), btn(s.t("btn.skip"), "skip")},
		{btn(s.t("btn.timer"), "timer")},
	}
}

func (s *step) stretchCard() {
	it, st := s.current()
	if st == nil {
		s.st.Session = nil
		s.idle()
		return
	}
	name, steps, dose := s.stretchName(st, it.Gentle), s.stretchSteps(st, it.Gentle), st.Dose
	if it.Gentle {
		dose = st.Gentler.Dose
	}
	var b strings.Builder
	for i, line := range steps {
		b.WriteString(itoa(i + 1))
		b.WriteString(". ")
		b.WriteString(line)
		b.WriteByte('\n')
	}
	s.sayB(s.t("stretch.card",
		"n", itoa(s.st.Session.Index+1), "total", itoa(len(s.st.Session.Items)),
		"name", name, "steps", strings.TrimRight(b.String(), "\n"),
		"dose", s.doseText(dose), "purpose", s.t("stretch."+st.ID+".purpose"), "skip", s.t("stretch."+st.ID+".skip_if")), s.stretchButtons()...)
}

func scoreButtons(prefix string) [][]Button {
	row1 := make([]Button, 0, 6)
	row2 := make([]Button, 0, 5)
	for i := 0; i <= 10; i++ {
		b := btn(itoa(i), prefix+itoa(i))
		if i <= 5 {
			row1 = append(row1, b)
		} else {
			row2 = append(row2, b)
		}
	}
	return [][]Button{row1, row2}
}

func (s *step) routinePrompt() {
	switch s.st.Phase {
	case PhaseChoose:
		s.sayB(s.t("routine.choose"), []Button{btn(s.t("btn.start_morning"), "slot:morning"), btn(s.t("btn.start_evening"), "slot:evening")})
	case PhaseStretch:
		s.stretchCard()
	case PhaseHurtLevel:
		s.sayB(s.t("hurt.level"), scoreButtons("p:")...)
	case PhaseHurtKind:
		s.sayB(s.t("hurt.kind"),
			[]Button{btn(s.t("btn.kind_sharp"), "k:sharp")},
			[]Button{btn(s.t("btn.kind_leg"), "k:leg")},
			[]Button{btn(s.t("btn.kind_numb"), "k:numb")},
			[]Button{btn(s.t("btn.kind_emergency"), "k:emerg")},
			[]Button{btn(s.t("btn.kind_none"), "k:none")})
	case PhaseHurtChoice:
		it, st := s.current()
		rows := [][]Button{}
		if it != nil && !it.Gentle {
			rows = append(rows, []Button{btn(s.t("btn.gentler", "name", s.stretchName(st, true)), "h:gentle")})
		}
		rows = append(rows, []Button{btn(s.t("btn.skip_this"), "h:skip"), btn(s.t("btn.stop_today"), "h:stop")})
		s.sayB(s.t("hurt.choice"), rows...)
	case PhaseEndPain:
		s.sayB(s.t("routine.pain"), append(scoreButtons("p:"), []Button{btn(s.t("btn.rather_not"), "p:-")})...)
	}
}

func (s *step) routineAnswer(text, action string) bool {
	if s.st.Phase != PhaseChoose && s.st.Session == nil {
		s.idle()
		return false
	}
	switch s.st.Phase {
	case PhaseChoose:
		slot, ok := parseSlot(text, action)
		if !ok {
			return false
		}
		s.startRoutine(slot)
	case PhaseStretch:
		a := stepAnswer(action)
		if action == "" {
			var ok bool
			if a, ok = parseStepAnswer(text); !ok {
				return false
			}
		}
		switch a {
		case ansDone:
			it, _ := s.current()
			it.Outcome = OutcomeDone
			s.next()
		case ansSkip:
			it, _ := s.current()
			it.Outcome = OutcomeSkipped
			s.say(s.t("stretch.skipped"))
			s.next()
		case ansHurt:
			it, _ := s.current()
			s.st.Hurts = append(s.st.Hurts, HurtMark{Stretch: it.Stretch, At: s.now})
			s.pruneHurts()
			s.goTo(PhaseHurtLevel)
		case ansTimer:
			s.timer()
		case ansStop:
			s.stopRoutine("user")
		default:
			return false
		}
	case PhaseHurtLevel:
		n, ok := parseScoreAnswer(text, action)
		if !ok || n < 0 {
			return false
		}
		s.st.Session.Pain = n
		it, _ := s.current()
		it.Hurt = n + 1
		s.goTo(PhaseHurtKind)
	case PhaseHurtKind:
		k, ok := parseHurtKind(text, action)
		if !ok {
			return false
		}
		s.hurtKind(k)
	case PhaseHurtChoice:
		c, ok := parseHurtChoice(text, action)
		if !ok {
			return false
		}
		it, _ := s.current()
		switch c {
		case "gentle":
			if it.Gentle {
				return false
			}
			it.Gentle = true
			s.say(s.t("hurt.gentler"))
			s.goTo(PhaseStretch)
		case "skip":
			it.Outcome = OutcomeSkipped
			s.next()
		case "stop":
			s.stopRoutine("hurt")
		}
	case PhaseEndPain:
		n, ok := parseScoreAnswer(text, action)
		if !ok {
			if action == "" {
				if a, ok2 := parseStepAnswer(text); ok2 && a == ansSkip {
					n, ok = -1, true
				}
			}
			if !ok {
				return false
			}
		}
		s.finishRoutine(n)
	default:
		return false
	}
	return true
}

func parseSlot(text, action string) (Slot, bool) {
	if action != "" {
		slot := Slot(strings.TrimPrefix(action, "slot:"))
		return slot, strings.HasPrefix(action, "slot:") && slot.Valid()
	}
	ws := words(text)
	if !short(ws) {
		return "", false
	}
	m, e := hasAny(ws, morningWords), hasAny(ws, eveningWords)
	switch {
	case m && !e:
		return Morning, true
	case e && !m:
		return Evening, true
	}
	return "", false
}

// parseScoreAnswer reads 0-10 from "p:N" or text; "p:-" is "rather not say" (-1).
func parseScoreAnswer(text, action string) (int, bool) {
	if action != "" {
		if action == "p:-" {
			return -1, true
		}
		if !strings.HasPrefix(action, "p:") {
			return 0, false
		}
		n, ok := parseScore(action[2:])
		return n, ok
	}
	return parseScore(text)
}

func parseHurtKind(text, action string) (string, bool) {
	if action != "" {
		k := strings.TrimPrefix(action, "k:")
		switch k {
		case "sharp", "leg", "numb", "emerg", "none":
			return k, strings.HasPrefix(action, "k:")
		}
		return "", false
	}
	ws := words(text)
	if len(ws) == 0 || len(ws) > 12 {
		return "", false
	}
	has := func(prefixes ...string) bool {
		for _, w := range ws {
			for _, p := range prefixes {
				if strings.HasPrefix(w, p) {
					return true
				}
			}
		}
		return false
	}
	switch {
	case has("leg", "shoot", "radiat", "down", "thigh", "calf", "foot", "feet", "sciatic") ||
		hasAny(ws, esLegWords) || has(esLegPrefixes...):
		return "leg", true
	case has("numb", "tingl", "pins", "weak", "needles", "dead") || has(esNumbPrefixes...) || esNoFeel(ws):
		return "numb", true
	case has("sharp", "stab", "knife", "electric", "shock", "sudden") || has(esSharpPrefixes...) || hasAny(ws, setOf("repente")):
		return "sharp", true
	case hasAny(ws, setOf("none", "no", "nope", "nah", "neither", "nothing", "just")) ||
		has("dull", "ache", "achy", "sore", "tight", "stiff", "mild") ||
		hasAny(ws, esMildWords) || has(esMildPrefixes...):
		return "none", true
	}
	return "", false
}

func parseHurtChoice(text, action string) (string, bool) {
	if action != "" {
		c := strings.TrimPrefix(action, "h:")
		return c, strings.HasPrefix(action, "h:") && (c == "gentle" || c == "skip" || c == "stop")
	}
	ws := words(text)
	if !short(ws) {
		return "", false
	}
	switch {
	case hasAny(ws, setOf("gentle", "gentler", "easier", "easy", "variation", "softer", "lighter", "modified", "yes", "ok", "try")) ||
		hasAny(ws, esGentleWords):
		return "gentle", true
	case hasAny(ws, stopWords) || esStop(ws):
		return "stop", true
	case hasAny(ws, skipWords) || hasAny(ws, setOf("next", "no")) || esCant(ws):
		return "skip", true
	}
	return "", false
}

// hurtKind decides what a "hurts" means, from how bad and what it is like.
//
// Pain down a leg, or numbness, tingling or weakness, stops the routine and
// refers to a clinician; bladder or bowel changes, saddle numbness or
// fast-worsening weakness are an emergency. Otherwise: severe pain (7+)
// ends today's routine as a flare-up; sharp pain or a moderate ache offers
// the gentler variation, a skip, or stopping.
func (s *step) hurtKind(k string) {
	level := s.st.Session.Pain
	switch {
	case k == "emerg":
		s.redFlag(LevelEmergency, []string{"hurts-emergency"}, "hurts")
	case k == "leg":
		s.redFlag(LevelClinician, []string{"sciatica"}, "hurts")
	case k == "numb":
		s.redFlag(LevelClinician, []string{"leg-numbness"}, "hurts")
	case level >= 7 && k == "sharp":
		s.redFlag(LevelClinician, []string{"severe-sharp"}, "hurts")
	case level >= 7:
		it, _ := s.current()
		it.Outcome = OutcomeSkipped
		s.say(s.t("hurt.flare"))
		s.stopRoutine("flare")
		s.offerPause("flare")
	default:
		if k == "sharp" {
			s.say(s.t("hurt.sharp"))
		} else {
			s.say(s.t("hurt.mild"))
		}
		s.goTo(PhaseHurtChoice)
	}
}

// next moves to the next stretch, or to the pain check after the last.
func (s *step) next() {
	s.st.Session.Index++
	if s.st.Session.Index >= len(s.st.Session.Items) {
		s.goTo(PhaseEndPain)
		return
	}
	s.goTo(PhaseStretch)
}

// stopRoutine ends the routine early, keeping what was done.
func (s *step) stopRoutine(why string) {
	if s.st.Session == nil {
		return
	}
	s.endSession(false, why, -1)
	s.idle()
	if why == "user" {
		s.say(s.t("routine.stopped"))
	}
}

// finishRoutine records a routine that reached its end, counts the day and
// sums it up.
func (s *step) finishRoutine(pain int) {
	sess := s.st.Session
	done, skipped := 0, 0
	for _, it := range sess.Items {
		switch it.Outcome {
		case OutcomeDone:
			done++
		case OutcomeSkipped:
			skipped++
		}
	}
	completed := done > 0
	stopped := ""
	if !completed {
		stopped = "all-skipped"
	}
	s.endSession(completed, stopped, pain)
	if completed {
		s.st.Streak = s.st.Streak.Complete(sess.Day)
		r := &s.st.Reminder
		if r.DoneDay != sess.Day {
			r.DoneDay, r.DoneSlot = sess.Day, nil
		}
		r.DoneSlot = append(r.DoneSlot, sess.Slot)
	}
	s.idle()
	cur := s.streakNow()
	line := s.variant("summary.cheer", 5)
	if !completed {
		line = s.t("summary.allskipped")
	} else if pain >= 6 {
		line = s.t("summary.highpain")
	}
	s.say(s.t("summary", "done", itoa(done), "skipped", itoa(skipped), "total", itoa(len(sess.Items)),
		"streak", itoa(cur), "best", itoa(s.st.Streak.Best), "cheer", line))
}

// streakNow is the streak as it stands today; a pause freezes it.
func (s *step) streakNow() int {
	today := s.today()
	sk := s.st.Streak
	if p := s.st.Pause; p != nil {
		sk = sk.FreezeRange(DayOf(p.From, s.loc(), s.st.Profile.DayBoundary), today)
	}
	return sk.CurrentOn(today)
}

// timer times the hold of the current stretch: "switch sides" and "time's
// up" are replies delivered later, dropped if the user moved on by then.
func (s *step) timer() {
	it, st := s.current()
	d := st.Dose
	if it.Gentle {
		d = st.Gentler.Dose
	}
	sides := 1
	if d.PerSide {
		sides = 2
	}
	rounds := max(d.Rounds, 1)
	per := time.Duration(d.HoldSeconds) * time.Second
	if d.HoldSeconds == 0 {
		per = time.Duration(d.Reps) * 4 * time.Second
	}
	s.say(s.t("timer.go", "dose", s.doseText(d)))
	at := time.Duration(0)
	total := rounds * sides
	for i := 1; i <= total; i++ {
		at += per
		r := Reply{After: at, Turn: s.st.Turn}
		switch {
		case i == total:
			r.Text = s.t("timer.up")
			r.Buttons = s.stretchButtons()[:1]
		case d.PerSide && i%2 == 1:
			r.Text = s.t("timer.switch")
		default:
			r.Text = s.t("timer.round", "n", itoa(i/sides+1))
		}
		s.out.Replies = append(s.out.Replies, r)
		at += 5 * time.Second // a breath between holds
	}
}
