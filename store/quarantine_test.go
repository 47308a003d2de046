package store

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/stretchbot/stretchbot/coach"
	bolt "go.etcd.io/bbolt"
)

type noNLU struct{}

func (noNLU) Understand(string) coach.Understanding {
	return coach.Understanding{Intent: coach.IntentUnknown}
}

// TestCorruptStateIsQuarantined: a user whose stored state cannot be read
// is not locked out: the bytes are set aside, the user starts afresh and
// is told so, the history stays, and /delete erases the quarantine too.
func TestCorruptStateIsQuarantined(t *testing.T) {
	ctx := context.Background()
	db := openTest(t, Options{NoSync: true})
	now := time.Date(2026, 11, 25, 8, 0, 0, 0, time.UTC)
	const u coach.UserID = 77
	st := coach.State{User: u, Phase: coach.PhaseIdle, Profile: coach.Profile{Onboarded: true, Zone: "Europe/London", Morning: 420, Evening: 1140}}
	rec := coach.Record{Kind: coach.RecordRoutine, At: now, Day: "2026-11-25", Routine: &coach.RoutineRecord{Slot: coach.Morning, Completed: true, Pain: 2}}
	if err := db.Save(ctx, st, []coach.Record{rec}); err != nil {
		t.Fatal(err)
	}
	if err := db.bolt.Update(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketUsers).Put(userKey(u), []byte("{not json"))
	}); err != nil {
		t.Fatal(err)
	}
	svc := coach.NewService(coach.NewEngine(coach.MustContent(), noNLU{}), db)
	out, err := svc.Handle(ctx, u, coach.Input{Kind: coach.InputCommand, Command: "start"}, now)
	if err != nil {
		t.Fatalf("Handle: %v", err)
	}
	if len(out.Replies) < 2 || !strings.Contains(out.Replies[0].Text, "starting fresh") {
		t.Fatalf("replies = %+v", out.Replies)
	}
	if out.State.Phase != coach.PhaseOnbIntro {
		t.Fatalf("phase = %q", out.State.Phase)
	}
	if n, _ := db.Quarantined(ctx, u); n != 1 {
		t.Fatalf("quarantined = %d", n)
	}
	if due, _ := db.Due(ctx, "Europe/London", 420); len(due) != 0 {
		t.Fatalf("quarantined user still due: %v", due)
	}
	if recs, err := db.Records(ctx, u, time.Time{}); err != nil || len(recs) != 1 {
		t.Fatalf("history = %v, %v", recs, err)
	}
	if err := db.Delete(ctx, u); err != nil {
		t.Fatal(err)
	}
	if n, _ := db.Quarantined(ctx, u); n != 0 {
		t.Fatalf("quarantine survived delete: %d", n)
	}
}
