// Package remind sends stretchbot's morning and evening reminders on time,
// exactly once, across restarts.
//
// # Design: one tick a minute, an index of who is due
//
// The scheduler is one robfig/cron entry that fires every minute in UTC
// (cron.WithLocation(time.UTC), spec "* * * * *"). Each firing calls Tick,
// which, for that minute and for each distinct time zone in use
// (Index.Zones), works out the local clocks due in that zone (see
// coach.DueClocks) and asks the store's index for the users whose morning or
// evening time is exactly one of those clocks (Index.Due, one range scan of
// a bbolt index per zone and clock). So:
//
//   - the cost of a firing grows with the number of zones in use and with
//     the users actually due in that minute, never with all users: 100,000
//     registered users cost the same index lookups as 100 (see
//     BenchmarkTick100k);
//   - start-up does not grow with the number of users: nothing is
//     registered per user, Start reads one bookkeeping key and catches up
//     the minutes missed while the bot was down;
//   - each zone's *time.Location is loaded once and shared (coach.LoadZone
//     caches it), where one cron entry per user with a CRON_TZ= prefix
//     parses its own copy (~2.3 KB each) and makes cron re-sort every entry
//     on each wake, add and remove;
//   - a change of reminder time or time zone takes effect at the next
//     minute, because the store updates the index in the same transaction
//     as the user's state: there is no per-user job to reschedule.
//
// cron is only the metronome: Tick takes the time as an argument, so tests
// drive it with explicit (fake) times, and a Tick processes every minute
// since the last one it processed, so a late or skipped firing loses
// nothing. Tick holds a mutex; cron's SkipIfStillRunning keeps a slow
// firing from piling up others behind it, and cron.Recover keeps a panic
// from killing the process.
//
// # Daylight saving time
//
// coach.DueClocks makes the clocks a spring-forward jump skipped fall due at
// the first minute after the jump (a 02:30 reminder fires once, at 03:00),
// and makes the repeated clocks after a fall-back not due a second time (a
// 01:30 reminder fires once, at the first 01:30). The scheduler therefore
// never delivers the same slot twice on DST nights; the coach would ignore a
// second delivery anyway.
//
// # Exactly once, and restarts
//
// The guarantee lives in the coach: State.Reminder.LastSlot records the
// (local day, slot) of the last ping in the same durable step that produces
// the ping, so delivering an InputReminder again is a no-op. The scheduler
// only has to deliver every due minute at least once. It stores the last
// minute it processed (Index.SetMeta) after each Tick; on start it resumes
// from there, so a minute that was being processed when the process died is
// processed again (users already pinged are skipped by the coach; the rest
// get their ping: no duplicate, no loss). Minutes that passed while the bot
// was down are caught up on start: those within the grace window (default
// 2 h) as ordinary reminders, which the coach sends with an apology (or
// holds until quiet hours end); older ones, back to Lookback, as reminders
// marked coach.ReminderMissed, for which nothing is sent but the coach
// freezes the day so the downtime never breaks a streak. The downtime is
// logged and its last interval kept under the meta key "remind.downtime".
//
// After the reminders, each Tick delivers InputWake to the users whose
// State.WakeAt has come (Index.Wakes): snoozed pings, follow-ups, pause
// ends, notes held back by quiet hours.
//
// Handlers run on a bounded pool of Workers goroutines. A failed delivery is
// retried at the next Tick while still within the grace window.
package remind

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"sync"
	"sync/atomic"
	"time"

	"github.com/robfig/cron/v3"
	"github.com/stretchbot/stretchbot/clock"
	"github.com/stretchbot/stretchbot/coach"
)

// Index is what the scheduler needs from the store (store.DB implements it).
type Index interface {
	// Due returns the users whose morning or evening clock in zone is at.
	Due(ctx context.Context, zone string, at coach.Clock) ([]coach.UserID, error)
	// Zones returns the distinct zones of users with reminders.
	Zones(ctx context.Context) ([]string, error)
	// Wakes returns the users whose State.WakeAt is at or before until.
	Wakes(ctx context.Context, until time.Time) ([]coach.UserID, error)
	// Meta and SetMeta keep the scheduler's small bookkeeping.
	Meta(key string) ([]byte, error)
	SetMeta(key string, v []byte) error
}

// Handler handles one scheduler input for one user: cmd wires it to
// coach.Service.Handle and the bot's bulk sender. It must be safe for
// concurrent use; a non-nil error means the input was not handled and
// should be retried.
type Handler func(ctx context.Context, user coach.UserID, in coach.Input) error

// Defaults of Options.
const (
	DefaultGrace    = 2 * time.Hour
	DefaultLookback = 72 * time.Hour
	// DefaultWorkers is 100 so that the steps of a minute's pings run
	// together and their durable saves share commits: with 8, a 100,000-
	// user minute took 117 s to store, slower than a 1,000/s send cap
	// (BENCHMARKS.md).
	DefaultWorkers = 100
	// maxRetries bounds the deliveries kept for retry.
	maxRetries = 100_000
)

// Meta keys.
const (
	metaLast     = "remind.last"     // the last minute processed, RFC 3339
	metaDowntime = "remind.downtime" // the last downtime: {"from","to"}
)

// Options tune a Scheduler. The zero value is the production setting.
type Options struct {
	// Grace is how late a reminder may still be sent after downtime; 0
	// means DefaultGrace.
	Grace time.Duration
	// Lookback is how far back missed slots are reported after downtime so
	// their days are frozen; 0 means DefaultLookback. It is at least Grace.
	Lookback time.Duration
	// Workers bounds the handlers running at once; 0 means DefaultWorkers.
	Workers int
	// Clock tells the time when cron fires; nil means the system clock.
	Clock clock.Clock
	// Logger receives operational logs (user ids, counts, never text);
	// nil means slog.Default().
	Logger *slog.Logger
}

// Stats is what one Tick did.
type Stats struct {
	Minutes  int           // minutes processed
	OnTime   int           // reminders delivered within coach.LateAfter
	CatchUps int           // late reminders delivered within the grace window
	Missed   int           // slots past the grace window, delivered as missed
	Retried  int           // earlier failed deliveries retried
	Wakes    int           // wake-ups delivered
	Failed   int           // deliveries whose handler failed (kept for retry)
	Downtime time.Duration // the gap before this Tick, beyond the usual minute
}

// job is one delivery.
type job struct {
	user coach.UserID
	in   coach.Input
}

// Scheduler fires reminders and wake-ups. Create it with New.
type Scheduler struct {
	idx    Index
	handle Handler
	opt    Options
	log    *slog.Logger

	mu      sync.Mutex // serializes Tick
	loaded  bool
	last    time.Time // last minute processed; zero before the first
	retry   []job
	badZone map[string]bool

	cronMu sync.Mutex
	cron   *cron.Cron
}

// New returns a scheduler that reads idx and hands inputs to h.
func New(idx Index, h Handler, opt Options) *Scheduler {
	if opt.Grace <= 0 {
		opt.Grace = DefaultGrace
	}
	if opt.Lookback <= 0 {
		opt.Lookback = DefaultLookback
	}
	opt.Lookback = max(opt.Lookback, opt.Grace)
	if opt.Workers <= 0 {
		opt.Workers = DefaultWorkers
	}
	if opt.Clock == nil {
		opt.Clock = clock.Real{}
	}
	if opt.Logger == nil {
		opt.Logger = slog.Default()
	}
	return &Scheduler{idx: idx, handle: h, opt: opt, log: opt.Logger, badZone: map[string]bool{}}
}

// Start catches up the minutes missed since the last run, then starts the
// per-minute cron entry, which ticks until ctx ends or Stop is called. A
// failed catch-up is logged and retried by the next tick.
func (s *Scheduler) Start(ctx context.Context) error {
	s.cronMu.Lock()
	defer s.cronMu.Unlock()
	if s.cron != nil {
		return errors.New("remind: scheduler already started")
	}
	if st, err := s.Tick(ctx, s.opt.Clock.Now()); err != nil {
		s.log.Error("reminder catch-up failed; the next tick retries", "err", err)
	} else if st.Downtime > 0 {
		s.log.Info("reminders caught up after downtime", "downtime", st.Downtime.String(),
			"late", st.CatchUps, "missed", st.Missed)
	}
	l := cronLogger{s.log}
	c := cron.New(cron.WithLocation(time.UTC), cron.WithLogger(l),
		cron.WithChain(cron.Recover(l), cron.SkipIfStillRunning(l)))
	if _, err := c.AddFunc("* * * * *", func() {
		if ctx.Err() != nil {
			return
		}
		if _, err := s.Tick(ctx, s.opt.Clock.Now()); err != nil {
			s.log.Error("reminder tick failed; the next tick retries", "err", err)
		}
	}); err != nil {
		return fmt.Errorf("remind: schedule: %w", err)
	}
	c.Start()
	s.cron = c
	return nil
}

// Stop stops the cron entry. The returned context is done when a running
// tick has finished.
func (s *Scheduler) Stop() context.Context {
	s.cronMu.Lock()
	defer s.cronMu.Unlock()
	if s.cron == nil {
		ctx, cancel := context.WithCancel(context.Background())
		cancel()
		return ctx
	}
	ctx := s.cron.Stop()
	s.cron = nil
	return ctx
}

// Tick processes every minute after the last one processed up to the minute
// of now (only that minute on the very first run), then delivers the
// wake-ups due at now. It is what cron calls each minute; tests call it
// with explicit times. On an index error it stops at the failing minute and
// returns the error; the next Tick resumes there.
func (s *Scheduler) Tick(ctx context.Context, now time.Time) (Stats, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	var st Stats
	if err := s.load(); err != nil {
		return st, err
	}
	m := now.Truncate(time.Minute)
	from := m
	if !s.last.IsZero() {
		from = s.last.Add(time.Minute)
		if gap := m.Sub(s.last) - time.Minute; gap > 0 {
			st.Downtime = gap
			s.recordDowntime(s.last, m)
		}
	}
	if oldest := m.Add(-s.opt.Lookback); from.Before(oldest) {
		from = oldest
	}

	s.retryFailed(ctx, now, &st)

	var errs []error
	if !from.After(m) {
		if err := s.minutes(ctx, from, m, now, &st); err != nil {
			errs = append(errs, err)
		}
	}
	if err := s.wakes(ctx, now, &st); err != nil {
		errs = append(errs, err)
	}
	return st, errors.Join(errs...)
}

// load reads the last processed minute once.
func (s *Scheduler) load() error {
	if s.loaded {
		return nil
	}
	v, err := s.idx.Meta(metaLast)
	if err != nil {
		return fmt.Errorf("remind: last tick: %w", err)
	}
	if v != nil {
		var t time.Time
		if err := t.UnmarshalText(v); err != nil {
			s.log.Error("ignoring unreadable last tick", "err", err)
		} else {
			s.last = t.Truncate(time.Minute)
		}
	}
	s.loaded = true
	return nil
}

// saveLast durably records the last processed minute, or the minute before
// the earliest reminder still waiting for a retry: retries live in memory,
// so after a crash that minute is processed again rather than lost.
func (s *Scheduler) saveLast() error {
	upto := s.last
	for _, j := range s.retry {
		if j.in.Kind == coach.InputReminder && j.in.At.Add(-time.Minute).Before(upto) {
			upto = j.in.At.Add(-time.Minute)
		}
	}
	v, _ := upto.UTC().MarshalText()
	if err := s.idx.SetMeta(metaLast, v); err != nil {
		return fmt.Errorf("remind: save last tick: %w", err)
	}
	return nil
}

// recordDowntime logs the gap between the last processed minute and now.
func (s *Scheduler) recordDowntime(last, now time.Time) {
	v, _ := json.Marshal(struct {
		From time.Time `json:"from"`
		To   time.Time `json:"to"`
	}{last.UTC(), now.UTC()})
	if err := s.idx.SetMeta(metaDowntime, v); err != nil {
		s.log.Error("cannot record reminder downtime", "err", err)
	}
	if now.Sub(last) > 2*time.Minute {
		s.log.Warn("reminders were not processed for a while", "from", last.UTC(), "to", now.UTC())
	}
}

// minutes processes the minutes from..to (both included).
func (s *Scheduler) minutes(ctx context.Context, from, to, now time.Time, st *Stats) error {
	zones, err := s.idx.Zones(ctx)
	if err != nil {
		return fmt.Errorf("remind: zones: %w", err)
	}
	type zl struct {
		name string
		loc  *time.Location
	}
	locs := make([]zl, 0, len(zones))
	for _, z := range zones {
		loc, err := coach.LoadZone(z)
		if err != nil {
			if !s.badZone[z] {
				s.badZone[z] = true
				s.log.Error("users have an unknown time zone; they get no reminders", "zone", z, "err", err)
			}
			continue
		}
		locs = append(locs, zl{z, loc})
	}
	saved := s.last
	for t := from; !t.After(to); t = t.Add(time.Minute) {
		if err := ctx.Err(); err != nil {
			return err
		}
		late := now.Sub(t)
		missed := late > s.opt.Grace
		var jobs []job
		for _, z := range locs {
			first, n := coach.DueClocks(z.loc, t)
			for i := 0; i < n; i++ {
				c := coach.Clock((int(first) + i) % (24 * 60))
				users, err := s.idx.Due(ctx, z.name, c)
				if err != nil {
					return fmt.Errorf("remind: due at %s: %w", t.UTC().Format(time.RFC3339), err)
				}
				for _, u := range users {
					in := coach.Input{Kind: coach.InputReminder, At: t}
					if missed {
						in.Text = coach.ReminderMissed
					}
					jobs = append(jobs, job{user: u, in: in})
				}
			}
		}
		switch {
		case missed:
			st.Missed += len(jobs)
		case late > coach.LateAfter:
			st.CatchUps += len(jobs)
		default:
			st.OnTime += len(jobs)
		}
		s.keep(s.run(ctx, jobs), st)
		st.Minutes++
		s.last = t
		if t.Equal(to) || t.Sub(saved) >= time.Hour {
			if err := s.saveLast(); err != nil {
				return err
			}
			saved = t
		}
	}
	return nil
}

// wakes delivers InputWake to the users whose WakeAt has come.
func (s *Scheduler) wakes(ctx context.Context, now time.Time, st *Stats) error {
	users, err := s.idx.Wakes(ctx, now)
	if err != nil {
		return fmt.Errorf("remind: wakes: %w", err)
	}
	jobs := make([]job, len(users))
	for i, u := range users {
		jobs[i] = job{user: u, in: coach.Input{Kind: coach.InputWake}}
	}
	st.Wakes = len(jobs)
	// A failed wake stays in the index (WakeAt unchanged): the next tick
	// finds it again, so it is not kept for retry.
	st.Failed += len(s.run(ctx, jobs))
	return nil
}

// retryFailed delivers again what failed before, while it is still useful.
func (s *Scheduler) retryFailed(ctx context.Context, now time.Time, st *Stats) {
	if len(s.retry) == 0 {
		return
	}
	jobs := s.retry[:0:0]
	for _, j := range s.retry {
		limit := s.opt.Grace
		if j.in.Text == coach.ReminderMissed {
			limit = s.opt.Lookback
		}
		if now.Sub(j.in.At) <= limit {
			jobs = append(jobs, j)
		}
	}
	s.retry = nil
	st.Retried = len(jobs)
	s.keep(s.run(ctx, jobs), st)
}

// keep remembers failed deliveries for retry.
func (s *Scheduler) keep(failed []job, st *Stats) {
	st.Failed += len(failed)
	if room := maxRetries - len(s.retry); room > 0 {
		s.retry = append(s.retry, failed[:min(len(failed), room)]...)
	}
}

// run hands the jobs to the handler on at most Workers goroutines and
// returns those that failed.
func (s *Scheduler) run(ctx context.Context, jobs []job) []job {
	if len(jobs) == 0 {
		return nil
	}
	var (
		next   atomic.Int64
		mu     sync.Mutex
		failed []job
		wg     sync.WaitGroup
	)
	work := func() {
		defer wg.Done()
		for {
			i := int(next.Add(1)) - 1
			if i >= len(jobs) {
				return
			}
			j := jobs[i]
			if err := s.call(ctx, j); err != nil {
				s.log.Warn("reminder delivery failed", "user", int64(j.user), "kind", int(j.in.Kind), "err", err)
				mu.Lock()
				failed = append(failed, j)
				mu.Unlock()
			}
		}
	}
	n := min(s.opt.Workers, len(jobs))
	wg.Add(n)
	for range n - 1 {
		go work()
	}
	work()
	wg.Wait()
	return failed
}

// call runs the handler for one job, turning a panic into an error so one
// bad user cannot stop the others.
func (s *Scheduler) call(ctx context.Context, j job) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("remind: handler panicked: %v", r)
		}
	}()
	if err := ctx.Err(); err != nil {
		return err
	}
	return s.handle(ctx, j.user, j.in)
}

// cronLogger adapts slog to cron's logger: cron's routine messages at
// debug level, its errors (recovered panics, skipped runs) at error level.
type cronLogger struct{ l *slog.Logger }

func (c cronLogger) Info(msg string, kv ...any) { c.l.Debug("cron: "+msg, kv...) }
func (c cronLogger) Error(err error, msg string, kv ...any) {
	c.l.Error("cron: "+msg, append([]any{"err", err}, kv...)...)
}
