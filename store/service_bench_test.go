package store_test

import (
	"context"
	"path/filepath"
	"strconv"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchbot/stretchbot/coach"
	"github.com/stretchbot/stretchbot/nlu"
	"github.com/stretchbot/stretchbot/store"
)

// routineCycle is a whole morning routine as a user taps through it.
var routineCycle = []coach.Input{
	{Kind: coach.InputCommand, Command: "stretch", Text: "morning"},
	{Kind: coach.InputButton, Action: "done"},
	{Kind: coach.InputButton, Action: "done"},
	{Kind: coach.InputButton, Action: "done"},
	{Kind: coach.InputButton, Action: "done"},
	{Kind: coach.InputButton, Action: "done"},
	{Kind: coach.InputButton, Action: "p:2"},
}

// benchUser returns an onboarded user ready for a routine.
func benchUser(u coach.UserID, now time.Time) coach.State {
	return coach.State{
		User: u, Phase: coach.PhaseIdle, Turn: 10,
		Profile: coach.Profile{
			Lang: "en", Zone: "Europe/Berlin", Morning: 7 * 60, Evening: 19 * 60, Onboarded: true,
			QuietStart: 22 * 60, QuietEnd: 7 * 60, DayBoundary: 4 * 60, SafetyCheck: now,
		},
		Created: now, Updated: now,
	}
}

// BenchmarkServiceHandle measures one persisted step: coach.Service.Handle
// (load, Engine.Step with the real content and model, durable save with
// fsync ON) over a real bbolt file, from par×GOMAXPROCS goroutines, each
// its own user tapping through routines, as the bot's workers do. Saves
// arriving together share an fsync through bbolt's Batch, so steps/s grows
// with the writers in flight.
func BenchmarkServiceHandle(b *testing.B) {
	for _, par := range []int{1, 8, 64} {
		b.Run("par="+strconv.Itoa(par), func(b *testing.B) { benchHandle(b, par) })
	}
}

func benchHandle(b *testing.B, par int) {
	c, err := coach.LoadContent()
	if err != nil {
		b.Fatal(err)
	}
	db, err := store.Open(filepath.Join(b.TempDir(), "bench.db"), store.Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	svc := coach.NewService(coach.NewEngine(c, nlu.New(c)), db)
	ctx := context.Background()
	t0 := time.Date(2026, 3, 11, 7, 0, 0, 0, time.UTC)

	var next atomic.Int64
	var completed atomic.Int64
	b.SetParallelism(par)
	b.ReportAllocs()
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		u := coach.UserID(next.Add(1))
		if err := db.Save(ctx, benchUser(u, t0), nil); err != nil {
			b.Error(err)
			return
		}
		turn, now := uint32(10), t0
		for i := 0; pb.Next(); i++ {
			in := routineCycle[i%len(routineCycle)]
			in.Turn = turn
			out, err := svc.Handle(ctx, u, in, now)
			if err != nil {
				b.Error(err)
				return
			}
			turn, now = out.State.Turn, now.Add(time.Minute)
			completed.Add(int64(len(out.Records)))
		}
	})
	b.StopTimer()
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "steps/s")
	if b.N >= 8*len(routineCycle)*par && completed.Load() == 0 {
		b.Fatal("no routine was completed: the benchmark is not measuring routines")
	}
}
