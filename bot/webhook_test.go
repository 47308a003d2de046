package bot

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"
	"github.com/stretchbot/stretchbot/bot/telegramtest"
)

func groupUpdate(id int, chat int64) []byte {
	b, _ := json.Marshal(tgbotapi.Update{UpdateID: id, Message: &tgbotapi.Message{
		MessageID: 1, Text: "hi", From: &tgbotapi.User{ID: 5},
		Chat: &tgbotapi.Chat{ID: chat, Type: "group"},
	}})
	return b
}

func TestWebhookConfigNeedsSecret(t *testing.T) {
	for _, w := range []Webhook{
		{URL: "https://example.org/hook", Listen: ":0"},
		{URL: "https://example.org/hook", Listen: ":0", Secret: "has space"},
		{URL: "not a url", Listen: ":0", Secret: "ok"},
	} {
		if _, err := (Config{Token: "x", Webhook: &w}).withDefaults(); err == nil {
			t.Errorf("accepted %+v", w)
		}
	}
}

func TestWebhookHandlerSecret(t *testing.T) {
	srv := telegramtest.New(t, telegramtest.Config{Limits: fastLimits()})
	svc := newService(t)
	cfg := testConfig(srv)
	cfg.Webhook = &Webhook{URL: "https://bot.example.org/tg/hook", Listen: "127.0.0.1:0", Secret: "s3cr3t-Token_x", MaxBodyBytes: 4096}
	log, _ := newLogger()
	b, err := New(cfg, svc, nil, log)
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	hs := httptest.NewServer(b.WebhookHandler())
	defer hs.Close()

	post := func(secret string, body []byte) int {
		req, _ := http.NewRequest(http.MethodPost, hs.URL, bytes.NewReader(body))
		if secret != "" {
			req.Header.Set("X-Telegram-Bot-Api-Secret-Token", secret)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp.StatusCode
	}
	tests := []struct {
		name   string
		secret string
		body   []byte
		want   int
	}{
		{"missing secret", "", groupUpdate(1, -1), http.StatusUnauthorized},
		{"wrong secret", "s3cr3t-Token_y", groupUpdate(2, -2), http.StatusUnauthorized},
		{"prefix of the secret", "s3cr3t", groupUpdate(3, -3), http.StatusUnauthorized},
		{"too large", "s3cr3t-Token_x", []byte(`{"update_id":4,"x":"` + strings.Repeat("a", 5000) + `"}`), http.StatusRequestEntityTooLarge},
		{"not json", "s3cr3t-Token_x", []byte("<html>"), http.StatusBadRequest},
		{"right secret", "s3cr3t-Token_x", groupUpdate(5, -5), http.StatusOK},
		{"redelivery", "s3cr3t-Token_x", groupUpdate(5, -5), http.StatusOK},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := post(tt.secret, tt.body); got != tt.want {
				t.Fatalf("status %d, want %d", got, tt.want)
			}
		})
	}
	resp, err := http.Get(hs.URL)
	if err != nil || resp.StatusCode != http.StatusMethodNotAllowed {
		t.Fatalf("GET: %v %v", resp, err)
	}
	resp.Body.Close()
	if _, err := srv.WaitSent(-5, 1, wait); err != nil {
		t.Fatal(err)
	}
	for _, chat := range []int64{-1, -2, -3} {
		if len(srv.Sent(chat)) != 0 {
			t.Fatalf("a refused request was handled (chat %d)", chat)
		}
	}
}

func TestWebhookModeRun(t *testing.T) {
	srv := telegramtest.New(t, telegramtest.Config{Limits: fastLimits()})
	svc := newService(t)
	cfg := testConfig(srv)
	cfg.Webhook = &Webhook{URL: "https://bot.example.org/tg/hook", Listen: "127.0.0.1:0", Secret: "abc_123"}
	h := start(t, srv, svc, cfg, nil)
	if !srv.WaitFor(wait, func(v telegramtest.View) bool { return v.Webhook().Set }) {
		t.Fatal("setWebhook not called")
	}
	w := srv.Webhook()
	if w.URL != cfg.Webhook.URL || w.SecretToken != "abc_123" {
		t.Fatalf("webhook = %+v", w)
	}
	url := "http://" + h.bot.WebhookAddr() + "/tg/hook"
	for _, secret := range []string{"wrong", "abc_123"} {
		req, _ := http.NewRequestWithContext(context.Background(), http.MethodPost, url, bytes.NewReader(groupUpdate(10, -10)))
		req.Header.Set("X-Telegram-Bot-Api-Secret-Token", secret)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		want := http.StatusOK
		if secret == "wrong" {
			want = http.StatusUnauthorized
		}
		if resp.StatusCode != want {
			t.Fatalf("secret %q: %d", secret, resp.StatusCode)
		}
	}
	if sent, err := srv.WaitSent(-10, 1, wait); err != nil || len(sent) != 1 {
		t.Fatalf("%v %v", sent, err)
	}
	if err := h.stop(); err != nil {
		t.Fatal(err)
	}
	if srv.Calls("getUpdates") != 0 {
		t.Fatal("polled in webhook mode")
	}
}
