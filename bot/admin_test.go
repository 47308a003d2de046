package bot

import (
	"context"
	"errors"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/stretchbot/stretchbot/bot/telegramtest"
)

func TestAdminStats(t *testing.T) {
	srv := telegramtest.New(t, telegramtest.Config{Limits: fastLimits()})
	svc := newService(t)
	msgs := svc.Engine().Content().Messages
	var failing atomic.Bool
	cfg := testConfig(srv)
	cfg.Admin = Admin{
		IDs: []int64{9001},
		Stats: func(ctx context.Context) (map[string]int64, error) {
			if failing.Load() {
				return nil, errors.New("database not open")
			}
			return map[string]int64{"users": 12, "onboarded": 10, "paused": 1, "blocked": 2, "reminded": 9,
				"zones": 3, "routines": 40, "clinician": 4, "emergency": 1, "size_kib": 64, "corrupt": 0}, nil
		},
	}
	h := start(t, srv, svc, cfg, nil)

	// Everyone else: /stats is answered exactly like a command that does
	// not exist.
	stranger := telegramtest.User{ID: 9002}
	// say sends text and returns what the bot answered, once it is all
	// sent.
	say := func(text string) []telegramtest.Sent {
		t.Helper()
		before := len(srv.Sent(stranger.ID))
		if !srv.WaitConfirmed(srv.SendText(stranger, text), wait) {
			t.Fatalf("%q not handled", text)
		}
		// Re-checked at every change on the server, at the latest at the
		// next long poll (PollTimeout 1 s).
		if !srv.WaitFor(wait, func(telegramtest.View) bool { return h.bot.Pending() == 0 }) {
			t.Fatal("outbox did not empty")
		}
		return srv.Sent(stranger.ID)[before:]
	}
	say("/nosuchcommand") // the first message of all starts onboarding
	unknown := say("/nosuchcommand")
	refused := say("/stats")
	if len(refused) == 0 || len(refused) != len(unknown) {
		t.Fatalf("/stats got %d messages, an unknown command %d", len(refused), len(unknown))
	}
	for i := range unknown {
		if strings.ReplaceAll(refused[i].Text, "stats", "nosuchcommand") != unknown[i].Text {
			t.Fatalf("/stats refused as %q, unknown command answered %q", refused[i].Text, unknown[i].Text)
		}
	}

	// An admin gets the counts.
	admin := telegramtest.User{ID: 9001}
	srv.SendText(admin, "/stats")
	sent, err := srv.WaitSent(admin.ID, 1, wait)
	if err != nil {
		t.Fatal(err)
	}
	want := msgs.T("en", "ops.stats", "users", "12", "onboarded", "10", "paused", "1", "blocked", "2", "reminded", "9",
		"zones", "3", "routines", "40", "clinician", "4", "emergency", "1", "size_kib", "64", "corrupt", "0")
	if sent[0].Text != want || strings.Contains(want, "{") {
		t.Fatalf("admin got %q, want %q", sent[0].Text, want)
	}

	// A failure says so, and the log has no details of anyone.
	failing.Store(true)
	srv.SendText(admin, "/stats@"+srv.BotUsername())
	sent, err = srv.WaitSent(admin.ID, 2, wait)
	if err != nil || sent[1].Text != msgs.T("en", "ops.stats_failed") {
		t.Fatalf("%v %v", texts(sent), err)
	}
	h.stop()
	if logs := h.logs.String(); !strings.Contains(logs, `msg="operator command failed"`) || !strings.Contains(logs, "user=9001") {
		t.Fatalf("logs:\n%s", logs)
	}
}
