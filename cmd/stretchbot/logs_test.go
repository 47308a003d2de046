package main

import (
	"context"
	"encoding/json"
	"net"
	"net/http"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/stretchbot/stretchbot/bot/telegramtest"
)

// Recognisable secrets for the log scans.
const (
	logToken  = "777000111:ThisIsTheRecognisableToken_DoNotLog_42"
	tokenTail = "ThisIsTheRecognisableToken_DoNotLog_42"
	userText  = "my knees make a sound like grinding coffee 31337"
)

// scanLogs fails the test if out holds the token or the user's text, and,
// for JSON, if a log line is not a JSON object.
func scanLogs(t *testing.T, what, format, out string) {
	t.Helper()
	for _, secret := range []string{logToken, tokenTail, userText, "grinding coffee"} {
		if strings.Contains(out, secret) {
			t.Errorf("%s (%s): output holds %q:\n%s", what, format, secret, out)
		}
	}
	if format != "json" {
		return
	}
	for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
		if line == "" || strings.HasPrefix(line, "stretchbot") {
			continue // the one-line fatal message and the banner
		}
		var v map[string]any
		if err := json.Unmarshal([]byte(line), &v); err != nil {
			t.Errorf("%s: not a JSON log line: %q", what, line)
		}
	}
}

func fakeServer(t *testing.T) *telegramtest.Server {
	return telegramtest.New(t, telegramtest.Config{Token: logToken})
}

// TestLogsNeverHoldTheTokenOrText drives the bot through every error path
// reachable from the outside, in both log formats, at debug level, and
// scans everything it wrote. (Panics recovered in handling are covered in
// package bot, where one can be provoked.)
func TestLogsNeverHoldTheTokenOrText(t *testing.T) {
	for _, format := range []string{"text", "json"} {
		t.Run(format, func(t *testing.T) {
			base := func(srv *telegramtest.Server) map[string]string {
				env := map[string]string{
					"TELEGRAM_BOT_TOKEN":    logToken,
					"STRETCHBOT_DB":         filepath.Join(t.TempDir(), "l.db"),
					"STRETCHBOT_LOG_FORMAT": format,
					"STRETCHBOT_LOG_LEVEL":  "debug",
				}
				if srv != nil {
					env["TELEGRAM_API_ENDPOINT"] = srv.Endpoint()
				}
				return env
			}
			fatal := func(what string, env map[string]string, want string) {
				t.Helper()
				var out, errb lockedBuffer
				code := runServe(context.Background(), nil, serveEnv(env), &out, &errb)
				if code != 1 || !strings.Contains(errb.String(), want) {
					t.Errorf("%s: exit %d, stderr %q, want %q", what, code, errb.String(), want)
				}
				scanLogs(t, what, format, out.String()+errb.String())
			}

			// Nothing listens at the endpoint.
			ln, _ := net.Listen("tcp", "127.0.0.1:0")
			dead := ln.Addr().String()
			ln.Close()
			env := base(nil)
			env["TELEGRAM_API_ENDPOINT"] = "http://" + dead + "/bot%s/%s"
			fatal("bad endpoint", env, "getMe")

			// getMe fails with a 500 whose description quotes the token.
			srv := fakeServer(t)
			srv.Inject(telegramtest.Fault{Method: "getMe", Code: 500, Description: "Internal Server Error for bot" + logToken})
			fatal("getMe 500", base(srv), "getMe")

			// setWebhook fails.
			srv = fakeServer(t)
			srv.Inject(telegramtest.Fault{Method: "setWebhook", Code: 502, HTML: true})
			env = base(srv)
			env["STRETCHBOT_WEBHOOK_URL"] = "https://bot.example.org/hook"
			env["STRETCHBOT_WEBHOOK_LISTEN"] = "127.0.0.1:0"
			env["STRETCHBOT_WEBHOOK_SECRET"] = "s3cret"
			fatal("setWebhook 502", env, "setWebhook failed")

			t.Run("polling with faults", func(t *testing.T) { pollingFaults(t, format, base) })
			t.Run("webhook errors", func(t *testing.T) { webhookErrors(t, format, base) })
		})
	}
}

func pollingFaults(t *testing.T, format string, base func(*telegramtest.Server) map[string]string) {
	srv := fakeServer(t)
	var out, errb lockedBuffer
	env := base(srv)
	env["STRETCHBOT_METRICS_ADDR"] = "127.0.0.1:0"
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan int, 1)
	// Polls fail: an HTML 502 from a proxy, a dropped connection, a 429.
	srv.Inject(telegramtest.Fault{Method: "getUpdates", Code: 502, HTML: true})
	srv.Inject(telegramtest.Fault{Method: "getUpdates", Drop: true})
	srv.Inject(telegramtest.Fault{Method: "getUpdates", Code: 429, RetryAfter: 1})
	// Sends fail: 500, 429, a dropped connection, a 400 quoting the token;
	// callback answers fail; one user blocked the bot.
	srv.Inject(telegramtest.Fault{Method: "sendMessage", Code: 500})
	srv.Inject(telegramtest.Fault{Method: "sendMessage", Code: 429, RetryAfter: 1})
	srv.Inject(telegramtest.Fault{Method: "sendMessage", Drop: true})
	srv.Inject(telegramtest.Fault{Method: "answerCallbackQuery", Code: 400, Description: "Bad Request: query is too old /bot" + logToken + "/"})
	srv.Inject(telegramtest.Fault{Method: "setMyCommands", Code: 500})
	go func() { done <- runServe(ctx, nil, serveEnv(env), &out, &errb) }()

	u := telegramtest.User{ID: 6001}
	srv.SendText(u, userText)
	sent, err := srv.WaitSent(u.ID, 1, startWait)
	if err != nil {
		t.Fatalf("%v; stderr:\n%s", err, errb.String())
	}
	for _, s := range sent {
		if s.Markup != nil && len(s.Buttons()) > 0 {
			srv.Press(u, s.MessageID, *s.Buttons()[0].CallbackData)
			break
		}
	}
	srv.Press(u, sent[0].MessageID, "forged|data|"+userText)
	srv.SendText(u, userText)
	blocked := telegramtest.User{ID: 6002}
	srv.Block(blocked.ID)
	srv.SendText(blocked, userText)
	srv.Inject(telegramtest.Fault{Method: "sendMessage", ChatID: u.ID, Code: 400, Description: "Bad Request: chat " + logToken})
	srv.SendText(u, "/help")
	if !srv.WaitFor(startWait, func(v telegramtest.View) bool {
		return v.Calls("answerCallbackQuery") >= 2 && v.Calls("sendMessage") >= 6
	}) {
		t.Fatalf("the bot did not get through the faults; stderr:\n%s", errb.String())
	}
	if srv.FaultsLeft() != 0 {
		t.Fatalf("%d faults not reached", srv.FaultsLeft())
	}
	cancel()
	if code := <-done; code != 0 {
		t.Fatalf("exit %d:\n%s", code, errb.String())
	}
	logs := errb.String()
	for _, want := range []string{"getUpdates failed", "send failed", "answerCallbackQuery failed", "button refused", "update"} {
		if !strings.Contains(logs, want) {
			t.Errorf("the logs never say %q:\n%s", want, logs)
		}
	}
	scanLogs(t, "polling with faults", format, out.String()+logs)
}

func webhookErrors(t *testing.T, format string, base func(*telegramtest.Server) map[string]string) {
	srv := fakeServer(t)
	ln, _ := net.Listen("tcp", "127.0.0.1:0")
	addr := ln.Addr().String()
	ln.Close()
	env := base(srv)
	env["STRETCHBOT_WEBHOOK_URL"] = "http://" + addr + "/hook"
	env["STRETCHBOT_WEBHOOK_LISTEN"] = addr
	env["STRETCHBOT_WEBHOOK_SECRET"] = "s3cret"
	var out, errb lockedBuffer
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan int, 1)
	go func() { done <- runServe(ctx, nil, serveEnv(env), &out, &errb) }()
	if !srv.WaitFor(startWait, func(v telegramtest.View) bool { return v.Webhook().URL != "" }) {
		t.Fatalf("no webhook registered; stderr:\n%s", errb.String())
	}
	post := func(secret, body string) int {
		t.Helper()
		req, _ := http.NewRequest(http.MethodPost, "http://"+addr+"/hook", strings.NewReader(body))
		req.Header.Set("X-Telegram-Bot-Api-Secret-Token", secret)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp.StatusCode
	}
	update := func(id int) string {
		b, _ := json.Marshal(map[string]any{"update_id": id, "message": map[string]any{
			"message_id": id, "date": time.Now().Unix(), "text": userText,
			"from": map[string]any{"id": 6101, "first_name": "A"},
			"chat": map[string]any{"id": 6101, "type": "private"},
		}})
		return string(b)
	}
	codes := []int{
		post("wrong"+logToken, update(1)),
		post("s3cret", "{not json "+userText),
		post("s3cret", `{"update_id": 2, "message": {"text": "`+strings.Repeat(userText, 30000)+`"}}`),
		post("s3cret", update(3)),
		post("s3cret", update(3)),
	}
	if want := []int{401, 400, 413, 200, 200}; !slices.Equal(codes, want) {
		t.Fatalf("webhook answers %v, want %v", codes, want)
	}
	if _, err := srv.WaitSent(6101, 1, startWait); err != nil {
		t.Fatal(err)
	}
	cancel()
	if code := <-done; code != 0 {
		t.Fatalf("exit %d:\n%s", code, errb.String())
	}
	if !strings.Contains(errb.String(), "bad secret token") || !strings.Contains(errb.String(), "duplicate update") {
		t.Errorf("the logs miss the refused request or the duplicate:\n%s", errb.String())
	}
	scanLogs(t, "webhook", format, out.String()+errb.String())
}
