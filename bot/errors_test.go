package bot

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/url"
	"strings"
	"testing"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"
	"github.com/stretchbot/stretchbot/bot/telegramtest"
)

func TestClassify(t *testing.T) {
	apiErr := func(code int, msg string, retry int) error {
		return &tgbotapi.Error{Code: code, Message: msg, ResponseParameters: tgbotapi.ResponseParameters{RetryAfter: retry}}
	}
	var syn json.SyntaxError
	tests := []struct {
		name  string
		err   error
		class errClass
		wait  time.Duration
	}{
		{"nil", nil, classOK, 0},
		{"blocked", apiErr(403, "Forbidden: bot was blocked by the user", 0), classBlocked, 0},
		{"deactivated", apiErr(403, "Forbidden: user is deactivated", 0), classBlocked, 0},
		{"upload 403 has code 0", apiErr(0, "Forbidden: bot was kicked from the group chat", 0), classBlocked, 0},
		{"429", apiErr(429, "Too Many Requests: retry after 7", 7), classRateLimited, 7 * time.Second},
		{"429 from the description", apiErr(0, "Too Many Requests: retry after 12", 0), classRateLimited, 12 * time.Second},
		{"429 without a wait", apiErr(429, "Too Many Requests", 0), classRateLimited, time.Second},
		{"500", apiErr(500, "Internal Server Error", 0), classServer, 0},
		{"502", apiErr(502, "Bad Gateway", 0), classServer, 0},
		{"upload 5xx has code 0", apiErr(0, "Bad Gateway", 0), classServer, 0},
		{"not modified", apiErr(400, "Bad Request: message is not modified: specified new message content", 0), classNotModified, 0},
		{"edit gone", apiErr(400, "Bad Request: message to edit not found", 0), classGone, 0},
		{"bad request", apiErr(400, "Bad Request: can't parse entities", 0), classBadRequest, 0},
		{"unauthorized", apiErr(401, "Unauthorized", 0), classUnauthorized, 0},
		{"conflict", apiErr(409, "Conflict: terminated by other getUpdates request", 0), classConflict, 0},
		{"value error", tgbotapi.Error{Code: 403, Message: "Forbidden"}, classBlocked, 0},
		{"html page", fmt.Errorf("decode: %w", &syn), classServer, 0},
		{"eof", &url.Error{Op: "Post", URL: "x", Err: io.EOF}, classNetwork, 0},
		{"timeout", &url.Error{Op: "Post", URL: "x", Err: context.DeadlineExceeded}, classNetwork, 0},
		{"refused", &net.OpError{Op: "dial", Err: errors.New("connection refused")}, classNetwork, 0},
		{"canceled", &url.Error{Op: "Post", URL: "x", Err: context.Canceled}, classCanceled, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, w := classify(tt.err)
			if c != tt.class || w != tt.wait {
				t.Fatalf("classify(%v) = %s %v, want %s %v", tt.err, c, w, tt.class, tt.wait)
			}
		})
	}
}

// TestClassifyThroughTheClient checks the classes of what the real client
// returns from the fake server, including the upload path that drops the
// error code.
func TestClassifyThroughTheClient(t *testing.T) {
	srv := telegramtest.New(t, telegramtest.Config{})
	api, err := tgbotapi.NewBotAPIWithAPIEndpoint(srv.Token(), srv.Endpoint())
	if err != nil {
		t.Fatal(err)
	}
	doc := tgbotapi.NewDocument(5, tgbotapi.FileBytes{Name: "a.json", Bytes: []byte("{}")})
	tests := []struct {
		name  string
		fault telegramtest.Fault
		req   tgbotapi.Chattable
		class errClass
	}{
		{"403", telegramtest.Fault{Code: 403}, tgbotapi.NewMessage(5, "x"), classBlocked},
		{"403 upload", telegramtest.Fault{Code: 403}, doc, classBlocked},
		{"429", telegramtest.Fault{Code: 429, RetryAfter: 3}, tgbotapi.NewMessage(5, "x"), classRateLimited},
		{"429 upload", telegramtest.Fault{Code: 429, RetryAfter: 3}, doc, classRateLimited},
		{"500", telegramtest.Fault{Code: 500}, tgbotapi.NewMessage(5, "x"), classServer},
		{"proxy page", telegramtest.Fault{Code: 502, HTML: true}, tgbotapi.NewMessage(5, "x"), classServer},
		{"dropped", telegramtest.Fault{Drop: true}, tgbotapi.NewMessage(5, "x"), classNetwork},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv.Inject(tt.fault)
			_, err := api.Request(tt.req)
			c, w := classify(err)
			if c != tt.class {
				t.Fatalf("class %s, want %s (err %v)", c, tt.class, err)
			}
			if c == classRateLimited && w != 3*time.Second {
				t.Fatalf("wait %v", w)
			}
		})
	}
}

func TestRedaction(t *testing.T) {
	token := telegramtest.DefaultToken
	r := newRedactor(token)
	for _, in := range []string{
		"Post \"http://127.0.0.1:1/bot" + token + "/getUpdates\": EOF",
		"token " + token + " here",
		"https://api.telegram.org/file/bot" + token + "/photos/1.jpg",
		"another bot's 987654321:ABCDEFGHIJKLMNOPQRSTUVWXYZ012345 token",
	} {
		out := r.String(in)
		if strings.Contains(out, token) || strings.Contains(out, "ABCDEFGHIJKLMNOPQRSTUVWXYZ") {
			t.Errorf("redacted %q to %q", in, out)
		}
	}
	log, lb := newLogger()
	l := tgLogger{log: log, red: r}
	l.Printf("Post %s: %v", "http://x/bot"+token+"/sendMessage", io.EOF)
	l.Println("failed:", "http://x/bot"+token+"/getMe")
	if strings.Contains(lb.String(), token) || !strings.Contains(lb.String(), "/bot<token>/") {
		t.Fatalf("tgbotapi log lines: %s", lb.String())
	}
}

// TestTokenNeverLogged drives the token through every error path a bot
// logs (transport errors, HTML pages, 403, 429, 5xx, a refused token, an
// unreachable server) and scans everything logged.
func TestTokenNeverLogged(t *testing.T) {
	srv := telegramtest.New(t, telegramtest.Config{Limits: fastLimits()})
	svc := newService(t)
	cfg := testConfig(srv)
	cfg.Retry = Retry{Attempts: 2, Base: time.Millisecond, Max: time.Millisecond}
	h := start(t, srv, svc, cfg, nil)

	srv.Inject(telegramtest.Fault{Method: "getUpdates", Drop: true})
	srv.Inject(telegramtest.Fault{Method: "getUpdates", Code: 502, HTML: true})
	for i, f := range []telegramtest.Fault{{Drop: true}, {Code: 502, HTML: true}, {Code: 500}, {Code: 403}, {Code: 429, RetryAfter: 1}, {Code: 400}} {
		f.ChatID = int64(-100 - i)
		f.Times = 2
		srv.Inject(f)
		srv.SendGroupText(int64(-100-i), "group", telegramtest.User{ID: 9}, "hello")
	}
	if !srv.WaitFor(wait, func(v telegramtest.View) bool { return v.Calls("getUpdates") >= 4 && v.Pending() == 0 }) {
		t.Fatal("updates not consumed")
	}
	if err := h.stop(); err != nil {
		t.Fatal(err)
	}
	logs := h.logs.String()
	for _, want := range []string{"getUpdates failed", "send failed for good", "chat blocked the bot"} {
		if !strings.Contains(logs, want) {
			t.Errorf("logs lack %q:\n%s", want, logs)
		}
	}
	if strings.Contains(logs, srv.Token()) {
		t.Fatalf("token in logs:\n%s", logs)
	}

	// A refused token and an unreachable server.
	log, lb := newLogger()
	bad := testConfig(srv)
	bad.Token = "111111:WrongTokenWrongTokenWrongToken"
	if _, err := New(bad, svc, nil, log); !errors.Is(err, ErrUnauthorized) || strings.Contains(err.Error(), bad.Token) {
		t.Fatalf("wrong token: %v", err)
	}
	gone := testConfig(srv)
	gone.APIEndpoint = "http://127.0.0.1:1/bot%s/%s"
	_, err := New(gone, svc, nil, log)
	if err == nil || strings.Contains(err.Error(), gone.Token) || !strings.Contains(err.Error(), "/bot<token>/") {
		t.Fatalf("unreachable server: %v", err)
	}
	if strings.Contains(lb.String(), srv.Token()) {
		t.Fatal("token in logs")
	}
}
