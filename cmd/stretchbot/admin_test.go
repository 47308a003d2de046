package main

import (
	"context"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchbot/stretchbot/bot/telegramtest"
	"github.com/stretchbot/stretchbot/clock"
	"github.com/stretchbot/stretchbot/store"
)

// startWait bounds waiting for runServe to start or stop.
const startWait = 2 * time.Minute

// running is a runServe in the background against a fake Bot API.
type running struct {
	t      *testing.T
	srv    *telegramtest.Server
	out    *lockedBuffer
	errb   *lockedBuffer
	cancel context.CancelFunc
	done   chan int
}

// serveInBackground starts runServe with env (token and endpoint added)
// and waits until it answered a first user.
func serveInBackground(t *testing.T, srv *telegramtest.Server, env map[string]string) *running {
	t.Helper()
	env["TELEGRAM_BOT_TOKEN"] = srv.Token()
	env["TELEGRAM_API_ENDPOINT"] = srv.Endpoint()
	r := &running{t: t, srv: srv, out: &lockedBuffer{}, errb: &lockedBuffer{}, done: make(chan int, 1)}
	ctx, cancel := context.WithCancel(context.Background())
	r.cancel = cancel
	go func() { r.done <- runServe(ctx, nil, serveEnv(env), r.out, r.errb) }()
	t.Cleanup(func() { r.stop() })
	u := telegramtest.User{ID: 501}
	srv.SendText(u, "/start")
	// Generous: under -race on a busy machine, building the time zone
	// finder alone can take many seconds.
	if _, err := srv.WaitSent(u.ID, 1, startWait); err != nil {
		t.Fatalf("the bot did not answer: %v; stderr:\n%s", err, r.errb.String())
	}
	return r
}

// stop stops the bot and returns its exit code.
func (r *running) stop() int {
	r.cancel()
	select {
	case code := <-r.done:
		r.done <- code
		return code
	case <-time.After(startWait):
		r.t.Fatal("the bot did not stop")
		return -1
	}
}

func run2(args []string, env map[string]string) (int, string, string) {
	var out, errb lockedBuffer
	code := run(context.Background(), args, serveEnv(env), strings.NewReader(""), &out, &errb)
	return code, out.String(), errb.String()
}

func TestBackupAndStatsWhileTheBotRuns(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "live.db")
	env := map[string]string{"STRETCHBOT_DB": db}
	r := serveInBackground(t, telegramtest.New(t, telegramtest.Config{}), env)

	sock := db + ".admin.sock"
	fi, err := os.Stat(sock)
	if err != nil || fi.Mode()&os.ModeSocket == 0 || fi.Mode().Perm() != 0o600 {
		t.Fatalf("admin socket: %v %v", fi, err)
	}

	// The database is locked by the bot, yet the backup works: the bot
	// takes it.
	if _, err := store.Open(db, store.Options{Timeout: 100 * time.Millisecond}); err == nil {
		t.Fatal("the database is not locked while the bot runs")
	}
	code, out, errs := run2([]string{"backup", filepath.Join(dir, "copy.db")}, env)
	if code != 0 || !strings.Contains(out, "taken by the running bot") {
		t.Fatalf("backup: exit %d, %q %q", code, out, errs)
	}
	code, out, errs = run2([]string{"stats"}, env)
	if code != 0 || !strings.Contains(out, "users 1 (") {
		t.Fatalf("stats: exit %d, %q %q", code, out, errs)
	}
	code, out, _ = run2([]string{"backup", "relative.db"}, map[string]string{"STRETCHBOT_DB": db, "STRETCHBOT_ADMIN_SOCKET": sock})
	os.Remove("relative.db")
	if code != 0 || !strings.Contains(out, "relative.db") {
		t.Fatalf("relative path: exit %d %q", code, out)
	}
	// Overwriting the live database is refused by the bot, and said so.
	code, _, errs = run2([]string{"backup", db}, env)
	if code != 1 || !strings.Contains(errs, "the running bot answered") || !strings.Contains(errs, "live database") {
		t.Fatalf("backup over the live database: exit %d %q", code, errs)
	}

	if code := r.stop(); code != 0 {
		t.Fatalf("exit %d; stderr:\n%s", code, r.errb.String())
	}
	if _, err := os.Stat(sock); !os.IsNotExist(err) {
		t.Fatalf("socket left after a clean stop: %v", err)
	}

	// The copy is a valid database with the user in it.
	cp, err := store.Open(filepath.Join(dir, "copy.db"), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	s, err := cp.Stats(context.Background())
	cp.Close()
	if err != nil || s.Users != 1 {
		t.Fatalf("copy: %+v %v", s, err)
	}

	// With the bot stopped, both open the file directly.
	code, out, errs = run2([]string{"backup", filepath.Join(dir, "copy2.db")}, env)
	if code != 0 || strings.Contains(out, "running bot") || !strings.Contains(out, "bytes") {
		t.Fatalf("direct backup: exit %d, %q %q", code, out, errs)
	}
	code, out, _ = run2([]string{"stats", "-json"}, env)
	if code != 0 || !strings.Contains(out, `"users": 1`) {
		t.Fatalf("direct stats: exit %d, %q", code, out)
	}
}

func TestBackupFallsBackPastAStaleSocket(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "s.db")
	st, err := store.Open(db, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	st.Close()
	// A socket file nobody listens on, as a crashed bot leaves it.
	ln, err := net.Listen("unix", db+".admin.sock")
	if err != nil {
		t.Fatal(err)
	}
	ln.(*net.UnixListener).SetUnlinkOnClose(false)
	ln.Close()
	env := map[string]string{"STRETCHBOT_DB": db}
	if code, out, errs := run2([]string{"backup", filepath.Join(dir, "b.db")}, env); code != 0 || strings.Contains(out, "running bot") {
		t.Fatalf("exit %d, %q %q", code, out, errs)
	}
	if code, out, errs := run2([]string{"stats"}, env); code != 0 || !strings.Contains(out, "users 0") {
		t.Fatalf("exit %d, %q %q", code, out, errs)
	}
	// And the next bot replaces the stale socket.
	st, err = store.Open(db, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	a, err := serveAdmin(db+".admin.sock", st, slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close(context.Background())
	var s struct{ Users int }
	if err := adminCall(context.Background(), db+".admin.sock", http.MethodGet, "/stats", nil, &s); err != nil {
		t.Fatal(err)
	}
}

func TestAdminCommandErrors(t *testing.T) {
	dir := t.TempDir()
	tests := []struct {
		name string
		args []string
		env  map[string]string
		code int
		want string
	}{
		{"no database", []string{"backup", filepath.Join(dir, "b.db")}, map[string]string{"STRETCHBOT_DB": filepath.Join(dir, "missing.db")}, 1, "no database at"},
		{"stats of no database", []string{"stats"}, map[string]string{"STRETCHBOT_DB": filepath.Join(dir, "missing.db")}, 1, "no database at"},
		{"no file", []string{"backup"}, nil, 2, "usage: stretchbot backup"},
		{"bad flag", []string{"stats", "-nope"}, nil, 2, "flag provided but not defined: -nope"},
		{"empty db", []string{"stats"}, map[string]string{"STRETCHBOT_DB": " "}, 2, `STRETCHBOT_DB=" ": not a file path`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, _, errs := run2(tt.args, tt.env)
			if code != tt.code || !strings.Contains(errs, tt.want) || strings.Count(errs, "\n") != 1 {
				t.Fatalf("exit %d, stderr %q", code, errs)
			}
		})
	}
	if _, err := os.Stat(filepath.Join(dir, "missing.db")); !os.IsNotExist(err) {
		t.Fatal("an admin command created a database")
	}
}

func TestBackupRefusedWhenTheBotHasNoSocket(t *testing.T) {
	db := filepath.Join(t.TempDir(), "n.db")
	env := map[string]string{"STRETCHBOT_DB": db, "STRETCHBOT_ADMIN_SOCKET": "off"}
	serveInBackground(t, telegramtest.New(t, telegramtest.Config{}), env)
	code, _, errs := run2([]string{"backup", db + ".copy"}, env)
	if code != 1 || !strings.Contains(errs, "in use") || !strings.Contains(errs, "STRETCHBOT_ADMIN_SOCKET") {
		t.Fatalf("exit %d, %q", code, errs)
	}
}

func freeAddr(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().String()
}

func TestHealthcheckAndReadyz(t *testing.T) {
	addr := freeAddr(t)
	env := map[string]string{"STRETCHBOT_DB": filepath.Join(t.TempDir(), "h.db"), "STRETCHBOT_METRICS_ADDR": addr}
	r := serveInBackground(t, telegramtest.New(t, telegramtest.Config{}), env)

	hc := map[string]string{"STRETCHBOT_METRICS_ADDR": ":" + addr[strings.LastIndex(addr, ":")+1:]}
	if code, out, errs := run2([]string{"healthcheck"}, hc); code != 0 || !strings.Contains(out, "healthy") {
		t.Fatalf("healthcheck: exit %d %q %q", code, out, errs)
	}
	resp, err := http.Get("http://" + addr + "/readyz")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 {
		t.Fatalf("/readyz %d %q", resp.StatusCode, body)
	}
	resp, err = http.Get("http://" + addr + "/metrics")
	if err != nil {
		t.Fatal(err)
	}
	body, _ = io.ReadAll(resp.Body)
	resp.Body.Close()
	if !strings.Contains(string(body), `stretchbot_updates_total{kind="command"} 1`) {
		t.Fatalf("/metrics:\n%s", body)
	}

	r.stop()
	if code, _, errs := run2([]string{"healthcheck"}, hc); code != 1 || !strings.Contains(errs, "refused") {
		t.Fatalf("healthcheck of a stopped bot: exit %d %q", code, errs)
	}
	if code, _, errs := run2([]string{"healthcheck"}, nil); code != 1 || !strings.Contains(errs, "STRETCHBOT_METRICS_ADDR is empty") {
		t.Fatalf("healthcheck without an address: exit %d %q", code, errs)
	}
}

func TestMetricsPortInUse(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	srv := telegramtest.New(t, telegramtest.Config{})
	var out, errb lockedBuffer
	env := serveEnv(map[string]string{"TELEGRAM_BOT_TOKEN": srv.Token(), "TELEGRAM_API_ENDPOINT": srv.Endpoint(),
		"STRETCHBOT_DB": filepath.Join(t.TempDir(), "p.db"), "STRETCHBOT_METRICS_ADDR": ln.Addr().String()})
	if code := runServe(context.Background(), nil, env, &out, &errb); code != 1 || !strings.Contains(errb.String(), "STRETCHBOT_METRICS_ADDR=") {
		t.Fatalf("exit %d %q", code, errb.String())
	}
}

func TestLoopbackAddr(t *testing.T) {
	for in, want := range map[string]string{
		":9090": "127.0.0.1:9090", "0.0.0.0:9090": "127.0.0.1:9090", "[::]:9090": "[::1]:9090",
		"10.0.0.5:9090": "10.0.0.5:9090", "localhost:1": "localhost:1",
	} {
		if got := loopbackAddr(in); got != want {
			t.Errorf("loopbackAddr(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestKeepAlivePingsOnlyWhenQuiet(t *testing.T) {
	clk := clock.NewFake(time.Date(2026, 5, 1, 12, 0, 0, 0, time.UTC))
	var last atomic.Int64
	last.Store(clk.Now().UnixNano())
	var pings atomic.Int32
	ping := func(context.Context) error {
		pings.Add(1)
		last.Store(clk.Now().UnixNano())
		return nil
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() {
		defer close(done)
		keepAlive(ctx, clk, time.Minute, func() time.Time { return time.Unix(0, last.Load()) }, ping, slog.New(slog.DiscardHandler))
	}()
	step := func(busy bool) {
		t.Helper()
		if !clk.WaitForWaiters(1, 5*time.Second) {
			t.Fatal("keepAlive is not waiting")
		}
		if busy { // another request succeeded meanwhile
			last.Store(clk.Now().Add(30 * time.Second).UnixNano())
		}
		clk.Advance(time.Minute)
	}
	step(true)
	step(true)
	step(false)
	step(false)
	clk.WaitForWaiters(1, 5*time.Second)
	cancel()
	<-done
	if n := pings.Load(); n != 2 {
		t.Fatalf("%d pings, want 2 (only after quiet minutes)", n)
	}
}
