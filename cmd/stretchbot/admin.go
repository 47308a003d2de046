package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"time"

	"github.com/stretchbot/stretchbot/store"
)

// The admin socket: while the bot runs it holds the database's lock, so
// `stretchbot backup` and `stretchbot stats` ask the bot itself, over a
// unix socket next to the database (mode 0600), to take the copy or count.
// When no bot answers there, they open the file directly.
//
// The protocol is HTTP on the socket:
//
//	POST /backup {"path": "/absolute/file"}  → {"bytes": N}
//	GET  /stats                             → store.Stats as JSON
//
// Errors come back as {"error": "..."} with a 4xx or 5xx status.

// errNotRunning means no bot answered on the admin socket.
var errNotRunning = errors.New("no running bot answered on the admin socket")

// adminTimeout bounds one request on the admin socket; a backup of a
// large database takes a while.
const adminTimeout = 30 * time.Minute

// adminServer is the running bot's side of the admin socket.
type adminServer struct {
	srv  *http.Server
	ln   net.Listener
	path string
	done chan struct{}
}

// serveAdmin listens on the unix socket at path, mode 0600, and serves
// backups and stats of db. A socket left there by a process that died is
// replaced: a running bot would hold the database, which the caller has
// opened.
func serveAdmin(path string, db *store.DB, log *slog.Logger) (*adminServer, error) {
	if fi, err := os.Lstat(path); err == nil {
		if fi.Mode()&fs.ModeSocket == 0 {
			return nil, fmt.Errorf("admin socket %s: a file that is not a socket is in the way", path)
		}
		if err := os.Remove(path); err != nil {
			return nil, fmt.Errorf("admin socket %s: %w", path, err)
		}
	}
	// Listen inside a fresh 0700 directory, restrict the socket, then move
	// it into place: at no moment can anyone else connect.
	tmpDir, err := os.MkdirTemp(filepath.Dir(path), ".admin-sock-")
	if err != nil {
		return nil, fmt.Errorf("admin socket %s: %w", path, err)
	}
	defer os.RemoveAll(tmpDir)
	tmp := filepath.Join(tmpDir, "s")
	ln, err := net.Listen("unix", tmp)
	if err != nil {
		return nil, fmt.Errorf("admin socket %s: %w", path, err)
	}
	ln.(*net.UnixListener).SetUnlinkOnClose(false)
	if err := os.Chmod(tmp, 0o600); err != nil {
		ln.Close()
		return nil, fmt.Errorf("admin socket %s: %w", path, err)
	}
	if err := os.Rename(tmp, path); err != nil {
		ln.Close()
		return nil, fmt.Errorf("admin socket %s: %w", path, err)
	}

	mux := http.NewServeMux()
	mux.HandleFunc("POST /backup", func(w http.ResponseWriter, r *http.Request) {
		var req struct {
			Path string `json:"path"`
		}
		if err := json.NewDecoder(io.LimitReader(r.Body, 64<<10)).Decode(&req); err != nil || !filepath.IsAbs(req.Path) {
			adminError(w, http.StatusBadRequest, errors.New("the backup needs an absolute file path"))
			return
		}
		n, err := db.BackupFile(req.Path)
		if err != nil {
			log.Error("backup over the admin socket failed", "err", err.Error())
			adminError(w, http.StatusInternalServerError, err)
			return
		}
		log.Info("backup taken over the admin socket", "bytes", n)
		writeJSON(w, map[string]int64{"bytes": n})
	})
	mux.HandleFunc("GET /stats", func(w http.ResponseWriter, r *http.Request) {
		s, err := db.Stats(r.Context())
		if err != nil {
			adminError(w, http.StatusInternalServerError, err)
			return
		}
		writeJSON(w, s)
	})
	a := &adminServer{
		srv:  &http.Server{Handler: mux, ReadHeaderTimeout: 10 * time.Second},
		ln:   ln,
		path: path,
		done: make(chan struct{}),
	}
	go func() {
		defer close(a.done)
		if err := a.srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
			log.Error("admin socket stopped", "err", err.Error())
		}
	}()
	log.Info("admin socket listening", "path", path)
	return a, nil
}

// Close waits for a backup in progress (up to ctx), stops listening and
// removes the socket.
func (a *adminServer) Close(ctx context.Context) error {
	err := a.srv.Shutdown(ctx)
	<-a.done
	if rerr := os.Remove(a.path); rerr != nil && !errors.Is(rerr, fs.ErrNotExist) && err == nil {
		err = rerr
	}
	return err
}

func writeJSON(w http.ResponseWriter, v any) {
	w.Header().Set("Content-Type", "application/json")
	_ = json.NewEncoder(w).Encode(v)
}

func adminError(w http.ResponseWriter, code int, err error) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(code)
	_ = json.NewEncoder(w).Encode(map[string]string{"error": err.Error()})
}

// adminCall makes one request on the admin socket and decodes the answer
// into out. It returns errNotRunning when nothing listens there.
func adminCall(ctx context.Context, sock, method, path string, body, out any) error {
	tr := &http.Transport{DialContext: func(ctx context.Context, _, _ string) (net.Conn, error) {
		var d net.Dialer
		return d.DialContext(ctx, "unix", sock)
	}}
	defer tr.CloseIdleConnections()
	ctx, cancel := context.WithTimeout(ctx, adminTimeout)
	defer cancel()
	var rd io.Reader
	if body != nil {
		b, err := json.Marshal(body)
		if err != nil {
			return err
		}
		rd = bytes.NewReader(b)
	}
	req, err := http.NewRequestWithContext(ctx, method, "http://stretchbot"+path, rd)
	if err != nil {
		return err
	}
	resp, err := (&http.Client{Transport: tr}).Do(req)
	if err != nil {
		var op *net.OpError
		if errors.As(err, &op) && op.Op == "dial" {
			return errNotRunning
		}
		return fmt.Errorf("admin socket %s: %w", sock, err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		var e struct {
			Error string `json:"error"`
		}
		if json.NewDecoder(resp.Body).Decode(&e) != nil || e.Error == "" {
			e.Error = resp.Status
		}
		return fmt.Errorf("the running bot answered: %s", e.Error)
	}
	return json.NewDecoder(resp.Body).Decode(out)
}

// openExisting opens the database for an admin subcommand: it must exist
// already (a typo must not create an empty one).
func openExisting(path string) (*store.DB, error) {
	if _, err := os.Stat(path); err != nil {
		return nil, fmt.Errorf("no database at %s: %w", path, err)
	}
	st, err := store.Open(path, store.Options{})
	if errors.Is(err, store.ErrLocked) {
		return nil, fmt.Errorf("%w; a running bot holds it, and no bot answered on its admin socket (STRETCHBOT_ADMIN_SOCKET)", err)
	}
	return st, err
}

// runBackup is `stretchbot backup FILE`: a consistent copy of the
// database (bbolt's Tx.WriteTo inside one read transaction). While the bot
// runs, the bot takes the copy through its admin socket, so it never has
// to stop; otherwise the file is opened directly.
func runBackup(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("stretchbot backup", flag.ContinueOnError)
	cfg, err := parseConfig(fs, cmdBackup, args, getenv, stdout)
	if errors.Is(err, errHelp) {
		return 0
	}
	if err != nil {
		fmt.Fprintf(stderr, "stretchbot backup: %v\n", err)
		return 2
	}
	if fs.NArg() != 1 {
		fmt.Fprintln(stderr, "usage: stretchbot backup [-db PATH] FILE")
		return 2
	}
	dst, err := filepath.Abs(fs.Arg(0))
	if err != nil {
		fmt.Fprintf(stderr, "stretchbot backup: %v\n", err)
		return 1
	}
	if cfg.AdminSocket != "" {
		var res struct {
			Bytes int64 `json:"bytes"`
		}
		err := adminCall(ctx, cfg.AdminSocket, http.MethodPost, "/backup", map[string]string{"path": dst}, &res)
		if err == nil {
			fmt.Fprintf(stdout, "backed up %s to %s (%d bytes, taken by the running bot)\n", cfg.DB, dst, res.Bytes)
			return 0
		}
		if !errors.Is(err, errNotRunning) {
			fmt.Fprintf(stderr, "stretchbot backup: %v\n", err)
			return 1
		}
	}
	st, err := openExisting(cfg.DB)
	if err != nil {
		fmt.Fprintf(stderr, "stretchbot backup: %v\n", err)
		return 1
	}
	defer st.Close()
	n, err := st.BackupFile(dst)
	if err != nil {
		fmt.Fprintf(stderr, "stretchbot backup: %v\n", err)
		return 1
	}
	fmt.Fprintf(stdout, "backed up %s to %s (%d bytes)\n", cfg.DB, dst, n)
	return 0
}

// runStats is `stretchbot stats`: aggregate counts with no personal data,
// from the running bot when there is one, else from the file.
func runStats(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("stretchbot stats", flag.ContinueOnError)
	asJSON := fs.Bool("json", false, "print JSON")
	cfg, err := parseConfig(fs, cmdStats, args, getenv, stdout)
	if errors.Is(err, errHelp) {
		return 0
	}
	if err != nil {
		fmt.Fprintf(stderr, "stretchbot stats: %v\n", err)
		return 2
	}
	if fs.NArg() != 0 {
		fmt.Fprintln(stderr, "usage: stretchbot stats [-json] [-db PATH]")
		return 2
	}
	s, err := readStats(ctx, cfg)
	if err != nil {
		fmt.Fprintf(stderr, "stretchbot stats: %v\n", err)
		return 1
	}
	if *asJSON {
		b, _ := json.MarshalIndent(s, "", "  ")
		fmt.Fprintln(stdout, string(b))
		return 0
	}
	fmt.Fprintf(stdout, "schema %d\nusers %d (onboarded %d, paused %d, blocked %d)\nreminded %d in %d time zones\n",
		s.Schema, s.Users, s.Onboarded, s.Paused, s.Blocked, s.Reminded, s.Zones)
	fmt.Fprintf(stdout, "routines recorded %d\nred flags: clinician %d, emergency %d\ncorrupt values %d\nfile size %d bytes\n",
		s.Records["routine"], s.RedFlags["clinician"], s.RedFlags["emergency"], s.Corrupt, s.FileSize)
	return 0
}

// readStats asks the running bot, else reads the file.
func readStats(ctx context.Context, cfg *config) (store.Stats, error) {
	var s store.Stats
	if cfg.AdminSocket != "" {
		err := adminCall(ctx, cfg.AdminSocket, http.MethodGet, "/stats", nil, &s)
		if !errors.Is(err, errNotRunning) {
			return s, err
		}
	}
	st, err := openExisting(cfg.DB)
	if err != nil {
		return s, err
	}
	defer st.Close()
	return st.Stats(ctx)
}

// statsCounts is the bot's /stats source: the store's aggregate counts,
// keyed by the placeholders of the "ops.stats" message.
func statsCounts(db *store.DB) func(ctx context.Context) (map[string]int64, error) {
	return func(ctx context.Context) (map[string]int64, error) {
		s, err := db.Stats(ctx)
		if err != nil {
			return nil, err
		}
		return map[string]int64{
			"users": int64(s.Users), "onboarded": int64(s.Onboarded), "paused": int64(s.Paused),
			"blocked": int64(s.Blocked), "reminded": int64(s.Reminded), "zones": int64(s.Zones),
			"routines": int64(s.Records["routine"]), "clinician": int64(s.RedFlags["clinician"]),
			"emergency": int64(s.RedFlags["emergency"]), "size_kib": s.FileSize / 1024, "corrupt": int64(s.Corrupt),
		}, nil
	}
}

// healthTimeout bounds `stretchbot healthcheck`.
const healthTimeout = 5 * time.Second

// runHealthcheck is `stretchbot healthcheck`: GET /healthz on the running
// bot's metrics listener (STRETCHBOT_METRICS_ADDR, on the loopback
// interface when the address names no host) and exit 0 on 200. The
// container image's HEALTHCHECK runs it, so the image needs no curl.
func runHealthcheck(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("stretchbot healthcheck", flag.ContinueOnError)
	cfg, err := parseConfig(fs, cmdHealthcheck, args, getenv, stdout)
	if errors.Is(err, errHelp) {
		return 0
	}
	if err != nil {
		fmt.Fprintf(stderr, "stretchbot healthcheck: %v\n", err)
		return 2
	}
	if cfg.MetricsAddr == "" {
		fmt.Fprintln(stderr, "stretchbot healthcheck: STRETCHBOT_METRICS_ADDR is empty: the health listener is off, so there is nothing to ask")
		return 1
	}
	url := "http://" + loopbackAddr(cfg.MetricsAddr) + "/healthz"
	ctx, cancel := context.WithTimeout(ctx, healthTimeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		fmt.Fprintf(stderr, "stretchbot healthcheck: %v\n", err)
		return 1
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		fmt.Fprintf(stderr, "stretchbot healthcheck: %v\n", err)
		return 1
	}
	defer resp.Body.Close()
	_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, 4<<10))
	if resp.StatusCode != http.StatusOK {
		fmt.Fprintf(stderr, "stretchbot healthcheck: %s answered %s\n", url, resp.Status)
		return 1
	}
	fmt.Fprintf(stdout, "healthy: %s\n", url)
	return 0
}

// loopbackAddr turns a listen address into one to dial: no host, or a
// wildcard host, means the loopback interface.
func loopbackAddr(listen string) string {
	host, port, err := net.SplitHostPort(listen)
	if err != nil {
		return listen
	}
	switch host {
	case "", "0.0.0.0":
		host = "127.0.0.1"
	case "::":
		host = "::1"
	}
	return net.JoinHostPort(host, port)
}
