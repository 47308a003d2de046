package main

// The crash test: the real stretchbot binary, SIGKILLed again and again
// while simulated users are mid-routine and reminders fall due, against
// the fake Bot API. See RELIABILITY.md for what it proves and its figures.
//
//	go test -run TestCrash ./cmd/stretchbot                      # short: 5 kills
//	STRETCHBOT_CRASH=1 go test -run TestCrash -v ./cmd/stretchbot # long: 25 kills
//	STRETCHBOT_CRASH=40 STRETCHBOT_CRASH_SEED=7 go test ...         # 40 kills, seed 7

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/stretchbot/stretchbot/bot/telegramtest"
	"github.com/stretchbot/stretchbot/coach"
	"github.com/stretchbot/stretchbot/store"
	bolt "go.etcd.io/bbolt"
)

// crashWait bounds every wait on the fake server or the process.
const crashWait = 60 * time.Second

// buildBinary builds the stretchbot binary into dir (no race detector:
// the test kills it, it does not need to be slow).
func buildBinary(t *testing.T, dir string) string {
	t.Helper()
	bin := filepath.Join(dir, "stretchbot")
	cmd := exec.Command("go", "build", "-o", bin, ".")
	cmd.Env = append(os.Environ(), "CGO_ENABLED=0")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// proc is one run of the binary.
type proc struct {
	cmd  *exec.Cmd
	done chan error
	log  string
}

func startBinary(t *testing.T, bin, db string, srv *telegramtest.Server, run int) *proc {
	t.Helper()
	logPath := filepath.Join(filepath.Dir(db), fmt.Sprintf("run-%02d.log", run))
	lf, err := os.Create(logPath)
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(bin)
	cmd.Env = []string{
		"TELEGRAM_BOT_TOKEN=" + srv.Token(),
		"TELEGRAM_API_ENDPOINT=" + srv.Endpoint(),
		"STRETCHBOT_DB=" + db,
		"HOME=" + filepath.Dir(db),
		"PATH=" + os.Getenv("PATH"),
	}
	cmd.Stdout, cmd.Stderr = lf, lf
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	p := &proc{cmd: cmd, done: make(chan error, 1), log: logPath}
	go func() { p.done <- cmd.Wait(); lf.Close() }()
	return p
}

// kill SIGKILLs the process and waits for it.
func (p *proc) kill(t *testing.T) {
	t.Helper()
	_ = p.cmd.Process.Signal(syscall.SIGKILL)
	select {
	case <-p.done:
	case <-time.After(crashWait):
		t.Fatal("a killed process did not exit")
	}
}

// cardRe matches a stretch card: "3/5 · Name".
var cardRe = regexp.MustCompile(`^(\d+)/(\d+) · `)

// actionOf returns the action and turn of a button's callback data.
func actionOf(data string) (string, string) {
	parts := strings.Split(data, "|")
	if len(parts) < 4 {
		return "", ""
	}
	return strings.Join(parts[2:len(parts)-1], "|"), parts[1]
}

// actions returns a message's button actions, and the turn they carry.
func actions(s telegramtest.Sent) (map[string]string, string) {
	out := map[string]string{}
	turn := ""
	for _, b := range s.Buttons() {
		if b.CallbackData == nil {
			continue
		}
		a, tu := actionOf(*b.CallbackData)
		out[a] = *b.CallbackData
		turn = tu
	}
	return out, turn
}

// crashPlayer is a user doing routines: on each new prompt it acts once,
// pressing "done" or typing it, answering the pain question, choosing a
// routine; it counts what it did.
type crashPlayer struct {
	u        telegramtest.User
	rng      *rand.Rand
	acted    map[string]bool // prompts acted on, by text and turn: a prompt sent twice is one prompt
	dones    int             // "done" sent, pressed or typed
	pains    int             // pain answers sent
	stretchs int             // /stretch sent
	typed    int
	painMsg  int // the pain question answered last; 0 once a new routine was asked for
}

// act looks at the chat and acts on the newest prompt, if it is new.
func (p *crashPlayer) act(srv *telegramtest.Server) {
	sent := srv.Sent(p.u.ID)
	var last *telegramtest.Sent
	for i := len(sent) - 1; i >= 0; i-- {
		if sent[i].Method == "sendMessage" && sent[i].Markup != nil {
			last = &sent[i]
			break
		}
	}
	if last == nil {
		if p.stretchs == 0 {
			p.stretchs++
			srv.SendText(p.u, "/stretch")
		}
		return
	}
	acts, turn := actions(*last)
	key := last.Text + "\x00" + turn
	if p.acted[key] {
		// After the pain answer, the summary: ask for the next routine.
		if p.painMsg != 0 && sent[len(sent)-1].MessageID > p.painMsg && sent[len(sent)-1].Method == "sendMessage" {
			p.painMsg = 0
			p.stretchs++
			srv.SendText(p.u, "/stretch")
		}
		return
	}
	switch {
	case cardRe.MatchString(last.Text) && acts["done"] != "":
		p.acted[key] = true
		p.dones++
		if p.rng.IntN(3) == 0 {
			p.typed++
			srv.SendText(p.u, "done")
		} else {
			srv.Press(p.u, last.MessageID, acts["done"])
		}
	case acts["p:2"] != "":
		p.acted[key] = true
		p.pains++
		p.painMsg = last.MessageID
		srv.Press(p.u, last.MessageID, acts["p:2"])
	case acts["start:morning"] != "":
		p.acted[key] = true
		srv.Press(p.u, last.MessageID, acts["start:morning"])
	default:
		// A routine ended (summary with other buttons): start the next.
		p.acted[key] = true
		p.stretchs++
		srv.SendText(p.u, "/stretch")
	}
}

// transcript summarises what a chat showed.
type transcript struct {
	cards    []int // distinct stretch cards, in order
	dups     int   // messages shown twice (the outbox's crash window)
	pings    int   // distinct reminder pings
	pains    int   // distinct pain questions after a routine
	routines int   // routines begun (cards numbered 1)
	sent     int
}

func readTranscript(sent []telegramtest.Sent) transcript {
	var tr transcript
	seen := map[string]bool{}
	for _, s := range sent {
		if s.Method != "sendMessage" {
			continue
		}
		tr.sent++
		acts, turn := actions(s)
		key := s.Text + "\x00" + turn
		if turn != "" && seen[key] {
			tr.dups++
			continue
		}
		seen[key] = true
		if m := cardRe.FindStringSubmatch(s.Text); m != nil && acts["done"] != "" {
			n, _ := strconv.Atoi(m[1])
			tr.cards = append(tr.cards, n)
			if n == 1 {
				tr.routines++
			}
		}
		for a := range acts {
			if strings.HasPrefix(a, "ping:start") {
				tr.pings++
			}
		}
		if acts["p:2"] != "" && acts["p:-"] != "" {
			tr.pains++
		}
	}
	return tr
}

// checkDB opens the file like an operator would after a crash: bbolt's
// consistency check, then the states and records.
func checkDB(t *testing.T, path string) {
	t.Helper()
	bdb, err := bolt.Open(path, 0o600, &bolt.Options{ReadOnly: true, Timeout: 10 * time.Second})
	if err != nil {
		t.Fatalf("bbolt cannot open the file after a kill: %v", err)
	}
	err = bdb.View(func(tx *bolt.Tx) error {
		for err := range tx.Check() {
			return err
		}
		return nil
	})
	bdb.Close()
	if err != nil {
		t.Fatalf("bbolt check after a kill: %v", err)
	}
}

// loadUsers reads the states and records of the users.
func loadUsers(t *testing.T, path string, users []coach.UserID) (map[coach.UserID]coach.State, map[coach.UserID][]coach.Record, int) {
	t.Helper()
	db, err := store.Open(path, store.Options{PurgeDelay: -1})
	if err != nil {
		t.Fatalf("open after a kill: %v", err)
	}
	defer db.Close()
	ctx := context.Background()
	states := map[coach.UserID]coach.State{}
	recs := map[coach.UserID][]coach.Record{}
	for _, u := range users {
		if states[u], err = db.Load(ctx, u); err != nil {
			t.Fatal(err)
		}
		if recs[u], err = db.Records(ctx, u, time.Time{}); err != nil {
			t.Fatal(err)
		}
	}
	q, err := db.Queued(ctx)
	if err != nil {
		t.Fatal(err)
	}
	return states, recs, len(q)
}

// crashUser is a seeded, onboarded user.
func crashUser(id coach.UserID, morning, evening coach.Clock, now time.Time) coach.State {
	return coach.State{
		User: id, Phase: coach.PhaseIdle, Turn: 3,
		Profile: coach.Profile{
			Lang: "en", Zone: "UTC", Morning: morning, Evening: evening, Onboarded: true,
			QuietStart: 22 * 60, QuietEnd: 7 * 60, SafetyCheck: now,
		},
		Created: now.Add(-72 * time.Hour), Updated: now,
	}
}

func TestCrash(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and kills the binary")
	}
	kills := 5
	if v := os.Getenv("STRETCHBOT_CRASH"); v != "" {
		kills = 25
		if n, err := strconv.Atoi(v); err == nil && n > 1 {
			kills = n
		}
	}
	seed := uint64(time.Now().UnixNano())
	if v := os.Getenv("STRETCHBOT_CRASH_SEED"); v != "" {
		seed, _ = strconv.ParseUint(v, 10, 64)
	}
	t.Logf("kills %d, seed %d (STRETCHBOT_CRASH_SEED=%d reproduces the kill moments)", kills, seed, seed)
	rng := rand.New(rand.NewPCG(seed, 1))

	dir := t.TempDir()
	bin := buildBinary(t, dir)
	dbPath := filepath.Join(dir, "data", "stretchbot.db")
	srv := telegramtest.New(t, telegramtest.Config{})

	// Seed the store: routine players (reminders far away) and reminder
	// users due at this minute and the next ones on the real clock.
	now := time.Now().UTC()
	if now.Second() > 50 {
		// Too close to the next minute for the first start to catch this
		// one: begin with the next.
		time.Sleep(now.Truncate(time.Minute).Add(time.Minute).Sub(now))
		now = time.Now().UTC()
	}
	nowClock := coach.ClockOf(now)
	far := coach.ClockOf(now.Add(10 * time.Hour))
	const nPlayers, nReminded = 12, 24
	reminderMinutes := 1 + kills/10 // the long form spans more minutes
	var players []*crashPlayer
	var reminded, all []coach.UserID
	due := map[coach.UserID]time.Time{}
	{
		db, err := store.Open(dbPath, store.Options{})
		if err != nil {
			t.Fatal(err)
		}
		ctx := context.Background()
		for i := 0; i < nPlayers; i++ {
			id := coach.UserID(700100 + i)
			if err := db.Save(ctx, crashUser(id, far, (far+60)%1440, now), nil); err != nil {
				t.Fatal(err)
			}
			players = append(players, &crashPlayer{u: telegramtest.User{ID: int64(id), LanguageCode: "en"},
				rng: rand.New(rand.NewPCG(seed, uint64(id))), acted: map[string]bool{}})
			all = append(all, id)
		}
		for i := 0; i < nReminded; i++ {
			id := coach.UserID(700500 + i)
			c := coach.Clock((int(nowClock) + i%reminderMinutes) % 1440)
			if err := db.Save(ctx, crashUser(id, c, (c+12*60)%1440, now), nil); err != nil {
				t.Fatal(err)
			}
			d := now.Truncate(time.Minute).Add(time.Duration(int(c)-int(coach.ClockOf(now))) * time.Minute)
			if d.Before(now.Truncate(time.Minute)) {
				d = d.Add(24 * time.Hour)
			}
			due[id] = d
			reminded = append(reminded, id)
			all = append(all, id)
		}
		if err := db.Close(); err != nil {
			t.Fatal(err)
		}
	}
	lastDue := now
	for _, d := range due {
		if d.After(lastDue) {
			lastDue = d
		}
	}

	// The players act whenever the bot says something new.
	stop := make(chan struct{})
	var wg sync.WaitGroup
	var mu sync.Mutex // guards the players against the final read
	wg.Add(1)
	go func() {
		defer wg.Done()
		seen := 0
		for {
			// Woken by anything the bot sends (or every second).
			srv.WaitFor(time.Second, func(v telegramtest.View) bool { return len(v.All()) != seen })
			seen = len(srv.AllSent())
			select {
			case <-stop:
				return
			default:
			}
			mu.Lock()
			for _, p := range players {
				p.act(srv)
			}
			mu.Unlock()
		}
	}()

	var p *proc
	started := 0
	startNext := func() {
		polls := srv.Calls("getUpdates")
		started++
		p = startBinary(t, bin, dbPath, srv, started)
		t0 := time.Now()
		defer func() { t.Logf("run %d polling after %v", started, time.Since(t0)) }()
		if !srv.WaitFor(crashWait, func(v telegramtest.View) bool { return v.Calls("getUpdates") > polls }) {
			out, _ := os.ReadFile(p.log)
			t.Fatalf("run %d never polled:\n%s", started, out)
		}
	}

	startNext()
	kill, onEvent := 0, 0
	for kill < kills || time.Now().Before(lastDue.Add(10*time.Second)) {
		// A random moment: sometimes at once (while the start-up hold
		// keeps the resent replies queued), mostly mid-conversation.
		// Or, one kill in three, the moment the fake server records a
		// message to a player: the update that caused it has just been
		// handled and is most likely not yet confirmed, and the message
		// not yet acknowledged in the outbox: the two windows a crash can
		// hit.
		d := time.Duration(1000+rng.IntN(5000)) * time.Millisecond
		switch rng.IntN(6) {
		case 0:
			d = time.Duration(rng.IntN(500)) * time.Millisecond
		case 1, 2:
			d = 0
			n := len(srv.AllSent())
			target := players[rng.IntN(len(players))].u.ID
			proc := p
			onEvent++
			// Killed from inside the server's lock: nothing else the
			// server does can happen first.
			srv.WaitFor(crashWait, func(v telegramtest.View) bool {
				for _, x := range v.All()[n:] {
					if x.ChatID == target || x.Method == "sendMessage" {
						_ = proc.cmd.Process.Signal(syscall.SIGKILL)
						return true
					}
				}
				return false
			})
		}
		time.Sleep(d) // the kill moment itself is what is random here
		p.kill(t)
		kill++

		// After each kill: the file opens cleanly, and nothing a user saw
		// acknowledged is missing from it.
		checkDB(t, dbPath)
		mu.Lock()
		states, recs, _ := loadUsers(t, dbPath, all)
		for _, pl := range players {
			tr := readTranscript(srv.Sent(pl.u.ID))
			st := states[coach.UserID(pl.u.ID)]
			stored := len(recs[coach.UserID(pl.u.ID)])
			if st.Session != nil {
				stored++
			}
			switch {
			case stored < tr.routines:
				t.Errorf("kill %d, user %d: %d routines shown, %d in the store", kill, pl.u.ID, tr.routines, stored)
			case stored == tr.routines && st.Session != nil && len(tr.cards) > 0:
				// The routine shown is the one stored: it is at least as
				// far as the last stretch the user saw.
				if last := tr.cards[len(tr.cards)-1]; st.Session.Index+1 < last {
					t.Errorf("kill %d, user %d: saw stretch %d, but the store is at %d", kill, pl.u.ID, last, st.Session.Index+1)
				}
			}
		}
		mu.Unlock()
		startNext()
	}

	// Let everything settle, then stop cleanly: the last prompts are
	// answered, the outbox flushed.
	t.Logf("kills done at %v", time.Since(now))
	close(stop)
	wg.Wait()
	if !srv.WaitFor(crashWait, func(v telegramtest.View) bool { return v.Pending() == 0 }) {
		t.Fatalf("%d updates never handled", srv.Pending())
	}
	_ = p.cmd.Process.Signal(syscall.SIGTERM)
	select {
	case err := <-p.done:
		if err != nil {
			out, _ := os.ReadFile(p.log)
			t.Fatalf("the last run did not stop cleanly: %v\n%s", err, out)
		}
	case <-time.After(crashWait):
		t.Fatal("the last run did not stop")
	}
	checkDB(t, dbPath)
	states, recs, left := loadUsers(t, dbPath, all)
	if left != 0 {
		t.Errorf("%d replies still in the durable outbox after a clean stop", left)
	}

	dups, steps, routines, typed, pings := 0, 0, 0, 0, 0
	for _, pl := range players {
		id := coach.UserID(pl.u.ID)
		tr := readTranscript(srv.Sent(pl.u.ID))
		dups += tr.dups
		st := states[id]
		// Each routine's cards run 1, 2, 3…: none skipped (a lost step)
		// and none repeated (a step applied twice).
		for i := 1; i < len(tr.cards); i++ {
			if c, prev := tr.cards[i], tr.cards[i-1]; c != prev+1 && c != 1 {
				t.Errorf("user %d: stretch %d followed by %d: %v", id, prev, c, tr.cards)
			}
		}
		// Every "done" moved the routine on exactly once.
		if want := len(tr.cards) - tr.routines + tr.pains; pl.dones != want {
			t.Errorf("user %d: %d dones for %d advances (cards %v, %d pain questions)", id, pl.dones, want, tr.cards, tr.pains)
		}
		// Every routine finished is recorded once, with five stretches done.
		if got := len(recs[id]); got != pl.pains {
			t.Errorf("user %d: %d routines recorded, %d finished", id, got, pl.pains)
		}
		for _, r := range recs[id] {
			if r.Routine == nil || !r.Routine.Completed || len(r.Routine.Items) != 5 {
				t.Errorf("user %d: record %+v", id, r.Routine)
			}
		}
		// The routine resumes where it stopped: the store and the last
		// card shown agree.
		if st.Session != nil && st.Phase == coach.PhaseStretch && len(tr.cards) > 0 {
			if last := tr.cards[len(tr.cards)-1]; last != st.Session.Index+1 {
				t.Errorf("user %d: last card %d, store at %d", id, last, st.Session.Index+1)
			}
		}
		steps += pl.dones
		routines += pl.pains
		typed += pl.typed
	}
	missed := 0
	for _, id := range reminded {
		tr := readTranscript(srv.Sent(int64(id)))
		dups += tr.dups
		pings += tr.pings
		if tr.pings > 1 {
			t.Errorf("user %d: pinged %d times for one slot", id, tr.pings)
		}
		if tr.pings == 0 || states[id].Reminder.LastSlot == "" {
			missed++
			t.Errorf("user %d: no ping for the slot due at %s (last slot %q)", id, due[id].Format("15:04"), states[id].Reminder.LastSlot)
		}
	}
	for i := 1; i <= started; i++ {
		out, _ := os.ReadFile(filepath.Join(dir, "data", fmt.Sprintf("run-%02d.log", i)))
		if strings.Contains(string(out), srv.Token()) {
			t.Errorf("run %d logged the token", i)
		}
	}
	t.Logf("kills on a send: %d", onEvent)
	t.Logf("RESULT kills=%d runs=%d users=%d steps=%d (typed %d) routines=%d pings=%d/%d missed=%d duplicates=%d rate-violations=%d",
		kill, started, len(all), steps, typed, routines, pings, len(reminded), missed, dups, srv.Violations())
	for i, d := range srv.ViolationDetails() {
		if i < 10 {
			t.Logf("violation: %s", d)
		}
	}
	// A kill can only duplicate the messages Telegram accepted whose
	// answer the process never saw or acknowledged: at most one per
	// sender in flight (bot.Config.Senders, 8).
	if dups > 8*kill {
		t.Errorf("%d duplicate messages for %d kills: more than the messages in flight explain", dups, kill)
	}
}
