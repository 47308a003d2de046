package bot

import (
	"context"
	"encoding/json"
	"errors"
	"regexp"
	"strconv"
	"strings"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"
)

// errClass is what a failed request means for the bot.
type errClass int

const (
	classOK           errClass = iota
	classBlocked               // 403: blocked, kicked, deactivated: stop sending to the chat
	classRateLimited           // 429: wait retry_after
	classServer                // 5xx or an unreadable answer (a proxy's page): retry with backoff
	classNetwork               // connection or timeout: retry with backoff
	classNotModified           // 400 "message is not modified": nothing to do
	classGone                  // 400 the message to edit is gone or too old: nothing to do
	classBadRequest            // other 400s: a defect, not retried
	classUnauthorized          // 401: the token was revoked
	classConflict              // 409: another poller or a webhook
	classCanceled              // the bot is stopping
)

// String names the class for logs.
func (c errClass) String() string {
	switch c {
	case classOK:
		return "ok"
	case classBlocked:
		return "blocked"
	case classRateLimited:
		return "rate_limited"
	case classServer:
		return "server"
	case classNetwork:
		return "network"
	case classNotModified:
		return "not_modified"
	case classGone:
		return "message_gone"
	case classBadRequest:
		return "bad_request"
	case classUnauthorized:
		return "unauthorized"
	case classConflict:
		return "conflict"
	case classCanceled:
		return "canceled"
	}
	return "unknown"
}

// retryAfterPattern finds the wait in a 429's description, for answers
// whose parameters were lost (the upload path keeps them, but a proxy may
// not).
var retryAfterPattern = regexp.MustCompile(`(?i)retry after (\d+)`)

// classify says what err means, and for a 429 how long to wait. It looks
// at the error code and, because tgbotapi's upload path leaves the code 0,
// at the description too.
func classify(err error) (errClass, time.Duration) {
	if err == nil {
		return classOK, 0
	}
	if errors.Is(err, context.Canceled) {
		return classCanceled, 0
	}
	var te *tgbotapi.Error
	if errors.As(err, &te) {
		return classifyAPI(te.Code, te.Message, te.RetryAfter)
	}
	var ve tgbotapi.Error
	if errors.As(err, &ve) {
		return classifyAPI(ve.Code, ve.Message, ve.RetryAfter)
	}
	var (
		syn *json.SyntaxError
		typ *json.UnmarshalTypeError
	)
	if errors.As(err, &syn) || errors.As(err, &typ) {
		// An HTML error page from a proxy or load balancer.
		return classServer, 0
	}
	// Anything else is the transport's: a timeout, a reset or refused
	// connection, an answer cut short. Retrying may help.
	return classNetwork, 0
}

func classifyAPI(code int, desc string, retryAfter int) (errClass, time.Duration) {
	d := strings.ToLower(desc)
	switch {
	case code == 429 || strings.HasPrefix(d, "too many requests"):
		if retryAfter <= 0 {
			if m := retryAfterPattern.FindStringSubmatch(desc); m != nil {
				retryAfter, _ = strconv.Atoi(m[1])
			}
		}
		if retryAfter <= 0 {
			retryAfter = 1
		}
		return classRateLimited, time.Duration(retryAfter) * time.Second
	case code == 403 || strings.HasPrefix(d, "forbidden"):
		return classBlocked, 0
	case code == 401 || strings.HasPrefix(d, "unauthorized"):
		return classUnauthorized, 0
	case code == 409 || strings.HasPrefix(d, "conflict"):
		return classConflict, 0
	case strings.Contains(d, "message is not modified"):
		return classNotModified, 0
	case strings.Contains(d, "message to edit not found") || strings.Contains(d, "message can't be edited"):
		return classGone, 0
	case code >= 500 || strings.Contains(d, "internal server error") || strings.Contains(d, "bad gateway") ||
		strings.Contains(d, "gateway timeout") || strings.Contains(d, "service unavailable"):
		return classServer, 0
	case code == 400 || strings.HasPrefix(d, "bad request"):
		return classBadRequest, 0
	}
	if code == 0 && desc == "" {
		return classServer, 0
	}
	return classBadRequest, 0
}
