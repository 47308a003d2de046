package bot

import (
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchbot/stretchbot/bot/telegramtest"
	"github.com/stretchbot/stretchbot/coach"
	"github.com/stretchbot/stretchbot/nlu"
	"github.com/stretchbot/stretchbot/store"
)

// TestDeleteLeavesNoByteInTheFile: a user onboards, finishes a routine,
// types something personal and deletes everything with /delete. Once the
// purge the delete scheduled has run, the raw database FILE (free pages
// included) holds no trace of them: not their id, in binary or decimal,
// not their words. Before the purge it did, so the scan can fail.
func TestDeleteLeavesNoByteInTheFile(t *testing.T) {
	srv := telegramtest.New(t, telegramtest.Config{Limits: fastLimits()})
	path := filepath.Join(t.TempDir(), "data", "privacy.db")
	db, err := store.Open(path, store.Options{PurgeDelay: 2 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	c := coach.MustContent()
	svc := coach.NewService(coach.NewEngine(c, nlu.New(c)), db)
	start(t, srv, svc, e2eConfig(srv), nil)

	const id = 987650123456789
	p := &player{t: t, srv: srv, u: telegramtest.User{ID: id}}
	p.finish(p.onboard())
	// A kept user, so the file is not simply empty afterwards.
	keep := &player{t: t, srv: srv, u: telegramtest.User{ID: 4242}}
	keep.onboard()

	words := "Quetzalcoatl-knee-story"
	p.say("my neighbour " + words + " says stretching is bad?")
	p.untilButtons()
	bin := binary.BigEndian.AppendUint64(nil, uint64(id))
	needles := [][]byte{bin, []byte(strconv.Itoa(id)), []byte(words)}
	holds := func() bool {
		raw, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		for _, n := range needles {
			if bytes.Contains(raw, n) {
				return true
			}
		}
		return false
	}

	p.say("/delete")
	p.press(p.untilButtons(), "yes")
	p.next(1)
	st, _ := svc.State(context.Background(), id)
	if st.Phase != coach.PhaseNew {
		t.Fatalf("after /delete: %+v", st)
	}
	if db.LastPurge().At.IsZero() && !holds() {
		t.Fatal("the deleted bytes are gone before any purge: the scan proves nothing")
	}
	deadline := time.Now().Add(wait)
	for db.LastPurge().At.IsZero() {
		if time.Now().After(deadline) {
			t.Fatal("no purge after /delete")
		}
		time.Sleep(20 * time.Millisecond) // polling a background timer
	}
	if holds() {
		t.Fatal("the database file still holds the deleted user's bytes after the purge")
	}
	if kept, _ := svc.State(context.Background(), 4242); kept.Phase == coach.PhaseNew {
		t.Fatal("the other user was lost")
	}
	// The bot carries on over the swapped file.
	keep.say("/streak")
	keep.next(1)
}

// TestTokenNeverInErrors: every error New returns, whatever went wrong
// with getMe, is free of the token, although the failing URLs hold it.
func TestTokenNeverInErrors(t *testing.T) {
	token := telegramtest.DefaultToken
	dead := httptest.NewServer(http.NotFoundHandler())
	deadURL := dead.URL
	dead.Close()
	html := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusBadGateway)
		_, _ = w.Write([]byte("<html>" + r.URL.String() + "</html>"))
	}))
	defer html.Close()
	hang := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		<-r.Context().Done()
	}))
	defer hang.Close()
	unauthorized := telegramtest.New(t, telegramtest.Config{Token: "1:other"})

	for _, tc := range []struct{ name, endpoint string }{
		{"connection refused", deadURL + "/bot%s/%s"},
		{"proxy error page", html.URL + "/bot%s/%s"},
		{"timeout", hang.URL + "/bot%s/%s"},
		{"unauthorized", unauthorized.Endpoint()},
		{"malformed endpoint", "http://[::1/bot%s/%s"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cfg := Config{Token: token, APIEndpoint: tc.endpoint, RequestTimeout: 300 * time.Millisecond, Zones: fixedZones("UTC")}
			log, lb := newLogger()
			_, err := New(cfg, newService(t), nil, log)
			if err == nil {
				t.Fatal("New succeeded")
			}
			if strings.Contains(err.Error(), token) || strings.Contains(err.Error(), "AAFakeToken") {
				t.Fatalf("the token is in the error: %v", err)
			}
			var ue interface{ Unwrap() error }
			for e := err; errors.As(e, &ue); e = ue.Unwrap() {
				if e == nil || strings.Contains(e.Error(), token) {
					t.Fatalf("the token is in a wrapped error: %v", e)
				}
			}
			if strings.Contains(lb.String(), token) {
				t.Fatal("the token is in the logs")
			}
		})
	}
}

// tokenPanic is an Understander that panics with the token in its value.
type tokenPanic struct{ token string }

func (p tokenPanic) Understand(string) coach.Understanding { panic("boom " + p.token) }

// TestPanicNeverPrintsToken: a panic while handling, whose value holds
// the token, is logged and apologised for without the token.
func TestPanicNeverPrintsToken(t *testing.T) {
	srv := telegramtest.New(t, telegramtest.Config{Limits: fastLimits()})
	c := coach.MustContent()
	db, err := store.Open(filepath.Join(t.TempDir(), "p.db"), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	svc := coach.NewService(coach.NewEngine(c, tokenPanic{srv.Token()}), db)
	h := start(t, srv, svc, testConfig(srv), nil)
	u := telegramtest.User{ID: 8801}
	if err := db.Save(context.Background(), idleUser(8801, 3, time.Now()), nil); err != nil {
		t.Fatal(err)
	}
	srv.SendText(u, "what is a good stretch for sciatica?")
	got, err := srv.WaitSent(u.ID, 1, wait)
	if err != nil || got[0].Text != c.Messages.T("en", "bot.error") {
		t.Fatalf("after a panic: %v %v", texts(got), err)
	}
	h.stop()
	logs := h.logs.String()
	if !strings.Contains(logs, "panic") {
		t.Fatalf("the panic was not logged:\n%s", logs)
	}
	if strings.Contains(logs, srv.Token()) {
		t.Fatal("the panic's token reached the logs")
	}
}
