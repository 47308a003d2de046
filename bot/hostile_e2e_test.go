package bot

import (
	"context"
	"encoding/json"
	"path/filepath"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchbot/stretchbot/bot/telegramtest"
	"github.com/stretchbot/stretchbot/coach"
	"github.com/stretchbot/stretchbot/nlu"
	"github.com/stretchbot/stretchbot/store"
)

// countingDB is the real store, counting every state write.
type countingDB struct {
	*store.DB
	saves atomic.Int64
}

func (c *countingDB) Save(ctx context.Context, st coach.State, recs []coach.Record) error {
	c.saves.Add(1)
	return c.DB.Save(ctx, st, recs)
}

func (c *countingDB) SaveQueued(ctx context.Context, st coach.State, recs []coach.Record, rs []coach.Reply, bulk bool) ([]uint64, error) {
	c.saves.Add(1)
	return c.DB.SaveQueued(ctx, st, recs, rs, bulk)
}

// idleUser is an onboarded user with nothing pending.
func idleUser(id coach.UserID, turn uint32, now time.Time) coach.State {
	return coach.State{
		User: id, Phase: coach.PhaseIdle, Turn: turn,
		Profile: coach.Profile{Lang: "en", Zone: "Europe/Berlin", Morning: 450, Evening: 1140, Onboarded: true,
			QuietStart: 22 * 60, QuietEnd: 7 * 60, SafetyCheck: now},
		Created: now.Add(-30 * 24 * time.Hour), Updated: now,
	}
}

// TestHostileInput sends what a hostile or merely odd client can send, one
// case per user, and checks that each is answered as it should be, that
// nothing panics, and how many database writes each costs.
func TestHostileInput(t *testing.T) {
	srv := telegramtest.New(t, telegramtest.Config{Limits: fastLimits()})
	c := coach.MustContent()
	db, err := store.Open(filepath.Join(t.TempDir(), "hostile.db"), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	repo := &countingDB{DB: db}
	svc := coach.NewService(coach.NewEngine(c, nlu.New(c)), repo)
	cfg := testConfig(srv)
	cfg.Flood = Flood{Burst: 10, Window: time.Hour} // the default burst; no refill during the test
	var statsCalls atomic.Int32
	cfg.Admin = Admin{IDs: []int64{1}, Stats: func(context.Context) (map[string]int64, error) {
		statsCalls.Add(1)
		return map[string]int64{"users": 1}, nil
	}}
	h := start(t, srv, svc, cfg, nil)
	ctx := context.Background()
	now := time.Now()
	msgs := c.Messages
	for id := coach.UserID(9301); id <= 9320; id++ {
		if err := db.Save(ctx, idleUser(id, 50, now), nil); err != nil {
			t.Fatal(err)
		}
	}
	// 9399 has private data /export must never show to anyone else.
	if err := db.Save(ctx, idleUser(9399, 7, now), []coach.Record{{Kind: coach.RecordRoutine, At: now, Day: "2026-03-01",
		Routine: &coach.RoutineRecord{Slot: coach.Morning, Completed: true, Pain: 9, Stopped: "secret-9399"}}}); err != nil {
		t.Fatal(err)
	}
	user := func(id int64) telegramtest.User { return telegramtest.User{ID: id, LanguageCode: "en"} }
	enc := func(u int64, turn uint32, action string) string {
		d, ok := h.bot.codec.encode(coach.UserID(u), turn, action)
		if !ok {
			t.Fatalf("cannot encode %q", action)
		}
		return d
	}
	press := func(u int64, data string) Answer {
		n := len(srv.Answers())
		sent := srv.Sent(u)
		if len(sent) == 0 {
			t.Fatalf("user %d has no message to press a button on", u)
		}
		srv.Press(user(u), sent[len(sent)-1].MessageID, data)
		got, err := srv.WaitAnswers(n+1, wait)
		if err != nil {
			t.Fatal(err)
		}
		return Answer(got[len(got)-1])
	}
	reply := func(u int64, text string) []telegramtest.Sent {
		n := len(srv.Sent(u))
		srv.SendText(user(u), text)
		got, err := srv.WaitSent(u, n+1, wait)
		if err != nil {
			t.Fatal(err)
		}
		return got[n:]
	}
	quiet := func(id int) {
		if !srv.WaitConfirmed(id, wait) {
			t.Fatal("update never handled")
		}
	}
	// The users pressing buttons need a message of the bot's to press on.
	for _, u := range []int64{9301, 9302, 9303, 9304} {
		if _, err := srv.WaitSent(u, 1, 0); err != nil {
			srv.SendText(user(u), "/help")
			if _, err := srv.WaitSent(u, 1, wait); err != nil {
				t.Fatal(err)
			}
		}
	}
	long := strings.Repeat("my back hurts when I sit all day and ", 280) // ~10,000 characters

	cases := []struct {
		name   string
		user   int64
		do     func(u int64) string // returns what to check, or "" when done
		saves  int64                // database writes allowed
		phase  coach.Phase          // the user's phase after, "" = unchanged idle
		answer string               // expected text of the answer/reply, "" = any
	}{
		{"forged signature", 9301, func(u int64) string {
			return press(u, "v1|1e|cmd:stretch|AAAAAAAAAAA").Text
		}, 0, "", msgs.T("en", "bot.button_invalid")},
		{"another user's genuine button", 9302, func(u int64) string {
			return press(u, enc(9399, 7, "cmd:export")).Text
		}, 0, "", msgs.T("en", "bot.button_invalid")},
		{"tampered action, same signature", 9303, func(u int64) string {
			d := enc(u, 50, "cmd:streak")
			return press(u, strings.Replace(d, "cmd:streak", "cmd:export", 1)).Text
		}, 0, "", msgs.T("en", "bot.button_invalid")},
		{"stale snooze from last week's ping", 9304, func(u int64) string {
			lastWeek := now.AddDate(0, 0, -7).In(time.UTC).Format("20060102")
			return press(u, enc(u, 12, "ping:snooze:m:"+lastWeek)).Text
		}, 1, "", msgs.T("en", "remind.notice.stale")},
		{"message over 4,096 characters", 9305, func(u int64) string {
			for _, s := range reply(u, long) {
				if len([]rune(s.Text)) > 4096 {
					t.Errorf("answered with %d characters", len([]rune(s.Text)))
				}
			}
			return ""
		}, 1, "", ""},
		{"emoji only", 9306, func(u int64) string { reply(u, "🙂🙃🔥👍🏽‍♀️"); return "" }, 1, "", ""},
		{"right-to-left and zero-width text", 9307, func(u int64) string {
			reply(u, "\u202eأعاني من ألم\u200b\u200d\u2066 שלום \ufeff")
			return ""
		}, 1, "", ""},
		{"zero-width inside a command word", 9308, func(u int64) string { reply(u, "d\u200bo\u200cne"); return "" }, 1, "", ""},
		{"unknown command", 9309, func(u int64) string { return reply(u, "/frobnicate now")[0].Text }, 1, "", msgs.T("en", "cmd.unknown")},
		{"operators' command from a user", 9310, func(u int64) string { return reply(u, "/stats")[0].Text }, 1, "", msgs.T("en", "cmd.unknown")},
		{"command for another bot", 9311, func(u int64) string { reply(u, "/start@some_other_bot"); return "" }, 1, "", ""},
		{"only whitespace and control characters", 9312, func(u int64) string { reply(u, " \t\u0000\u0007 "); return "" }, 1, "", ""},
		{"group chat", 9313, func(u int64) string {
			quiet(srv.SendGroupText(-9313, "group", user(u), "/stretch"))
			if got, err := srv.WaitSent(-9313, 1, wait); err != nil || got[0].Text != msgs.T("en", "bot.private_only") {
				t.Errorf("group told %v %v", texts(got), err)
			}
			return ""
		}, 0, "", ""},
		{"channel post", 9314, func(u int64) string { quiet(srv.SendChannelPost(-9314, "/delete")); return "" }, 0, "", ""},
		{"message from another bot", 9315, func(u int64) string {
			quiet(srv.SendText(telegramtest.User{ID: u, IsBot: true}, "/delete"))
			return ""
		}, 0, "", ""},
		{"flood of 100 messages", 9316, func(u int64) string {
			last := 0
			for i := 0; i < 100; i++ {
				last = srv.SendText(user(u), "hello "+strconv.Itoa(i))
			}
			quiet(last)
			got, _ := srv.WaitSent(u, 11, wait)
			slow := 0
			for _, s := range got {
				if s.Text == msgs.T("en", "bot.slow_down") {
					slow++
				}
			}
			if slow != 1 {
				t.Errorf("%d slow-down notes in %d messages", slow, len(got))
			}
			return ""
		}, 10, "", ""},
		{"export shows only the asker", 9317, func(u int64) string {
			n := len(srv.Sent(u))
			srv.SendText(user(u), "/export")
			var doc *telegramtest.File
			srv.WaitFor(wait, func(v telegramtest.View) bool {
				for _, s := range v.Sent(u)[n:] {
					if s.File != nil {
						doc = s.File
						return true
					}
				}
				return false
			})
			if doc == nil {
				t.Fatal("no export document")
			}
			if !json.Valid(doc.Data) || !strings.Contains(string(doc.Data), "9317") {
				t.Errorf("export is not the user's JSON: %.200s", doc.Data)
			}
			if strings.Contains(string(doc.Data), "9399") || strings.Contains(string(doc.Data), "secret-9399") {
				t.Error("export holds another user's data")
			}
			return ""
		}, 1, "", ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			before, _ := db.Load(ctx, coach.UserID(tc.user))
			saves := repo.saves.Load()
			got := tc.do(tc.user)
			if tc.answer != "" && got != tc.answer {
				t.Errorf("answered %q, want %q", got, tc.answer)
			}
			// Replies are sent after the write: by now it has happened.
			if n := repo.saves.Load() - saves; n > tc.saves {
				t.Errorf("%d database writes, at most %d allowed", n, tc.saves)
			}
			after, _ := db.Load(ctx, coach.UserID(tc.user))
			want := tc.phase
			if want == "" {
				want = before.Phase
			}
			if after.Phase != want || after.Session != nil || after.Profile != before.Profile {
				t.Errorf("state changed: %+v -> %+v", before, after)
			}
		})
	}
	if statsCalls.Load() != 0 {
		t.Error("/stats ran for a user who is not an operator")
	}
	h.stop()
	if logs := h.logs.String(); strings.Contains(logs, "panic") || strings.Contains(logs, "secret-9399") {
		t.Errorf("logs:\n%s", logs)
	}
	t.Logf("%d hostile cases", len(cases))
}

// Answer is a callback answer, for brevity.
type Answer = telegramtest.Answer
