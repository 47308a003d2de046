package clock

import (
	"sync/atomic"
	"testing"
	"time"
)

func TestFakeFiresInOrderAndStops(t *testing.T) {
	c := NewFake(time.Date(2026, 3, 1, 8, 0, 0, 0, time.UTC))
	var got []int
	done := make(chan int, 3)
	c.AfterFunc(2*time.Second, func() { done <- 2 })
	c.AfterFunc(1*time.Second, func() { done <- 1 })
	stopped := c.AfterFunc(3*time.Second, func() { done <- 3 })
	ch := c.After(90 * time.Second)
	if !stopped.Stop() {
		t.Fatal("Stop of a pending timer returned false")
	}
	if stopped.Stop() {
		t.Fatal("second Stop returned true")
	}
	c.Advance(time.Second)
	got = append(got, <-done)
	c.Advance(time.Second)
	got = append(got, <-done)
	c.Advance(time.Minute)
	select {
	case v := <-done:
		t.Fatalf("stopped timer fired: %d", v)
	default:
	}
	if got[0] != 1 || got[1] != 2 {
		t.Fatalf("order = %v", got)
	}
	select {
	case <-ch:
		t.Fatal("After fired early")
	default:
	}
	c.Advance(30 * time.Second)
	if ts := <-ch; !ts.Equal(c.Now()) {
		t.Fatalf("After sent %v, want %v", ts, c.Now())
	}
	if c.Pending() != 0 {
		t.Fatalf("pending = %d", c.Pending())
	}
}

func TestFakeWaitForWaiters(t *testing.T) {
	c := NewFake(time.Unix(0, 0))
	var fired atomic.Bool
	go func() { <-c.After(time.Minute); fired.Store(true) }()
	if !c.WaitForWaiters(1, 5*time.Second) {
		t.Fatal("waiter never registered")
	}
	if c.WaitForWaiters(2, 10*time.Millisecond) {
		t.Fatal("reported a waiter that does not exist")
	}
	c.Set(c.Now().Add(time.Minute))
	for i := 0; i < 1000 && !fired.Load(); i++ {
		time.Sleep(time.Millisecond)
	}
	if !fired.Load() {
		t.Fatal("After did not fire on Set")
	}
}

func TestShiftedReadsStartAndRuns(t *testing.T) {
	start := time.Date(2031, 7, 1, 8, 0, 0, 0, time.UTC)
	c := Shifted(start)
	a := c.Now()
	if d := a.Sub(start); d < 0 || d > time.Second {
		t.Fatalf("Now = %v right after Shifted(%v)", a, start)
	}
	<-c.After(5 * time.Millisecond)
	if b := c.Now(); !b.After(a) {
		t.Fatalf("the shifted clock did not run: %v then %v", a, b)
	}
	fired := make(chan struct{})
	c.AfterFunc(time.Millisecond, func() { close(fired) })
	<-fired
}
