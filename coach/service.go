package coach

import (
	"context"
	"errors"
	"fmt"
	"hash/maphash"
	"sync"
	"sync/atomic"
	"time"
)

// Service runs the Engine against a Repository: for one input of one user it
// loads the state, steps the engine, stores the result durably and only then
// returns the replies to send. Inputs of one user are handled strictly one at
// a time; different users run concurrently.
//
// Front ends (the terminal chat, the Telegram bot, the reminder scheduler)
// all go through Service, so they share every rule.
type Service struct {
	engine *Engine
	repo   Repository
	seed   maphash.Seed
	// locks serialise each user's steps, striped by a hash of the id:
	// 4096 stripes keep the 100 users a bot handles at once from queueing
	// behind each other (with 256, about 19 pairs of them shared one).
	locks [4096]sync.Mutex
	// outbox, once enabled, receives every step's immediate replies in
	// the step's own transaction.
	outbox atomic.Pointer[outboxRef]
}

type outboxRef struct{ o Outbox }

// Outbox is an optional Repository capability: a durable outbox. A front
// end that sends from it (the Telegram bot) turns it on with
// Service.EnableOutbox; then a step's state, records and replies are
// stored in one transaction, so a crash after the step can no longer lose
// its replies: they are still queued at the next start and sent then.
type Outbox interface {
	// SaveQueued is Save that also queues replies (in order) for the
	// user, all in one durable transaction. bulk marks replies nobody
	// asked for (reminders). It returns the queued replies' ids, in order.
	SaveQueued(ctx context.Context, st State, recs []Record, replies []Reply, bulk bool) ([]uint64, error)
	// Queued returns every reply still queued: per user in the order they
	// were queued, users in id order.
	Queued(ctx context.Context) ([]Queued, error)
	// Ack removes a queued reply once it was delivered (or given up for
	// good). Acknowledging an unknown id is not an error.
	Ack(ctx context.Context, user UserID, id uint64) error
}

// Queued is one reply waiting in a durable outbox.
type Queued struct {
	ID    uint64
	User  UserID
	Bulk  bool
	Reply Reply
}

// redeliveryWindow is how long after an event an event id at or below it
// counts as a redelivery. Telegram keeps an unconfirmed update 24 h at
// most, so a redelivery always falls within it; past it ids are not
// compared, so a front end whose ids start over is never mistaken for
// one repeating itself.
const redeliveryWindow = 24 * time.Hour

// NewService returns a Service.
func NewService(e *Engine, repo Repository) *Service {
	return &Service{engine: e, repo: repo, seed: maphash.MakeSeed()}
}

// EnableOutbox makes Handle queue every step's immediate replies durably,
// in the step's own transaction, and mark them with Reply.OutboxID; the
// caller must then deliver them and Ack each one. It reports false (and
// changes nothing) when the repository has no Outbox capability. Only a
// front end that also resends Queued at start should enable it.
func (s *Service) EnableOutbox() bool {
	o, ok := s.repo.(Outbox)
	if !ok {
		return false
	}
	s.outbox.Store(&outboxRef{o})
	return true
}

// Queued returns the replies left in the durable outbox, e.g. by a crash,
// to be sent again at start: per user in order. It returns nothing when
// the outbox is not enabled.
func (s *Service) Queued(ctx context.Context) ([]Queued, error) {
	ref := s.outbox.Load()
	if ref == nil {
		return nil, nil
	}
	q, err := ref.o.Queued(ctx)
	if err != nil {
		return nil, fmt.Errorf("coach: queued replies: %w", err)
	}
	return q, nil
}

// Ack removes a delivered reply from the durable outbox.
func (s *Service) Ack(ctx context.Context, user UserID, id uint64) error {
	ref := s.outbox.Load()
	if ref == nil || id == 0 {
		return nil
	}
	if err := ref.o.Ack(ctx, user, id); err != nil {
		return fmt.Errorf("coach: ack reply of user %d: %w", user, err)
	}
	return nil
}

// Engine returns the service's engine.
func (s *Service) Engine() *Engine { return s.engine }

// lock returns the mutex of the user's stripe.
func (s *Service) lock(u UserID) *sync.Mutex {
	return &s.locks[maphash.Comparable(s.seed, u)%uint64(len(s.locks))]
}

// Handle processes one input. The returned Output's State is what was
// stored. On a storage error nothing was stored and no reply must be sent;
// the error says so.
func (s *Service) Handle(ctx context.Context, user UserID, in Input, now time.Time) (Output, error) {
	mu := s.lock(user)
	mu.Lock()
	defer mu.Unlock()

	st, err := s.repo.Load(ctx, user)
	recovered := false
	if errors.Is(err, ErrCorrupt) {
		// An unreadable state must not lock the user out for good: set it
		// aside (kept for an operator) and start afresh, saying so.
		if q, ok := s.repo.(Quarantiner); ok {
			if qerr := q.Quarantine(ctx, user, now); qerr == nil {
				st, err, recovered = State{User: user}, nil, true
			}
		}
	}
	if err != nil {
		return Output{}, fmt.Errorf("coach: load user %d: %w", user, err)
	}
	st.User = user
	if in.Seq != 0 && in.Seq <= st.LastInput && st.Phase != PhaseNew &&
		now.Sub(st.LastInputAt) < redeliveryWindow && !now.Before(st.LastInputAt.Add(-redeliveryWindow)) {
		// Delivered again (the front end crashed before confirming it):
		// its step and replies were stored with the event the first time,
		// and the replies sit in the outbox until sent. Stepping again
		// would, for a typed "done", move the routine on twice.
		return Output{State: st}, nil
	}
	var hist []Record
	if s.engine.NeedsHistory(st, in) {
		hist, err = s.repo.Records(ctx, user, time.Time{})
		if err != nil {
			return Output{}, fmt.Errorf("coach: history of user %d: %w", user, err)
		}
	}
	out := s.engine.Step(st, in, now, hist)
	if recovered {
		notice := Reply{Text: s.engine.c.Messages.T(st.Profile.Lang, "err.recovered")}
		out.Replies = append([]Reply{notice}, out.Replies...)
	}
	if in.Seq != 0 {
		out.State.LastInput, out.State.LastInputAt = in.Seq, now
	}
	if out.Erase {
		if err := s.repo.Delete(ctx, user); err != nil {
			return Output{}, fmt.Errorf("coach: delete user %d: %w", user, err)
		}
		return out, nil
	}
	if out.State.Phase == PhaseNew && len(out.Records) == 0 && st.Phase == PhaseNew {
		// Nothing to remember about someone who never started (a sticker
		// from a stranger): store nothing.
		return out, nil
	}
	if ref := s.outbox.Load(); ref != nil {
		if err := s.saveQueued(ctx, ref.o, &out, in); err != nil {
			return Output{}, fmt.Errorf("coach: save user %d: %w", user, err)
		}
		return out, nil
	}
	if err := s.repo.Save(ctx, out.State, out.Records); err != nil {
		return Output{}, fmt.Errorf("coach: save user %d: %w", user, err)
	}
	return out, nil
}

// saveQueued stores the step with its immediate replies queued, and marks
// them with their outbox ids. Delayed replies (hold timers) are not
// queued: they are conveniences that lapse with the turn anyway.
func (s *Service) saveQueued(ctx context.Context, o Outbox, out *Output, in Input) error {
	var now []Reply
	var at []int
	for i, r := range out.Replies {
		if r.After <= 0 {
			now = append(now, r)
			at = append(at, i)
		}
	}
	bulk := in.Kind == InputReminder || in.Kind == InputWake
	ids, err := o.SaveQueued(ctx, out.State, out.Records, now, bulk)
	if err != nil {
		return err
	}
	if len(ids) != len(now) {
		return fmt.Errorf("outbox returned %d ids for %d replies", len(ids), len(now))
	}
	for k, i := range at {
		out.Replies[i].OutboxID = ids[k]
	}
	return nil
}

// State returns the stored state of a user, e.g. to check a delayed reply's
// Turn before delivering it.
func (s *Service) State(ctx context.Context, user UserID) (State, error) {
	mu := s.lock(user)
	mu.Lock()
	defer mu.Unlock()
	return s.repo.Load(ctx, user)
}

// SetBlocked records that the user blocked the bot (Telegram answered 403),
// so nothing more is sent to them, or that they are reachable again. It
// stores nothing for unknown users.
func (s *Service) SetBlocked(ctx context.Context, user UserID, blocked bool, now time.Time) error {
	mu := s.lock(user)
	mu.Lock()
	defer mu.Unlock()
	st, err := s.repo.Load(ctx, user)
	if err != nil {
		return fmt.Errorf("coach: load user %d: %w", user, err)
	}
	if st.Phase == PhaseNew || st.Profile.Blocked == blocked {
		return nil
	}
	st.User = user
	st.Profile.Blocked = blocked
	st.Updated = now
	if err := s.repo.Save(ctx, st, nil); err != nil {
		return fmt.Errorf("coach: save user %d: %w", user, err)
	}
	return nil
}
