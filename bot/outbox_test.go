package bot

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"
	"github.com/stretchbot/stretchbot/bot/telegramtest"
	"github.com/stretchbot/stretchbot/clock"
	"github.com/stretchbot/stretchbot/coach"
)

// outboxRig is an outbox sending through the real client to a fake server
// that checks the same limits on the same clock.
type outboxRig struct {
	srv     *telegramtest.Server
	out     *outbox
	logs    *logBuffer
	mu      sync.Mutex
	blocked []coach.UserID
}

func newOutboxRig(t *testing.T, clk clock.Clock, lim Limits, retry Retry, senders int) *outboxRig {
	t.Helper()
	srv := telegramtest.New(t, telegramtest.Config{Clock: clk, Limits: telegramtest.Limits(lim)})
	api, err := tgbotapi.NewBotAPIWithAPIEndpoint(srv.Token(), srv.Endpoint())
	if err != nil {
		t.Fatal(err)
	}
	log, lb := newLogger()
	r := &outboxRig{srv: srv, logs: lb}
	r.out = newOutbox(api, clk, log, newRedactor(srv.Token()), lim, retry, senders, func(u coach.UserID) {
		r.mu.Lock()
		r.blocked = append(r.blocked, u)
		r.mu.Unlock()
	})
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), time.Second)
		defer cancel()
		r.out.close(ctx, nil)
	})
	return r
}

func (r *outboxRig) msg(chat int64, text string, p priority) *job {
	return renderer{}.message(coach.UserID(chat), chat, text, nil, p)
}

func (r *outboxRig) waitCalls(t *testing.T, n int) {
	t.Helper()
	if !r.srv.WaitFor(wait, func(v telegramtest.View) bool { return v.Calls("sendMessage") >= n }) {
		t.Fatalf("sendMessage calls: %d, want %d", r.srv.Calls("sendMessage"), n)
	}
}

// settle waits until no send is in flight: the outbox has recorded the last
// send's end in its limiters, so moving the fake clock now cannot race it.
// (The fake server counts a call when the request arrives, before the
// outbox has seen the answer.)
func (r *outboxRig) settle(t *testing.T) {
	t.Helper()
	deadline := time.Now().Add(wait)
	for {
		r.out.mu.Lock()
		n := r.out.inflight
		r.out.mu.Unlock()
		if n == 0 {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("%d sends still in flight", n)
		}
		time.Sleep(time.Millisecond)
	}
}

func TestOutboxOrderAndPriority(t *testing.T) {
	clk := clock.NewFake(time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC))
	// One send per second in total: the order of sends is the outbox's
	// choice, step by step.
	lim := Limits{Global: 1, GlobalWindow: time.Second, PerChat: 3, PerChatWindow: time.Second}
	r := newOutboxRig(t, clk, lim, Retry{Attempts: 3, Base: time.Second, Max: time.Second}, 4)
	for chat := int64(1); chat <= 3; chat++ {
		for i := 0; i < 2; i++ {
			r.out.enqueue(r.msg(chat, fmt.Sprintf("bulk %d.%d", chat, i), prioBulk))
		}
	}
	r.waitCalls(t, 1) // bulk 1.0 goes at once
	r.settle(t)
	r.out.enqueue(r.msg(9, "reply 9.0", prioInteractive), r.msg(9, "reply 9.1", prioInteractive))
	for n := 2; n <= 8; n++ {
		if !clk.WaitForWaiters(1, wait) {
			t.Fatal("outbox not waiting")
		}
		clk.Advance(time.Second)
		r.waitCalls(t, n)
		r.settle(t)
	}
	if !r.srv.WaitFor(wait, func(v telegramtest.View) bool { return len(v.All()) >= 8 }) {
		t.Fatalf("%d sent, want 8", len(r.srv.AllSent()))
	}
	var order []string
	for _, s := range r.srv.AllSent() {
		order = append(order, s.Text)
	}
	want := "bulk 1.0,reply 9.0,reply 9.1,bulk 2.0,bulk 3.0,bulk 1.1,bulk 2.1,bulk 3.1"
	if strings.Join(order, ",") != want {
		t.Fatalf("order %v\nwant  %s", order, want)
	}
	if r.srv.Violations() != 0 {
		t.Fatal(r.srv.ViolationDetails())
	}
}

func TestOutbox429WaitsRetryAfter(t *testing.T) {
	clk := clock.NewFake(time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC))
	r := newOutboxRig(t, clk, DefaultLimits(), Retry{Attempts: 3, Base: time.Second, Max: time.Second}, 4)
	r.srv.Inject(telegramtest.Fault{ChatID: 1, Code: 429, RetryAfter: 5})
	r.out.enqueue(r.msg(1, "a", prioInteractive), r.msg(1, "b", prioInteractive), r.msg(1, "c", prioInteractive))
	r.out.enqueue(r.msg(2, "other chat", prioInteractive))
	if _, err := r.srv.WaitSent(2, 1, wait); err != nil {
		t.Fatal("a 429 in one chat held up another:", err)
	}
	if !clk.WaitForWaiters(1, wait) {
		t.Fatal("no retry scheduled")
	}
	clk.Advance(4 * time.Second)
	if n := len(r.srv.Sent(1)); n != 0 {
		t.Fatalf("%d sent before retry_after", n)
	}
	clk.Advance(time.Second)
	sent, err := r.srv.WaitSent(1, 3, wait)
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join([]string{sent[0].Text, sent[1].Text, sent[2].Text}, ""); got != "abc" {
		t.Fatalf("order after the retry: %q", got)
	}
	if r.srv.Violations() != 0 {
		t.Fatal(r.srv.ViolationDetails())
	}
}

func TestOutbox5xxBacksOffThenGivesUpLoudly(t *testing.T) {
	clk := clock.NewFake(time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC))
	r := newOutboxRig(t, clk, DefaultLimits(), Retry{Attempts: 3, Base: time.Second, Max: 4 * time.Second}, 4)
	r.srv.Inject(telegramtest.Fault{ChatID: 1, Code: 502, Times: 2})
	r.out.enqueue(r.msg(1, "first", prioInteractive), r.msg(1, "second", prioInteractive))
	for calls := 2; calls <= 3; calls++ {
		if !clk.WaitForWaiters(1, wait) {
			t.Fatal("no backoff scheduled")
		}
		clk.Advance(8 * time.Second) // beyond the largest jittered backoff
		r.waitCalls(t, calls)
	}
	sent, err := r.srv.WaitSent(1, 2, wait)
	if err != nil || sent[0].Text != "first" || sent[1].Text != "second" {
		t.Fatalf("sent %v, %v", texts(sent), err)
	}

	// Three failures in a row: given up, logged with the user id, and
	// the next message still goes.
	r.srv.Inject(telegramtest.Fault{ChatID: 3, Code: 500, Times: 3})
	r.out.enqueue(r.msg(3, "doomed", prioInteractive), r.msg(3, "after", prioInteractive))
	for i := 0; i < 2; i++ {
		if !clk.WaitForWaiters(1, wait) {
			t.Fatal("no backoff scheduled")
		}
		clk.Advance(8 * time.Second)
	}
	sent, err = r.srv.WaitSent(3, 1, wait)
	if err != nil || sent[0].Text != "after" {
		t.Fatalf("sent %v, %v", texts(sent), err)
	}
	if logs := r.logs.String(); !strings.Contains(logs, `msg="send failed for good" user=3`) || strings.Contains(logs, "doomed") {
		t.Fatalf("give-up not logged right:\n%s", logs)
	}
}

func TestOutbox403MarksBlockedAndDropsTheQueue(t *testing.T) {
	r := newOutboxRig(t, clock.Real{}, DefaultLimits(), Retry{Attempts: 3, Base: time.Millisecond, Max: time.Millisecond}, 1)
	r.srv.Block(4)
	r.out.enqueue(r.msg(4, "one", prioInteractive), r.msg(4, "two", prioInteractive), r.msg(4, "three", prioInteractive))
	ctx, cancel := context.WithTimeout(context.Background(), wait)
	defer cancel()
	if !r.out.flush(ctx) {
		t.Fatal("not flushed")
	}
	r.mu.Lock()
	blocked := append([]coach.UserID(nil), r.blocked...)
	r.mu.Unlock()
	if len(blocked) != 1 || blocked[0] != 4 {
		t.Fatalf("blocked = %v", blocked)
	}
	if n := r.srv.Calls("sendMessage"); n != 1 {
		t.Fatalf("%d sends to a blocked chat, want 1", n)
	}
	// The user comes back: sending works again.
	r.srv.Unblock(4)
	r.out.enqueue(r.msg(4, "welcome back", prioInteractive))
	if _, err := r.srv.WaitSent(4, 1, wait); err != nil {
		t.Fatal(err)
	}
}

func TestOutboxNeverExceedsLimits(t *testing.T) {
	lim := Limits{Global: 10, GlobalWindow: 200 * time.Millisecond, PerChat: 2, PerChatWindow: 100 * time.Millisecond}
	r := newOutboxRig(t, clock.Real{}, lim, Retry{Attempts: 5, Base: time.Millisecond, Max: 5 * time.Millisecond}, 8)
	r.srv.Inject(telegramtest.Fault{Code: 500, Times: 5})
	const chats, per = 12, 8
	for i := 0; i < per; i++ {
		for c := int64(1); c <= chats; c++ {
			p := prioBulk
			if c%3 == 0 {
				p = prioInteractive
			}
			r.out.enqueue(r.msg(c, fmt.Sprint(i), p))
		}
	}
	for c := int64(1); c <= chats; c++ {
		sent, err := r.srv.WaitSent(c, per, wait)
		if err != nil {
			t.Fatal(err)
		}
		for i, s := range sent {
			if s.Text != fmt.Sprint(i) {
				t.Fatalf("chat %d out of order: %v", c, texts(sent))
			}
		}
	}
	if v := r.srv.Violations(); v != 0 {
		t.Fatalf("%d violations: %v", v, r.srv.ViolationDetails())
	}
}

func TestLimiter(t *testing.T) {
	t0 := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	l := limiter{n: 2, win: time.Second}
	for i := 0; i < 2; i++ {
		if ok, _ := l.free(t0); !ok {
			t.Fatal("burst refused")
		}
		l.start()
	}
	if ok, at := l.free(t0); ok || !at.IsZero() {
		t.Fatal("a third send while two are in flight")
	}
	l.finish(t0.Add(100 * time.Millisecond))
	if ok, at := l.free(t0.Add(200 * time.Millisecond)); ok || !at.Equal(t0.Add(1100*time.Millisecond)) {
		t.Fatalf("free = %v %v", ok, at)
	}
	if ok, _ := l.free(t0.Add(1100 * time.Millisecond)); !ok {
		t.Fatal("window passed but still refused")
	}
}

// racingClock reads later by step at every call: a machine so loaded that
// each look at the clock comes a rate window after the one before.
type racingClock struct {
	mu   sync.Mutex
	t    time.Time
	step time.Duration
}

func (c *racingClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	now := c.t
	c.t = c.t.Add(c.step)
	return now
}
func (c *racingClock) AfterFunc(d time.Duration, f func()) clock.Timer {
	return time.AfterFunc(time.Hour, f)
}
func (c *racingClock) After(d time.Duration) <-chan time.Time { return make(chan time.Time) }

// okAPI accepts every request.
type okAPI struct{}

func (okAPI) Request(tgbotapi.Chattable) (*tgbotapi.APIResponse, error) {
	return &tgbotapi.APIResponse{Ok: true}, nil
}

// TestDispatchUnderLoadDoesNotSpin: a chat at its rate limit when dispatch
// reads the clock, whose window is over by the time the chat is put back,
// waits in the timed heap. It used to go back on the ready list, be taken
// again, be found not free again, and so on forever, holding the outbox's
// lock: the bot stopped sending and could not shut down (the end-to-end
// tests' rare "no buttons … Run did not return" under a loaded CI).
func TestDispatchUnderLoadDoesNotSpin(t *testing.T) {
	t0 := time.Date(2026, 12, 6, 8, 0, 0, 0, time.UTC)
	clk := &racingClock{t: t0.Add(10 * time.Millisecond), step: 100 * time.Millisecond}
	lim := Limits{Global: 100, GlobalWindow: time.Second, PerChat: 1, PerChatWindow: 60 * time.Millisecond}
	log, _ := newLogger()
	o := &outbox{
		api: okAPI{}, clk: clk, log: log, red: newRedactor("1:x"), lim: lim, senders: 4,
		chats:  map[int64]*chatQueue{},
		global: limiter{n: lim.Global, win: lim.GlobalWindow},
		wake:   make(chan struct{}, 1), stop: make(chan struct{}), loopDone: make(chan struct{}), idle: make(chan struct{}),
	}
	// The chat sent one message at t0: its window runs to t0+60ms.
	c := &chatQueue{id: 7, lim: limiter{n: 1, win: lim.PerChatWindow, done: []time.Time{t0}}}
	o.chats[7] = c
	// Queued and ready, as enqueue leaves it (without reading the clock).
	c.jobs = []*job{renderer{}.message(7, 7, "next", nil, prioInteractive)}
	c.urgent, o.queued = 1, 1
	o.ready[prioInteractive] = append(o.ready[prioInteractive], readyEntry{c: c, gen: c.gen})
	done := make(chan time.Time)
	go func() { done <- o.dispatch() }()
	select {
	case next := <-done:
		if !c.waiting || next.IsZero() {
			t.Fatalf("the chat should wait for its window in the timed heap (waiting %v, next %v)", c.waiting, next)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("dispatch spins: the chat goes back on the ready list forever")
	}
}
