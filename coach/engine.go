package coach

import (
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// Engine is the conversation state machine. It is pure: Step has no side
// effects and keeps nothing between calls, so it is safe for concurrent use.
type Engine struct {
	c   *Content
	nlu Understander
}

// NewEngine returns an engine over the content, understanding free text with u.
func NewEngine(c *Content, u Understander) *Engine { return &Engine{c: c, nlu: u} }

// Content returns the engine's content.
func (e *Engine) Content() *Content { return e.c }

// NeedsHistory reports whether Step needs the user's records for this input
// (progress, export, report); Service loads them only then.
func (e *Engine) NeedsHistory(st State, in Input) bool {
	if in.Kind == InputCommand {
		switch in.Command {
		case "progress", "export", "report":
			return true
		}
	}
	if in.Kind == InputButton {
		switch in.Action {
		case "cmd:progress", "cmd:export", "cmd:report":
			return true
		}
	}
	return false
}

// Command is a bot command with its short description.
type Command struct {
	Name        string // without the slash
	Description string
}

// commandNames are the user commands, in menu order.
var commandNames = []string{
	"stretch", "streak", "progress", "report", "faq", "settings", "pause", "resume",
	"help", "privacy", "export", "delete", "start",
}

// Commands lists the bot's commands with descriptions in lang, for the
// Telegram command menu and /help.
func (e *Engine) Commands(lang string) []Command {
	lang = e.c.Messages.Lang(lang)
	out := make([]Command, 0, len(commandNames))
	for _, n := range commandNames {
		out = append(out, Command{Name: n, Description: e.c.Messages.T(lang, "cmd."+n)})
	}
	return out
}

// Limits on what is read from one message.
const (
	maxTextRunes  = 4096           // Telegram's own limit; longer is cut
	staleSession  = 12 * time.Hour // a routine left this long is closed
	recheckPeriod = 7 * 24 * time.Hour
	hurtWindow    = 7 * 24 * time.Hour
)

// Step handles one input for one user at time now. hist holds the user's
// records when NeedsHistory said so, else nil.
func (e *Engine) Step(st State, in Input, now time.Time, hist []Record) Output {
	s := &step{e: e, st: st, in: in, now: now, hist: hist}
	s.run()
	return s.output()
}

// step is one Step in progress.
type step struct {
	e    *Engine
	st   State
	in   Input
	now  time.Time
	hist []Record
	out  Output
}

func (s *step) output() Output {
	// Whatever changed (a pause, a snooze, a follow-up), the scheduler's
	// next wake-up follows from the state.
	s.st.recomputeWake()
	s.out.State = s.st
	for i := range s.out.Replies {
		if s.out.Replies[i].Turn == 0 {
			s.out.Replies[i].Turn = s.st.Turn
		}
	}
	return s.out
}

// t returns catalogue text in the user's language.
func (s *step) t(key string, args ...string) string {
	return s.e.c.Messages.T(s.st.Profile.Lang, key, args...)
}

// t is the engine-level form of step.t, for the reminder rules.
func (e *Engine) t(st State, key string, args ...string) string {
	return e.c.Messages.T(st.Profile.Lang, key, args...)
}

// say appends a reply without buttons.
func (s *step) say(text string) { s.out.Replies = append(s.out.Replies, Reply{Text: text}) }

// sayB appends a reply with buttons.
func (s *step) sayB(text string, rows ...[]Button) {
	s.out.Replies = append(s.out.Replies, Reply{Text: text, Buttons: rows})
}

// record appends a history record.
func (s *step) record(r Record) {
	if r.At.IsZero() {
		r.At = s.now
	}
	if r.Day == "" {
		r.Day = s.today()
	}
	s.out.Records = append(s.out.Records, r)
}

// goTo moves to a phase that asks something new: the turn changes, so
// buttons of earlier questions become stale, and the question is shown.
func (s *step) goTo(p Phase) {
	s.st.Phase = p
	s.st.Turn++
	s.prompt()
}

// idle ends whatever was pending, without asking anything.
func (s *step) idle() {
	if s.st.Phase != PhaseIdle {
		s.st.Turn++
	}
	s.st.Phase = PhaseIdle
}

func btn(label, action string) Button { return Button{Label: label, Action: action} }

func (s *step) run() {
	if s.st.Created.IsZero() {
		s.st.Created = s.now
	}
	s.st.Updated = s.now
	if s.in.Lang != "" {
		s.st.Profile.Lang = s.e.c.Messages.Lang(s.in.Lang)
	}
	switch s.in.Kind {
	case InputReminder:
		s.applyOutput(s.e.onReminder(s.st, s.in, s.now))
		return
	case InputWake:
		s.applyOutput(s.e.onWake(s.st, s.now))
		return
	}
	// Anything the user does shows they can be reached again.
	s.st.Profile.Blocked = false
	s.closeStaleSession()

	switch s.in.Kind {
	case InputCommand:
		s.command(strings.ToLower(s.in.Command), strings.TrimSpace(s.in.Text))
	case InputButton:
		s.button(s.in.Action)
	case InputLocation:
		s.location(s.in.Zone)
	case InputText:
		s.text(s.in.Text)
	case InputMedia:
		s.media()
	default:
		s.say(s.t("err.unsupported"))
		s.prompt()
	}
}

// applyOutput adopts the result of a sub-engine (the reminder rules).
func (s *step) applyOutput(o Output) {
	s.st = o.State
	s.out.Replies = append(s.out.Replies, o.Replies...)
	s.out.Records = append(s.out.Records, o.Records...)
	if o.Notice != "" {
		s.out.Notice = o.Notice
	}
}

// text handles typed text. Red-flag triage runs first, wherever the user
// is; then the answer the current question expects; then the FAQ.
func (s *step) text(raw string) {
	text := strings.TrimSpace(raw)
	if utf8.RuneCountInString(text) > maxTextRunes {
		text = string([]rune(text)[:maxTextRunes])
	}
	if text == "" {
		s.say(s.t("err.empty"))
		s.prompt()
		return
	}
	if s.st.Phase == PhaseNew {
		// Whatever a stranger types first, we introduce ourselves; a red
		// flag is still answered first.
		if u := s.e.nlu.Understand(text); u.Intent == IntentRedFlag {
			s.redFlag(u.Level, u.Flags, "text")
			return
		}
		s.beginOnboarding()
		return
	}
	u := s.e.nlu.Understand(text)
	if u.Intent == IntentRedFlag {
		s.redFlag(u.Level, u.Flags, "text")
		return
	}
	if s.answer(text, "") {
		return
	}
	s.freeText(u)
}

// freeText answers text that was not an answer to the pending question.
func (s *step) freeText(u Understanding) {
	switch u.Intent {
	case IntentFAQ:
		s.faqAnswer(u.Topic)
		s.prompt()
	case IntentSuggest:
		rows := make([][]Button, 0, len(u.Candidates))
		for _, id := range u.Candidates {
			if s.e.c.Topic(id) != nil {
				rows = append(rows, []Button{btn(s.topicTitle(id), "faq:"+id)})
			}
		}
		s.sayB(s.t("faq.didyoumean"), rows...)
		s.prompt()
	default:
		if s.expectsAnswer() {
			s.say(s.t("err.reask." + string(s.phaseGroup())))
			s.prompt()
			return
		}
		s.sayB(s.t("faq.outside"), []Button{btn(s.t("btn.faqmenu"), "menu:faq"), btn(s.t("btn.help"), "cmd:help")})
	}
}

// expectsAnswer reports whether a question is pending.
func (s *step) expectsAnswer() bool {
	return s.st.Phase != PhaseIdle && s.st.Phase != PhaseNew
}

// phaseGroup names the kind of answer the current phase expects, for the
// re-ask texts.
func (s *step) phaseGroup() string {
	switch s.st.Phase {
	case PhaseOnbZone, PhaseSetZone:
		return "zone"
	case PhaseOnbMorning, PhaseOnbEvening, PhaseSetMorning, PhaseSetEvening:
		return "time"
	case PhaseSetQuiet:
		return "quiet"
	case PhaseStretch:
		return "stretch"
	case PhaseHurtLevel, PhaseEndPain:
		return "score"
	case PhaseHurtKind:
		return "kind"
	case PhaseHurtChoice:
		return "choice"
	case PhaseChoose:
		return "slot"
	case PhasePauseDays:
		return "days"
	case PhaseSettings:
		return "settings"
	case PhaseOnbIntro:
		return "intro"
	}
	return "yesno"
}

// button handles a button press. Global actions work whenever they are
// pressed; every other action answers the question of its turn only.
func (s *step) button(action string) {
	if len(action) > 64 || action == "" {
		s.stale()
		return
	}
	kind, arg, _ := strings.Cut(action, ":")
	switch kind {
	case "faq":
		if s.e.c.Topic(arg) == nil {
			s.stale()
			return
		}
		s.out.Notice = s.t("notice.ok")
		s.faqAnswer(arg)
		s.prompt()
		return
	case "menu":
		if arg == "faq" {
			s.faqMenu()
			return
		}
	case "cmd":
		s.command(arg, "")
		return
	case "ping":
		s.applyOutput(s.e.onPing(s.st, action, s.now))
		return
	}
	if s.in.Turn != s.st.Turn {
		s.stale()
		return
	}
	if !s.answer("", action) {
		s.stale()
	}
}

// stale answers a button that does not belong to the pending question.
func (s *step) stale() {
	s.out.Notice = s.t("notice.stale")
	s.say(s.t("err.stale"))
	s.prompt()
}

// media answers stickers, photos, voice notes.
func (s *step) media() {
	if s.st.Phase == PhaseNew {
		s.beginOnboarding()
		return
	}
	s.say(s.t("err.media"))
	s.prompt()
}

// location sets the time zone from a shared location.
func (s *step) location(zone string) {
	if _, err := LoadZone(zone); err != nil || zone == "" {
		s.say(s.t("err.location"))
		s.prompt()
		return
	}
	switch s.st.Phase {
	case PhaseOnbZone:
		s.setZone(zone)
		s.goTo(PhaseOnbMorning)
	case PhaseNew:
		s.beginOnboarding()
	default:
		s.setZone(zone)
		s.prompt()
	}
}

// answer routes an answer (typed text, or a button action) to the pending
// question, and reports whether it was one.
func (s *step) answer(text, action string) bool {
	switch s.st.Phase {
	case PhaseOnbIntro, PhaseOnbEmergency, PhaseOnbClinician, PhaseOnbGentle,
		PhaseOnbZone, PhaseOnbMorning, PhaseOnbEvening, PhaseOnbFirst:
		return s.onboardingAnswer(text, action)
	case PhaseStretch, PhaseHurtLevel, PhaseHurtKind, PhaseHurtChoice, PhaseEndPain, PhaseChoose:
		return s.routineAnswer(text, action)
	case PhaseRecheck, PhasePauseOffer:
		return s.safetyAnswer(text, action)
	case PhaseSettings, PhaseSetZone, PhaseSetMorning, PhaseSetEvening, PhaseSetQuiet,
		PhaseDelete, PhasePauseDays:
		return s.settingsAnswer(text, action)
	}
	return false
}

// prompt shows the pending question again (or nothing when idle), with the
// current turn: pressing an earlier copy of the same buttons stays valid.
func (s *step) prompt() {
	switch s.st.Phase {
	case PhaseOnbIntro, PhaseOnbEmergency, PhaseOnbClinician, PhaseOnbGentle,
		PhaseOnbZone, PhaseOnbMorning, PhaseOnbEvening, PhaseOnbFirst:
		s.onboardingPrompt()
	case PhaseStretch, PhaseHurtLevel, PhaseHurtKind, PhaseHurtChoice, PhaseEndPain, PhaseChoose:
		s.routinePrompt()
	case PhaseRecheck, PhasePauseOffer:
		s.safetyPrompt()
	case PhaseSettings, PhaseSetZone, PhaseSetMorning, PhaseSetEvening, PhaseSetQuiet,
		PhaseDelete, PhasePauseDays:
		s.settingsPrompt()
	}
}

// loc is the user's time zone (UTC until they chose one).
func (e *Engine) loc(st State) *time.Location {
	if st.Profile.Zone != "" {
		if l, err := LoadZone(st.Profile.Zone); err == nil {
			return l
		}
	}
	return time.UTC
}

// today is the user's streak day at now.
func (e *Engine) today(st State, now time.Time) Day {
	return DayOf(now, e.loc(st), st.Profile.DayBoundary)
}

func (s *step) loc() *time.Location { return s.e.loc(s.st) }
func (s *step) today() Day          { return s.e.today(s.st, s.now) }

// localClock is the user's local time of day now.
func (s *step) localClock() Clock {
	t := s.now.In(s.loc())
	return Clock(t.Hour()*60 + t.Minute())
}

// pick chooses one of n variants, stable for a user within a day, so the
// bot does not repeat itself word for word every day.
func (s *step) pick(n int, salt string) int {
	if n <= 1 {
		return 0
	}
	h := uint32(2166136261)
	for _, b := range []byte(string(s.today()) + salt) {
		h = (h ^ uint32(b)) * 16777619
	}
	h ^= uint32(s.st.User)
	return int(h % uint32(n))
}

// variant returns text key.N for a stable N in 1..n.
func (s *step) variant(key string, n int, args ...string) string {
	return s.t(key+"."+itoa(s.pick(n, key)+1), args...)
}

func itoa(n int) string { return strconv.Itoa(n) }
