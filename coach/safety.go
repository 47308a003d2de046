package coach

// Red flags: whatever the user is doing, a red flag stops the routine, says
// plainly what to do (see a clinician, or get urgent care now), is recorded,
// and offers to pause reminders. The bot never diagnoses.

// redFlag handles a red flag of the given level.
func (s *step) redFlag(level Level, flags []string, source string) {
	if level != LevelEmergency {
		level = LevelClinician
	}
	if s.st.Session != nil {
		if it, _ := s.current(); it != nil && it.Outcome == OutcomeNone {
			it.Outcome = OutcomeSkipped
		}
		s.endSession(false, "redflag", -1)
	}
	s.record(Record{Kind: RecordRedFlag, RedFlag: &RedFlagRecord{Level: level, Flags: flags, Source: source}})
	msg := s.safety("clinician")
	if level == LevelEmergency {
		msg = s.safety("emergency")
	}
	s.say(msg)

	p := &s.st.Profile
	if !p.Onboarded {
		if level == LevelEmergency {
			// No routine until they have been seen: onboarding stops here.
			s.say(s.t("onb.emergency_after"))
			s.st.Phase = PhaseNew
			s.st.Turn++
			return
		}
		// A clinician sign during set-up: only gentle versions from now on.
		p.GentleOnly = true
		s.say(s.t("redflag.gentle_setup"))
		if s.st.Phase == PhaseNew {
			s.beginOnboarding()
			return
		}
		s.prompt()
		return
	}
	s.st.Resume = ""
	s.offerPause("redflag")
}

// offerPause asks whether to pause reminders after a red flag or flare-up.
func (s *step) offerPause(reason string) {
	if s.st.Pause != nil {
		s.idle()
		s.say(s.t("redflag.already_paused"))
		return
	}
	s.st.Session = nil
	s.st.Offer = reason
	s.goTo(PhasePauseOffer)
}

func (s *step) safetyPrompt() {
	yn := []Button{btn(s.t("btn.yes"), "yes"), btn(s.t("btn.no"), "no")}
	switch s.st.Phase {
	case PhaseRecheck:
		s.sayB(s.t("recheck.question", "question", s.safety("emergency_question")), yn)
	case PhasePauseOffer:
		s.sayB(s.t("redflag.pause_offer"), []Button{btn(s.t("btn.pause_reminders"), "yes"), btn(s.t("btn.keep_reminders"), "no")})
	}
}

func (s *step) safetyAnswer(text, action string) bool {
	yes, ok := yesNo(text, action)
	if !ok {
		return false
	}
	switch s.st.Phase {
	case PhaseRecheck:
		if yes {
			s.st.Resume = ""
			s.redFlag(LevelEmergency, nil, "recheck")
			return true
		}
		s.st.Profile.SafetyCheck = s.now
		slot := s.st.Resume
		s.st.Resume = ""
		s.say(s.t("recheck.thanks"))
		if slot.Valid() {
			s.startRoutine(slot)
			return true
		}
		s.idle()
	case PhasePauseOffer:
		reason := s.st.Offer
		if reason == "" {
			reason = "redflag"
		}
		s.st.Offer = ""
		if yes {
			s.st.Pause = &Pause{From: s.now, Reason: reason}
			s.idle()
			s.say(s.t("pause.redflag"))
			return true
		}
		s.idle()
		s.say(s.t("redflag.keep"))
	}
	return true
}
