package coach

import (
	"context"
	"errors"
	"fmt"
	"hash/maphash"
	"sync"
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
	locks  [256]sync.Mutex
}

// NewService returns a Service.
func NewService(e *Engine, repo Repository) *Service {
	return &Service{engine: e, repo: repo, seed: maphash.MakeSeed()}
}

// Engine returns the service's engine.
func (s *Service) Engine() *Engine { return s.engine }

func (s *Service) lock(u UserID) *sync.Mutex {
	var h maphash.Hash
	h.SetSeed(s.seed)
	var b [8]byte
	for i := range b {
		b[i] = byte(uint64(u) >> (8 * i))
	}
	h.Write(b[:])
	return &s.locks[h.Sum64()%uint64(len(s.locks))]
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
	if err := s.repo.Save(ctx, out.State, out.Records); err != nil {
		return Output{}, fmt.Errorf("coach: save user %d: %w", user, err)
	}
	return out, nil
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
