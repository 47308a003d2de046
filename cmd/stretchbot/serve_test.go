package main

import (
	"bytes"
	"context"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchbot/stretchbot/bot/telegramtest"
)

// lockedBuffer is a bytes.Buffer safe for the bot's goroutines.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

func serveEnv(m map[string]string) func(string) string {
	return func(k string) string { return m[k] }
}

func TestServeNeedsToken(t *testing.T) {
	var out, errb lockedBuffer
	code := runServe(context.Background(), nil, serveEnv(nil), &out, &errb)
	if code == 0 || !strings.Contains(errb.String(), "TELEGRAM_BOT_TOKEN is not set") || strings.Count(errb.String(), "\n") != 1 {
		t.Fatalf("exit %d, stderr %q", code, errb.String())
	}
}

func TestServeRejectsWebhookWithoutSecret(t *testing.T) {
	var out, errb lockedBuffer
	env := serveEnv(map[string]string{"TELEGRAM_BOT_TOKEN": "1:x", "STRETCHBOT_WEBHOOK_URL": "https://example.org/hook"})
	if code := runServe(context.Background(), nil, env, &out, &errb); code == 0 || !strings.Contains(errb.String(), "needs a secret") {
		t.Fatalf("exit %d, stderr %q", code, errb.String())
	}
}

func TestServeRejectedToken(t *testing.T) {
	srv := telegramtest.New(t, telegramtest.Config{})
	var out, errb lockedBuffer
	env := serveEnv(map[string]string{
		"TELEGRAM_BOT_TOKEN":    "42:WrongWrongWrongWrongWrongWrong",
		"TELEGRAM_API_ENDPOINT": srv.Endpoint(),
		"STRETCHBOT_DB":         filepath.Join(t.TempDir(), "s.db"),
	})
	code := runServe(context.Background(), nil, env, &out, &errb)
	if code != 1 || !strings.Contains(errb.String(), "rejected TELEGRAM_BOT_TOKEN") || strings.Contains(errb.String(), "WrongWrong") {
		t.Fatalf("exit %d, stderr %q", code, errb.String())
	}
}

func TestServeRunsAndStopsCleanly(t *testing.T) {
	srv := telegramtest.New(t, telegramtest.Config{})
	var out, errb lockedBuffer
	env := serveEnv(map[string]string{
		"TELEGRAM_BOT_TOKEN":    srv.Token(),
		"TELEGRAM_API_ENDPOINT": srv.Endpoint(),
	})
	db := filepath.Join(t.TempDir(), "s.db")
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan int, 1)
	go func() { done <- runServe(ctx, []string{"-db", db}, env, &out, &errb) }()

	u := telegramtest.User{ID: 77}
	srv.SendText(u, "/start")
	if _, err := srv.WaitSent(77, 1, 20*time.Second); err != nil {
		t.Fatalf("%v; stderr:\n%s", err, errb.String())
	}
	if len(srv.Commands()) == 0 || srv.Webhook().Calls == 0 {
		t.Fatalf("commands %d, deleteWebhook calls %d", len(srv.Commands()), srv.Webhook().Calls)
	}
	cancel()
	select {
	case code := <-done:
		if code != 0 {
			t.Fatalf("exit %d; stderr:\n%s", code, errb.String())
		}
	case <-time.After(20 * time.Second):
		t.Fatal("did not stop")
	}
	if strings.Contains(errb.String(), srv.Token()) || !strings.Contains(out.String(), "is running") {
		t.Fatalf("stdout %q", out.String())
	}
}
