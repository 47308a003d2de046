package coach

import (
	"context"
	"encoding/json"
	"sort"
	"sync"
	"testing"
	"time"
)

// memRepo is an in-memory Repository with the Outbox capability. It
// counts saves, so tests can see that a redelivery writes nothing.
type memRepo struct {
	mu     sync.Mutex
	states map[UserID][]byte // JSON, so no pointer is shared with callers
	recs   map[UserID][]Record
	queue  []Queued
	seq    uint64
	saves  int
}

func newMemRepo() *memRepo {
	return &memRepo{states: map[UserID][]byte{}, recs: map[UserID][]Record{}}
}

func (m *memRepo) Load(ctx context.Context, u UserID) (State, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	raw, ok := m.states[u]
	if !ok {
		return State{User: u}, nil
	}
	var st State
	err := json.Unmarshal(raw, &st)
	return st, err
}

func (m *memRepo) Save(ctx context.Context, st State, recs []Record) error {
	_, err := m.SaveQueued(ctx, st, recs, nil, false)
	return err
}

func (m *memRepo) SaveQueued(ctx context.Context, st State, recs []Record, replies []Reply, bulk bool) ([]uint64, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	raw, err := json.Marshal(st)
	if err != nil {
		return nil, err
	}
	m.saves++
	m.states[st.User] = raw
	m.recs[st.User] = append(m.recs[st.User], recs...)
	ids := make([]uint64, len(replies))
	for i, r := range replies {
		m.seq++
		ids[i] = m.seq
		r.OutboxID = m.seq
		m.queue = append(m.queue, Queued{ID: m.seq, User: st.User, Bulk: bulk, Reply: r})
	}
	return ids, nil
}

func (m *memRepo) Queued(ctx context.Context) ([]Queued, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	out := append([]Queued(nil), m.queue...)
	sort.SliceStable(out, func(i, j int) bool { return out[i].User < out[j].User })
	return out, nil
}

func (m *memRepo) Ack(ctx context.Context, u UserID, id uint64) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	for i, q := range m.queue {
		if q.ID == id && q.User == u {
			m.queue = append(m.queue[:i], m.queue[i+1:]...)
			break
		}
	}
	return nil
}

func (m *memRepo) Records(ctx context.Context, u UserID, since time.Time) ([]Record, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	return append([]Record(nil), m.recs[u]...), nil
}

func (m *memRepo) Delete(ctx context.Context, u UserID) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	delete(m.states, u)
	delete(m.recs, u)
	return nil
}

// plainRepo hides memRepo's Outbox capability.
type plainRepo struct{ Repository }

// serviceAtStretch returns a service whose user 42 is at the first stretch
// of a morning routine.
func serviceAtStretch(t *testing.T, repo Repository) (*Service, time.Time) {
	t.Helper()
	c := newConv(t)
	c.onboard()
	c.cmd("stretch")
	if c.st.Phase == PhaseChoose {
		c.press("start:morning")
	}
	c.wantPhase(PhaseStretch)
	if err := repo.Save(context.Background(), c.st, nil); err != nil {
		t.Fatal(err)
	}
	return NewService(c.e, repo), c.now
}

// TestRedeliveredInputSteppedOnce: a typed "done" delivered twice (the
// front end crashed before confirming it) moves the routine on once, and
// the redelivery writes nothing.
func TestRedeliveredInputSteppedOnce(t *testing.T) {
	ctx := context.Background()
	cases := []struct {
		name     string
		seqs     []int64
		gap      time.Duration // between the deliveries
		advanced int
		// preset, when set, is a LastInput recorded that long before.
		preset int64
		ago    time.Duration
	}{
		{"same event twice", []int64{10, 10}, time.Second, 1, 0, 0},
		{"older event after a newer one", []int64{10, 11, 10}, time.Second, 2, 0, 0},
		{"two events", []int64{10, 11}, time.Second, 2, 0, 0},
		{"no ids: the front end has none", []int64{0, 0}, time.Second, 2, 0, 0},
		{"ids restarted after a long silence", []int64{7}, time.Second, 1, 500, 25 * time.Hour},
		{"recent higher id", []int64{7}, time.Second, 0, 500, time.Hour},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			repo := newMemRepo()
			svc, now := serviceAtStretch(t, repo)
			before, _ := repo.Load(ctx, 42)
			if tc.preset != 0 {
				before.LastInput, before.LastInputAt = tc.preset, now.Add(-tc.ago)
				repo.Save(ctx, before, nil)
			}
			saves := repo.saves
			for i, seq := range tc.seqs {
				out, err := svc.Handle(ctx, 42, Input{Kind: InputText, Text: "done", Seq: seq}, now.Add(time.Duration(i)*tc.gap))
				if err != nil {
					t.Fatal(err)
				}
				if out.State.User != 42 {
					t.Fatalf("output state without user: %+v", out.State)
				}
			}
			after, _ := repo.Load(ctx, 42)
			if got := after.Session.Index - before.Session.Index; got != tc.advanced {
				t.Fatalf("routine moved %d stretches, want %d", got, tc.advanced)
			}
			if repo.saves-saves != tc.advanced {
				t.Fatalf("%d saves, want %d", repo.saves-saves, tc.advanced)
			}
		})
	}
}

func TestServiceQueuesRepliesDurably(t *testing.T) {
	ctx := context.Background()
	repo := newMemRepo()
	svc, now := serviceAtStretch(t, repo)
	if !svc.EnableOutbox() {
		t.Fatal("EnableOutbox = false for a repository with an outbox")
	}
	out, err := svc.Handle(ctx, 42, Input{Kind: InputText, Text: "done"}, now)
	if err != nil {
		t.Fatal(err)
	}
	q, _ := svc.Queued(ctx)
	immediate := 0
	for _, r := range out.Replies {
		switch {
		case r.After > 0 && r.OutboxID != 0:
			t.Fatalf("a delayed reply was queued: %+v", r)
		case r.After == 0 && r.OutboxID == 0:
			t.Fatalf("an immediate reply was not queued: %+v", r)
		case r.After == 0:
			if q[immediate].ID != r.OutboxID || q[immediate].Reply.Text != r.Text || q[immediate].Bulk {
				t.Fatalf("queue entry %d = %+v, reply %+v", immediate, q[immediate], r)
			}
			immediate++
		}
	}
	if immediate == 0 || len(q) != immediate {
		t.Fatalf("%d immediate replies, %d queued", immediate, len(q))
	}
	for _, r := range out.Replies {
		if err := svc.Ack(ctx, 42, r.OutboxID); err != nil {
			t.Fatal(err)
		}
	}
	if q, _ = svc.Queued(ctx); len(q) != 0 {
		t.Fatalf("left after acks: %+v", q)
	}

	// Scheduler inputs are queued as bulk.
	st, _ := repo.Load(ctx, 42)
	st.Session, st.Phase = nil, PhaseIdle
	st.Reminder = Reminder{}
	repo.Save(ctx, st, nil)
	at := time.Date(2026, 11, 26, 7, 30, 0, 0, time.UTC)
	if _, err := svc.Handle(ctx, 42, Input{Kind: InputReminder, Slot: Morning, At: at}, at); err != nil {
		t.Fatal(err)
	}
	q, _ = svc.Queued(ctx)
	if len(q) == 0 {
		t.Fatal("the reminder ping was not queued")
	}
	for _, x := range q {
		if !x.Bulk {
			t.Fatalf("reminder reply not bulk: %+v", x)
		}
	}

	// Without the capability nothing changes.
	plain := NewService(svc.Engine(), plainRepo{newMemRepo()})
	if plain.EnableOutbox() {
		t.Fatal("EnableOutbox = true without an outbox")
	}
	if q, err := plain.Queued(ctx); q != nil || err != nil {
		t.Fatalf("Queued without an outbox = %v, %v", q, err)
	}
}
