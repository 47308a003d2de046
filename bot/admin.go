package bot

import (
	"context"
	"log/slog"
	"slices"
	"strconv"
	"time"

	"github.com/stretchbot/stretchbot/coach"
)

// Admin configures the operators' Telegram commands. Only /stats exists:
// aggregate counts, never anyone's details.
type Admin struct {
	// IDs are the Telegram user ids allowed to use the operators'
	// commands. For everyone else the command does not exist: the coach
	// answers it like any unknown command, so nothing reveals it.
	IDs []int64
	// Stats returns the counts /stats shows, keyed by the placeholders of
	// the catalogue's "ops.stats" message (users, onboarded, paused,
	// blocked, reminded, zones, routines, clinician, emergency, size_kib,
	// corrupt). Nil: /stats is unknown to everyone.
	Stats func(ctx context.Context) (map[string]int64, error)
}

// adminTimeout bounds one operator command.
const adminTimeout = 30 * time.Second

// isAdmin reports whether the user may use the operators' commands.
func (b *Bot) isAdmin(user coach.UserID) bool {
	return b.cfg.Admin.Stats != nil && slices.Contains(b.cfg.Admin.IDs, int64(user))
}

// adminCommand answers an operator command from an admin and reports
// true. For any other input, and for anyone who is not an admin, it
// reports false and the coach handles the input as usual.
func (b *Bot) adminCommand(user coach.UserID, lang string, in coach.Input, log *slog.Logger) bool {
	if in.Kind != coach.InputCommand || in.Command != "stats" || !b.isAdmin(user) {
		return false
	}
	log.Info("operator command", "user", int64(user), "command", in.Command)
	ctx, cancel := context.WithTimeout(b.life, adminTimeout)
	defer cancel()
	counts, err := b.cfg.Admin.Stats(ctx)
	if err != nil {
		log.Error("operator command failed", "user", int64(user), "command", in.Command, b.red.Err(err))
		b.say(user, b.t(lang, "ops.stats_failed"))
		return true
	}
	args := make([]string, 0, 2*len(counts))
	for k, v := range counts {
		args = append(args, k, strconv.FormatInt(v, 10))
	}
	b.say(user, b.t(lang, "ops.stats", args...))
	return true
}
