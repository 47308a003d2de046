package main

import (
	"context"
	"fmt"
	"sync"
	"sync/atomic"
	"time"

	"github.com/stretchbot/stretchbot/coach"
	"github.com/stretchbot/stretchbot/store"
)

// seedZones are real zones around the world, with whole, half and
// three-quarter hour offsets.
var seedZones = []string{
	"Europe/London", "Europe/Berlin", "Europe/Moscow", "Asia/Kolkata", "Asia/Kathmandu",
	"Asia/Shanghai", "Asia/Tokyo", "Australia/Adelaide", "Australia/Sydney", "Pacific/Auckland",
	"America/New_York", "America/Chicago", "America/Denver", "America/Los_Angeles", "America/Sao_Paulo",
	"Africa/Lagos", "Africa/Nairobi", "Asia/Dubai", "America/St_Johns", "Asia/Tehran",
}

// seededUser returns the state of an onboarded user who has used the bot
// for a week: in zone, with reminders at morning and evening.
func seededUser(u coach.UserID, zone string, morning, evening coach.Clock, now time.Time) coach.State {
	return coach.State{
		User: u, Phase: coach.PhaseIdle, Turn: 40,
		Profile: coach.Profile{
			Lang: "en", Zone: zone, Morning: morning, Evening: evening, Onboarded: true,
			QuietStart: 22 * 60, QuietEnd: 7 * 60, DayBoundary: 4 * 60, SafetyCheck: now.Add(-24 * time.Hour),
		},
		Streak:  coach.Streak{Current: 3, Best: 5, Last: coach.Day(now.Add(-24 * time.Hour).Format("2006-01-02"))},
		Created: now.Add(-7 * 24 * time.Hour), Updated: now.Add(-12 * time.Hour),
	}
}

// seed writes n users with state(i) into a new database at path, with
// fsync off (seeding only: the measured runs reopen it with fsync on),
// from 64 writers so that bbolt's Batch fills its transactions.
func seed(ctx context.Context, path string, n int, state func(i int) coach.State) (time.Duration, error) {
	start := time.Now()
	db, err := store.Open(path, store.Options{NoSync: true})
	if err != nil {
		return 0, err
	}
	var (
		next  atomic.Int64
		wg    sync.WaitGroup
		errMu sync.Mutex
		first error
	)
	for range 64 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				i := int(next.Add(1)) - 1
				if i >= n || ctx.Err() != nil {
					return
				}
				if err := db.Save(ctx, state(i), nil); err != nil {
					errMu.Lock()
					if first == nil {
						first = fmt.Errorf("seeding user %d: %w", i, err)
					}
					errMu.Unlock()
					return
				}
			}
		}()
	}
	wg.Wait()
	if err := db.Close(); err != nil && first == nil {
		first = err
	}
	if first == nil {
		first = ctx.Err()
	}
	return time.Since(start), first
}

// clockAt returns the local clock of instant t in zone.
func clockAt(zone string, t time.Time) (coach.Clock, error) {
	loc, err := coach.LoadZone(zone)
	if err != nil {
		return 0, err
	}
	l := t.In(loc)
	return coach.Clock(l.Hour()*60 + l.Minute()), nil
}
