package store

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchbot/stretchbot/coach"
	bolt "go.etcd.io/bbolt"
)

// TestBackupWhileWriting copies the database while writers keep saving and
// checks that the copy opens, passes bbolt's consistency check and holds
// every user saved before the copy began.
func TestBackupWhileWriting(t *testing.T) {
	ctx := context.Background()
	db := openTest(t, Options{})
	for u := coach.UserID(1); u <= 100; u++ {
		mustSave(t, db, onboarded(u, "Europe/Lisbon", 400, 1100), routine(t0, int(u%11)))
	}
	var (
		wg     sync.WaitGroup
		stop   atomic.Bool
		writes atomic.Int64
	)
	errs := make(chan error, 8)
	progress := make(chan struct{}, 1<<16) // one token per write
	awaitWrites := func(n int) {
		timeout := time.After(10 * time.Second)
		for i := 0; i < n; i++ {
			select {
			case <-progress:
			case <-timeout:
				t.Fatalf("writers stalled after %d of %d writes", i, n)
			}
		}
	}
	for w := 0; w < 8; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; !stop.Load(); i++ {
				u := coach.UserID(1000 + w*100000 + i)
				if err := db.Save(ctx, onboarded(u, "Asia/Dubai", 400, 1100), []coach.Record{routine(t0, 1)}); err != nil {
					errs <- err
					return
				}
				writes.Add(1)
				select {
				case progress <- struct{}{}:
				default:
				}
			}
		}()
	}
	// Let the writers get going, then take two copies while they run. The
	// first copy pauses after its first bytes until 20 more writes have
	// committed: writers are not blocked by the backup's read transaction.
	awaitWrites(50)
	var buf bytes.Buffer
	n, err := db.Backup(&gateWriter{w: &buf, gate: func() { awaitWrites(20) }})
	if err != nil {
		t.Fatalf("Backup: %v", err)
	}
	if n != int64(buf.Len()) || n == 0 {
		t.Fatalf("Backup reported %d bytes, wrote %d", n, buf.Len())
	}
	copyPath := filepath.Join(t.TempDir(), "backups", "copy.db")
	if err := os.MkdirAll(filepath.Dir(copyPath), 0o700); err != nil {
		t.Fatal(err)
	}
	if _, err := db.BackupFile(copyPath); err != nil {
		t.Fatalf("BackupFile: %v", err)
	}
	stop.Store(true)
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
	t.Logf("%d writes in all, at least 20 while the first copy held its read transaction", writes.Load())

	memPath := filepath.Join(t.TempDir(), "mem.db")
	if err := os.WriteFile(memPath, buf.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{memPath, copyPath} {
		fi, err := os.Stat(p)
		if err != nil {
			t.Fatal(err)
		}
		if fi.Mode().Perm() != 0o600 {
			t.Errorf("%s: mode %v, want 0600", p, fi.Mode().Perm())
		}
		cp, err := Open(p, Options{})
		if err != nil {
			t.Fatalf("open copy %s: %v", p, err)
		}
		err = cp.bolt.View(func(tx *bolt.Tx) error {
			var first error
			for err := range tx.Check() {
				if first == nil {
					first = err
				}
			}
			return first
		})
		if err != nil {
			t.Errorf("copy %s fails bbolt's check: %v", p, err)
		}
		for u := coach.UserID(1); u <= 100; u++ {
			st, err := cp.Load(ctx, u)
			if err != nil || st.Profile.Zone != "Europe/Lisbon" {
				t.Fatalf("copy %s: user %d = %+v, %v", p, u, st.Profile, err)
			}
		}
		checkIndexes(t, cp)
		if err := cp.Close(); err != nil {
			t.Fatal(err)
		}
	}
}

func TestBackupFileRefusesLiveDatabase(t *testing.T) {
	db := openTest(t, Options{NoSync: true})
	mustSave(t, db, onboarded(1, "UTC", 1, 2))
	if _, err := db.BackupFile(db.Path()); err == nil {
		t.Fatal("BackupFile over the live database succeeded")
	}
	if _, err := db.BackupFile(filepath.Join(t.TempDir(), "missing-dir", "x.db")); err == nil {
		t.Fatal("BackupFile into a missing directory succeeded")
	}
	if st, err := db.Load(context.Background(), 1); err != nil || st.User != 1 || st.Phase != coach.PhaseIdle {
		t.Fatalf("database damaged: %+v, %v", st, err)
	}
}

// gateWriter calls gate once, after its first write.
type gateWriter struct {
	w      io.Writer
	gate   func()
	opened bool
}

func (g *gateWriter) Write(p []byte) (int, error) {
	n, err := g.w.Write(p)
	if !g.opened {
		g.opened = true
		g.gate()
	}
	return n, err
}

// failWriter fails after n bytes.
type failWriter struct{ n int }

func (w *failWriter) Write(p []byte) (int, error) {
	if len(p) > w.n {
		k := w.n
		w.n = 0
		return k, errors.New("disk full")
	}
	w.n -= len(p)
	return len(p), nil
}

func TestBackupWriteError(t *testing.T) {
	db := openTest(t, Options{NoSync: true})
	mustSave(t, db, onboarded(1, "UTC", 1, 2))
	if _, err := db.Backup(&failWriter{n: 5000}); err == nil || !strings.Contains(err.Error(), "disk full") {
		t.Fatalf("Backup error %v, want the writer's error", err)
	}
	// The database still works.
	mustSave(t, db, onboarded(2, "UTC", 1, 2))
}

func TestStats(t *testing.T) {
	ctx := context.Background()
	db := openTest(t, Options{NoSync: true})
	const secretZone = "Pacific/Chatham"
	a := onboarded(111111111, secretZone, 420, 1140)
	b := onboarded(222222222, secretZone, 480, 1200)
	b.Pause = &coach.Pause{From: t0, Reason: "redflag"}
	c := onboarded(333333333, "Europe/Rome", 480, 1200)
	c.Profile.Blocked = true
	d := coach.State{User: 444444444, Phase: coach.PhaseOnbZone}
	mustSave(t, db, a, routine(t0, 1), routine(t0.Add(time.Hour), 2))
	mustSave(t, db, b, redFlag(t0, coach.LevelClinician), redFlag(t0, coach.LevelEmergency), routine(t0, 3))
	mustSave(t, db, c, redFlag(t0, coach.LevelClinician))
	mustSave(t, db, d)
	putRaw(t, db, bucketUsers, userKey(555555555), []byte("garbage"))

	s, err := db.Stats(ctx)
	if err != nil {
		t.Fatalf("Stats: %v", err)
	}
	want := Stats{
		Schema: SchemaVersion(), Users: 4, Onboarded: 3, Paused: 1, Blocked: 1,
		Reminded: 2, Zones: 1,
		Records:  map[coach.RecordKind]int{coach.RecordRoutine: 3, coach.RecordRedFlag: 3},
		RedFlags: map[coach.Level]int{coach.LevelClinician: 2, coach.LevelEmergency: 1},
		Corrupt:  1,
		FileSize: db.Size(),
	}
	jsonEqual(t, s, want)
	if s.FileSize <= 0 {
		t.Errorf("FileSize %d", s.FileSize)
	}
	out, err := json.Marshal(s)
	if err != nil {
		t.Fatal(err)
	}
	for _, secret := range []string{secretZone, "Europe/Rome", "111111111", "222222222", "numbness"} {
		if strings.Contains(string(out), secret) {
			t.Errorf("Stats leak %q: %s", secret, out)
		}
	}
}

// TestStatsChunks checks Stats across several read-transaction chunks.
func TestStatsChunks(t *testing.T) {
	db := openTest(t, Options{NoSync: true})
	const users = 2*statsChunk + 17
	err := db.bolt.Update(func(tx *bolt.Tx) error {
		for u := coach.UserID(1); u <= users; u++ {
			st := onboarded(u, "Zone/"+strconv.Itoa(int(u)%5), coach.Clock(u%1440), 1200)
			v, _ := json.Marshal(st)
			r, _ := json.Marshal(routine(t0, 1))
			w := write{user: u, key: userKey(u), state: v, entry: entryOf(st.Profile, st.WakeAt),
				recPrefixes: [][]byte{recordPrefix(u, t0)}, recs: [][]byte{r}}
			if err := w.apply(tx); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	s, err := db.Stats(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if s.Users != users || s.Onboarded != users || s.Records[coach.RecordRoutine] != users || s.Reminded != users || s.Zones != 5 {
		t.Errorf("Stats = %+v, want %d users in 5 zones", s, users)
	}
}

func TestMeta(t *testing.T) {
	db := openTest(t, Options{})
	v, err := db.Meta("last-tick")
	if err != nil || v != nil {
		t.Fatalf("Meta of a missing key = %q, %v; want nil", v, err)
	}
	val := []byte("2026-03-02T06:30:00Z")
	if err := db.SetMeta("last-tick", val); err != nil {
		t.Fatal(err)
	}
	val[0] = 'X' // the store keeps its own copy
	if v, err := db.Meta("last-tick"); err != nil || string(v) != "2026-03-02T06:30:00Z" {
		t.Fatalf("Meta = %q, %v", v, err)
	}
	if err := db.SetMeta("last-tick", []byte("later")); err != nil {
		t.Fatal(err)
	}
	if v, _ := db.Meta("last-tick"); string(v) != "later" {
		t.Fatalf("Meta after overwrite = %q", v)
	}
	if err := db.SetMeta("last-tick", nil); err != nil {
		t.Fatal(err)
	}
	if v, _ := db.Meta("last-tick"); v != nil {
		t.Fatalf("Meta after removal = %q", v)
	}
	for _, bad := range []string{"", strings.Repeat("k", 257)} {
		if err := db.SetMeta(bad, []byte("v")); err == nil {
			t.Errorf("SetMeta(%d-byte key) succeeded", len(bad))
		}
		if _, err := db.Meta(bad); err == nil {
			t.Errorf("Meta(%d-byte key) succeeded", len(bad))
		}
	}
}
