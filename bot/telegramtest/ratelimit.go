package telegramtest

import (
	"sync"
	"time"
)

// Limits is a rate rule in sliding windows: at most Global counted requests
// arrive in any window of GlobalWindow, and at most PerChat arrive for one
// chat in any window of PerChatWindow. An arrival is a violation when, with
// it, its window holds more than allowed: i.e. when the Nth previous arrival
// is less than the window before it.
//
// Counted requests are the ones that put something in a chat: sendMessage,
// sendDocument, sendPhoto, editMessageText and editMessageReplyMarkup,
// counted on arrival whether or not they then fail (a request that gets a
// 429 still counted against the limit). Callback answers, chat actions and
// the other methods are not counted.
//
// stretchbot's outbox keeps the same rule (see bot.Limits), measuring each
// window from the end of the previous request, so it can never trip this
// checker.
type Limits struct {
	Global        int
	GlobalWindow  time.Duration
	PerChat       int
	PerChatWindow time.Duration
}

// TelegramLimits returns Telegram's documented guidance, with a burst of
// three per chat: 30 messages in any second overall; 3 in any 3 seconds per
// chat (1/s on average).
func TelegramLimits() Limits {
	return Limits{Global: 30, GlobalWindow: time.Second, PerChat: 3, PerChatWindow: 3 * time.Second}
}

// IsCounted reports whether the method counts against the rate limits.
func IsCounted(method string) bool {
	switch method {
	case "sendMessage", "sendDocument", "sendPhoto", "editMessageText", "editMessageReplyMarkup":
		return true
	}
	return false
}

// window is the last N arrivals, oldest first once full.
type window struct {
	times []time.Time
	next  int
	full  bool
}

// add records an arrival at t and reports whether it broke the rule of at
// most len(times) arrivals per w.
func (x *window) add(t time.Time, w time.Duration) bool {
	if len(x.times) == 0 {
		return false
	}
	violated := x.full && t.Sub(x.times[x.next]) < w
	x.times[x.next] = t
	x.next++
	if x.next == len(x.times) {
		x.next, x.full = 0, true
	}
	return violated
}

type rateChecker struct {
	mu         sync.Mutex
	lim        Limits
	global     window
	chats      map[int64]*window
	violations int
	details    []string
}

func newRateChecker(l Limits) *rateChecker {
	return &rateChecker{lim: l, global: window{times: make([]time.Time, max(l.Global, 0))}, chats: map[int64]*window{}}
}

func (r *rateChecker) arrive(chat int64, t time.Time) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.global.add(t, r.lim.GlobalWindow) {
		r.violations++
		r.details = append(r.details, "global at "+t.Format(time.StampMicro))
	}
	w := r.chats[chat]
	if w == nil {
		w = &window{times: make([]time.Time, max(r.lim.PerChat, 0))}
		r.chats[chat] = w
	}
	if w.add(t, r.lim.PerChatWindow) {
		r.violations++
		r.details = append(r.details, "chat "+itoa(int(chat))+" at "+t.Format(time.StampMicro))
	}
}

// Violations returns how many counted requests broke the rate rule.
func (s *Server) Violations() int {
	s.rate.mu.Lock()
	defer s.rate.mu.Unlock()
	return s.rate.violations
}

// ViolationDetails describes each violation (which window, when), for
// test failure messages.
func (s *Server) ViolationDetails() []string {
	s.rate.mu.Lock()
	defer s.rate.mu.Unlock()
	return append([]string(nil), s.rate.details...)
}

// Limits returns the rule the server checks.
func (s *Server) Limits() Limits { return s.cfg.Limits }
