package store

import (
	"fmt"
	"runtime"
	"sync"

	bolt "go.etcd.io/bbolt"
)

// committer is a group commit: every write that arrives while a commit is
// in progress goes into the next one, so under load each fsync carries as
// many writes as arrived meanwhile, and a lone write is committed at once,
// with no timer to wait out.
//
// It replaces bbolt's DB.Batch, which, profiled under the load tool
// (BENCHMARKS.md), queued up small commits: Batch starts a new batch on a
// MaxBatchDelay timer as soon as the previous one is triggered, whether or
// not the previous one has got the write lock, so while one commit fsyncs
// several small batches form and then commit one after the other, each
// with its own fsyncs (about 9 writes a commit at 262 commits/s, 28 ms
// mean wait per write). Here one goroutine commits at a time and takes
// everything pending when it starts.
//
// As with Batch, a write function may run more than once: when one fails,
// the transaction is rolled back, the failing one gets its error and the
// others run again in a new transaction. A panicking function fails with
// an error instead of killing the process.
type committer struct {
	mu      sync.Mutex
	pending []*commitCall
	running bool
}

// commitCall is one write waiting for its commit.
type commitCall struct {
	fn   func(*bolt.Tx) error
	done chan error
}

// do commits fn in the next group commit on b and returns its outcome. b
// must stay open until do returns (the caller holds DB.gate).
func (c *committer) do(b *bolt.DB, fn func(*bolt.Tx) error) error {
	call := &commitCall{fn: fn, done: make(chan error, 1)}
	c.mu.Lock()
	c.pending = append(c.pending, call)
	if !c.running {
		c.running = true
		go c.loop(b)
	}
	c.mu.Unlock()
	return <-call.done
}

// loop commits what is pending until nothing is. Every call it commits
// was queued by a caller still waiting in do, holding DB.gate, so b cannot
// be swapped or closed under it.
func (c *committer) loop(b *bolt.DB) {
	for {
		c.mu.Lock()
		calls := c.pending
		c.pending = nil
		if len(calls) == 0 {
			c.running = false
			c.mu.Unlock()
			return
		}
		c.mu.Unlock()
		commitGroup(b, calls)
	}
}

// commitGroup runs calls in one transaction. When one fails, it gets the
// error and the rest are tried again without it.
func commitGroup(b *bolt.DB, calls []*commitCall) {
	for len(calls) > 0 {
		failed := -1
		err := b.Update(func(tx *bolt.Tx) error {
			for i, call := range calls {
				if err := safeCall(call.fn, tx); err != nil {
					failed = i
					return err
				}
			}
			return nil
		})
		if failed < 0 {
			// Committed, or the commit itself failed: the same for all.
			for _, call := range calls {
				call.done <- err
			}
			return
		}
		calls[failed].done <- err
		calls = append(calls[:failed:failed], calls[failed+1:]...)
	}
}

// safeCall runs fn, turning a panic into an error. The error names a
// runtime error, or only the type of any other panic value, which may
// hold user data.
func safeCall(fn func(*bolt.Tx) error, tx *bolt.Tx) (err error) {
	defer func() {
		if r := recover(); r != nil {
			if re, ok := r.(runtime.Error); ok {
				err = fmt.Errorf("write panicked: %s", re.Error())
			} else {
				err = fmt.Errorf("write panicked: %T", r)
			}
		}
	}()
	return fn(tx)
}
