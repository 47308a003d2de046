package bot

import (
	"context"
	"fmt"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchbot/stretchbot/bot/telegramtest"
	"github.com/stretchbot/stretchbot/coach"
)

// player is a test user driving the conversation by reading what the bot
// actually sent and pressing the buttons it offered.
type player struct {
	t    *testing.T
	srv  *telegramtest.Server
	u    telegramtest.User
	seen int // records already read
}

// next waits until the bot has said something new and gone quiet: a new
// message carrying buttons, or at least min new records. It returns the new
// records.
func (p *player) next(min int) []telegramtest.Sent {
	p.t.Helper()
	var got []telegramtest.Sent
	ok := p.srv.WaitFor(wait, func(v telegramtest.View) bool {
		all := v.Sent(p.u.ID)
		if len(all) < p.seen+min {
			return false
		}
		got = append([]telegramtest.Sent(nil), all[p.seen:]...)
		return true
	})
	if !ok {
		p.t.Fatalf("user %d: no reply; transcript:\n%s", p.u.ID, p.transcript())
	}
	p.seen += len(got)
	return got
}

// untilButtons reads replies until a message with buttons arrives and
// returns it.
func (p *player) untilButtons() telegramtest.Sent {
	p.t.Helper()
	var btn telegramtest.Sent
	ok := p.srv.WaitFor(wait, func(v telegramtest.View) bool {
		all := v.Sent(p.u.ID)
		for i := p.seen; i < len(all); i++ {
			if all[i].Method == "sendMessage" && all[i].Markup != nil {
				btn = all[i]
				p.seen = i + 1
				return true
			}
		}
		return false
	})
	if !ok {
		p.t.Fatalf("user %d: no buttons; transcript:\n%s", p.u.ID, p.transcript())
	}
	return btn
}

// actions returns the actions of a message's buttons, by label.
func actionsOf(s telegramtest.Sent) map[string]string {
	out := map[string]string{}
	for _, b := range s.Buttons() {
		parts := strings.Split(*b.CallbackData, "|")
		out[strings.Join(parts[2:len(parts)-1], "|")] = b.Text
	}
	return out
}

// press presses the button with the action on the message.
func (p *player) press(s telegramtest.Sent, action string) {
	p.t.Helper()
	for _, b := range s.Buttons() {
		parts := strings.Split(*b.CallbackData, "|")
		if strings.Join(parts[2:len(parts)-1], "|") == action {
			p.srv.Press(p.u, s.MessageID, *b.CallbackData)
			return
		}
	}
	p.t.Fatalf("user %d: no button %q on %q (have %v)", p.u.ID, action, s.Text, actionsOf(s))
}

func (p *player) say(text string) { p.srv.SendText(p.u, text) }

func (p *player) transcript() string {
	var b strings.Builder
	for _, s := range p.srv.Sent(p.u.ID) {
		fmt.Fprintf(&b, "  %s #%d %q %v\n", s.Method, s.MessageID, s.Text, actionsOf(s))
	}
	return b.String()
}

// onboard takes the player from /start to the first stretch of a morning
// routine and returns that stretch's message.
func (p *player) onboard() telegramtest.Sent {
	p.t.Helper()
	p.say("/start")
	p.press(p.untilButtons(), "ok")
	p.press(p.untilButtons(), "no") // no emergency signs
	p.press(p.untilButtons(), "no") // no clinician signs
	p.next(1)                       // where are you?
	p.srv.ShareLocation(p.u, 52.52, 13.40)
	p.press(p.untilButtons(), "t:07:30")
	p.press(p.untilButtons(), "t:19:00")
	p.press(p.untilButtons(), "start:morning")
	m := p.untilButtons()
	if !strings.HasPrefix(m.Text, "1/5") {
		p.t.Fatalf("user %d: expected the first stretch, got %q", p.u.ID, m.Text)
	}
	return m
}

// finish presses "done" on stretch m and every one after it, then gives
// the pain score, and returns the stretch numbers seen in order.
func (p *player) finish(m telegramtest.Sent) []string {
	p.t.Helper()
	var seen []string
	for strings.Contains(m.Text, "/5 · ") {
		seen = append(seen, m.Text[:3])
		p.press(m, "done")
		m = p.untilButtons()
	}
	if _, ok := actionsOf(m)["p:2"]; !ok {
		p.t.Fatalf("user %d: expected the pain question, got %q %v", p.u.ID, m.Text, actionsOf(m))
	}
	p.press(m, "p:2")
	p.next(1)
	return seen
}

func e2eConfig(srv *telegramtest.Server) Config {
	cfg := testConfig(srv)
	cfg.Flood = Flood{Burst: 1000, Window: time.Second} // test players are fast
	return cfg
}

func TestE2ETwoUsersAtOnce(t *testing.T) {
	srv := telegramtest.New(t, telegramtest.Config{Limits: fastLimits()})
	svc := newService(t)
	start(t, srv, svc, e2eConfig(srv), nil)
	t.Run("users", func(t *testing.T) {
		for _, id := range []int64{2001, 2002} {
			t.Run(fmt.Sprint(id), func(t *testing.T) {
				t.Parallel()
				p := &player{t: t, srv: srv, u: telegramtest.User{ID: id, LanguageCode: "en"}}
				seen := p.finish(p.onboard())
				if strings.Join(seen, ",") != "1/5,2/5,3/5,4/5,5/5" {
					t.Fatalf("stretches in order %v", seen)
				}
				st, err := svc.State(context.Background(), coach.UserID(id))
				if err != nil || st.Session != nil || st.Streak.Current != 1 || st.Profile.Zone != "Europe/Berlin" {
					t.Fatalf("state after the routine: %+v %v", st, err)
				}
			})
		}
	})
	if v := srv.Violations(); v != 0 {
		t.Fatalf("rate limit violated: %v", srv.ViolationDetails())
	}
	// Every press was answered: 12 presses each.
	if n := len(srv.Answers()); n != 2*12 {
		t.Fatalf("%d callback answers, want 24", n)
	}
}

func TestE2EHurtsLeadsToRedFlagStop(t *testing.T) {
	srv := telegramtest.New(t, telegramtest.Config{Limits: fastLimits()})
	svc := newService(t)
	start(t, srv, svc, e2eConfig(srv), nil)
	p := &player{t: t, srv: srv, u: telegramtest.User{ID: 3001}}
	m := p.onboard()
	p.press(m, "hurt")
	m = p.untilButtons() // how bad?
	var level string
	for a := range actionsOf(m) {
		if strings.HasSuffix(a, ":5") {
			level = a
		}
	}
	if level == "" {
		t.Fatalf("no level 5 among %v", actionsOf(m))
	}
	p.press(m, level)
	m = p.untilButtons() // what kind?
	p.press(m, "k:numb")
	got := p.next(2)
	clin := svc.Engine().Content().Safety.Clinician
	found := false
	for _, s := range got {
		if strings.Contains(s.Text, clin[:min(40, len(clin))]) {
			found = true
		}
	}
	if !found {
		t.Fatalf("no clinician advice after numbness:\n%s", p.transcript())
	}
	st, _ := svc.State(context.Background(), 3001)
	if st.Session != nil {
		t.Fatalf("the routine went on after a red flag: %+v", st.Session)
	}
}

func TestE2EFAQMidRoutineAndForgedButton(t *testing.T) {
	srv := telegramtest.New(t, telegramtest.Config{Limits: fastLimits()})
	svc := newService(t)
	start(t, srv, svc, e2eConfig(srv), nil)
	p := &player{t: t, srv: srv, u: telegramtest.User{ID: 4001}}
	m := p.onboard()
	p.press(m, "done")
	m = p.untilButtons() // 2/5
	before, _ := svc.State(context.Background(), 4001)

	// A forged press: right shape, wrong signature. Answered politely,
	// nothing changes.
	answers := len(srv.Answers())
	sent := len(srv.Sent(4001))
	id := srv.Press(p.u, m.MessageID, "v1|"+strconv.FormatUint(uint64(before.Turn), 36)+"|done|AAAAAAAAAAA")
	got, err := srv.WaitAnswers(answers+1, wait)
	if err != nil {
		t.Fatal(err)
	}
	if a := got[len(got)-1]; a.CallbackQueryID != id || a.Text != svc.Engine().Content().Messages.T("en", "bot.button_invalid") {
		t.Fatalf("forged press answered %+v", a)
	}
	// Someone else's genuine button is refused the same way.
	other := telegramtest.User{ID: 4002}
	srv.Press(other, m.MessageID, *m.Buttons()[0].CallbackData)
	if _, err := srv.WaitAnswers(answers+2, wait); err != nil {
		t.Fatal(err)
	}

	topic := svc.Engine().Content().Topics[0]
	p.say(topic.Question)
	reply := p.next(1)
	if len(srv.Sent(4001)) < sent+1 || !strings.Contains(reply[0].Text, topic.Answer[:min(30, len(topic.Answer))]) {
		t.Fatalf("FAQ answer missing:\n%s", p.transcript())
	}
	after, _ := svc.State(context.Background(), 4001)
	if after.Session == nil || after.Session.Index != before.Session.Index {
		t.Fatalf("the routine moved: %+v -> %+v", before.Session, after.Session)
	}
	// The routine carries on from the same stretch.
	if m = p.untilButtons(); !strings.HasPrefix(m.Text, "2/5") {
		t.Fatalf("after the answer: %q", m.Text)
	}
	seen := p.finish(m)
	if seen[0] != "2/5" || len(seen) != 4 {
		t.Fatalf("resumed at %v", seen)
	}
}

func TestE2EStormsLoseNothing(t *testing.T) {
	srv := telegramtest.New(t, telegramtest.Config{Limits: fastLimits()})
	svc := newService(t)
	cfg := e2eConfig(srv)
	// Enough attempts to outlast every fault below even if all hit one
	// message: the point is that nothing is lost.
	cfg.Retry.Attempts = 16
	h := start(t, srv, svc, cfg, nil)
	defer func() {
		if t.Failed() {
			t.Log(h.logs.String())
		}
	}()
	srv.Inject(telegramtest.Fault{Method: "getUpdates", Code: 500})
	srv.Inject(telegramtest.Fault{Code: 429, RetryAfter: 1, Times: 4})
	srv.Inject(telegramtest.Fault{Code: 502, Times: 8})
	srv.Inject(telegramtest.Fault{Drop: true, Times: 3})
	t.Run("users", func(t *testing.T) {
		for _, id := range []int64{5001, 5002, 5003} {
			t.Run(fmt.Sprint(id), func(t *testing.T) {
				t.Parallel()
				p := &player{t: t, srv: srv, u: telegramtest.User{ID: id}}
				if seen := p.finish(p.onboard()); len(seen) != 5 {
					t.Fatalf("stretches %v", seen)
				}
			})
		}
	})
	if srv.FaultsLeft() != 0 {
		t.Fatalf("%d faults never triggered", srv.FaultsLeft())
	}
	if v := srv.Violations(); v != 0 {
		t.Fatalf("rate limit violated: %v", srv.ViolationDetails())
	}
}

func TestE2EBlockAndComeBack(t *testing.T) {
	srv := telegramtest.New(t, telegramtest.Config{Limits: fastLimits()})
	svc := newService(t)
	h := start(t, srv, svc, e2eConfig(srv), nil)
	p := &player{t: t, srv: srv, u: telegramtest.User{ID: 6001}}
	m := p.onboard()

	srv.Block(6001)
	calls := srv.Calls("sendMessage") + srv.Calls("editMessageText")
	p.press(m, "done")
	if !srv.WaitFor(wait, func(v telegramtest.View) bool {
		return v.Calls("sendMessage")+v.Calls("editMessageText") > calls
	}) {
		t.Fatal("nothing was tried")
	}
	ctx, cancel := context.WithTimeout(context.Background(), wait)
	defer cancel()
	h.bot.out.flush(ctx)
	st, _ := svc.State(context.Background(), 6001)
	if !st.Profile.Blocked {
		t.Fatal("a 403 did not mark the user blocked")
	}

	srv.Unblock(6001)
	p.seen = len(srv.Sent(6001))
	p.say("/streak")
	p.next(1)
	st, _ = svc.State(context.Background(), 6001)
	if st.Profile.Blocked {
		t.Fatal("the user wrote again but is still marked blocked")
	}
}

func TestE2ERestartMidRoutine(t *testing.T) {
	srv := telegramtest.New(t, telegramtest.Config{Limits: fastLimits()})
	path := filepath.Join(t.TempDir(), "restart.db")
	svc, db := openService(t, path)
	h := start(t, srv, svc, e2eConfig(srv), nil)
	p := &player{t: t, srv: srv, u: telegramtest.User{ID: 7001}}
	m := p.onboard()
	p.press(m, "done")
	m = p.untilButtons()
	p.press(m, "done")
	m = p.untilButtons()
	if !strings.HasPrefix(m.Text, "3/5") {
		t.Fatalf("at %q", m.Text)
	}
	if err := h.stop(); err != nil {
		t.Fatal(err)
	}
	db.Close()

	svc2, db2 := openService(t, path)
	defer db2.Close()
	start(t, srv, svc2, e2eConfig(srv), nil)
	seen := p.finish(m) // the buttons sent before the restart still work
	if strings.Join(seen, ",") != "3/5,4/5,5/5" {
		t.Fatalf("after the restart: %v", seen)
	}
}
