// Package metrics is stretchbot's operational view: Prometheus metrics on
// their own registry, and the health endpoints a container runtime or a
// load balancer asks.
//
// A Metrics implements bot.Observer, so the bot reports what it does
// without importing Prometheus, and the coach knows nothing of either.
// Handler serves:
//
//	/metrics  Prometheus text format (this registry only, plus the Go
//	          runtime and process collectors)
//	/healthz  200 while the process serves HTTP at all
//	/readyz   200 when the database answers and Telegram answered a
//	          request within the ready window; 503 with the reason if not
//
// Every metric is named stretchbot_*; see New for the list.
package metrics

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"strconv"
	"sync/atomic"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"
	"github.com/stretchbot/stretchbot/bot"
	"github.com/stretchbot/stretchbot/clock"
	"github.com/stretchbot/stretchbot/coach"
)

// DefaultReadyWindow is how recently Telegram must have answered for the
// bot to be ready, when Options.ReadyWindow is zero.
const DefaultReadyWindow = 5 * time.Minute

// Options configure New. DB is required; the rest have defaults.
type Options struct {
	// DB reports whether the database is open and answering (nil when
	// it is); /readyz fails while it returns an error.
	DB func() error
	// DBSize returns the database file's size in bytes, for the
	// stretchbot_db_size_bytes gauge; the gauge is left out when nil.
	DBSize func() int64
	// ReadyWindow: Telegram counts as reachable while its last
	// successful answer is younger than this; DefaultReadyWindow when 0.
	ReadyWindow time.Duration
	// Clock tells the time for readiness; the system clock when nil.
	Clock clock.Clock
}

// Metrics collects stretchbot's metrics and serves them with the health
// endpoints. It is safe for concurrent use.
type Metrics struct {
	opt Options
	reg *prometheus.Registry

	updates         *prometheus.CounterVec
	latency         prometheus.Histogram
	routinesStarted *prometheus.CounterVec
	routinesEnded   *prometheus.CounterVec
	reminders       *prometheus.CounterVec
	redFlags        *prometheus.CounterVec
	apiRequests     *prometheus.CounterVec
	apiErrors       *prometheus.CounterVec

	lastOK atomic.Int64               // unix nanoseconds of the last successful Bot API answer
	outbox atomic.Pointer[func() int] // the outbox depth, once the bot exists
}

// New returns Metrics with these series registered on a registry of its
// own (never Prometheus' global one):
//
//	stretchbot_updates_total{kind}                      updates received, by kind (bot.UpdateKinds)
//	stretchbot_update_handling_seconds                  handling latency histogram
//	stretchbot_routines_started_total{slot}             routines started
//	stretchbot_routines_ended_total{slot,outcome}       routines ended: completed or stopped
//	stretchbot_reminders_total{event}                   reminders sent, snoozed, skipped
//	stretchbot_red_flags_total{level}                   red flags reported: clinician, emergency
//	stretchbot_telegram_requests_total{method}          Bot API requests
//	stretchbot_telegram_errors_total{method,code,class} failed Bot API requests (code 0: no answer)
//	stretchbot_telegram_last_success_timestamp_seconds  when Telegram last answered successfully
//	stretchbot_outbox_depth                             sends queued or in flight
//	stretchbot_db_size_bytes                            the database file's size
//
// and the standard go_* and process_* collectors.
func New(opt Options) (*Metrics, error) {
	if opt.DB == nil {
		return nil, errors.New("metrics: Options.DB is required")
	}
	if opt.ReadyWindow <= 0 {
		opt.ReadyWindow = DefaultReadyWindow
	}
	if opt.Clock == nil {
		opt.Clock = clock.Real{}
	}
	m := &Metrics{opt: opt, reg: prometheus.NewRegistry()}
	counter := func(name, help string, labels ...string) *prometheus.CounterVec {
		c := prometheus.NewCounterVec(prometheus.CounterOpts{Name: name, Help: help}, labels)
		m.reg.MustRegister(c)
		return c
	}
	m.updates = counter("stretchbot_updates_total", "Telegram updates received, by kind.", "kind")
	m.latency = prometheus.NewHistogram(prometheus.HistogramOpts{
		Name:    "stretchbot_update_handling_seconds",
		Help:    "From an update's arrival until its replies were handed to the outbox, waiting behind the same user's earlier updates included.",
		Buckets: prometheus.ExponentialBuckets(0.001, 2.5, 10), // 1 ms .. 3.8 s
	})
	m.reg.MustRegister(m.latency)
	m.routinesStarted = counter("stretchbot_routines_started_total", "Routines started.", "slot")
	m.routinesEnded = counter("stretchbot_routines_ended_total", "Routines ended, completed or stopped early.", "slot", "outcome")
	m.reminders = counter("stretchbot_reminders_total", "Reminder pings sent, and presses of their snooze and skip buttons that took effect.", "event")
	m.redFlags = counter("stretchbot_red_flags_total", "Red flags reported, by urgency.", "level")
	m.apiRequests = counter("stretchbot_telegram_requests_total", "Bot API requests made.", "method")
	m.apiErrors = counter("stretchbot_telegram_errors_total", "Bot API requests that failed, by HTTP status (0: no answer) and error class.", "method", "code", "class")

	m.reg.MustRegister(prometheus.NewGaugeFunc(prometheus.GaugeOpts{
		Name: "stretchbot_telegram_last_success_timestamp_seconds",
		Help: "Unix time of the last successful Bot API answer; 0 before the first.",
	}, func() float64 {
		if n := m.lastOK.Load(); n != 0 {
			return float64(n) / 1e9
		}
		return 0
	}))
	m.reg.MustRegister(prometheus.NewGaugeFunc(prometheus.GaugeOpts{
		Name: "stretchbot_outbox_depth",
		Help: "Messages queued in the outbox or being sent.",
	}, func() float64 {
		if f := m.outbox.Load(); f != nil {
			return float64((*f)())
		}
		return 0
	}))
	if opt.DBSize != nil {
		m.reg.MustRegister(prometheus.NewGaugeFunc(prometheus.GaugeOpts{
			Name: "stretchbot_db_size_bytes",
			Help: "Size of the bbolt database file.",
		}, func() float64 { return float64(opt.DBSize()) }))
	}
	m.reg.MustRegister(collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))

	// Known label values start at zero, so rates and alerts work from the
	// first scrape.
	for _, k := range bot.UpdateKinds {
		m.updates.WithLabelValues(k)
	}
	for _, s := range []coach.Slot{coach.Morning, coach.Evening} {
		m.routinesStarted.WithLabelValues(string(s))
		m.routinesEnded.WithLabelValues(string(s), "completed")
		m.routinesEnded.WithLabelValues(string(s), "stopped")
	}
	for _, e := range []string{"sent", "snoozed", "skipped"} {
		m.reminders.WithLabelValues(e)
	}
	for _, l := range []coach.Level{coach.LevelClinician, coach.LevelEmergency} {
		m.redFlags.WithLabelValues(string(l))
	}
	return m, nil
}

// WatchOutbox makes stretchbot_outbox_depth read depth (the bot's
// Pending) from now on.
func (m *Metrics) WatchOutbox(depth func() int) { m.outbox.Store(&depth) }

// UpdateHandled implements bot.Observer.
func (m *Metrics) UpdateHandled(kind string, took time.Duration) {
	m.updates.WithLabelValues(kind).Inc()
	if kind != "duplicate" {
		m.latency.Observe(took.Seconds())
	}
}

// RoutineStarted implements bot.Observer.
func (m *Metrics) RoutineStarted(slot coach.Slot) {
	m.routinesStarted.WithLabelValues(slotLabel(slot)).Inc()
}

// RoutineEnded implements bot.Observer.
func (m *Metrics) RoutineEnded(slot coach.Slot, completed bool) {
	outcome := "stopped"
	if completed {
		outcome = "completed"
	}
	m.routinesEnded.WithLabelValues(slotLabel(slot), outcome).Inc()
}

// Reminder implements bot.Observer.
func (m *Metrics) Reminder(event string) {
	switch event {
	case "sent", "snoozed", "skipped":
		m.reminders.WithLabelValues(event).Inc()
	}
}

// RedFlag implements bot.Observer.
func (m *Metrics) RedFlag(level coach.Level) {
	switch level {
	case coach.LevelClinician, coach.LevelEmergency:
		m.redFlags.WithLabelValues(string(level)).Inc()
	}
}

// APIResult implements bot.Observer. Requests cancelled because the bot
// is stopping are not errors.
func (m *Metrics) APIResult(method string, status int, class string) {
	m.apiRequests.WithLabelValues(method).Inc()
	switch class {
	case "ok":
		m.lastOK.Store(m.opt.Clock.Now().UnixNano())
	case "canceled":
	default:
		m.apiErrors.WithLabelValues(method, strconv.Itoa(status), class).Inc()
	}
}

// slotLabel keeps the slot label's values bounded.
func slotLabel(s coach.Slot) string {
	if s.Valid() {
		return string(s)
	}
	return "other"
}

// LastSuccess returns when Telegram last answered a request successfully
// (zero before the first).
func (m *Metrics) LastSuccess() time.Time {
	if n := m.lastOK.Load(); n != 0 {
		return time.Unix(0, n)
	}
	return time.Time{}
}

// Ready returns nil when the bot can do its work: the database answers
// and Telegram answered successfully within the ready window.
func (m *Metrics) Ready() error {
	if err := m.opt.DB(); err != nil {
		return fmt.Errorf("database: %w", err)
	}
	last := m.LastSuccess()
	if last.IsZero() {
		return errors.New("telegram: no successful request yet")
	}
	if age := m.opt.Clock.Now().Sub(last); age > m.opt.ReadyWindow {
		return fmt.Errorf("telegram: last successful request %s ago (window %s)", age.Round(time.Second), m.opt.ReadyWindow)
	}
	return nil
}

// Handler serves /metrics, /healthz and /readyz.
func (m *Metrics) Handler() http.Handler {
	mux := http.NewServeMux()
	mux.Handle("GET /metrics", promhttp.HandlerFor(m.reg, promhttp.HandlerOpts{Registry: m.reg}))
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		_, _ = w.Write([]byte("ok\n"))
	})
	mux.HandleFunc("GET /readyz", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		if err := m.Ready(); err != nil {
			w.WriteHeader(http.StatusServiceUnavailable)
			_, _ = fmt.Fprintf(w, "not ready: %v\n", err)
			return
		}
		_, _ = w.Write([]byte("ready\n"))
	})
	return mux
}

// Server is a running metrics and health listener.
type Server struct {
	srv  *http.Server
	ln   net.Listener
	done chan struct{}
}

// Listen starts serving Handler on addr ("host:port"; ":0" picks a free
// port). It returns once the address is bound, so a port in use is
// reported at start.
func (m *Metrics) Listen(addr string, log *slog.Logger) (*Server, error) {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, fmt.Errorf("metrics: listen: %w", err)
	}
	s := &Server{
		srv: &http.Server{
			Handler:           m.Handler(),
			ReadHeaderTimeout: 5 * time.Second,
			ReadTimeout:       10 * time.Second,
			WriteTimeout:      30 * time.Second,
			IdleTimeout:       time.Minute,
			MaxHeaderBytes:    8 << 10,
			ErrorLog:          slog.NewLogLogger(log.Handler(), slog.LevelWarn),
		},
		ln:   ln,
		done: make(chan struct{}),
	}
	go func() {
		defer close(s.done)
		if err := s.srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
			log.Error("metrics server stopped", "err", err.Error())
		}
	}()
	log.Info("metrics and health listening", "addr", ln.Addr().String())
	return s, nil
}

// Addr returns the bound address.
func (s *Server) Addr() string { return s.ln.Addr().String() }

// Close stops the listener, letting requests in flight finish until ctx
// ends.
func (s *Server) Close(ctx context.Context) error {
	err := s.srv.Shutdown(ctx)
	<-s.done
	return err
}
