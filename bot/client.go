package bot

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"time"
)

// tokenPattern matches anything shaped like a bot token, and the token
// part of a Bot API URL path, so logs never carry one even if it is not
// the bot's own.
const tokenPattern = `\d{3,}:[A-Za-z0-9_-]{20,}|/bot[^/\s"]+/`

// redactor removes a token from text.
type redactor struct {
	token string
	re    *regexp.Regexp
}

func newRedactor(token string) *redactor {
	return &redactor{token: token, re: regexp.MustCompile(tokenPattern)}
}

// String returns s without the token.
func (r *redactor) String(s string) string {
	if r.token != "" {
		s = strings.ReplaceAll(s, r.token, "<token>")
	}
	return r.re.ReplaceAllStringFunc(s, func(m string) string {
		if strings.HasPrefix(m, "/bot") {
			return "/bot<token>/"
		}
		return "<token>"
	})
}

// Err returns an error attribute for logs, redacted.
func (r *redactor) Err(err error) slog.Attr {
	if err == nil {
		return slog.String("err", "")
	}
	return slog.String("err", r.String(err.Error()))
}

// tgLogger is the logger handed to tgbotapi.SetLogger: it redacts every
// line and forwards it to slog at Warn level. (tgbotapi logs transport
// errors with the full URL, token included.)
type tgLogger struct {
	log *slog.Logger
	red *redactor
}

func (l tgLogger) Println(v ...any) {
	l.log.Warn("tgbotapi", "line", l.red.String(strings.TrimSuffix(fmt.Sprintln(v...), "\n")))
}

func (l tgLogger) Printf(format string, v ...any) {
	l.log.Warn("tgbotapi", "line", l.red.String(strings.TrimSuffix(fmt.Sprintf(format, v...), "\n")))
}

// newTransport returns a pooled transport keeping up to conns idle
// connections: tgbotapi's default opens a new connection for nearly every
// concurrent request, and so does any pool smaller than the requests in
// flight (the handlers' callback answers, the senders and the poll).
func newTransport(conns int) *http.Transport {
	return &http.Transport{
		Proxy: http.ProxyFromEnvironment,
		DialContext: (&net.Dialer{
			Timeout:   10 * time.Second,
			KeepAlive: 30 * time.Second,
		}).DialContext,
		ForceAttemptHTTP2:     true,
		MaxIdleConns:          conns,
		MaxIdleConnsPerHost:   conns,
		IdleConnTimeout:       90 * time.Second,
		TLSHandshakeTimeout:   10 * time.Second,
		ExpectContinueTimeout: time.Second,
	}
}

// doer is the tgbotapi.HTTPClient: every request gets a deadline and the
// base context (so Run can abort a long poll), and a transport error comes
// back with the token cut out of its URL.
type doer struct {
	client  *http.Client
	base    context.Context
	timeout time.Duration
	red     *redactor
	obs     Observer // nil: not observed
}

// Do sends the request.
func (d *doer) Do(req *http.Request) (*http.Response, error) {
	ctx, cancel := context.WithTimeout(d.base, d.timeout)
	resp, err := d.client.Do(req.WithContext(ctx))
	resp = d.observeAnswer(req, resp, err)
	if err != nil {
		cancel()
		return nil, d.redact(err)
	}
	resp.Body = &cancelBody{ReadCloser: resp.Body, cancel: cancel}
	return resp, nil
}

// redact replaces a *url.Error by one whose URL has no token. The
// underlying error stays reachable, so timeouts and cancellation are still
// recognised.
func (d *doer) redact(err error) error {
	var ue *url.Error
	if errors.As(err, &ue) {
		return &url.Error{Op: ue.Op, URL: d.red.String(ue.URL), Err: ue.Err}
	}
	return err
}

// cancelBody releases the request's context when the body is closed.
type cancelBody struct {
	io.ReadCloser
	cancel context.CancelFunc
}

func (b *cancelBody) Close() error {
	err := b.ReadCloser.Close()
	b.cancel()
	return err
}
