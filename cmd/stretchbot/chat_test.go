package main

import (
	"bytes"
	"context"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchbot/stretchbot/clock"
	"github.com/stretchbot/stretchbot/coach"
	"github.com/stretchbot/stretchbot/store"
)

// chatRun runs `stretchbot chat` once over the database with the lines as
// stdin, at the fake time, and returns what it printed.
func chatRun(t *testing.T, db string, at time.Time, lines ...string) string {
	t.Helper()
	var out, errb bytes.Buffer
	in := strings.NewReader(strings.Join(lines, "\n") + "\n")
	getenv := func(k string) string { return "" }
	code := runChatClock(context.Background(), []string{"-db", db, "-timers=false", "-out", t.TempDir()}, getenv, in, &out, &errb, clock.NewFake(at))
	if code != 0 {
		t.Fatalf("chat exited %d: %s\n%s", code, errb.String(), out.String())
	}
	return out.String()
}

// after returns what was printed after the last occurrence of marker.
func after(out, marker string) string {
	i := strings.LastIndex(out, marker)
	if i < 0 {
		return ""
	}
	return out[i:]
}

func TestChatEndToEnd(t *testing.T) {
	db := filepath.Join(t.TempDir(), "data", "chat.db")
	morning := time.Date(2026, 11, 25, 8, 0, 0, 0, time.UTC) // 08:00 in London

	out := chatRun(t, db, morning,
		"1",        // OK, let's go
		"no", "no", // safety gate
		"banana",               // not a place
		"London",               // time zone
		"banana",               // not a time
		"7.30am",               // morning reminder
		"7pm",                  // evening reminder
		"1",                    // start the morning routine now
		"done",                 // 1/5
		"hurts",                // 2/5 hurts...
		"3",                    // ...a 3
		"just sore",            // none of the red-flag kinds
		"1",                    // try the easier version
		"✅", "👍", "done", "ok", // the gentle one and 3/5..5/5
		"2", // pain after the routine
	)
	for _, want := range []string{
		"not", "safety check", "couldn't find that place", "Europe/London", "didn't get that time",
		"1/5", "2/5", "How bad", "Is it any of these?", "easier version", "5/5", "How's your back",
		"Routine finished: 5 of 5 done, 0 skipped", "Streak: 1",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("first run: missing %q", want)
		}
	}
	if t.Failed() {
		t.Fatalf("output:\n%s", out)
	}

	// Evening: a red flag typed mid-routine stops it.
	evening := morning.Add(11 * time.Hour)
	out = chatRun(t, db, evening,
		"/stretch evening",
		"done",
		"the pain shoots down my leg and my foot has gone numb",
		"2", // keep reminders on
	)
	if !strings.Contains(out, "1/5") || !strings.Contains(out, "2/5") {
		t.Fatalf("evening routine did not start:\n%s", out)
	}
	content := coach.MustContent()
	if !strings.Contains(out, firstLine(content.Safety.Clinician)) {
		t.Fatalf("no clinician message after a red flag:\n%s", out)
	}
	if strings.Contains(after(out, firstLine(content.Safety.Clinician)), "3/5") {
		t.Fatalf("routine went on after a red flag:\n%s", out)
	}

	// Quit mid-routine, come back: same stretch.
	later := evening.Add(30 * time.Minute)
	out = chatRun(t, db, later, "/stretch evening", "done", "done")
	if !strings.Contains(out, "3/5") {
		t.Fatalf("third run did not reach 3/5:\n%s", out)
	}
	out = chatRun(t, db, later.Add(5*time.Minute))
	if !strings.Contains(out, "pick up where you left off") || !strings.Contains(out, "3/5") {
		t.Fatalf("restart did not resume at 3/5:\n%s", out)
	}

	// The database holds all of it.
	st, err := store.Open(db, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	ctx := context.Background()
	s, err := st.Load(ctx, 1)
	if err != nil {
		t.Fatal(err)
	}
	if s.Session == nil || s.Session.Slot != coach.Evening || s.Session.Index != 2 || s.Phase != coach.PhaseStretch {
		t.Fatalf("session = %+v phase %q", s.Session, s.Phase)
	}
	if s.Profile.Zone != "Europe/London" || s.Profile.Morning != 7*60+30 || s.Profile.Evening != 19*60 || s.Streak.Current != 1 {
		t.Fatalf("profile/streak = %+v / %+v", s.Profile, s.Streak)
	}
	recs, err := st.Records(ctx, 1, time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	var kinds []string
	for _, r := range recs {
		k := string(r.Kind)
		if r.Routine != nil {
			k += ":" + string(r.Routine.Slot)
			if r.Routine.Completed {
				k += ":completed"
			} else {
				k += ":" + r.Routine.Stopped
			}
		}
		if r.RedFlag != nil {
			k += ":" + string(r.RedFlag.Level)
		}
		kinds = append(kinds, k)
	}
	want := "routine:morning:completed routine:evening:redflag redflag:clinician"
	if got := strings.Join(kinds, " "); got != want {
		t.Fatalf("records = %s, want %s", got, want)
	}
	m := recs[0].Routine
	if m.Pain != 2 || !m.Items[1].Gentle || m.Items[1].Hurt != 4 || m.Items[1].Outcome != coach.OutcomeDone {
		t.Fatalf("morning record = %+v", m)
	}
}

func TestChatOddInput(t *testing.T) {
	db := filepath.Join(t.TempDir(), "odd.db")
	at := time.Date(2026, 11, 25, 8, 0, 0, 0, time.UTC)
	out := chatRun(t, db, at,
		"", "   ", "🙂🙂", strings.Repeat("x", 5000), "1", "no", "no", "Paris", "banana", "25:00", "🙂", "7:00", "20:00", "2",
		"\u200b", "/nonsense", "مرحبا", "/streak")
	for _, want := range []string{"didn't get that time", "Europe/Paris", "don't know that command", "streak: 0"} {
		if !strings.Contains(strings.ToLower(out), strings.ToLower(want)) {
			t.Errorf("missing %q", want)
		}
	}
	if t.Failed() {
		t.Fatalf("output:\n%s", out)
	}
}

func firstLine(s string) string {
	line, _, _ := strings.Cut(s, "\n")
	if len(line) > 60 {
		line = line[:60]
	}
	return line
}

func TestChatProgressWritesAChart(t *testing.T) {
	db := filepath.Join(t.TempDir(), "p.db")
	out := chatRun(t, db, time.Date(2026, 11, 25, 8, 0, 0, 0, time.UTC),
		"1", "no", "no", "Berlin", "7:00", "20:00", "1", "done", "done", "done", "done", "done", "4", "/progress")
	if !strings.Contains(out, "Your last 30 days") || !strings.Contains(out, "progress.png") {
		t.Fatalf("no chart saved:\n%s", out)
	}
	line := after(out, "📎 saved ")
	path := strings.TrimSpace(strings.TrimPrefix(line[:strings.Index(line, " (")], "📎 saved "))
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := png.Decode(bytes.NewReader(b)); err != nil {
		t.Fatalf("%s is not a PNG: %v", path, err)
	}
}
