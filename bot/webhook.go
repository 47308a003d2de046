package bot

import (
	"context"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"net/http"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"
)

// secretHeader carries the webhook's secret_token in Telegram's requests.
const secretHeader = "X-Telegram-Bot-Api-Secret-Token"

// WebhookHandler returns the handler that receives Telegram's webhook
// requests: POST only; the secret header must match Config.Webhook.Secret
// (compared in constant time) or the answer is 401; the body is limited to
// Config.Webhook.MaxBodyBytes (413 beyond); the update is handled before
// the answer, so Telegram redelivers it if the bot dies first. It returns
// nil when the bot is not in webhook mode. Run serves it; it is exported
// for tests and for embedding in another server.
func (b *Bot) WebhookHandler() http.Handler {
	w := b.cfg.Webhook
	if w == nil {
		return nil
	}
	want := sha256.Sum256([]byte(w.Secret))
	return http.HandlerFunc(func(rw http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodPost {
			rw.Header().Set("Allow", http.MethodPost)
			http.Error(rw, "method not allowed", http.StatusMethodNotAllowed)
			return
		}
		// Hashing first makes the comparison independent of length too.
		got := sha256.Sum256([]byte(r.Header.Get(secretHeader)))
		if subtle.ConstantTimeCompare(got[:], want[:]) != 1 {
			b.log.Warn("webhook request refused: bad secret token")
			http.Error(rw, "unauthorized", http.StatusUnauthorized)
			return
		}
		var u tgbotapi.Update
		body := http.MaxBytesReader(rw, r.Body, w.MaxBodyBytes)
		if err := json.NewDecoder(body).Decode(&u); err != nil {
			var mbe *http.MaxBytesError
			if errors.As(err, &mbe) {
				http.Error(rw, "request too large", http.StatusRequestEntityTooLarge)
				return
			}
			http.Error(rw, "bad update", http.StatusBadRequest)
			return
		}
		if b.stopping.Load() {
			// Telegram will deliver it again later.
			http.Error(rw, errStopping.Error(), http.StatusServiceUnavailable)
			return
		}
		done := make(chan struct{})
		b.dispatch(u, func() { close(done) })
		select {
		case <-done:
			rw.WriteHeader(http.StatusOK)
		case <-r.Context().Done():
		}
	})
}

// WebhookAddr returns the address the webhook server listens on, once
// Run has started it ("" before, and in polling mode).
func (b *Bot) WebhookAddr() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.hookURL
}

// serveWebhook listens, registers the webhook with its secret token and
// serves it until ctx ends; then it stops taking requests and waits for
// those in flight.
func (b *Bot) serveWebhook(ctx context.Context) error {
	w := b.cfg.Webhook
	ln, err := net.Listen("tcp", w.Listen)
	if err != nil {
		return fmt.Errorf("bot: webhook listen: %w", err)
	}
	b.mu.Lock()
	b.hookURL = ln.Addr().String()
	b.mu.Unlock()

	mux := http.NewServeMux()
	mux.Handle("POST "+w.path(), b.WebhookHandler())
	srv := &http.Server{
		Handler:           mux,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       30 * time.Second,
		WriteTimeout:      60 * time.Second,
		IdleTimeout:       2 * time.Minute,
		MaxHeaderBytes:    16 << 10,
	}
	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()

	// tgbotapi v5.5.1 knows neither secret_token nor newer parameters:
	// send the request by hand.
	_, err = b.api.MakeRequest("setWebhook", tgbotapi.Params{
		"url":             w.URL,
		"secret_token":    w.Secret,
		"allowed_updates": allowedUpdates,
	})
	if err != nil {
		shut, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		_ = srv.Shutdown(shut)
		cancel()
		c, _ := classify(err)
		if c == classUnauthorized {
			return ErrUnauthorized
		}
		return fmt.Errorf("bot: setWebhook failed (%s): %s", c, b.red.String(err.Error()))
	}
	b.log.Info("webhook registered", "listen", ln.Addr().String(), "path", w.path())

	select {
	case <-ctx.Done():
	case err := <-served:
		return fmt.Errorf("bot: webhook server: %w", err)
	}
	shut, cancel := context.WithTimeout(context.Background(), b.cfg.ShutdownTimeout)
	defer cancel()
	if err := srv.Shutdown(shut); err != nil {
		b.log.Warn("webhook server did not stop cleanly", "err", err.Error())
	}
	return nil
}
