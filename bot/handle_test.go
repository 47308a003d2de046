package bot

import (
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/stretchbot/stretchbot/bot/telegramtest"
	"github.com/stretchbot/stretchbot/coach"
	"github.com/stretchbot/stretchbot/nlu"
)

func TestGroupsChannelsBotsAndEdits(t *testing.T) {
	srv := telegramtest.New(t, telegramtest.Config{Limits: fastLimits()})
	svc := newService(t)
	h := start(t, srv, svc, testConfig(srv), nil)
	msgs := svc.Engine().Content().Messages
	u := telegramtest.User{ID: 8001}

	for i := 0; i < 3; i++ {
		srv.SendGroupText(-500, "supergroup", u, "/start")
	}
	srv.SendChannelPost(-600, "news")
	srv.SendText(telegramtest.User{ID: 8002, IsBot: true}, "/start")
	last := srv.EditText(u, 1, "changed my mind")
	if !srv.WaitConfirmed(last-1, wait) {
		t.Fatal("updates not consumed")
	}
	edited, err := srv.WaitSent(u.ID, 1, wait)
	if err != nil || edited[0].Text != msgs.T("en", "bot.edited") {
		t.Fatalf("edited message answer: %v %v", texts(edited), err)
	}
	group, err := srv.WaitSent(-500, 1, wait)
	if err != nil || group[0].Text != msgs.T("en", "bot.private_only") {
		t.Fatalf("group: %v %v", texts(group), err)
	}
	if _, err := srv.WaitSent(-600, 1, wait); err != nil {
		t.Fatal(err)
	}
	h.stop()
	if n := len(srv.Sent(-500)); n != 1 {
		t.Fatalf("group told %d times", n)
	}
	if n := len(srv.Sent(8002)); n != 0 {
		t.Fatal("answered another bot")
	}
	if c := srv.Commands(); len(c) == 0 || len(c[0].Commands) == 0 || !strings.Contains(c[0].Scope, "all_private_chats") {
		t.Fatalf("setMyCommands: %+v", c)
	}
}

func TestFloodGuard(t *testing.T) {
	srv := telegramtest.New(t, telegramtest.Config{Limits: fastLimits()})
	svc := newService(t)
	cfg := testConfig(srv)
	// 10 at once, refilling so slowly that none comes back during the test.
	cfg.Flood = Flood{Burst: 10, Window: time.Hour}
	start(t, srv, svc, cfg, nil)
	msgs := svc.Engine().Content().Messages
	u := telegramtest.User{ID: 8101}
	// Edits are answered without touching the database: 13 in a burst.
	for i := 0; i < 13; i++ {
		srv.EditText(u, 1, "x")
	}
	sent, err := srv.WaitSent(u.ID, 11, wait)
	if err != nil {
		t.Fatal(err)
	}
	slow := 0
	for _, s := range sent {
		if s.Text == msgs.T("en", "bot.slow_down") {
			slow++
		}
	}
	if len(sent) != 11 || slow != 1 {
		t.Fatalf("%d replies, %d slow-down notes: %v", len(sent), slow, texts(sent))
	}
}

func TestFloodBucket(t *testing.T) {
	g := newFloodGuard(Flood{Burst: 3, Window: 3 * time.Second})
	t0 := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	steps := []struct {
		at       time.Duration
		ok, note bool
	}{
		{0, true, false}, {0, true, false}, {0, true, false},
		{0, false, true}, {0, false, false}, // one note per flood
		{time.Second, true, false}, // refilled one
		{time.Second, false, true}, // a new flood, a new note
		{10 * time.Second, true, false},
	}
	for i, s := range steps {
		ok, note := g.allow(1, t0.Add(s.at))
		if ok != s.ok || note != s.note {
			t.Fatalf("step %d: allow = %v %v, want %v %v", i, ok, note, s.ok, s.note)
		}
	}
}

func TestStorageErrorApologises(t *testing.T) {
	srv := telegramtest.New(t, telegramtest.Config{Limits: fastLimits()})
	c := coach.MustContent()
	svc := coach.NewService(coach.NewEngine(c, nlu.New(c)), failingRepo{})
	h := start(t, srv, svc, testConfig(srv), nil)
	u := telegramtest.User{ID: 8201}
	srv.SendText(u, "/start")
	sent, err := srv.WaitSent(u.ID, 1, wait)
	if err != nil || sent[0].Text != c.Messages.T("en", "bot.error") {
		t.Fatalf("%v %v", texts(sent), err)
	}
	// A press while storage is down gets a toast.
	data, _ := h.bot.codec.encode(8201, 1, "done")
	srv.Press(u, sent[0].MessageID, data)
	ans, err := srv.WaitAnswers(1, wait)
	if err != nil || ans[0].Text != c.Messages.T("en", "bot.error_toast") {
		t.Fatalf("%+v %v", ans, err)
	}
	h.stop()
	logs := h.logs.String()
	if !regexp.MustCompile(`msg="coach failed" update=\d+ kind=command user=8201`).MatchString(logs) || strings.Contains(logs, "/start") {
		t.Fatalf("logs:\n%s", logs)
	}
}

func TestMediaLocationAndBlockUpdates(t *testing.T) {
	srv := telegramtest.New(t, telegramtest.Config{Limits: fastLimits()})
	svc, db := openService(t, filepath.Join(t.TempDir(), "m.db"))
	defer db.Close()
	start(t, srv, svc, e2eConfig(srv), nil)
	p := &player{t: t, srv: srv, u: telegramtest.User{ID: 8301}}
	p.say("/start")
	p.untilButtons()
	for _, kind := range []string{"sticker", "photo", "voice"} {
		srv.SendMedia(p.u, kind)
		if got := p.next(1); got[0].Text == "" {
			t.Fatalf("%s: empty reply", kind)
		}
	}
	// An update is confirmed only once handled.
	if !srv.WaitConfirmed(srv.SetMyChatMember(p.u, "kicked"), wait) {
		t.Fatal("not consumed")
	}
	if st, _ := svc.State(t.Context(), 8301); !st.Profile.Blocked {
		t.Fatal("blocking the bot was not recorded")
	}
	if !srv.WaitConfirmed(srv.SendText(p.u, "/help"), wait) {
		t.Fatal("not consumed")
	}
	if st, _ := svc.State(t.Context(), 8301); st.Profile.Blocked {
		t.Fatal("still blocked after writing again")
	}
}
