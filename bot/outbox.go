package bot

import (
	"container/heap"
	"context"
	"errors"
	"log/slog"
	"math/rand/v2"
	"sync"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"
	"github.com/stretchbot/stretchbot/clock"
	"github.com/stretchbot/stretchbot/coach"
)

// priority orders sends across chats.
type priority int

const (
	// interactive sends answer something the user just did.
	prioInteractive priority = iota
	// bulk sends are unrequested: reminders, follow-ups.
	prioBulk
	numPriorities
)

// maxThrottles is how many 429s in a row one message may meet before it is
// given up (and logged).
const maxThrottles = 10

// errOutboxClosed is returned by enqueue after the outbox was closed.
var errOutboxClosed = errors.New("bot: outbox closed")

// job is one request in the outbox: a message, an edit, a document or a
// photo for one chat.
type job struct {
	user coach.UserID // 0 for group and channel chats
	chat int64
	kind string // "message", "edit", "document", "photo": for logs
	req  tgbotapi.Chattable
	prio priority

	failures  int // 5xx and network errors so far
	throttles int // 429s so far
	// ack, when set, is called once the job's fate is final: accepted by
	// Telegram, or given up for good (logged). It removes the reply from
	// the durable outbox. It is not called for a job still queued when
	// the outbox closes: that reply is sent again at the next start.
	ack func()
}

// requester is what the outbox sends with: *tgbotapi.BotAPI.
type requester interface {
	Request(c tgbotapi.Chattable) (*tgbotapi.APIResponse, error)
}

// limiter is a sliding-window rate limit that holds at the receiving end:
// a send occupies its slot from its start until win after it finished, so
// at most n sends are ever "recent". If n+1 requests arrived at Telegram
// within win, the last to start would have found the other n recent (each
// finished after it arrived, less than win before), so it could not have
// started.
type limiter struct {
	n        int
	win      time.Duration
	inflight int
	done     []time.Time // finish times, pruned once older than win
}

// prune forgets sends that finished win or more before now.
func (l *limiter) prune(now time.Time) {
	k := 0
	for _, t := range l.done {
		if now.Sub(t) < l.win {
			l.done[k] = t
			k++
		}
	}
	l.done = l.done[:k]
}

// free reports whether a send may start at now; if not, and the wait is
// for time rather than for a send in flight, when it may.
func (l *limiter) free(now time.Time) (bool, time.Time) {
	l.prune(now)
	if l.inflight+len(l.done) < l.n {
		return true, time.Time{}
	}
	var first time.Time
	for _, t := range l.done {
		if first.IsZero() || t.Before(first) {
			first = t
		}
	}
	if first.IsZero() {
		return false, time.Time{} // all in flight: wait for one to finish
	}
	return false, first.Add(l.win)
}

func (l *limiter) start() { l.inflight++ }

func (l *limiter) finish(at time.Time) {
	l.inflight--
	l.done = append(l.done, at)
}

func (l *limiter) idle(now time.Time) bool {
	l.prune(now)
	return l.inflight == 0 && len(l.done) == 0
}

// chatQueue is one chat's messages, sent strictly in order: one at a time,
// the head retried until it is sent or given up.
type chatQueue struct {
	id        int64
	jobs      []*job
	busy      bool      // the head is in flight
	notBefore time.Time // paused (429, backoff, rate limit) until
	lim       limiter
	urgent    int    // interactive jobs queued
	gen       uint64 // invalidates older ready-list entries
	waiting   bool   // in the timed heap
	heapIdx   int
}

func (c *chatQueue) prio() priority {
	if c.urgent > 0 {
		return prioInteractive
	}
	return prioBulk
}

// readyEntry is a chat in a ready list; stale when gen moved on.
type readyEntry struct {
	c   *chatQueue
	gen uint64
}

// timedHeap holds chats paused until notBefore.
type timedHeap []*chatQueue

func (h timedHeap) Len() int           { return len(h) }
func (h timedHeap) Less(i, j int) bool { return h[i].notBefore.Before(h[j].notBefore) }
func (h timedHeap) Swap(i, j int) {
	h[i], h[j] = h[j], h[i]
	h[i].heapIdx, h[j].heapIdx = i, j
}
func (h *timedHeap) Push(x any) {
	c := x.(*chatQueue)
	c.heapIdx = len(*h)
	*h = append(*h, c)
}
func (h *timedHeap) Pop() any {
	old := *h
	c := old[len(old)-1]
	old[len(old)-1] = nil
	*h = old[:len(old)-1]
	c.heapIdx = -1
	return c
}

// outbox sends everything the bot says, keeping Telegram's limits (see
// Limits), in order per chat, interactive before bulk, retrying what can
// be retried. It is safe for concurrent use.
type outbox struct {
	api     requester
	clk     clock.Clock
	log     *slog.Logger
	red     *redactor
	lim     Limits
	retry   Retry
	senders int
	// blocked is called (outside any lock) when a chat answered 403.
	blocked func(user coach.UserID)

	mu          sync.Mutex
	chats       map[int64]*chatQueue
	ready       [numPriorities][]readyEntry
	timed       timedHeap
	global      limiter
	pausedUntil time.Time // every chat, after 429s from several chats
	last429     int64     // the chat of the last 429 and its pause
	last429To   time.Time
	inflight    int
	queued      int
	closed      bool
	wake        chan struct{} // buffered 1: something changed
	stop        chan struct{} // closed: the loop must end now
	loopDone    chan struct{}
	idle        chan struct{} // closed and replaced whenever the outbox empties
	sweepAt     time.Time
	sendWG      sync.WaitGroup
	// heldUntil (wall clock) holds every send at process start, see
	// holdAtStart.
	heldUntil time.Time
}

// newOutbox returns a running outbox; close stops it.
func newOutbox(api requester, clk clock.Clock, log *slog.Logger, red *redactor, lim Limits, retry Retry, senders int, blocked func(coach.UserID)) *outbox {
	o := &outbox{
		api: api, clk: clk, log: log, red: red, lim: lim, retry: retry, senders: senders, blocked: blocked,
		chats:    map[int64]*chatQueue{},
		global:   limiter{n: lim.Global, win: lim.GlobalWindow},
		wake:     make(chan struct{}, 1),
		stop:     make(chan struct{}),
		loopDone: make(chan struct{}),
		idle:     make(chan struct{}),
	}
	go o.run()
	return o
}

// processStart is when this process started (near enough: package
// initialisation).
var processStart = time.Now()

// holdAtStart holds every send until one rate window after the process
// started. A process that was just (re)started cannot know what its
// predecessor sent in its last moments, and those sends still count at
// Telegram: after a crash, sending at once could exceed the per-chat
// limit (the crash test measured such violations before this hold, none
// since). Every send of a predecessor happened before this process
// started, so the hold is only what is left of the window after start-up
// (about 1-2 s with the time-zone finder loading). Wall time, not the
// outbox's clock: it is about the real previous process.
func (o *outbox) holdAtStart(window time.Duration) {
	until := processStart.Add(window)
	d := time.Until(until)
	if d <= 0 {
		return
	}
	o.mu.Lock()
	o.heldUntil = until
	o.mu.Unlock()
	time.AfterFunc(d, o.signal)
}

// signal wakes the loop.
func (o *outbox) signal() {
	select {
	case o.wake <- struct{}{}:
	default:
	}
}

// enqueue adds jobs, in order, at the end of their chats' queues.
func (o *outbox) enqueue(jobs ...*job) error {
	o.mu.Lock()
	if o.closed {
		o.mu.Unlock()
		for _, j := range jobs {
			o.log.Error("send dropped: outbox closed", "user", int64(j.user), "kind", j.kind)
		}
		return errOutboxClosed
	}
	for _, j := range jobs {
		c := o.chats[j.chat]
		if c == nil {
			c = &chatQueue{id: j.chat, lim: limiter{n: o.lim.PerChat, win: o.lim.PerChatWindow}, heapIdx: -1}
			o.chats[j.chat] = c
		}
		before := c.prio()
		c.jobs = append(c.jobs, j)
		o.queued++
		if j.prio == prioInteractive {
			c.urgent++
		}
		if len(c.jobs) == 1 || c.prio() != before {
			o.scheduleLocked(c, o.clk.Now())
		}
	}
	o.mu.Unlock()
	o.signal()
	return nil
}

// scheduleLocked puts a chat with work, not in flight, where the loop
// finds it: the ready list of its priority, or the timed heap while it is
// paused. It judges the pause at now, the moment the caller read the
// chat's limits at: a fresher reading of the clock could find a rate
// window over that the caller's limiter still counts, and dispatch would
// take the chat off the ready list, find it not free, put it back, and
// spin there holding the lock (seen under load, where a pass of the loop
// outlasts a window).
func (o *outbox) scheduleLocked(c *chatQueue, now time.Time) {
	if c.busy || len(c.jobs) == 0 {
		return
	}
	if c.notBefore.After(now) {
		if c.waiting {
			heap.Fix(&o.timed, c.heapIdx)
		} else {
			c.waiting = true
			heap.Push(&o.timed, c)
		}
		return
	}
	if c.waiting {
		heap.Remove(&o.timed, c.heapIdx)
		c.waiting = false
	}
	c.gen++
	p := c.prio()
	o.ready[p] = append(o.ready[p], readyEntry{c: c, gen: c.gen})
}

// popReadyLocked returns the next chat to serve, interactive first.
func (o *outbox) popReadyLocked() *chatQueue {
	for p := range o.ready {
		for len(o.ready[p]) > 0 {
			e := o.ready[p][0]
			o.ready[p][0] = readyEntry{}
			o.ready[p] = o.ready[p][1:]
			if e.gen == e.c.gen && !e.c.busy && !e.c.waiting && len(e.c.jobs) > 0 {
				e.c.gen++ // taken: older entries are stale
				return e.c
			}
		}
	}
	return nil
}

// run is the dispatch loop. It returns after stop is closed.
func (o *outbox) run() {
	defer close(o.loopDone)
	for {
		next := o.dispatch()
		var timer clock.Timer
		if !next.IsZero() {
			d := next.Sub(o.clk.Now())
			if d <= 0 {
				continue
			}
			timer = o.clk.AfterFunc(d, o.signal)
		}
		select {
		case <-o.wake:
		case <-o.stop:
			if timer != nil {
				timer.Stop()
			}
			return
		}
		if timer != nil {
			timer.Stop()
		}
	}
}

// dispatch starts every send that may start now and returns when the loop
// should look again (zero: when woken).
func (o *outbox) dispatch() time.Time {
	o.mu.Lock()
	defer o.mu.Unlock()
	now := o.clk.Now()
	for o.timed.Len() > 0 && !o.timed[0].notBefore.After(now) {
		c := heap.Pop(&o.timed).(*chatQueue)
		c.waiting = false
		o.scheduleLocked(c, now)
	}
	var next time.Time
	later := func(t time.Time) {
		if !t.IsZero() && (next.IsZero() || t.Before(next)) {
			next = t
		}
	}
	if o.timed.Len() > 0 {
		later(o.timed[0].notBefore)
	}
	o.sweepLocked(now)
	if time.Now().Before(o.heldUntil) {
		return next // the hold's own timer wakes the loop
	}
	for o.inflight < o.senders {
		if o.pausedUntil.After(now) {
			later(o.pausedUntil)
			break
		}
		ok, at := o.global.free(now)
		if !ok {
			later(at)
			break
		}
		c := o.popReadyLocked()
		if c == nil {
			break
		}
		if ok, at := c.lim.free(now); !ok {
			if at.IsZero() {
				// Cannot happen: a chat has at most one send in flight and
				// PerChat >= 1. Retry shortly rather than stall.
				at = now.Add(o.lim.PerChatWindow)
			}
			c.notBefore = at
			o.scheduleLocked(c, now)
			later(at)
			continue
		}
		j := c.jobs[0]
		c.busy = true
		c.lim.start()
		o.global.start()
		o.inflight++
		o.sendWG.Add(1)
		go o.send(c, j)
	}
	return next
}

// sweepLocked forgets idle chats whose rate windows have passed, once a
// minute.
func (o *outbox) sweepLocked(now time.Time) {
	if now.Before(o.sweepAt) {
		return
	}
	o.sweepAt = now.Add(time.Minute)
	for id, c := range o.chats {
		if len(c.jobs) == 0 && !c.busy && c.lim.idle(now) {
			delete(o.chats, id)
		}
	}
}

// send performs one request and files its outcome.
func (o *outbox) send(c *chatQueue, j *job) {
	defer o.sendWG.Done()
	_, err := o.api.Request(j.req)
	class, wait := classify(err)
	switch class {
	case classOK, classNotModified, classGone:
		// First thing: the time between Telegram accepting a message and
		// its removal from the durable outbox is the only window in which
		// a crash sends it twice.
		if j.ack != nil {
			j.ack()
		}
	case classBlocked:
		if j.user != 0 && o.blocked != nil {
			o.blocked(j.user)
		}
	}
	var acks []func()
	defer func() {
		for _, a := range acks {
			a()
		}
	}()

	o.mu.Lock()
	now := o.clk.Now()
	c.busy = false
	c.lim.finish(now)
	o.global.finish(now)
	o.inflight--
	switch class {
	case classOK, classNotModified:
		o.popLocked(c)
	case classGone:
		o.log.Debug("edit skipped: message gone", "user", int64(j.user))
		o.popLocked(c)
	case classRateLimited:
		j.throttles++
		if j.throttles > maxThrottles {
			o.giveUpLocked(c, j, class, err)
			break
		}
		until := now.Add(wait)
		c.notBefore = until
		// 429s from two different chats inside one pause mean the limit
		// hit is the bot's, not a chat's: pause everything.
		if o.last429 != c.id && o.last429To.After(now) {
			if until.After(o.pausedUntil) {
				o.pausedUntil = until
			}
			if o.last429To.After(o.pausedUntil) {
				o.pausedUntil = o.last429To
			}
		}
		o.last429, o.last429To = c.id, until
		o.log.Warn("send throttled", "user", int64(j.user), "retry_after", wait)
	case classServer, classNetwork:
		j.failures++
		if j.failures >= o.retry.Attempts {
			o.giveUpLocked(c, j, class, err)
			break
		}
		c.notBefore = now.Add(o.backoff(j.failures))
		o.log.Warn("send failed, will retry", "user", int64(j.user), "class", class.String(), "attempt", j.failures)
	case classBlocked:
		n := len(c.jobs)
		for _, x := range c.jobs {
			if x.prio == prioInteractive {
				c.urgent--
			}
			if x.ack != nil {
				acks = append(acks, x.ack)
			}
		}
		o.queued -= n
		c.jobs = nil
		o.log.Info("chat blocked the bot: queue dropped", "user", int64(j.user), "dropped", n)
	case classCanceled:
		// Stopping hard; close logs what is left.
	default: // bad request, unauthorized, conflict: retrying will not help
		o.giveUpLocked(c, j, class, err)
	}
	switch class {
	case classOK, classNotModified, classGone, classBlocked:
		// Acknowledged above.
	default:
		if j.ack != nil && (len(c.jobs) == 0 || c.jobs[0] != j) {
			acks = append(acks, j.ack) // given up for good, and logged
		}
	}
	o.scheduleLocked(c, now)
	o.checkIdleLocked()
	o.mu.Unlock()
	o.signal()
}

// popLocked removes the head of the chat's queue.
func (o *outbox) popLocked(c *chatQueue) {
	if c.jobs[0].prio == prioInteractive {
		c.urgent--
	}
	c.jobs[0] = nil
	c.jobs = c.jobs[1:]
	o.queued--
}

// giveUpLocked logs a message that will not be delivered and drops it.
func (o *outbox) giveUpLocked(c *chatQueue, j *job, class errClass, err error) {
	o.log.Error("send failed for good", "user", int64(j.user), "kind", j.kind, "class", class.String(),
		"failures", j.failures, "throttles", j.throttles, o.red.Err(err))
	o.popLocked(c)
}

// backoff is the wait after the nth failure: Base·2^(n-1), capped at Max,
// with ±50 % jitter.
func (o *outbox) backoff(n int) time.Duration {
	d := o.retry.Base
	for i := 1; i < n && d < o.retry.Max; i++ {
		d *= 2
	}
	d = min(d, o.retry.Max)
	return d/2 + rand.N(d+1)
}

func (o *outbox) checkIdleLocked() {
	if o.queued == 0 && o.inflight == 0 {
		close(o.idle)
		o.idle = make(chan struct{})
	}
}

// pending returns how many sends are queued or in flight.
func (o *outbox) pending() int {
	o.mu.Lock()
	defer o.mu.Unlock()
	return o.queued
}

// flush waits until everything queued has been sent or given up, or ctx
// ends. It reports whether the outbox emptied.
func (o *outbox) flush(ctx context.Context) bool {
	for {
		o.mu.Lock()
		empty := o.queued == 0 && o.inflight == 0
		ch := o.idle
		o.mu.Unlock()
		if empty {
			return true
		}
		select {
		case <-ch:
		case <-ctx.Done():
			return false
		}
	}
}

// close stops accepting sends, flushes what is queued until ctx ends,
// logs whatever could not be delivered by then, and stops the loop. cancel
// aborts the requests still in flight; it may be nil.
func (o *outbox) close(ctx context.Context, cancel context.CancelFunc) {
	o.mu.Lock()
	if o.closed {
		o.mu.Unlock()
		return
	}
	o.closed = true
	o.mu.Unlock()
	if !o.flush(ctx) {
		if cancel != nil {
			cancel()
		}
	}
	close(o.stop)
	<-o.loopDone
	o.sendWG.Wait()
	o.mu.Lock()
	defer o.mu.Unlock()
	for _, c := range o.chats {
		for _, j := range c.jobs {
			o.log.Error("send not delivered before shutdown", "user", int64(j.user), "kind", j.kind)
		}
	}
}
