package store

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/stretchbot/stretchbot/coach"
	bolt "go.etcd.io/bbolt"
)

func TestOutboxQueueAckOrder(t *testing.T) {
	ctx := context.Background()
	db := openTest(t, Options{})
	a, b := onboarded(7, "UTC", 450, 1170), onboarded(3, "UTC", 450, 1170)
	reply := func(s string) coach.Reply {
		return coach.Reply{Text: s, Buttons: [][]coach.Button{{{Label: "Done", Action: "done"}}}, Turn: 4}
	}
	ida, err := db.SaveQueued(ctx, a, []coach.Record{routine(t0, 2)}, []coach.Reply{reply("a1"), reply("a2")}, false)
	if err != nil {
		t.Fatal(err)
	}
	idb, err := db.SaveQueued(ctx, b, nil, []coach.Reply{{Text: "ping", File: &coach.File{Name: "x.json", MIME: "application/json", Data: []byte("{}")}}}, true)
	if err != nil {
		t.Fatal(err)
	}
	ida2, err := db.SaveQueued(ctx, a, nil, []coach.Reply{reply("a3")}, false)
	if err != nil {
		t.Fatal(err)
	}
	if len(ida) != 2 || len(idb) != 1 || len(ida2) != 1 || !(ida[0] < ida[1] && ida[1] < idb[0] && idb[0] < ida2[0]) {
		t.Fatalf("ids %v %v %v: want increasing", ida, idb, ida2)
	}
	// The state and the records went in the same transaction.
	if recs, _ := db.Records(ctx, 7, time.Time{}); len(recs) != 1 {
		t.Fatalf("records %v", recs)
	}
	if st, _ := db.Load(ctx, 3); st.Phase != coach.PhaseIdle {
		t.Fatalf("state not saved: %+v", st)
	}

	q, err := db.Queued(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, x := range q {
		got = append(got, strconv.FormatInt(int64(x.User), 10)+":"+x.Reply.Text+":"+strconv.FormatBool(x.Bulk))
		if x.Reply.OutboxID != x.ID {
			t.Errorf("OutboxID %d, ID %d", x.Reply.OutboxID, x.ID)
		}
	}
	want := "3:ping:true 7:a1:false 7:a2:false 7:a3:false"
	if s := joined(got); s != want {
		t.Fatalf("queued = %s, want %s", s, want)
	}
	if q[0].Reply.File == nil || string(q[0].Reply.File.Data) != "{}" || len(q[1].Reply.Buttons) != 1 || q[1].Reply.Turn != 4 {
		t.Fatalf("reply not kept whole: %+v %+v", q[0].Reply, q[1].Reply)
	}

	for _, id := range []uint64{ida[0], idb[0], 999999} {
		u := coach.UserID(7)
		if id == idb[0] {
			u = 3
		}
		if err := db.Ack(ctx, u, id); err != nil {
			t.Fatal(err)
		}
	}
	q, _ = db.Queued(ctx)
	if len(q) != 2 || q[0].Reply.Text != "a2" || q[1].Reply.Text != "a3" {
		t.Fatalf("after acks: %+v", q)
	}
	// Delete takes the user's queue with it.
	if err := db.Delete(ctx, 7); err != nil {
		t.Fatal(err)
	}
	if q, _ = db.Queued(ctx); len(q) != 0 {
		t.Fatalf("after delete: %+v", q)
	}
}

func joined(s []string) string {
	var b bytes.Buffer
	for i, x := range s {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(x)
	}
	return b.String()
}

func TestOutboxDropsUnreadable(t *testing.T) {
	ctx := context.Background()
	db := openTest(t, Options{})
	if _, err := db.SaveQueued(ctx, onboarded(5, "UTC", 1, 2), nil, []coach.Reply{{Text: "ok"}}, false); err != nil {
		t.Fatal(err)
	}
	putRaw(t, db, bucketOutbox, outboxKey(5, 1000), []byte("{not json"))
	putRaw(t, db, bucketOutbox, []byte("short"), []byte(`{}`))
	q, err := db.Queued(ctx)
	if err != nil || len(q) != 1 || q[0].Reply.Text != "ok" {
		t.Fatalf("Queued = %+v, %v", q, err)
	}
	n := 0
	walk(t, db, func(path string, k, v []byte) {
		if path == string(bucketOutbox) {
			n++
		}
	})
	if n != 1 {
		t.Fatalf("%d outbox entries left, want the readable one", n)
	}
}

// TestOutboxConcurrentIDs saves from many goroutines: ids are distinct and
// every reply is queued once, even though bbolt may rerun batches.
func TestOutboxConcurrentIDs(t *testing.T) {
	ctx := context.Background()
	db := openTest(t, Options{})
	var wg sync.WaitGroup
	var mu sync.Mutex
	seen := map[uint64]bool{}
	for g := 0; g < 16; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 10; i++ {
				ids, err := db.SaveQueued(ctx, onboarded(coach.UserID(100+g), "UTC", 1, 2), nil, []coach.Reply{{Text: "x"}, {Text: "y"}}, false)
				if err != nil {
					t.Error(err)
					return
				}
				mu.Lock()
				for _, id := range ids {
					if seen[id] {
						t.Errorf("id %d twice", id)
					}
					seen[id] = true
				}
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	q, err := db.Queued(ctx)
	if err != nil || len(q) != 320 || len(seen) != 320 {
		t.Fatalf("%d queued, %d ids, %v", len(q), len(seen), err)
	}
	for _, x := range q {
		if !seen[x.ID] {
			t.Fatalf("queued id %d was never returned", x.ID)
		}
	}
}

// fileHolds reports whether the raw database file contains any needle.
func fileHolds(t *testing.T, path string, needles ...[]byte) bool {
	t.Helper()
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	for _, n := range needles {
		if bytes.Contains(raw, n) {
			return true
		}
	}
	return false
}

// TestPurgeLeavesNoByte deletes a user and scans the raw FILE, free pages
// included: before the purge the user's bytes are still there (so the scan
// can fail), after it no trace is left while everyone else is intact.
func TestPurgeLeavesNoByte(t *testing.T) {
	ctx := context.Background()
	db := openTest(t, Options{PurgeDelay: -1})
	const gone coach.UserID = 918273645546372819
	secret := []byte("Zyzzyva-pain-diary-7731") // unique text in the user's data
	needles := [][]byte{userKey(gone), []byte(strconv.FormatInt(int64(gone), 10)), secret}

	for u := coach.UserID(1); u <= 300; u++ {
		mustSave(t, db, onboarded(u, "Europe/Madrid", 450, 1170), routine(t0, 3))
	}
	st := onboarded(gone, "America/Argentina/ComodRivadavia", 455, 1175)
	rec := routine(t0, 6)
	rec.Routine.Stopped = string(secret)
	mustSave(t, db, st, rec, redFlag(t0.Add(time.Minute), coach.LevelClinician))
	if _, err := db.SaveQueued(ctx, st, nil, []coach.Reply{{Text: string(secret)}}, false); err != nil {
		t.Fatal(err)
	}
	if err := db.Delete(ctx, gone); err != nil {
		t.Fatal(err)
	}
	if !fileHolds(t, db.Path(), needles...) {
		t.Fatal("the deleted bytes are not in the free pages: the scan cannot tell anything")
	}
	if p, _ := db.PurgePending(); !p {
		t.Fatal("Delete did not mark the file for purging")
	}

	// Others keep writing while the purge runs: nothing is lost.
	var wg sync.WaitGroup
	stop := make(chan struct{})
	writes := 0
	wg.Add(1)
	go func() {
		defer wg.Done()
		for i := 0; ; i++ {
			select {
			case <-stop:
				return
			default:
			}
			if err := db.Save(ctx, onboarded(coach.UserID(1+i%300), "Europe/Madrid", 450, 1170), []coach.Record{routine(t0.Add(time.Duration(i)*time.Second), 1)}); err != nil {
				t.Error(err)
				return
			}
			writes++
		}
	}()
	if err := db.Purge(); err != nil {
		t.Fatal(err)
	}
	close(stop)
	wg.Wait()

	if fileHolds(t, db.Path(), needles...) {
		t.Fatal("bytes of the deleted user survived the purge")
	}
	if p, _ := db.PurgePending(); p {
		t.Fatal("still marked after the purge")
	}
	ps := db.LastPurge()
	if ps.At.IsZero() || ps.SizeAfter <= 0 {
		t.Fatalf("LastPurge = %+v", ps)
	}
	t.Logf("purge paused access %v; file %d -> %d bytes; %d concurrent writes", ps.Paused, ps.SizeBefore, ps.SizeAfter, writes)
	recs, err := db.Records(ctx, 1, time.Time{})
	if err != nil || len(recs) < 1 {
		t.Fatalf("records of a kept user: %d, %v", len(recs), err)
	}
	n := 0
	for u := coach.UserID(1); u <= 300; u++ {
		r, _ := db.Records(ctx, u, time.Time{})
		n += len(r)
	}
	if n != 300+writes {
		t.Fatalf("%d records after the purge, want %d", n, 300+writes)
	}
	checkIndexes(t, db)
	checkBolt(t, db)
}

// checkBolt runs bbolt's consistency check.
func checkBolt(t *testing.T, db *DB) {
	t.Helper()
	err := db.view(func(tx *bolt.Tx) error {
		for err := range tx.Check() {
			return err
		}
		return nil
	})
	if err != nil {
		t.Fatalf("bbolt check: %v", err)
	}
}

// TestPurgeAfterCrash: a Delete whose purge never ran (the process died)
// is purged by the next Open.
func TestPurgeAfterCrash(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "d", "s.db")
	db, err := Open(path, Options{PurgeDelay: -1})
	if err != nil {
		t.Fatal(err)
	}
	const gone coach.UserID = 818273645546372811
	for u := coach.UserID(1); u <= 50; u++ {
		mustSave(t, db, onboarded(u, "UTC", 1, 2))
	}
	mustSave(t, db, onboarded(gone, "UTC", 3, 4), routine(t0, 9))
	if err := db.Delete(ctx, gone); err != nil {
		t.Fatal(err)
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	needle := []byte(strconv.FormatInt(int64(gone), 10))
	if !fileHolds(t, path, needle) {
		t.Fatal("nothing to purge: the test proves nothing")
	}
	db, err = Open(path, Options{PurgeDelay: -1})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if fileHolds(t, path, needle, userKey(gone)) {
		t.Fatal("Open did not finish the pending purge")
	}
	if fi, err := os.Stat(path); err != nil || fi.Mode().Perm() != 0o600 {
		t.Fatalf("purged file mode %v, %v", fi.Mode(), err)
	}
	if st, _ := db.Load(ctx, 50); st.Phase != coach.PhaseIdle {
		t.Fatalf("a kept user was lost: %+v", st)
	}
}

// TestPurgeScheduled: Delete schedules the purge by itself.
func TestPurgeScheduled(t *testing.T) {
	ctx := context.Background()
	db := openTest(t, Options{PurgeDelay: 20 * time.Millisecond})
	const gone coach.UserID = 718273645546372812
	mustSave(t, db, onboarded(1, "UTC", 1, 2))
	mustSave(t, db, onboarded(gone, "UTC", 3, 4))
	if err := db.Delete(ctx, gone); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(10 * time.Second)
	for {
		if p, _ := db.PurgePending(); !p && !db.LastPurge().At.IsZero() {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("no purge within 10 s of the delete")
		}
		time.Sleep(10 * time.Millisecond) // polling a background timer, not timing the test
	}
	if fileHolds(t, db.Path(), userKey(gone)) {
		t.Fatal("scheduled purge left bytes behind")
	}
}
