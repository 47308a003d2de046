package telegramtest

import (
	"net/http"
	"time"
)

// Fault is an injected failure. It applies to the next Times requests of
// Method (any rate-counted send when Method is "") to ChatID (any chat when
// 0).
type Fault struct {
	Method string
	ChatID int64
	Times  int

	// Code, when set, is the HTTP status and error_code of the answer:
	// 429 (with RetryAfter seconds), 500, 502, 403, 400...
	Code        int
	Description string // default: Telegram's wording for Code
	RetryAfter  int
	// HTML answers with an HTML page instead of JSON, like a proxy.
	HTML bool
	// Delay holds the answer back (real time).
	Delay time.Duration
	// Drop closes the connection without an answer.
	Drop bool
}

func (f *Fault) description() string {
	if f.Description != "" {
		return f.Description
	}
	switch f.Code {
	case http.StatusTooManyRequests:
		return "Too Many Requests: retry after " + itoa(f.RetryAfter)
	case http.StatusForbidden:
		return "Forbidden: bot was blocked by the user"
	case http.StatusBadRequest:
		return "Bad Request"
	case http.StatusUnauthorized:
		return "Unauthorized"
	case http.StatusBadGateway:
		return "Bad Gateway"
	default:
		return "Internal Server Error"
	}
}

func itoa(n int) string {
	if n == 0 {
		return "0"
	}
	neg := n < 0
	if neg {
		n = -n
	}
	var b [20]byte
	i := len(b)
	for n > 0 {
		i--
		b[i] = byte('0' + n%10)
		n /= 10
	}
	if neg {
		i--
		b[i] = '-'
	}
	return string(b[i:])
}

// Inject adds a fault. Faults are matched in the order they were added.
func (s *Server) Inject(f Fault) {
	if f.Times <= 0 {
		f.Times = 1
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.faults = append(s.faults, &f)
}

// ClearFaults removes every fault not yet used up.
func (s *Server) ClearFaults() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.faults = nil
}

// FaultsLeft returns how many injected failures have not happened yet.
func (s *Server) FaultsLeft() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	n := 0
	for _, f := range s.faults {
		n += f.Times
	}
	return n
}

func (s *Server) matchFaultLocked(method string, chat int64) *Fault {
	for i, f := range s.faults {
		if f.Times <= 0 {
			continue
		}
		if f.Method == "" && !IsCounted(method) || f.Method != "" && f.Method != method {
			continue
		}
		if f.ChatID != 0 && f.ChatID != chat {
			continue
		}
		f.Times--
		hit := *f
		if f.Times == 0 {
			s.faults = append(s.faults[:i:i], s.faults[i+1:]...)
		}
		return &hit
	}
	return nil
}

// Block makes every send and edit to the chat fail with 403 "bot was
// blocked by the user", as when the user blocked the bot.
func (s *Server) Block(chatID int64) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.blocked[chatID] = true
}

// Unblock undoes Block.
func (s *Server) Unblock(chatID int64) {
	s.mu.Lock()
	defer s.mu.Unlock()
	delete(s.blocked, chatID)
}

// isSendMethod reports whether the method fails for a chat that blocked the
// bot.
func isSendMethod(method string) bool {
	switch method {
	case "sendMessage", "editMessageText", "editMessageReplyMarkup",
		"sendDocument", "sendPhoto", "sendChatAction":
		return true
	}
	return false
}
