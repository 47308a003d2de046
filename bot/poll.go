package bot

import (
	"context"
	"encoding/json"
	"errors"
	"math/rand/v2"
	"net/http"
	"sync"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"
)

// poll receives updates by long polling until ctx ends. An update is
// confirmed to Telegram (by asking for the next offset) only after the
// whole batch it came in was handled, so a crash loses nothing: at worst a
// batch is handled again, and the ids of recent updates are remembered to
// skip those. Errors back off exponentially with jitter; a 429 waits its
// retry_after.
func (b *Bot) poll(ctx context.Context) error {
	if _, err := b.api.Request(tgbotapi.DeleteWebhookConfig{}); err != nil {
		c, _ := classify(err)
		if c == classUnauthorized {
			return ErrUnauthorized
		}
		b.log.Warn("deleteWebhook failed", "class", c.String(), b.red.Err(err))
	}
	// The poll's client aborts when ctx ends, and waits longer than the
	// long poll itself.
	pollAPI := *b.api
	pollAPI.Client = &doer{
		client:  &http.Client{Transport: b.transport},
		base:    ctx,
		timeout: b.cfg.PollTimeout + 15*time.Second,
		red:     b.red,
		obs:     b.obs(),
	}
	var allowed []string
	_ = json.Unmarshal([]byte(allowedUpdates), &allowed)

	offset, failures := 0, 0
	b.log.Info("long polling started")
	for ctx.Err() == nil {
		ups, err := pollAPI.GetUpdates(tgbotapi.UpdateConfig{
			Offset:         offset,
			Limit:          100,
			Timeout:        int(b.cfg.PollTimeout / time.Second),
			AllowedUpdates: allowed,
		})
		if err != nil {
			if ctx.Err() != nil {
				break
			}
			class, wait := classify(err)
			if class == classUnauthorized {
				return ErrUnauthorized
			}
			failures++
			if class != classRateLimited {
				wait = pollBackoff(failures)
			}
			b.log.Warn("getUpdates failed", "class", class.String(), "retry_in", wait, b.red.Err(err))
			if !b.sleep(ctx, wait) {
				break
			}
			continue
		}
		failures = 0
		var wg sync.WaitGroup
		for _, u := range ups {
			if u.UpdateID >= offset {
				offset = u.UpdateID + 1
			}
			wg.Add(1)
			b.dispatch(u, wg.Done)
		}
		wg.Wait()
	}
	b.confirm(offset)
	return nil
}

// confirm tells Telegram every update below offset was handled, so a
// restart does not see them again.
func (b *Bot) confirm(offset int) {
	if offset == 0 {
		return
	}
	if _, err := b.api.Request(tgbotapi.UpdateConfig{Offset: offset, Limit: 1, Timeout: 0}); err != nil {
		c, _ := classify(err)
		b.log.Warn("could not confirm the last updates; they will be delivered again and skipped", "class", c.String(), b.red.Err(err))
	}
}

// pollBackoff is the wait after n failed polls in a row: 1 s doubling to
// 60 s, ±50 % jitter.
func pollBackoff(n int) time.Duration {
	d := time.Second
	for i := 1; i < n && d < time.Minute; i++ {
		d *= 2
	}
	d = min(d, time.Minute)
	return d/2 + rand.N(d+1)
}

// sleep waits d on the bot's clock and reports false if ctx ended first.
func (b *Bot) sleep(ctx context.Context, d time.Duration) bool {
	ch := make(chan struct{})
	t := b.clk.AfterFunc(d, func() { close(ch) })
	defer t.Stop()
	select {
	case <-ch:
		return true
	case <-ctx.Done():
		return false
	}
}

// errStopping is answered to webhook requests that arrive while the bot
// shuts down.
var errStopping = errors.New("bot: stopping")
