package bot

import (
	"bytes"
	"context"
	"errors"
	"log/slog"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchbot/stretchbot/bot/telegramtest"
	"github.com/stretchbot/stretchbot/clock"
	"github.com/stretchbot/stretchbot/coach"
	"github.com/stretchbot/stretchbot/nlu"
	"github.com/stretchbot/stretchbot/store"
)

// wait bounds every wait on the fake server.
const wait = 10 * time.Second

// logBuffer collects log output from many goroutines.
type logBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (l *logBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.buf.Write(p)
}

func (l *logBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.buf.String()
}

func newLogger() (*slog.Logger, *logBuffer) {
	lb := &logBuffer{}
	return slog.New(slog.NewTextHandler(lb, &slog.HandlerOptions{Level: slog.LevelDebug})), lb
}

// openService opens a real bbolt store at path and the real coach over it.
func openService(t *testing.T, path string) (*coach.Service, *store.DB) {
	t.Helper()
	c := coach.MustContent()
	db, err := store.Open(path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return coach.NewService(coach.NewEngine(c, nlu.New(c)), db), db
}

func newService(t *testing.T) *coach.Service {
	t.Helper()
	svc, db := openService(t, filepath.Join(t.TempDir(), "bot.db"))
	t.Cleanup(func() { db.Close() })
	return svc
}

// fixedZones resolves every point to one zone.
type fixedZones string

func (z fixedZones) GetTimezoneName(lng, lat float64) string { return string(z) }

// testConfig is a Config for the fake server with fast limits.
func testConfig(srv *telegramtest.Server) Config {
	return Config{
		Token:           srv.Token(),
		APIEndpoint:     srv.Endpoint(),
		PollTimeout:     time.Second,
		RequestTimeout:  5 * time.Second,
		Limits:          Limits{Global: 30, GlobalWindow: 100 * time.Millisecond, PerChat: 3, PerChatWindow: 60 * time.Millisecond},
		Retry:           Retry{Attempts: 6, Base: 20 * time.Millisecond, Max: 200 * time.Millisecond},
		ShutdownTimeout: 5 * time.Second,
		Zones:           fixedZones("Europe/Berlin"),
	}
}

// fastLimits is the telegramtest rule matching testConfig's limits.
func fastLimits() telegramtest.Limits {
	return telegramtest.Limits{Global: 30, GlobalWindow: 100 * time.Millisecond, PerChat: 3, PerChatWindow: 60 * time.Millisecond}
}

// harness is a running Bot against a fake server.
type harness struct {
	t    *testing.T
	srv  *telegramtest.Server
	bot  *Bot
	logs *logBuffer
	stop func() error
}

// nextMorning is the next 08:00 in Berlin, where every test user lives:
// a bot on a clock shifted there offers the morning routine however late
// the test runs, and the moment is after anything a test stored with
// time.Now.
func nextMorning() time.Time {
	berlin, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		panic(err)
	}
	now := time.Now().In(berlin)
	m := time.Date(now.Year(), now.Month(), now.Day(), 8, 0, 0, 0, berlin)
	if !m.After(now) {
		m = time.Date(now.Year(), now.Month(), now.Day()+1, 8, 0, 0, 0, berlin)
	}
	return m
}

// start runs a bot with cfg until the test ends (or h.stop). A nil clk is
// the real clock shifted to nextMorning.
func start(t *testing.T, srv *telegramtest.Server, svc *coach.Service, cfg Config, clk clock.Clock) *harness {
	t.Helper()
	if clk == nil {
		clk = clock.Shifted(nextMorning())
	}
	log, lb := newLogger()
	b, err := New(cfg, svc, clk, log)
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- b.Run(ctx) }()
	var once sync.Once
	var runErr error
	stop := func() error {
		once.Do(func() {
			cancel()
			select {
			case runErr = <-done:
			case <-time.After(wait + cfg.ShutdownTimeout):
				runErr = errors.New("Run did not return")
				// What is stuck, for the next time this happens.
				buf := make([]byte, 1<<20)
				buf = buf[:runtime.Stack(buf, true)]
				t.Logf("goroutines when Run did not return:\n%s", buf)
			}
			b.Close()
		})
		return runErr
	}
	t.Cleanup(func() {
		if err := stop(); err != nil {
			t.Errorf("Run: %v", err)
		}
		if t.Failed() {
			// The bot's own account of a failed test (never message
			// texts or the token: see TestLogsNeverHoldTextOrToken).
			l := lb.String()
			if len(l) > 16<<10 {
				l = "…" + l[len(l)-16<<10:]
			}
			t.Logf("bot log:\n%s", l)
		}
		if strings.Contains(lb.String(), srv.Token()) {
			t.Errorf("the token leaked into the logs")
		}
	})
	return &harness{t: t, srv: srv, bot: b, logs: lb, stop: stop}
}

// texts returns the texts of the records.
func texts(sent []telegramtest.Sent) []string {
	out := make([]string, len(sent))
	for i, s := range sent {
		out[i] = s.Method + ": " + s.Text
	}
	return out
}

// failingRepo is a coach.Repository whose every call fails.
type failingRepo struct{}

func (failingRepo) Load(ctx context.Context, u coach.UserID) (coach.State, error) {
	return coach.State{}, errors.New("disk on fire")
}
func (failingRepo) Save(ctx context.Context, st coach.State, recs []coach.Record) error {
	return errors.New("disk on fire")
}
func (failingRepo) Records(ctx context.Context, u coach.UserID, since time.Time) ([]coach.Record, error) {
	return nil, errors.New("disk on fire")
}
func (failingRepo) Delete(ctx context.Context, u coach.UserID) error {
	return errors.New("disk on fire")
}

func userID(id int64) coach.UserID { return coach.UserID(id) }
