package bot

import (
	"context"
	"strings"
	"testing"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"
	"github.com/stretchbot/stretchbot/bot/telegramtest"
)

// TestRedeliveredMessageSteppedOnce: after a crash Telegram delivers the
// last updates again, under new update ids but with the same message. A
// typed "done" delivered twice moves the routine on once, and the second
// delivery sends nothing (its replies went out, or wait in the durable
// outbox, from the first).
func TestRedeliveredMessageSteppedOnce(t *testing.T) {
	srv := telegramtest.New(t, telegramtest.Config{Limits: fastLimits()})
	svc := newService(t)
	start(t, srv, svc, e2eConfig(srv), nil)
	p := &player{t: t, srv: srv, u: telegramtest.User{ID: 8901}}
	m := p.onboard() // the first stretch
	if !strings.HasPrefix(m.Text, "1/5") {
		t.Fatalf("at %q", m.Text)
	}
	msg := &tgbotapi.Message{
		MessageID: 1 << 20, // after every message of the chat
		From:      &tgbotapi.User{ID: 8901, FirstName: "U"},
		Chat:      &tgbotapi.Chat{ID: 8901, Type: "private"},
		Text:      "done",
	}
	first := srv.AddUpdate(tgbotapi.Update{Message: msg})
	if !srv.WaitConfirmed(first, wait) {
		t.Fatal("not handled")
	}
	got := p.untilButtons()
	if !strings.HasPrefix(got.Text, "2/5") {
		t.Fatalf("after done: %q", got.Text)
	}
	sent := len(srv.Sent(8901))
	again := srv.AddUpdate(tgbotapi.Update{Message: msg}) // the redelivery
	if !srv.WaitConfirmed(again, wait) {
		t.Fatal("redelivery not handled")
	}
	st, err := svc.State(context.Background(), 8901)
	if err != nil || st.Session == nil || st.Session.Index != 1 {
		t.Fatalf("after the redelivery the routine is at %+v, %v; want the second stretch", st.Session, err)
	}
	// A new message (Telegram's ids grow within a chat) goes on as usual,
	// and nothing was sent for the copy.
	next := *msg
	next.MessageID++
	srv.AddUpdate(tgbotapi.Update{Message: &next})
	if next := p.untilButtons(); !strings.HasPrefix(next.Text, "3/5") {
		t.Fatalf("after the next done: %q", next.Text)
	}
	for _, s := range srv.Sent(8901)[sent:] {
		if strings.HasPrefix(s.Text, "2/5") {
			t.Fatalf("the redelivery was answered: %q", s.Text)
		}
	}
}
