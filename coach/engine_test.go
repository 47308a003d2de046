package coach

import (
	"encoding/json"
	"strings"
	"testing"
	"time"
)

// fakeNLU understands a fixed set of messages, so engine tests do not
// depend on the matcher's tuning (package nlu has its own tests).
type fakeNLU map[string]Understanding

func (f fakeNLU) Understand(t string) Understanding {
	if u, ok := f[strings.ToLower(strings.TrimSpace(t))]; ok {
		return u
	}
	return Understanding{Intent: IntentUnknown}
}

var testNLU = fakeNLU{
	"how long do i hold each one?":      {Intent: IntentFAQ, Topic: "hold-time", Score: 0.9},
	"walking?":                          {Intent: IntentSuggest, Candidates: []string{"walking", "habits", "warm-up"}},
	"i can't feel my groin":             {Intent: IntentRedFlag, Level: LevelEmergency, Flags: []string{"saddle"}},
	"pain shoots down my leg":           {Intent: IntentRedFlag, Level: LevelClinician, Flags: []string{"sciatica"}},
	"what's the weather like tomorrow?": {Intent: IntentUnknown},
}

// conv drives one user's conversation through Step.
type conv struct {
	t    *testing.T
	e    *Engine
	st   State
	now  time.Time
	hist []Record
	out  Output
}

func newConv(t *testing.T) *conv {
	t.Helper()
	c, err := LoadContent()
	if err != nil {
		t.Fatal(err)
	}
	// 08:00 in London on a Wednesday in winter.
	return &conv{t: t, e: NewEngine(c, testNLU), st: State{User: 42}, now: time.Date(2026, 11, 25, 8, 0, 0, 0, time.UTC)}
}

func (c *conv) step(in Input) Output {
	c.t.Helper()
	var hist []Record
	if c.e.NeedsHistory(c.st, in) {
		hist = c.hist
	}
	c.out = c.e.Step(c.st, in, c.now, hist)
	if !c.out.Erase {
		c.st = c.out.State
		c.hist = append(c.hist, c.out.Records...)
	} else {
		c.st, c.hist = State{User: c.st.User}, nil
	}
	for _, r := range c.out.Replies {
		if strings.TrimSpace(r.Text) == "" {
			c.t.Fatalf("empty reply text after %+v", in)
		}
		if strings.Contains(r.Text, "{") && strings.Contains(r.Text, "}") {
			c.t.Fatalf("unfilled placeholder in %q", r.Text)
		}
		for _, row := range r.Buttons {
			for _, b := range row {
				if len(b.Action) > 24 || b.Action == "" || b.Label == "" {
					c.t.Fatalf("bad button %+v", b)
				}
			}
		}
	}
	return c.out
}

func (c *conv) text(s string) Output { c.t.Helper(); return c.step(Input{Kind: InputText, Text: s}) }
func (c *conv) cmd(name string) Output {
	c.t.Helper()
	n, arg, _ := strings.Cut(name, " ")
	return c.step(Input{Kind: InputCommand, Command: n, Text: arg})
}

// press presses a button by action, with the current turn.
func (c *conv) press(action string) Output {
	c.t.Helper()
	return c.step(Input{Kind: InputButton, Action: action, Turn: c.st.Turn})
}

// offered reports whether the last output offered a button with the action.
func (c *conv) offered(action string) bool {
	for _, r := range c.out.Replies {
		for _, row := range r.Buttons {
			for _, b := range row {
				if b.Action == action {
					return true
				}
			}
		}
	}
	return false
}

func (c *conv) said() string {
	var b strings.Builder
	for _, r := range c.out.Replies {
		b.WriteString(r.Text)
		b.WriteString("\n")
	}
	return b.String()
}

func (c *conv) wantPhase(p Phase) {
	c.t.Helper()
	if c.st.Phase != p {
		c.t.Fatalf("phase = %q, want %q; said:\n%s", c.st.Phase, p, c.said())
	}
}

func (c *conv) wantSaid(sub string) {
	c.t.Helper()
	if !strings.Contains(strings.ToLower(c.said()), strings.ToLower(sub)) {
		c.t.Fatalf("replies do not contain %q:\n%s", sub, c.said())
	}
}

// onboard takes a new user through onboarding to idle.
func (c *conv) onboard() {
	c.t.Helper()
	c.cmd("start")
	c.wantPhase(PhaseOnbIntro)
	c.press("ok")
	c.wantPhase(PhaseOnbEmergency)
	c.press("no")
	c.wantPhase(PhaseOnbClinician)
	c.press("no")
	c.wantPhase(PhaseOnbZone)
	c.text("London")
	c.wantPhase(PhaseOnbMorning)
	c.press("t:07:30")
	c.wantPhase(PhaseOnbEvening)
	c.text("7pm")
	c.wantPhase(PhaseOnbFirst)
	c.press("later")
	c.wantPhase(PhaseIdle)
}

func TestOnboardingHappyPath(t *testing.T) {
	c := newConv(t)
	c.text("hello")
	c.wantPhase(PhaseOnbIntro)
	c.wantSaid("not")                   // the disclaimer says what it is not
	c.wantSaid(c.e.c.Safety.Disclaimer) // in full
	c.text("ok")
	c.wantPhase(PhaseOnbEmergency)
	c.text("nope")
	c.wantPhase(PhaseOnbClinician)
	c.text("no")
	c.wantPhase(PhaseOnbZone)
	c.text("banana")
	c.wantPhase(PhaseOnbZone)
	c.wantSaid("couldn't find")
	c.text("Europe/Berlin")
	c.wantPhase(PhaseOnbMorning)
	c.wantSaid("Europe/Berlin")
	c.text("banana")
	c.wantPhase(PhaseOnbMorning)
	c.wantSaid("didn't get that time")
	c.text("7.30am")
	c.wantPhase(PhaseOnbEvening)
	c.text("8:00") // an hour is the minimum gap; 30 minutes is refused
	c.text("7:45")
	c.wantSaid("too close")
	c.wantPhase(PhaseOnbEvening)
	c.text("19:00")
	c.wantPhase(PhaseOnbFirst)
	p := c.st.Profile
	if !p.Onboarded || p.Zone != "Europe/Berlin" || p.Morning != 7*60+30 || p.Evening != 19*60 ||
		p.QuietStart != 22*60 || p.QuietEnd != 7*60 || p.DayBoundary != 4*60 || p.GentleOnly {
		t.Fatalf("profile = %+v", p)
	}
	c.text("yes")
	c.wantPhase(PhaseStretch)
	if c.st.Session == nil || c.st.Session.Slot != Morning {
		t.Fatalf("session = %+v", c.st.Session)
	}
}

func TestOnboardingEvening8IsNotTooCloseTo730(t *testing.T) {
	c := newConv(t)
	c.cmd("start")
	c.press("ok")
	c.press("no")
	c.press("no")
	c.text("UTC+2")
	c.text("7:30")
	c.text("8:00")
	c.wantSaid("too close")
	c.text("8:30")
	c.wantPhase(PhaseOnbFirst)
}

func TestOnboardingSafetyGate(t *testing.T) {
	t.Run("emergency answer gives no routine", func(t *testing.T) {
		c := newConv(t)
		c.cmd("start")
		c.press("ok")
		c.press("yes")
		c.wantSaid(c.e.c.Safety.Emergency)
		if c.st.Profile.Onboarded {
			t.Fatal("onboarded after an emergency answer")
		}
		if len(c.out.Records) != 1 || c.out.Records[0].RedFlag.Level != LevelEmergency {
			t.Fatalf("records = %+v", c.out.Records)
		}
		c.cmd("stretch")
		if c.st.Session != nil {
			t.Fatal("a routine started without onboarding")
		}
	})
	t.Run("clinician answer recommends review and offers gentle only", func(t *testing.T) {
		c := newConv(t)
		c.cmd("start")
		c.press("ok")
		c.press("no")
		c.press("yes")
		c.wantSaid(c.e.c.Safety.Clinician)
		c.wantPhase(PhaseOnbGentle)
		c.press("yes")
		c.wantPhase(PhaseOnbZone)
		if !c.st.Profile.GentleOnly {
			t.Fatal("GentleOnly not set")
		}
		c.text("Tokyo")
		c.text("7:00")
		c.text("21:00")
		c.press("start:morning")
		for _, it := range c.st.Session.Items {
			if !it.Gentle {
				t.Fatalf("item %s is not gentle", it.Stretch)
			}
		}
		c.wantSaid(c.e.c.Stretch(c.st.Session.Items[0].Stretch).Gentler.Name)
	})
	t.Run("clinician answer, wait", func(t *testing.T) {
		c := newConv(t)
		c.cmd("start")
		c.press("ok")
		c.press("no")
		c.press("yes")
		c.press("no")
		c.wantPhase(PhaseIdle)
		if c.st.Profile.Onboarded {
			t.Fatal("onboarded")
		}
	})
}

func TestFullMorningRoutine(t *testing.T) {
	c := newConv(t)
	c.onboard()
	c.cmd("stretch")
	c.wantPhase(PhaseStretch)
	c.wantSaid("1/5")
	c.press("done")
	c.wantSaid("2/5")
	c.text("✅")
	c.wantSaid("3/5")
	c.text("skip")
	c.wantSaid("4/5")
	c.text("👍")
	c.text("Done!")
	c.wantPhase(PhaseEndPain)
	c.text("about a 3")
	c.wantPhase(PhaseIdle)
	c.wantSaid("4 of 5 done, 1 skipped")
	c.wantSaid("Streak: 1")
	if c.st.Session != nil {
		t.Fatal("session not cleared")
	}
	var rec *RoutineRecord
	for _, r := range c.hist {
		if r.Kind == RecordRoutine {
			rec = r.Routine
		}
	}
	if rec == nil || !rec.Completed || rec.Pain != 3 || rec.Items[2].Outcome != OutcomeSkipped || rec.Items[4].Outcome != OutcomeDone {
		t.Fatalf("record = %+v", rec)
	}
	if c.st.Reminder.DoneDay != "2026-11-25" || len(c.st.Reminder.DoneSlot) != 1 {
		t.Fatalf("reminder = %+v", c.st.Reminder)
	}
	// The next day continues the streak.
	c.now = c.now.Add(24 * time.Hour)
	c.cmd("stretch morning")
	for i := 0; i < 5; i++ {
		c.press("done")
	}
	c.press("p:2")
	c.wantSaid("Streak: 2")
}

func TestStaleAndForgedButtonsChangeNothing(t *testing.T) {
	c := newConv(t)
	c.onboard()
	c.cmd("stretch")
	old := c.st.Turn
	c.press("done")
	before := c.st
	out := c.step(Input{Kind: InputButton, Action: "done", Turn: old}) // pressed twice
	if out.Notice == "" || c.st.Session.Index != before.Session.Index {
		t.Fatalf("stale press moved on: index %d → %d", before.Session.Index, c.st.Session.Index)
	}
	for _, a := range []string{"p:99", "k:fire", "zzz", strings.Repeat("x", 200), "faq:nope", "t:25:99", ""} {
		c.step(Input{Kind: InputButton, Action: a, Turn: c.st.Turn})
		if c.st.Session.Index != before.Session.Index || c.st.Phase != PhaseStretch {
			t.Fatalf("forged %q changed state", a)
		}
	}
}

func TestHurtsMildOffersGentlerOrSkip(t *testing.T) {
	c := newConv(t)
	c.onboard()
	c.cmd("stretch")
	first := c.st.Session.Items[0].Stretch
	c.text("ouch")
	c.wantPhase(PhaseHurtLevel)
	c.text("3")
	c.wantPhase(PhaseHurtKind)
	c.press("k:none")
	c.wantPhase(PhaseHurtChoice)
	if !c.offered("h:gentle") || !c.offered("h:skip") {
		t.Fatal("gentler variation or skip not offered")
	}
	c.press("h:gentle")
	c.wantPhase(PhaseStretch)
	c.wantSaid(c.e.c.Stretch(first).Gentler.Name)
	if !c.st.Session.Items[0].Gentle || c.st.Session.Items[0].Hurt != 4 {
		t.Fatalf("item = %+v", c.st.Session.Items[0])
	}
	// Hurts again on the gentle version: no gentler option left.
	c.press("hurt")
	c.press("p:2")
	c.press("k:sharp")
	c.wantPhase(PhaseHurtChoice)
	if c.offered("h:gentle") {
		t.Fatal("gentler offered for an already gentle stretch")
	}
	c.text("skip it")
	c.wantPhase(PhaseStretch)
	c.wantSaid("2/5")
}

func TestHurtTwiceInAWeekSwapsInGentler(t *testing.T) {
	c := newConv(t)
	c.onboard()
	for day := 0; day < 2; day++ {
		c.cmd("stretch morning")
		c.press("hurt")
		c.press("p:2")
		c.press("k:none")
		c.press("h:skip")
		for c.st.Phase == PhaseStretch {
			c.press("done")
		}
		c.press("p:1")
		c.now = c.now.Add(24 * time.Hour)
	}
	c.cmd("stretch morning")
	first := c.st.Session.Items[0]
	if !first.Gentle {
		t.Fatalf("first stretch not swapped: %+v", first)
	}
	c.wantSaid("hurt twice")
	if c.st.Gentle[first.Stretch] == "" {
		t.Fatal("swap not remembered")
	}
}

func TestHurtRedFlagsStopTheSession(t *testing.T) {
	for _, tc := range []struct {
		kind  string
		level Level
	}{{"k:leg", LevelClinician}, {"k:numb", LevelClinician}, {"k:emerg", LevelEmergency}} {
		t.Run(tc.kind, func(t *testing.T) {
			c := newConv(t)
			c.onboard()
			c.cmd("stretch")
			c.press("done")
			c.press("hurt")
			c.press("p:5")
			c.press(tc.kind)
			if c.st.Session != nil {
				t.Fatal("session still running")
			}
			want := c.e.c.Safety.Clinician
			if tc.level == LevelEmergency {
				want = c.e.c.Safety.Emergency
			}
			c.wantSaid(want)
			c.wantPhase(PhasePauseOffer)
			var gotFlag, gotStop bool
			for _, r := range c.out.Records {
				gotFlag = gotFlag || (r.Kind == RecordRedFlag && r.RedFlag.Level == tc.level && r.RedFlag.Source == "hurts")
				gotStop = gotStop || (r.Kind == RecordRoutine && r.Routine.Stopped == "redflag" && r.Routine.Items[0].Outcome == OutcomeDone)
			}
			if !gotFlag || !gotStop {
				t.Fatalf("records = %+v", c.out.Records)
			}
			c.press("yes")
			if c.st.Pause == nil || c.st.Pause.Reason != "redflag" {
				t.Fatalf("pause = %+v", c.st.Pause)
			}
		})
	}
}

func TestSevereAchEndsTodayAsFlare(t *testing.T) {
	c := newConv(t)
	c.onboard()
	c.cmd("stretch")
	c.press("hurt")
	c.press("p:8")
	c.press("k:none")
	c.wantPhase(PhasePauseOffer)
	c.wantSaid("stop here for today")
	c.press("no")
	c.wantPhase(PhaseIdle)
	if c.st.Pause != nil {
		t.Fatal("paused after 'keep them on'")
	}
}

func TestTriageRunsFirstEverywhere(t *testing.T) {
	for _, setup := range []struct {
		name string
		prep func(c *conv)
	}{
		{"new user", func(c *conv) {}},
		{"onboarding time", func(c *conv) { c.cmd("start"); c.press("ok"); c.press("no"); c.press("no"); c.text("London") }},
		{"mid-routine", func(c *conv) { c.onboard(); c.cmd("stretch"); c.press("done") }},
		{"idle", func(c *conv) { c.onboard() }},
		{"pain score", func(c *conv) { c.onboard(); c.cmd("stretch"); c.press("hurt") }},
	} {
		t.Run(setup.name, func(t *testing.T) {
			c := newConv(t)
			setup.prep(c)
			c.text("I can't feel my groin")
			c.wantSaid(c.e.c.Safety.Emergency)
			if c.st.Session != nil {
				t.Fatal("routine still running after an emergency sign")
			}
			found := false
			for _, r := range c.out.Records {
				found = found || (r.Kind == RecordRedFlag && r.RedFlag.Level == LevelEmergency && r.RedFlag.Source == "text")
			}
			if !found {
				t.Fatal("red flag not recorded")
			}
		})
	}
}

func TestFAQMidRoutineKeepsThePlace(t *testing.T) {
	c := newConv(t)
	c.onboard()
	c.cmd("stretch")
	c.press("done")
	turn := c.st.Turn
	c.text("How long do I hold each one?")
	c.wantSaid(c.e.c.Topic("hold-time").Answer)
	c.wantSaid("2/5")
	if c.st.Turn != turn || c.st.Session.Index != 1 {
		t.Fatal("a question moved the routine")
	}
	c.text("walking?")
	if !c.offered("faq:walking") || !c.offered("faq:habits") {
		t.Fatal("did-you-mean buttons missing")
	}
	c.press("faq:walking")
	c.wantSaid(c.e.c.Topic("walking").Answer)
	c.text("what's the weather like tomorrow?")
	c.wantSaid("Tap ✅ Done")
	c.wantPhase(PhaseStretch)
}

func TestIdleUnknownIsHonest(t *testing.T) {
	c := newConv(t)
	c.onboard()
	c.text("what's the weather like tomorrow?")
	c.wantSaid("outside what I can help with")
	if !c.offered("menu:faq") {
		t.Fatal("no /faq menu offered")
	}
	c.press("menu:faq")
	if !c.offered("faq:hold-time") || !c.offered("faq:breathing") {
		t.Fatal("menu lacks topics")
	}
}

func TestOddInputGetsAFriendlyReask(t *testing.T) {
	c := newConv(t)
	c.onboard()
	c.cmd("stretch")
	for _, s := range []string{"", "   ", "🦄🦄🦄", strings.Repeat("a", 5000), "banana", "\u200b\u200b", "مرحبا", "/", "12345678901234567890"} {
		before := c.st
		c.text(s)
		if len(c.out.Replies) == 0 {
			t.Fatalf("no reply to %.20q", s)
		}
		if c.st.Phase != PhaseStretch || c.st.Session.Index != before.Session.Index {
			t.Fatalf("%.20q moved the routine", s)
		}
	}
	c.step(Input{Kind: InputMedia, Text: "sticker"})
	c.wantSaid("stickers")
	c.wantPhase(PhaseStretch)
	c.cmd("frobnicate")
	c.wantSaid("don't know that command")
}

func TestTimerRepliesCarryDelaysAndTurn(t *testing.T) {
	c := newConv(t)
	c.onboard()
	c.cmd("stretch")
	c.press("timer")
	var delayed []Reply
	for _, r := range c.out.Replies {
		if r.After > 0 {
			delayed = append(delayed, r)
		}
	}
	if len(delayed) == 0 {
		t.Fatal("no delayed replies")
	}
	last := delayed[len(delayed)-1]
	if last.Turn != c.st.Turn || !strings.Contains(last.Text, "Time's up") {
		t.Fatalf("last = %+v (turn %d)", last, c.st.Turn)
	}
	for i := 1; i < len(delayed); i++ {
		if delayed[i].After <= delayed[i-1].After {
			t.Fatal("delays not increasing")
		}
	}
	// Pressing done moves the turn on, so the pending timer replies are
	// dropped by front ends.
	c.press("done")
	if c.st.Turn == last.Turn {
		t.Fatal("turn unchanged after done")
	}
}

func TestPauseResumeFreezesStreak(t *testing.T) {
	c := newConv(t)
	c.onboard()
	c.cmd("stretch")
	for c.st.Phase == PhaseStretch {
		c.press("done")
	}
	c.press("p:2")
	c.cmd("pause 3")
	if c.st.Pause == nil || c.st.Pause.Until.IsZero() {
		t.Fatalf("pause = %+v", c.st.Pause)
	}
	c.now = c.now.Add(48 * time.Hour)
	c.cmd("streak")
	c.wantSaid("streak: 1")
	c.cmd("resume")
	if c.st.Pause != nil {
		t.Fatal("still paused")
	}
	c.cmd("stretch morning")
	for c.st.Phase == PhaseStretch {
		c.press("done")
	}
	c.press("p:1")
	c.wantSaid("Streak: 2")
	c.cmd("pause")
	c.wantPhase(PhasePauseDays)
	c.press("d:0")
	if c.st.Pause == nil || !c.st.Pause.Until.IsZero() {
		t.Fatalf("open pause = %+v", c.st.Pause)
	}
}

func TestSettingsChangeTakesEffect(t *testing.T) {
	c := newConv(t)
	c.onboard()
	c.cmd("settings")
	c.wantPhase(PhaseSettings)
	c.press("set:zone")
	c.text("Adelaide")
	if c.st.Profile.Zone != "Australia/Adelaide" {
		t.Fatalf("zone = %q", c.st.Profile.Zone)
	}
	c.wantPhase(PhaseSettings)
	c.press("set:morning")
	c.text("6:45")
	if c.st.Profile.Morning != 6*60+45 {
		t.Fatalf("morning = %v", c.st.Profile.Morning)
	}
	c.press("set:quiet")
	c.text("23:00-08:00")
	if c.st.Profile.QuietStart != 23*60 || c.st.Profile.QuietEnd != 8*60 {
		t.Fatalf("quiet = %v-%v", c.st.Profile.QuietStart, c.st.Profile.QuietEnd)
	}
	c.press("set:followup")
	if !c.st.Profile.FollowUp {
		t.Fatal("follow-up not toggled")
	}
	c.press("set:done")
	c.wantPhase(PhaseIdle)
}

func TestExportAndDelete(t *testing.T) {
	c := newConv(t)
	c.onboard()
	c.cmd("stretch")
	for c.st.Phase == PhaseStretch {
		c.press("done")
	}
	c.press("p:4")
	c.cmd("export")
	var f *File
	for _, r := range c.out.Replies {
		if r.File != nil {
			f = r.File
		}
	}
	if f == nil || f.MIME != "application/json" {
		t.Fatal("no JSON export")
	}
	var ex Export
	if err := json.Unmarshal(f.Data, &ex); err != nil {
		t.Fatal(err)
	}
	if ex.User != 42 || len(ex.Records) != 1 || ex.Records[0].Routine.Pain != 4 || ex.Profile.Zone != "Europe/London" {
		t.Fatalf("export = %+v", ex)
	}
	c.cmd("delete")
	c.press("no")
	if c.out.Erase {
		t.Fatal("erased after no")
	}
	c.cmd("delete")
	c.press("yes")
	if !c.out.Erase {
		t.Fatal("not erased after yes")
	}
}

func TestWeeklyRecheck(t *testing.T) {
	c := newConv(t)
	c.onboard()
	c.now = c.now.Add(8 * 24 * time.Hour)
	c.cmd("stretch morning")
	c.wantPhase(PhaseRecheck)
	c.press("no")
	c.wantPhase(PhaseStretch)
	c.now = c.now.Add(8 * 24 * time.Hour)
	c.cmd("stretch morning") // a routine left for 8 days is closed first
	c.wantPhase(PhaseRecheck)
	c.press("yes")
	c.wantSaid(c.e.c.Safety.Emergency)
	if c.st.Session != nil {
		t.Fatal("routine started after an emergency re-check answer")
	}
}

func TestQuitAndResumeMidRoutine(t *testing.T) {
	c := newConv(t)
	c.onboard()
	c.cmd("stretch")
	c.press("done")
	c.press("done")
	c.now = c.now.Add(10 * time.Minute)
	c.cmd("stretch")
	c.wantSaid("pick up where you left off")
	c.wantSaid("3/5")
	// After 12 hours the old routine is closed and recorded, not resumed.
	c.now = c.now.Add(13 * time.Hour)
	c.cmd("stretch morning")
	c.wantSaid("1/5")
	var abandoned bool
	for _, r := range c.hist {
		abandoned = abandoned || (r.Kind == RecordRoutine && r.Routine.Stopped == "abandoned")
	}
	if !abandoned {
		t.Fatal("abandoned routine not recorded")
	}
}

func TestTypedAnswers(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want stepAnswer
		ok   bool
	}{
		{"done", ansDone, true}, {"Done!", ansDone, true}, {"✅", ansDone, true}, {"👍", ansDone, true},
		{"ok", ansDone, true}, {"finished", ansDone, true}, {"hurts", ansHurt, true}, {"ouch", ansHurt, true},
		{"it hurts", ansHurt, true}, {"pain", ansHurt, true}, {"skip", ansSkip, true}, {"next", ansDone, true},
		{"doesn't hurt, done", ansDone, true}, {"stop", ansStop, true}, {"banana", "", false},
		{"", "", false}, {"this is a much longer sentence that is not an answer at all", "", false},
	} {
		got, ok := parseStepAnswer(tc.in)
		if got != tc.want || ok != tc.ok {
			t.Errorf("parseStepAnswer(%q) = %q,%v want %q,%v", tc.in, got, ok, tc.want, tc.ok)
		}
	}
	for _, tc := range []struct {
		in   string
		want int
		ok   bool
	}{{"5", 5, true}, {"5/10", 5, true}, {"about a 4", 4, true}, {"seven", 7, true}, {"0", 0, true},
		{"11", 0, false}, {"-1", 0, false}, {"3 or 4", 0, false}, {"none", 0, true}, {"6.5", 7, true}, {"NaN", 0, false}} {
		got, ok := parseScore(tc.in)
		if got != tc.want || ok != tc.ok {
			t.Errorf("parseScore(%q) = %d,%v want %d,%v", tc.in, got, ok, tc.want, tc.ok)
		}
	}
	for _, tc := range []struct {
		in      string
		yes, ok bool
	}{{"yes", true, true}, {"Yep!", true, true}, {"👍", true, true}, {"no", false, true}, {"nope", false, true},
		{"no, not really", false, true}, {"not sure", false, false}, {"maybe", false, false}} {
		yes, ok := parseYesNo(tc.in)
		if yes != tc.yes || ok != tc.ok {
			t.Errorf("parseYesNo(%q) = %v,%v", tc.in, yes, ok)
		}
	}
}

func TestFlyingEastKeepsTheStreak(t *testing.T) {
	c := newConv(t)
	c.onboard() // London
	c.now = time.Date(2026, 11, 25, 20, 0, 0, 0, time.UTC)
	c.cmd("stretch evening")
	for c.st.Phase == PhaseStretch {
		c.press("done")
	}
	c.press("p:1")
	// Fly to Sydney (UTC+11): land 26 Nov 22:00 UTC = 27 Nov 09:00 local;
	// the 26th was spent travelling, so it must not break the streak.
	c.now = time.Date(2026, 11, 26, 22, 0, 0, 0, time.UTC)
	c.cmd("settings")
	c.press("set:zone")
	c.text("Sydney")
	c.press("set:done")
	c.cmd("stretch morning")
	for c.st.Phase == PhaseStretch {
		c.press("done")
	}
	c.press("p:1")
	c.wantSaid("Streak: 2")
}

func TestTimedPauseSetsWake(t *testing.T) {
	c := newConv(t)
	c.onboard()
	c.cmd("pause 2")
	if want := c.now.AddDate(0, 0, 2); !c.st.WakeAt.Equal(want) {
		t.Fatalf("WakeAt = %v, want %v", c.st.WakeAt, want)
	}
	c.cmd("resume")
	if !c.st.WakeAt.IsZero() {
		t.Fatalf("WakeAt after resume = %v", c.st.WakeAt)
	}
}

func TestContentIsTranslatedTextByText(t *testing.T) {
	c := newConv(t)
	c.e.c.Messages["xx"] = map[string]string{
		"stretch.cat-cow.name": "Gato-vaca",
		"btn.done":             "✅ Hecho",
		"safety.tip.1":         "Calienta primero.",
		"faq.hold-time.answer": "Mantén cada estiramiento 30 segundos.",
	}
	defer delete(c.e.c.Messages, "xx")
	c.onboard()
	c.step(Input{Kind: InputCommand, Command: "stretch", Text: "morning", Lang: "xx-YY"})
	if c.st.Profile.Lang != "xx" {
		t.Fatalf("lang = %q", c.st.Profile.Lang)
	}
	c.wantSaid("Gato-vaca") // translated content
	c.wantSaid("1/5")       // untranslated keys fall back to English
	found := false
	for _, r := range c.out.Replies {
		for _, row := range r.Buttons {
			for _, b := range row {
				found = found || b.Label == "✅ Hecho"
			}
		}
	}
	if !found {
		t.Fatal("button label not translated")
	}
	c.press("faq:hold-time")
	c.wantSaid("Mantén cada estiramiento")
}

func TestCardShowsWhenToSkipAndDatesAreLocal(t *testing.T) {
	c := newConv(t)
	c.onboard()
	c.cmd("stretch morning")
	id := c.st.Session.Items[0].Stretch
	c.wantSaid("⚠️ " + c.e.c.Stretch(id).SkipIf)
	c.cmd("stop")
	c.step(Input{Kind: InputCommand, Command: "pause", Text: "3", Lang: "es"})
	c.wantSaid("sáb 28 de nov") // 25 Nov 2026 + 3 days, in Spanish
	if k, ok := parseHurtKind("noto hormigueo en el pie", ""); ok && k == "none" {
		t.Fatal(`"noto…" read as "no"`)
	}
	if k, _ := parseHurtKind("no, just sore", ""); k != "none" {
		t.Fatalf(`"no, just sore" = %q`, k)
	}
}
