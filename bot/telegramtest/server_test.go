package telegramtest

import (
	"errors"
	"strings"
	"testing"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"
	"github.com/stretchbot/stretchbot/clock"
)

const wait = 5 * time.Second

func client(t *testing.T, s *Server) *tgbotapi.BotAPI {
	t.Helper()
	api, err := tgbotapi.NewBotAPIWithAPIEndpoint(s.Token(), s.Endpoint())
	if err != nil {
		t.Fatalf("NewBotAPI: %v", err)
	}
	return api
}

func TestGetMeAndToken(t *testing.T) {
	s := New(t, Config{})
	api := client(t, s)
	if api.Self.ID != BotID || api.Self.UserName != s.BotUsername() {
		t.Fatalf("Self = %+v", api.Self)
	}
	_, err := tgbotapi.NewBotAPIWithAPIEndpoint("1:wrong", s.Endpoint())
	var te *tgbotapi.Error
	if !errors.As(err, &te) || te.Code != 401 {
		t.Fatalf("wrong token: err = %v, want a 401", err)
	}
}

func TestGetUpdatesOffsetSemantics(t *testing.T) {
	s := New(t, Config{})
	api := client(t, s)
	u := User{ID: 42}
	a := s.SendText(u, "hello")
	b := s.SendText(u, "/start promo")
	c := s.SendMedia(u, "sticker")

	got, err := api.GetUpdates(tgbotapi.UpdateConfig{})
	if err != nil || len(got) != 3 {
		t.Fatalf("first poll: %d updates, err %v", len(got), err)
	}
	if got[0].UpdateID != a || got[1].UpdateID != b || got[2].UpdateID != c {
		t.Fatalf("ids %d %d %d, want %d %d %d", got[0].UpdateID, got[1].UpdateID, got[2].UpdateID, a, b, c)
	}
	if !got[1].Message.IsCommand() || got[1].Message.Command() != "start" || got[1].Message.CommandArguments() != "promo" {
		t.Fatalf("command not recognisable: %+v", got[1].Message)
	}
	// Without a higher offset nothing is confirmed.
	if s.Pending() != 3 {
		t.Fatalf("pending = %d, want 3", s.Pending())
	}
	got, err = api.GetUpdates(tgbotapi.UpdateConfig{Offset: b + 1, Limit: 10})
	if err != nil || len(got) != 1 || got[0].UpdateID != c {
		t.Fatalf("offset poll: %+v, %v", got, err)
	}
	if s.Pending() != 1 || !s.WaitConfirmed(b, time.Second) {
		t.Fatalf("pending = %d, want 1", s.Pending())
	}
	if got[0].Message.Sticker == nil {
		t.Fatal("sticker missing")
	}
}

func TestLongPollWakesOnArrivalAndHonoursTimeout(t *testing.T) {
	s := New(t, Config{})
	api := client(t, s)
	start := time.Now()
	got, err := api.GetUpdates(tgbotapi.UpdateConfig{Timeout: 1})
	if err != nil || len(got) != 0 {
		t.Fatalf("empty poll: %v %v", got, err)
	}
	if d := time.Since(start); d < 900*time.Millisecond {
		t.Fatalf("empty long poll returned after %v, want about 1s", d)
	}

	done := make(chan []tgbotapi.Update, 1)
	go func() {
		u, _ := api.GetUpdates(tgbotapi.UpdateConfig{Timeout: 30})
		done <- u
	}()
	// The poll is parked on the server once a getUpdates call is counted.
	if !s.WaitFor(wait, func(v View) bool { return v.s.polling == 1 }) {
		t.Fatal("poll never arrived")
	}
	id := s.SendText(User{ID: 7}, "hi")
	select {
	case u := <-done:
		if len(u) != 1 || u[0].UpdateID != id {
			t.Fatalf("woke with %+v", u)
		}
	case <-time.After(wait):
		t.Fatal("long poll did not wake on a new update")
	}
}

func TestSendEditPressAndAnswer(t *testing.T) {
	s := New(t, Config{})
	api := client(t, s)
	u := User{ID: 5}
	msg := tgbotapi.NewMessage(u.ID, "<b>Cat</b> stretch &amp; breathe")
	msg.ParseMode = tgbotapi.ModeHTML
	msg.ReplyMarkup = tgbotapi.NewInlineKeyboardMarkup(tgbotapi.NewInlineKeyboardRow(
		tgbotapi.NewInlineKeyboardButtonData("Done", "v1|1|done|x"),
		tgbotapi.NewInlineKeyboardButtonData("Hurts", "v1|1|hurts|x")))
	m, err := api.Send(msg)
	if err != nil {
		t.Fatal(err)
	}
	bad := tgbotapi.NewMessage(u.ID, "a < b")
	bad.ParseMode = tgbotapi.ModeHTML
	if _, err := api.Send(bad); err == nil || !strings.Contains(err.Error(), "can't parse entities") {
		t.Fatalf("unescaped HTML accepted: %v", err)
	}
	cbq, ok := s.PressLabel(u, m.MessageID, "Hurts")
	if !ok {
		t.Fatal("button not found")
	}
	ups, err := api.GetUpdates(tgbotapi.UpdateConfig{})
	if err != nil || len(ups) != 1 || ups[0].CallbackQuery == nil {
		t.Fatalf("press: %+v %v", ups, err)
	}
	q := ups[0].CallbackQuery
	if q.ID != cbq || q.Data != "v1|1|hurts|x" || q.Message == nil || q.Message.ReplyMarkup == nil || q.Message.Text == "" {
		t.Fatalf("callback query = %+v", q)
	}
	if _, err := api.Request(tgbotapi.NewCallback(q.ID, "Noted")); err != nil {
		t.Fatal(err)
	}
	edit := tgbotapi.NewEditMessageText(u.ID, m.MessageID, q.Message.Text+"\n→ Hurts")
	if _, err := api.Send(edit); err != nil {
		t.Fatal(err)
	}
	// The same edit again is "not modified".
	if _, err := api.Send(edit); err == nil || !strings.Contains(err.Error(), "message is not modified") {
		t.Fatalf("repeat edit: %v", err)
	}
	sent := s.Sent(u.ID)
	if len(sent) != 2 || sent[0].Method != "sendMessage" || sent[1].Method != "editMessageText" || sent[1].Markup != nil {
		t.Fatalf("sent = %+v", sent)
	}
	if len(sent[0].Buttons()) != 2 {
		t.Fatalf("buttons = %+v", sent[0].Buttons())
	}
	if a := s.Answers(); len(a) != 1 || a[0].Text != "Noted" {
		t.Fatalf("answers = %+v", a)
	}
}

func TestUploadsAndChatAction(t *testing.T) {
	s := New(t, Config{})
	api := client(t, s)
	doc := tgbotapi.NewDocument(9, tgbotapi.FileBytes{Name: "export.json", Bytes: []byte(`{"a":1}`)})
	doc.Caption = "Your data"
	if _, err := api.Send(doc); err != nil {
		t.Fatal(err)
	}
	if _, err := api.Send(tgbotapi.NewPhoto(9, tgbotapi.FileBytes{Name: "p.png", Bytes: []byte{0x89, 'P', 'N', 'G'}})); err != nil {
		t.Fatal(err)
	}
	if _, err := api.Request(tgbotapi.NewChatAction(9, tgbotapi.ChatTyping)); err != nil {
		t.Fatal(err)
	}
	sent, err := s.WaitSent(9, 3, wait)
	if err != nil {
		t.Fatal(err)
	}
	if sent[0].File == nil || sent[0].File.Name != "export.json" || string(sent[0].File.Data) != `{"a":1}` || sent[0].Text != "Your data" {
		t.Fatalf("document = %+v", sent[0])
	}
	if sent[1].Method != "sendPhoto" || sent[1].File == nil || sent[2].Action != "typing" {
		t.Fatalf("sent = %+v", sent)
	}
}

func TestFaults(t *testing.T) {
	s := New(t, Config{})
	api := client(t, s)
	var te *tgbotapi.Error

	s.Inject(Fault{Code: 429, RetryAfter: 7})
	_, err := api.Send(tgbotapi.NewMessage(1, "x"))
	if !errors.As(err, &te) || te.Code != 429 || te.RetryAfter != 7 {
		t.Fatalf("429: %v", err)
	}
	s.Inject(Fault{Method: "sendMessage", ChatID: 2, Code: 502})
	if _, err := api.Send(tgbotapi.NewMessage(1, "other chat")); err != nil {
		t.Fatalf("fault hit the wrong chat: %v", err)
	}
	if _, err := api.Send(tgbotapi.NewMessage(2, "x")); !errors.As(err, &te) || te.Code != 502 {
		t.Fatalf("502: %v", err)
	}
	s.Inject(Fault{Drop: true})
	if _, err := api.Send(tgbotapi.NewMessage(1, "x")); err == nil || errors.As(err, &te) {
		t.Fatalf("drop: %v", err)
	}
	s.Inject(Fault{Code: 502, HTML: true})
	if _, err := api.Send(tgbotapi.NewMessage(1, "x")); err == nil || errors.As(err, &te) {
		t.Fatalf("HTML page: %v", err)
	}
	s.Block(3)
	if _, err := api.Send(tgbotapi.NewMessage(3, "x")); !errors.As(err, &te) || te.Code != 403 {
		t.Fatalf("blocked: %v", err)
	}
	// Through the upload path tgbotapi drops the code: only the text tells.
	_, err = api.Send(tgbotapi.NewDocument(3, tgbotapi.FileBytes{Name: "a", Bytes: []byte("a")}))
	if !errors.As(err, &te) || te.Code != 0 || !strings.HasPrefix(te.Message, "Forbidden") {
		t.Fatalf("blocked upload: %#v", err)
	}
	s.Unblock(3)
	if _, err := api.Send(tgbotapi.NewMessage(3, "back")); err != nil {
		t.Fatal(err)
	}
	s.Inject(Fault{Method: "sendMessage", Delay: 200 * time.Millisecond})
	start := time.Now()
	if _, err := api.Send(tgbotapi.NewMessage(1, "slow")); err != nil || time.Since(start) < 200*time.Millisecond {
		t.Fatalf("slow: %v after %v", err, time.Since(start))
	}
	if s.FaultsLeft() != 0 {
		t.Fatalf("faults left: %d", s.FaultsLeft())
	}
	// Successful sends only are recorded: 1 "other chat", "back", "slow".
	if n := len(s.AllSent()); n != 3 {
		t.Fatalf("recorded %d, want 3", n)
	}
}

func TestRateChecker(t *testing.T) {
	clk := clock.NewFake(time.Date(2026, 1, 5, 8, 0, 0, 0, time.UTC))
	s := New(t, Config{Clock: clk, Limits: Limits{Global: 4, GlobalWindow: time.Second, PerChat: 2, PerChatWindow: 2 * time.Second}})
	api := client(t, s)
	send := func(chat int64) {
		t.Helper()
		if _, err := api.Send(tgbotapi.NewMessage(chat, "x")); err != nil {
			t.Fatal(err)
		}
	}
	send(1)
	send(1)
	if s.Violations() != 0 {
		t.Fatal("burst of 2 counted as a violation")
	}
	send(1) // third in the same 2 s window
	if s.Violations() != 1 {
		t.Fatalf("violations = %d, want 1", s.Violations())
	}
	clk.Advance(2 * time.Second)
	send(1)
	send(2)
	send(3)
	if s.Violations() != 1 {
		t.Fatalf("violations = %d after the window, want 1", s.Violations())
	}
	send(4) // 4 in this second is fine; the fifth is not
	send(5)
	if s.Violations() != 2 {
		t.Fatalf("violations = %d, want 2 (global)", s.Violations())
	}
	// Callback answers do not count.
	for i := 0; i < 10; i++ {
		if _, err := api.Request(tgbotapi.NewCallback("q", "")); err != nil {
			t.Fatal(err)
		}
	}
	if s.Violations() != 2 || len(s.ViolationDetails()) != 2 {
		t.Fatalf("violations = %v", s.ViolationDetails())
	}
}

func TestWebhookAndCommands(t *testing.T) {
	s := New(t, Config{})
	api := client(t, s)
	_, err := api.MakeRequest("setWebhook", tgbotapi.Params{"url": "https://example.org/hook", "secret_token": "s3cret"})
	if err != nil {
		t.Fatal(err)
	}
	if w := s.Webhook(); !w.Set || w.URL != "https://example.org/hook" || w.SecretToken != "s3cret" {
		t.Fatalf("webhook = %+v", w)
	}
	var te *tgbotapi.Error
	if _, err := api.GetUpdates(tgbotapi.UpdateConfig{}); !errors.As(err, &te) || te.Code != 409 {
		t.Fatalf("getUpdates with a webhook: %v", err)
	}
	if _, err := api.Request(tgbotapi.DeleteWebhookConfig{}); err != nil {
		t.Fatal(err)
	}
	if s.Webhook().Set {
		t.Fatal("webhook still set")
	}
	if _, err := api.Request(tgbotapi.NewSetMyCommands(tgbotapi.BotCommand{Command: "start", Description: "Begin"})); err != nil {
		t.Fatal(err)
	}
	if c := s.Commands(); len(c) != 1 || c[0].Commands[0].Command != "start" {
		t.Fatalf("commands = %+v", c)
	}
}

func TestOtherUpdates(t *testing.T) {
	s := New(t, Config{})
	api := client(t, s)
	u := User{ID: 11, LanguageCode: "de"}
	s.SendGroupText(-100, "supergroup", u, "hi all")
	s.SendChannelPost(-200, "news")
	s.EditText(u, 3, "edited")
	s.ShareLocation(u, 52.52, 13.40)
	s.SetMyChatMember(u, "kicked")
	for _, k := range []string{"photo", "voice", "video", "video_note", "animation", "document", "audio"} {
		s.SendMedia(u, k)
	}
	ups, err := api.GetUpdates(tgbotapi.UpdateConfig{})
	if err != nil || len(ups) != 12 {
		t.Fatalf("%d updates, %v", len(ups), err)
	}
	if ups[0].Message.Chat.Type != "supergroup" || ups[1].ChannelPost == nil || ups[2].EditedMessage == nil ||
		ups[3].Message.Location == nil || ups[4].MyChatMember == nil || ups[4].MyChatMember.NewChatMember.Status != "kicked" {
		t.Fatalf("updates = %+v", ups[:5])
	}
	if ups[3].Message.From.LanguageCode != "de" {
		t.Fatal("language code lost")
	}
}
