package coach

import (
	"encoding/json"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"
)

// Commands, settings, pause and resume, the FAQ menu, privacy, export and
// delete.

func (s *step) command(cmd, arg string) {
	if s.st.Phase == PhaseNew && cmd != "start" && cmd != "help" && cmd != "privacy" &&
		cmd != "faq" && cmd != "delete" && cmd != "export" {
		s.beginOnboarding()
		return
	}
	switch cmd {
	case "start":
		if s.st.Profile.Onboarded && s.st.Phase != PhaseNew {
			s.say(s.t("start.back", "morning", s.st.Profile.Morning.String(), "evening", s.st.Profile.Evening.String()))
			s.prompt()
			return
		}
		// A deep-link payload (t.me/bot?start=x) needs nothing special:
		// it is not stored.
		s.beginOnboarding()
	case "stretch":
		if slot, ok := parseSlot(arg, ""); ok && arg != "" {
			s.startRoutine(slot)
			return
		}
		if s.st.Session != nil || !s.st.Profile.Onboarded {
			s.startRoutine(Morning)
			return
		}
		c := s.localClock()
		if c >= 12*60 && c < 17*60 && !s.doneToday(Morning) && !s.doneToday(Evening) {
			s.goTo(PhaseChoose)
			return
		}
		s.startRoutine(s.slotNow())
	case "stop", "cancel":
		if s.st.Session != nil {
			s.stopRoutine("user")
			return
		}
		s.idle()
		s.say(s.t("cmd.nothing_to_stop"))
	case "streak":
		s.say(s.t("streak.show", "current", itoa(s.streakNow()), "best", itoa(s.st.Streak.Best)))
		s.prompt()
	case "progress":
		s.progress()
		s.prompt()
	case "report":
		s.report()
		s.prompt()
	case "faq":
		s.faqMenu()
	case "help":
		var b strings.Builder
		for _, c := range s.e.Commands(s.st.Profile.Lang) {
			fmt.Fprintf(&b, "/%s — %s\n", c.Name, c.Description)
		}
		s.say(s.t("help", "commands", strings.TrimRight(b.String(), "\n")))
		s.prompt()
	case "privacy":
		s.say(s.t("privacy"))
		s.prompt()
	case "export":
		s.export()
	case "delete":
		s.goTo(PhaseDelete)
	case "settings":
		if !s.st.Profile.Onboarded {
			s.say(s.t("routine.setup_first"))
			s.beginOnboarding()
			return
		}
		s.goTo(PhaseSettings)
	case "pause":
		if n, err := strconv.Atoi(arg); err == nil {
			if n < 1 || n > 90 {
				s.say(s.t("pause.range"))
				s.goTo(PhasePauseDays)
				return
			}
			s.pause(n)
			return
		}
		s.goTo(PhasePauseDays)
	case "resume":
		s.resume()
	default:
		s.say(s.t("cmd.unknown"))
		s.prompt()
	}
}

// pause stops reminders for n days (0: until /resume).
func (s *step) pause(days int) {
	if s.st.Session != nil {
		s.stopRoutine("pause")
	}
	p := &Pause{From: s.now, Reason: "user"}
	if days > 0 {
		p.Until = s.now.AddDate(0, 0, days)
		s.st.Pause = p
		s.idle()
		s.say(s.t("pause.until", "date", s.date(p.Until)))
		return
	}
	s.st.Pause = p
	s.idle()
	s.say(s.t("pause.open"))
}

// resume ends a pause; the paused days are frozen in the streak.
func (s *step) resume() {
	p := s.st.Pause
	if p == nil {
		s.say(s.t("resume.not_paused"))
		s.prompt()
		return
	}
	s.endPause()
	s.idle()
	s.say(s.t("resume.ok", "morning", s.st.Profile.Morning.String(), "evening", s.st.Profile.Evening.String()))
}

// endPause clears the pause (now, or when it ran out) and freezes its days
// so the streak survives.
func (s *step) endPause() {
	p := s.st.Pause
	if p == nil {
		return
	}
	end := s.now
	if !p.Until.IsZero() && p.Until.Before(s.now) {
		end = p.Until
	}
	s.e.endPauseAt(&s.st, end)
}

// endPauseAt ends the pause at instant end: its days, up to the day before
// end, are frozen in the streak, so a pause never breaks it.
func (e *Engine) endPauseAt(st *State, end time.Time) {
	p := st.Pause
	if p == nil {
		return
	}
	loc := e.loc(*st)
	from := DayOf(p.From, loc, st.Profile.DayBoundary)
	to := DayOf(end, loc, st.Profile.DayBoundary)
	if to > from {
		st.Streak = st.Streak.FreezeRange(from, to.Add(-1))
	}
	st.Pause = nil
}

func (s *step) faqMenu() {
	topics := s.e.c.Topics
	rows := make([][]Button, 0, (len(topics)+1)/2)
	for i := 0; i < len(topics); i += 2 {
		row := []Button{btn(s.topicTitle(topics[i].ID), "faq:"+topics[i].ID)}
		if i+1 < len(topics) {
			row = append(row, btn(s.topicTitle(topics[i+1].ID), "faq:"+topics[i+1].ID))
		}
		rows = append(rows, row)
	}
	s.sayB(s.t("faq.menu"), rows...)
}

// faqAnswer answers a topic, offering its related topics.
func (s *step) faqAnswer(id string) {
	t := s.e.c.Topic(id)
	if t == nil {
		return
	}
	var rows [][]Button
	for _, r := range t.Related {
		if s.e.c.Topic(r) != nil {
			rows = append(rows, []Button{btn(s.topicTitle(r), "faq:"+r)})
		}
	}
	s.sayB(s.topicAnswer(id), rows...)
}

// settingsPrompt shows the settings menu or the question of a setting.
func (s *step) settingsPrompt() {
	p := s.st.Profile
	switch s.st.Phase {
	case PhaseSettings:
		quiet := s.t("settings.quiet_off")
		if p.QuietStart != p.QuietEnd {
			quiet = p.QuietStart.String() + "–" + p.QuietEnd.String()
		}
		follow := s.t("settings.off")
		if p.FollowUp {
			follow = s.t("settings.on")
		}
		s.sayB(s.t("settings.menu", "zone", ZoneLabel(p.Zone, s.now), "morning", p.Morning.String(),
			"evening", p.Evening.String(), "quiet", quiet, "followup", follow),
			[]Button{btn(s.t("btn.set_zone"), "set:zone"), btn(s.t("btn.set_morning"), "set:morning")},
			[]Button{btn(s.t("btn.set_evening"), "set:evening"), btn(s.t("btn.set_quiet"), "set:quiet")},
			[]Button{btn(s.t("btn.set_followup"), "set:followup"), btn(s.t("btn.set_done"), "set:done")})
	case PhaseSetZone:
		s.say(s.t("onb.zone"))
	case PhaseSetMorning:
		s.sayB(s.t("settings.morning", "time", p.Morning.String()), clockButtons(morningChoices))
	case PhaseSetEvening:
		s.sayB(s.t("settings.evening", "time", p.Evening.String()), clockButtons(eveningChoices))
	case PhaseSetQuiet:
		s.sayB(s.t("settings.quiet"),
			[]Button{btn("22:00–07:00", "q:22:00-07:00"), btn("23:00–08:00", "q:23:00-08:00")},
			[]Button{btn("21:00–06:00", "q:21:00-06:00"), btn(s.t("settings.quiet_off"), "q:off")})
	case PhaseDelete:
		s.sayB(s.t("delete.confirm"), []Button{btn(s.t("btn.delete_yes"), "yes"), btn(s.t("btn.delete_no"), "no")})
	case PhasePauseDays:
		s.sayB(s.t("pause.ask"),
			[]Button{btn(s.t("btn.days", "n", "1"), "d:1"), btn(s.t("btn.days", "n", "3"), "d:3"), btn(s.t("btn.days", "n", "7"), "d:7")},
			[]Button{btn(s.t("btn.until_resume"), "d:0")})
	}
}

func (s *step) settingsAnswer(text, action string) bool {
	p := &s.st.Profile
	switch s.st.Phase {
	case PhaseSettings:
		if action == "" {
			return false
		}
		switch action {
		case "set:zone":
			s.goTo(PhaseSetZone)
		case "set:morning":
			s.goTo(PhaseSetMorning)
		case "set:evening":
			s.goTo(PhaseSetEvening)
		case "set:quiet":
			s.goTo(PhaseSetQuiet)
		case "set:followup":
			p.FollowUp = !p.FollowUp
			s.goTo(PhaseSettings)
		case "set:done":
			s.idle()
			s.say(s.t("settings.saved"))
		default:
			return false
		}
	case PhaseSetZone:
		if action != "" {
			return false
		}
		zone, ok := ParseZone(text)
		if !ok {
			return false
		}
		s.setZone(zone)
		s.goTo(PhaseSettings)
	case PhaseSetMorning, PhaseSetEvening:
		c, ok := parseClockAnswer(text, action)
		if !ok {
			return false
		}
		other := p.Evening
		if s.st.Phase == PhaseSetEvening {
			other = p.Morning
		}
		if gap(c, other) < minSlotGap {
			s.say(s.t("settings.too_close", "other", other.String()))
			s.prompt()
			return true
		}
		if s.st.Phase == PhaseSetMorning {
			p.Morning = c
		} else {
			p.Evening = c
		}
		s.say(s.t("settings.time_set", "time", c.String()))
		s.goTo(PhaseSettings)
	case PhaseSetQuiet:
		from, to, ok := parseQuiet(text, action)
		if !ok {
			return false
		}
		p.QuietStart, p.QuietEnd = from, to
		s.goTo(PhaseSettings)
	case PhaseDelete:
		yes, ok := yesNo(text, action)
		if !ok {
			return false
		}
		if yes {
			s.out.Erase = true
			s.st = State{User: s.st.User, Profile: Profile{Lang: s.st.Profile.Lang}}
			s.say(s.t("delete.done"))
			return true
		}
		s.idle()
		s.say(s.t("delete.kept"))
	case PhasePauseDays:
		n := -1
		if strings.HasPrefix(action, "d:") {
			n, _ = strconv.Atoi(action[2:])
		} else if action == "" {
			ws := words(text)
			if hasAny(ws, setOf("until", "resume", "indefinitely", "forever", "unknown", "open")) {
				n = 0
			} else if v, ok := parseScoreLike(text); ok {
				n = v
			}
		}
		if n < 0 || n > 90 {
			return false
		}
		s.pause(n)
	default:
		return false
	}
	return true
}

// parseScoreLike reads a small whole number of days: "3", "3 days", "a week".
func parseScoreLike(text string) (int, bool) {
	ws := words(text)
	if len(ws) == 0 || len(ws) > 4 {
		return 0, false
	}
	if hasAny(ws, setOf("week", "7")) && !hasAny(ws, setOf("weeks", "2", "two")) {
		return 7, true
	}
	for _, w := range ws {
		if n, err := strconv.Atoi(w); err == nil {
			return n, true
		}
		if n, ok := numberWords[w]; ok && n > 0 {
			return n, true
		}
	}
	return 0, false
}

// parseQuiet reads quiet hours: "q:22:00-07:00", "off", "22-7", "23:00 to 8am".
func parseQuiet(text, action string) (Clock, Clock, bool) {
	if action != "" {
		if !strings.HasPrefix(action, "q:") {
			return 0, 0, false
		}
		text = action[2:]
	}
	t := strings.ToLower(strings.TrimSpace(text))
	if t == "off" || t == "none" || t == "no" {
		return 0, 0, true
	}
	for _, sep := range []string{"–", "—", " to ", "-", " until ", " till "} {
		if a, b, ok := strings.Cut(t, sep); ok {
			from, ok1 := ParseClock(strings.TrimSpace(a))
			to, ok2 := ParseClock(strings.TrimSpace(b))
			if ok1 && ok2 && from != to {
				return from, to, true
			}
		}
	}
	return 0, 0, false
}

// Export is everything stored about one user, as /export sends it.
type Export struct {
	Format     string         `json:"format"`
	ExportedAt time.Time      `json:"exported_at"`
	User       UserID         `json:"user_id"`
	Profile    Profile        `json:"profile"`
	Streak     Streak         `json:"streak"`
	Pause      *Pause         `json:"pause,omitempty"`
	Session    *Session       `json:"routine_in_progress,omitempty"`
	Hurts      []HurtMark     `json:"recent_hurts,omitempty"`
	Gentle     map[string]Day `json:"gentle_versions,omitempty"`
	Records    []Record       `json:"history"`
}

func (s *step) export() {
	ex := Export{
		Format: "stretchbot-export/1", ExportedAt: s.now.UTC(), User: s.st.User,
		Profile: s.st.Profile, Streak: s.st.Streak, Pause: s.st.Pause, Session: s.st.Session,
		Hurts: s.st.Hurts, Gentle: s.st.Gentle, Records: s.hist,
	}
	if ex.Records == nil {
		ex.Records = []Record{}
	}
	b, err := json.MarshalIndent(ex, "", "  ")
	if err != nil {
		s.say(s.t("err.generic"))
		return
	}
	s.out.Replies = append(s.out.Replies, Reply{Text: s.t("export.caption"),
		File: &File{Name: "stretchbot-export.json", MIME: "application/json", Data: b}})
	s.prompt()
}

// progress sums up the last 30 days.
func (s *step) progress() {
	today := s.today()
	since := today.Add(-29)
	days := map[Day]bool{}
	routines, pains := 0, []int{}
	for _, r := range s.hist {
		if r.Kind != RecordRoutine || r.Routine == nil || r.Day < since {
			continue
		}
		if r.Routine.Completed {
			routines++
			days[r.Day] = true
			if r.Routine.Pain >= 0 {
				pains = append(pains, r.Routine.Pain)
			}
		}
	}
	trend := s.t("progress.trend_none")
	if len(pains) >= 2 {
		h := len(pains) / 2
		first, last := avg(pains[:h]), avg(pains[h:])
		switch {
		case last < first-0.5:
			trend = s.t("progress.trend_down", "from", fmt1(first), "to", fmt1(last))
		case last > first+0.5:
			trend = s.t("progress.trend_up", "from", fmt1(first), "to", fmt1(last))
		default:
			trend = s.t("progress.trend_flat", "avg", fmt1(avg(pains)))
		}
	}
	ch := &Chart{Streak: s.streakNow(), Best: s.st.Streak.Best}
	byDay := map[Day]int{}
	for i := 0; i < 30; i++ {
		d := since.Add(i)
		byDay[d] = i
		ch.Days = append(ch.Days, ChartDay{Day: d, Pain: -1})
	}
	for _, r := range s.hist {
		i, ok := byDay[r.Day]
		if !ok || r.Kind != RecordRoutine || r.Routine == nil || !r.Routine.Completed {
			continue
		}
		ch.Days[i].Routines++
		if r.Routine.Pain >= 0 {
			ch.Days[i].Pain = r.Routine.Pain
		}
	}
	s.out.Replies = append(s.out.Replies, Reply{Text: s.t("progress", "days", itoa(len(days)), "routines", itoa(routines),
		"streak", itoa(ch.Streak), "best", itoa(ch.Best), "trend", trend), Chart: ch})
}

// report builds a summary a user can forward to their physio or doctor.
func (s *step) report() {
	if len(s.hist) == 0 {
		s.say(s.t("report.empty"))
		return
	}
	from, to := s.hist[0].Day, s.hist[len(s.hist)-1].Day
	done, stopped, skippedItems := 0, 0, 0
	hurt := map[string]int{}
	var pains []string
	var flags []string
	for _, r := range s.hist {
		switch {
		case r.Kind == RecordRoutine && r.Routine != nil:
			if r.Routine.Completed {
				done++
			} else {
				stopped++
			}
			for _, it := range r.Routine.Items {
				if it.Outcome == OutcomeSkipped {
					skippedItems++
				}
				if it.Hurt > 0 {
					hurt[it.Stretch]++
				}
			}
			if r.Routine.Pain >= 0 {
				pains = append(pains, string(r.Day)+": "+itoa(r.Routine.Pain))
			}
		case r.Kind == RecordRedFlag && r.RedFlag != nil:
			f := string(r.Day) + " " + s.t("level."+string(r.RedFlag.Level))
			if len(r.RedFlag.Flags) > 0 {
				f += " (" + strings.Join(r.RedFlag.Flags, ", ") + ")"
			}
			flags = append(flags, f)
		}
	}
	var hurtLines []string
	for id, n := range hurt {
		name := id
		if st := s.e.c.Stretch(id); st != nil {
			name = s.stretchName(st, false)
		}
		hurtLines = append(hurtLines, name+": "+itoa(n))
	}
	sort.Strings(hurtLines)
	none := s.t("report.none")
	orNone := func(xs []string) string {
		if len(xs) == 0 {
			return none
		}
		return strings.Join(xs, "; ")
	}
	if len(pains) > 14 {
		pains = pains[len(pains)-14:]
	}
	text := s.t("report", "from", string(from), "to", string(to), "done", itoa(done), "stopped", itoa(stopped),
		"skipped", itoa(skippedItems), "pain", orNone(pains), "hurt", orNone(hurtLines), "flags", orNone(flags))
	s.say(text)
	s.out.Replies = append(s.out.Replies, Reply{Text: s.t("report.caption"),
		File: &File{Name: "stretchbot-report.txt", MIME: "text/plain", Data: []byte(text + "\n")}})
}

func avg(xs []int) float64 {
	t := 0
	for _, x := range xs {
		t += x
	}
	return float64(t) / float64(len(xs))
}

func fmt1(f float64) string { return strconv.FormatFloat(f, 'f', 1, 64) }

// date renders an instant as a short local date in the user's language,
// e.g. "Mon 2 Dec".
func (s *step) date(t time.Time) string {
	t = t.In(s.loc())
	wd := strings.Split(s.t("date.weekdays"), ",")
	mo := strings.Split(s.t("chart.months"), ",")
	w, m := t.Weekday().String()[:3], t.Month().String()[:3]
	if len(wd) == 7 {
		w = strings.TrimSpace(wd[t.Weekday()])
	}
	if len(mo) == 12 {
		m = strings.TrimSpace(mo[t.Month()-1])
	}
	return s.t("date.format", "weekday", w, "day", itoa(t.Day()), "month", m)
}
