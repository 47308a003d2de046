package coach

import "strconv"

// The programme content (stretches, routines, safety wording, FAQ) is
// written in English in content/*.json. It joins the message catalogue
// under stable keys, so that a translation is just more catalogue files
// (content/i18n/content.<lang>.json) and a missing translation falls back
// to English text by text, like every other message:
//
//	stretch.<id>.name, stretch.<id>.step.<n>, stretch.<id>.purpose, stretch.<id>.skip_if
//	stretch.<id>.gentle.name, stretch.<id>.gentle.step.<n>
//	routine.<slot>.name, routine.<slot>.intro
//	safety.disclaimer, safety.clinician, safety.emergency,
//	safety.emergency_question, safety.clinician_question, safety.tip.<n>
//	faq.<id>.title, faq.<id>.answer
//
// FAQ matching works on the English questions and paraphrases.

// catalogueTexts returns the content's texts under their catalogue keys.
func catalogueTexts(c *Content) map[string]string {
	m := map[string]string{}
	steps := func(prefix string, ss []string) {
		for i, s := range ss {
			m[prefix+strconv.Itoa(i+1)] = s
		}
	}
	for _, st := range c.Stretches {
		p := "stretch." + st.ID + "."
		m[p+"name"] = st.Name
		m[p+"purpose"] = st.Purpose
		m[p+"skip_if"] = st.SkipIf
		m[p+"gentle.name"] = st.Gentler.Name
		steps(p+"step.", st.Steps)
		steps(p+"gentle.step.", st.Gentler.Steps)
	}
	for _, r := range c.Routines {
		m["routine."+string(r.Slot)+".name"] = r.Name
		m["routine."+string(r.Slot)+".intro"] = r.Intro
	}
	sf := c.Safety
	m["safety.disclaimer"] = sf.Disclaimer
	m["safety.clinician"] = sf.Clinician
	m["safety.emergency"] = sf.Emergency
	m["safety.emergency_question"] = sf.EmergencyQuestion
	m["safety.clinician_question"] = sf.ClinicianQuestion
	steps("safety.tip.", sf.Tips)
	for _, t := range c.Topics {
		m["faq."+t.ID+".title"] = t.Title
		m["faq."+t.ID+".answer"] = t.Answer
	}
	return m
}

// stretchName is the stretch's (or its gentler variation's) name.
func (s *step) stretchName(st *Stretch, gentle bool) string {
	if gentle {
		return s.t("stretch." + st.ID + ".gentle.name")
	}
	return s.t("stretch." + st.ID + ".name")
}

// stretchSteps are the stretch's (or its gentler variation's) steps.
func (s *step) stretchSteps(st *Stretch, gentle bool) []string {
	n, key := len(st.Steps), "stretch."+st.ID+".step."
	if gentle {
		n, key = len(st.Gentler.Steps), "stretch."+st.ID+".gentle.step."
	}
	out := make([]string, n)
	for i := range out {
		out[i] = s.t(key + strconv.Itoa(i+1))
	}
	return out
}

// safety is a safety text: disclaimer, clinician, emergency,
// emergency_question, clinician_question.
func (s *step) safety(field string) string { return s.t("safety." + field) }

// topicTitle and topicAnswer are an FAQ topic's button title and answer.
func (s *step) topicTitle(id string) string  { return s.t("faq." + id + ".title") }
func (s *step) topicAnswer(id string) string { return s.t("faq." + id + ".answer") }
