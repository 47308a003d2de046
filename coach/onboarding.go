package coach

// Onboarding: what the bot is and is not; a two-question safety gate with
// tiered outcomes; time zone; morning and evening reminder times; an offer
// to start the first routine now.

// Defaults set when onboarding completes.
const (
	defaultQuietStart  Clock = 22 * 60
	defaultQuietEnd    Clock = 7 * 60
	defaultDayBoundary Clock = 4 * 60
	minSlotGap               = 60 // minutes between morning and evening
)

var (
	morningChoices = []Clock{6*60 + 30, 7 * 60, 7*60 + 30, 8 * 60, 9 * 60}
	eveningChoices = []Clock{18 * 60, 19 * 60, 20 * 60, 21 * 60}
)

// beginOnboarding starts (or restarts) onboarding from the introduction.
func (s *step) beginOnboarding() {
	s.st.Session = nil
	s.st.Resume = ""
	s.goTo(PhaseOnbIntro)
}

func (s *step) onboardingPrompt() {
	yn := []Button{btn(s.t("btn.yes"), "yes"), btn(s.t("btn.no"), "no")}
	switch s.st.Phase {
	case PhaseOnbIntro:
		s.sayB(s.t("onb.intro", "disclaimer", s.safety("disclaimer")), []Button{btn(s.t("btn.letsgo"), "ok")})
	case PhaseOnbEmergency:
		s.sayB(s.t("onb.emergency", "question", s.safety("emergency_question")), yn)
	case PhaseOnbClinician:
		s.sayB(s.t("onb.clinician", "question", s.safety("clinician_question")), yn)
	case PhaseOnbGentle:
		s.sayB(s.t("onb.gentle"), []Button{btn(s.t("btn.gentle_go"), "yes")}, []Button{btn(s.t("btn.gentle_wait"), "no")})
	case PhaseOnbZone:
		s.say(s.t("onb.zone"))
	case PhaseOnbMorning:
		s.sayB(s.t("onb.morning"), clockButtons(morningChoices))
	case PhaseOnbEvening:
		s.sayB(s.t("onb.evening"), clockButtons(eveningChoices))
	case PhaseOnbFirst:
		slot := s.slotNow()
		s.sayB(s.t("onb.first", "morning", s.st.Profile.Morning.String(), "evening", s.st.Profile.Evening.String()),
			[]Button{btn(s.t("btn.start_"+string(slot)), "start:"+string(slot))},
			[]Button{btn(s.t("btn.later"), "later")})
	}
}

func clockButtons(cs []Clock) []Button {
	row := make([]Button, 0, len(cs))
	for _, c := range cs {
		row = append(row, btn(c.String(), "t:"+c.String()))
	}
	return row
}

// parseClockAnswer reads a time from a button ("t:07:30") or typed text.
func parseClockAnswer(text, action string) (Clock, bool) {
	if action != "" {
		if len(action) > 2 && action[:2] == "t:" {
			return ParseClock(action[2:])
		}
		return 0, false
	}
	if c, ok := ParseClock(text); ok {
		return c, true
	}
	return ParseClock(spanishClock(text))
}

// yesNo reads yes/no from a button ("yes"/"no") or typed text.
func yesNo(text, action string) (yes, ok bool) {
	switch action {
	case "yes", "ok":
		return true, true
	case "no":
		return false, true
	case "":
		return parseYesNo(text)
	}
	return false, false
}

func (s *step) onboardingAnswer(text, action string) bool {
	switch s.st.Phase {
	case PhaseOnbIntro:
		yes, ok := yesNo(text, action)
		if !ok {
			return false
		}
		if !yes {
			s.idle()
			s.say(s.t("onb.declined"))
			s.st.Phase = PhaseNew
			return true
		}
		s.goTo(PhaseOnbEmergency)
	case PhaseOnbEmergency:
		yes, ok := yesNo(text, action)
		if !ok {
			return false
		}
		if yes {
			s.record(Record{Kind: RecordRedFlag, RedFlag: &RedFlagRecord{Level: LevelEmergency, Source: "onboarding"}})
			s.say(s.safety("emergency"))
			s.say(s.t("onb.emergency_after"))
			s.idle()
			return true
		}
		s.st.Profile.SafetyCheck = s.now
		s.goTo(PhaseOnbClinician)
	case PhaseOnbClinician:
		yes, ok := yesNo(text, action)
		if !ok {
			return false
		}
		if yes {
			s.record(Record{Kind: RecordRedFlag, RedFlag: &RedFlagRecord{Level: LevelClinician, Source: "onboarding"}})
			s.say(s.safety("clinician"))
			s.goTo(PhaseOnbGentle)
			return true
		}
		s.st.Profile.GentleOnly = false
		s.goTo(PhaseOnbZone)
	case PhaseOnbGentle:
		yes, ok := yesNo(text, action)
		if !ok {
			return false
		}
		if !yes {
			s.say(s.t("onb.gentle_wait"))
			s.idle()
			return true
		}
		s.st.Profile.GentleOnly = true
		s.say(s.t("onb.gentle_ok"))
		s.goTo(PhaseOnbZone)
	case PhaseOnbZone:
		if action != "" {
			return false
		}
		zone, ok := ParseZone(text)
		if !ok {
			return false
		}
		s.setZone(zone)
		s.goTo(PhaseOnbMorning)
	case PhaseOnbMorning:
		c, ok := parseClockAnswer(text, action)
		if !ok {
			return false
		}
		s.st.Profile.Morning = c
		if c >= 12*60 {
			s.say(s.t("onb.morning_late", "time", c.String()))
		}
		s.goTo(PhaseOnbEvening)
	case PhaseOnbEvening:
		c, ok := parseClockAnswer(text, action)
		if !ok {
			return false
		}
		if gap(c, s.st.Profile.Morning) < minSlotGap {
			s.say(s.t("onb.evening_close", "morning", s.st.Profile.Morning.String()))
			s.prompt()
			return true
		}
		s.st.Profile.Evening = c
		s.finishOnboarding()
		s.goTo(PhaseOnbFirst)
	case PhaseOnbFirst:
		switch {
		case action == "start:morning" || action == "start:evening":
			s.startRoutine(Slot(action[len("start:"):]))
			return true
		case action == "later":
		default:
			yes, ok := yesNo(text, "")
			if !ok {
				return false
			}
			if yes {
				s.startRoutine(s.slotNow())
				return true
			}
		}
		s.idle()
		s.say(s.t("onb.later", "morning", s.st.Profile.Morning.String(), "evening", s.st.Profile.Evening.String()))
	default:
		return false
	}
	return true
}

// gap is the distance in minutes between two times of day, around midnight.
func gap(a, b Clock) int {
	d := int(a) - int(b)
	if d < 0 {
		d = -d
	}
	return min(d, 24*60-d)
}

// finishOnboarding sets the defaults of a new profile.
func (s *step) finishOnboarding() {
	p := &s.st.Profile
	if !p.Onboarded {
		p.QuietStart, p.QuietEnd = defaultQuietStart, defaultQuietEnd
		p.DayBoundary = defaultDayBoundary
	}
	p.Onboarded = true
	if p.SafetyCheck.IsZero() {
		p.SafetyCheck = s.now
	}
}

// setZone changes the time zone and confirms it, with the local time so the
// user can check it is right.
func (s *step) setZone(zone string) {
	if prev := s.st.Profile.Zone; prev != "" && prev != zone {
		if to, err := LoadZone(zone); err == nil {
			s.st.Streak = s.st.Streak.ChangeZone(s.now, s.loc(), to, s.st.Profile.DayBoundary)
		}
	}
	s.st.Profile.Zone = zone
	loc := s.loc()
	s.say(s.t("zone.set", "zone", ZoneLabel(zone, s.now), "time", s.now.In(loc).Format("15:04")))
}

// slotNow is the routine that fits the user's local time: morning before
// 14:00 (or if the morning routine is not done and it is before 17:00),
// else evening.
func (s *step) slotNow() Slot {
	c := s.localClock()
	if c < 14*60 {
		return Morning
	}
	if c < 17*60 && !s.doneToday(Morning) {
		return Morning
	}
	return Evening
}

// doneToday reports whether the slot's routine was completed today.
func (s *step) doneToday(slot Slot) bool {
	r := s.st.Reminder
	if r.DoneDay != s.today() {
		return false
	}
	for _, d := range r.DoneSlot {
		if d == slot {
			return true
		}
	}
	return false
}

// recheckDue reports whether the weekly emergency-signs re-check is due.
func (s *step) recheckDue() bool {
	return s.st.Profile.Onboarded && s.now.Sub(s.st.Profile.SafetyCheck) >= recheckPeriod
}
