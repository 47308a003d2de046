package store

import (
	"errors"
	"fmt"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"

	bolt "go.etcd.io/bbolt"
)

// openBolt opens a bare bbolt file (fsync on) with one bucket.
func openBolt(t *testing.T) *bolt.DB {
	t.Helper()
	b, err := bolt.Open(filepath.Join(t.TempDir(), "commit.db"), 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { b.Close() })
	if err := b.Update(func(tx *bolt.Tx) error {
		_, err := tx.CreateBucket([]byte("b"))
		return err
	}); err != nil {
		t.Fatal(err)
	}
	return b
}

func put(k string) func(*bolt.Tx) error {
	return func(tx *bolt.Tx) error { return tx.Bucket([]byte("b")).Put([]byte(k), []byte(k)) }
}

// stored returns the keys in the bucket.
func stored(t *testing.T, b *bolt.DB) map[string]bool {
	t.Helper()
	got := map[string]bool{}
	if err := b.View(func(tx *bolt.Tx) error {
		return tx.Bucket([]byte("b")).ForEach(func(k, _ []byte) error {
			got[string(k)] = true
			return nil
		})
	}); err != nil {
		t.Fatal(err)
	}
	return got
}

func TestCommitterGroupsConcurrentWrites(t *testing.T) {
	b := openBolt(t)
	var c committer
	const writers = 200
	var wg sync.WaitGroup
	errs := make(chan error, writers)
	for i := range writers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			errs <- c.do(b, put(fmt.Sprint("k", i)))
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	if got := stored(t, b); len(got) != writers {
		t.Fatalf("%d keys stored, want %d", len(got), writers)
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.running || len(c.pending) != 0 {
		t.Fatalf("committer not idle after the writes: running %v, %d pending", c.running, len(c.pending))
	}
}

// TestCommitterGroups checks grouping directly: writes queued while a
// commit is blocked all go into the next single commit.
func TestCommitterGroups(t *testing.T) {
	b := openBolt(t)
	var c committer
	release := make(chan struct{})
	started := make(chan struct{})
	firstDone := make(chan error, 1)
	go func() {
		firstDone <- c.do(b, func(tx *bolt.Tx) error {
			close(started)
			<-release
			return put("first")(tx)
		})
	}()
	<-started
	const queued = 50
	var txIDs sync.Map
	var wg sync.WaitGroup
	for i := range queued {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if err := c.do(b, func(tx *bolt.Tx) error {
				txIDs.Store(tx.ID(), true)
				return put(fmt.Sprint("q", i))(tx)
			}); err != nil {
				t.Error(err)
			}
		}()
	}
	// Wait until every write is queued behind the blocked commit.
	for {
		c.mu.Lock()
		n := len(c.pending)
		c.mu.Unlock()
		if n == queued {
			break
		}
		runtime.Gosched()
	}
	close(release)
	if err := <-firstDone; err != nil {
		t.Fatal(err)
	}
	wg.Wait()
	n := 0
	txIDs.Range(func(any, any) bool { n++; return true })
	if n != 1 {
		t.Fatalf("%d queued writes went into %d transactions, want 1", queued, n)
	}
	if got := stored(t, b); len(got) != queued+1 {
		t.Fatalf("%d keys stored, want %d", len(got), queued+1)
	}
}

func TestCommitterFailureIsolated(t *testing.T) {
	errBad := errors.New("bad write")
	tests := []struct {
		name    string
		bad     func(*bolt.Tx) error
		wantErr string
	}{
		{"error", func(tx *bolt.Tx) error {
			if err := put("bad")(tx); err != nil {
				return err
			}
			return errBad
		}, "bad write"},
		{"panic", func(tx *bolt.Tx) error {
			_ = put("bad")(tx)
			var m map[string]int
			m["x"] = 1 // assignment to a nil map
			return nil
		}, "write panicked"},
		{"panic with a value", func(tx *bolt.Tx) error {
			panic("secret user text")
		}, "write panicked: string"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			b := openBolt(t)
			var c committer
			release := make(chan struct{})
			started := make(chan struct{})
			go func() {
				_ = c.do(b, func(tx *bolt.Tx) error {
					close(started)
					<-release
					return nil
				})
			}()
			<-started
			results := make(chan error, 3)
			for _, fn := range []func(*bolt.Tx) error{put("a"), tc.bad, put("c")} {
				go func() { results <- c.do(b, fn) }()
			}
			for {
				c.mu.Lock()
				n := len(c.pending)
				c.mu.Unlock()
				if n == 3 {
					break
				}
				runtime.Gosched()
			}
			close(release)
			var failed []error
			for range 3 {
				if err := <-results; err != nil {
					failed = append(failed, err)
				}
			}
			if len(failed) != 1 || !strings.Contains(failed[0].Error(), tc.wantErr) {
				t.Fatalf("errors %v, want one containing %q", failed, tc.wantErr)
			}
			if strings.Contains(failed[0].Error(), "secret") {
				t.Fatalf("the panic value leaked into the error: %v", failed[0])
			}
			got := stored(t, b)
			if !got["a"] || !got["c"] || got["bad"] || len(got) != 2 {
				t.Fatalf("stored %v, want a and c only", got)
			}
		})
	}
}

func TestCommitterLoneWriteAndRestart(t *testing.T) {
	b := openBolt(t)
	var c committer
	for i := range 3 { // the loop ends when idle and starts again
		if err := c.do(b, put(fmt.Sprint("k", i))); err != nil {
			t.Fatal(err)
		}
	}
	if got := stored(t, b); len(got) != 3 {
		t.Fatalf("stored %v", got)
	}
}
