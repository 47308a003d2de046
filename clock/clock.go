// Package clock abstracts time for the parts of stretchbot that wait: the
// outbox, the reminder scheduler, hold timers. Production code uses Real;
// tests use Fake and move time forward by hand, so no test sleeps.
package clock

import (
	"sort"
	"sync"
	"time"
)

// Clock tells the time and runs functions later.
type Clock interface {
	Now() time.Time
	// AfterFunc calls f in its own goroutine once d has passed.
	AfterFunc(d time.Duration, f func()) Timer
	// After returns a channel that receives the time once d has passed.
	After(d time.Duration) <-chan time.Time
}

// Timer is a pending AfterFunc.
type Timer interface {
	// Stop prevents the call if it has not happened yet, and reports
	// whether it did so.
	Stop() bool
}

// Real is the system clock.
type Real struct{}

func (Real) Now() time.Time                            { return time.Now() }
func (Real) AfterFunc(d time.Duration, f func()) Timer { return time.AfterFunc(d, f) }
func (Real) After(d time.Duration) <-chan time.Time    { return time.After(d) }

// Shifted is the system clock moved to another moment: it reads start
// when it is made and runs at real speed from there, and its timers are
// real timers. End-to-end tests use it to run a real bot at a chosen
// time of day, so that what the bot offers does not depend on when the
// test happens to run.
func Shifted(start time.Time) Clock { return shifted{d: time.Until(start)} }

type shifted struct{ d time.Duration }

func (s shifted) Now() time.Time                          { return time.Now().Add(s.d) }
func (shifted) AfterFunc(d time.Duration, f func()) Timer { return time.AfterFunc(d, f) }
func (shifted) After(d time.Duration) <-chan time.Time    { return time.After(d) }

// Fake is a clock that moves only when told to. It is safe for concurrent use.
type Fake struct {
	mu      sync.Mutex
	now     time.Time
	waiters []*waiter
	seq     int
	changed chan struct{} // closed and replaced whenever a waiter is added
}

type waiter struct {
	at   time.Time
	seq  int
	f    func()
	ch   chan time.Time
	done bool
	fake *Fake
}

// NewFake returns a fake clock set to t.
func NewFake(t time.Time) *Fake { return &Fake{now: t, changed: make(chan struct{})} }

// Now returns the fake time.
func (c *Fake) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

// AfterFunc schedules f for when the fake time reaches Now()+d.
func (c *Fake) AfterFunc(d time.Duration, f func()) Timer {
	return c.add(d, f, nil)
}

// After returns a channel that receives once the fake time reaches Now()+d.
func (c *Fake) After(d time.Duration) <-chan time.Time {
	ch := make(chan time.Time, 1)
	c.add(d, nil, ch)
	return ch
}

func (c *Fake) add(d time.Duration, f func(), ch chan time.Time) *waiter {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.seq++
	w := &waiter{at: c.now.Add(d), seq: c.seq, f: f, ch: ch, fake: c}
	c.waiters = append(c.waiters, w)
	close(c.changed)
	c.changed = make(chan struct{})
	if d <= 0 {
		c.fireLocked(c.now)
	}
	return w
}

// Stop cancels the waiter.
func (w *waiter) Stop() bool {
	c := w.fake
	c.mu.Lock()
	defer c.mu.Unlock()
	if w.done {
		return false
	}
	w.done = true
	for i, x := range c.waiters {
		if x == w {
			c.waiters = append(c.waiters[:i], c.waiters[i+1:]...)
			break
		}
	}
	return true
}

// Advance moves the fake time forward by d and fires everything due, in
// order of due time.
func (c *Fake) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
	c.fireLocked(c.now)
}

// Set moves the fake time to t (never backwards) and fires everything due.
func (c *Fake) Set(t time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if t.After(c.now) {
		c.now = t
	}
	c.fireLocked(c.now)
}

func (c *Fake) fireLocked(now time.Time) {
	sort.SliceStable(c.waiters, func(i, j int) bool {
		if !c.waiters[i].at.Equal(c.waiters[j].at) {
			return c.waiters[i].at.Before(c.waiters[j].at)
		}
		return c.waiters[i].seq < c.waiters[j].seq
	})
	n := 0
	for _, w := range c.waiters {
		if w.at.After(now) {
			break
		}
		n++
		w.done = true
		if w.f != nil {
			go w.f()
		}
		if w.ch != nil {
			w.ch <- now
		}
	}
	c.waiters = append(c.waiters[:0], c.waiters[n:]...)
}

// Pending returns how many waiters have not fired yet.
func (c *Fake) Pending() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.waiters)
}

// WaitForWaiters blocks until at least n waiters are pending or the real
// timeout passes, and reports whether they are. Tests use it to know a
// goroutine has started waiting before they Advance.
func (c *Fake) WaitForWaiters(n int, timeout time.Duration) bool {
	deadline := time.Now().Add(timeout)
	for {
		c.mu.Lock()
		ok := len(c.waiters) >= n
		ch := c.changed
		c.mu.Unlock()
		if ok {
			return true
		}
		left := time.Until(deadline)
		if left <= 0 {
			return false
		}
		select {
		case <-ch:
		case <-time.After(left):
		}
	}
}
