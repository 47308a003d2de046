package bot

import (
	"context"
	"errors"
	"log/slog"
	"strings"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"
	"github.com/stretchbot/stretchbot/coach"
)

// commandPattern is a command at the start of a message: "/name",
// "/name@botname", with its argument after a space.
const commandPattern = `^/([A-Za-z0-9_]{1,32})(?:@([A-Za-z0-9_]{3,64}))?(?:\s+([\s\S]*))?$`

// dispatch queues an update for handling in its user's (or chat's) order
// and calls done once it has been handled (or ignored).
func (b *Bot) dispatch(u tgbotapi.Update, done func()) {
	if !b.seen.add(u.UpdateID) {
		b.log.Debug("duplicate update ignored", "update", u.UpdateID)
		b.obs().UpdateHandled("duplicate", 0)
		done()
		return
	}
	key, ok := updateKey(u)
	if !ok {
		done()
		return
	}
	received := time.Now()
	b.disp.submit(key, func() {
		defer done()
		b.handle(u, received)
	})
}

// updateKey is what orders an update: the user for private chats (their
// chat id is their user id), else the chat.
func updateKey(u tgbotapi.Update) (int64, bool) {
	switch {
	case u.Message != nil && u.Message.Chat != nil:
		return u.Message.Chat.ID, true
	case u.EditedMessage != nil && u.EditedMessage.Chat != nil:
		return u.EditedMessage.Chat.ID, true
	case u.CallbackQuery != nil && u.CallbackQuery.From != nil:
		return u.CallbackQuery.From.ID, true
	case u.ChannelPost != nil && u.ChannelPost.Chat != nil:
		return u.ChannelPost.Chat.ID, true
	case u.MyChatMember != nil:
		return u.MyChatMember.Chat.ID, true
	}
	return 0, false
}

// handle processes one update that arrived at received. It never panics.
// Every line it logs carries the update id.
func (b *Bot) handle(u tgbotapi.Update, received time.Time) {
	kind := kindOf(u)
	defer b.observeUpdate(kind, received)
	log := b.log.With("update", u.UpdateID, "kind", kind)
	switch {
	case u.CallbackQuery != nil:
		b.handleCallback(u.CallbackQuery, log)
	case u.Message != nil:
		b.handleMessage(u.Message, false, log)
	case u.EditedMessage != nil:
		b.handleMessage(u.EditedMessage, true, log)
	case u.ChannelPost != nil:
		if u.ChannelPost.Chat != nil {
			b.privateOnly(u.ChannelPost.Chat.ID, "", log)
		}
	case u.MyChatMember != nil:
		b.handleMembership(u.MyChatMember, log)
	}
}

// recoverTask turns a panic in handling into a log line with the user id
// and where it happened (never the panic's value, which may hold text) and
// an apology to the user.
func (b *Bot) recoverTask(user coach.UserID, what string, log *slog.Logger) {
	r := recover()
	if r == nil {
		return
	}
	log.Error("panic while handling an update", "user", int64(user), "what", what, "panic", b.red.String(panicText(r)))
	if user != 0 && what != "delayed" {
		b.apologise(user, "")
	}
}

// t returns the catalogue text for the Telegram language code.
func (b *Bot) t(code, key string, args ...string) string {
	return b.msgs.T(b.msgs.Lang(code), key, args...)
}

// say queues one plain text message to the user at interactive priority.
func (b *Bot) say(user coach.UserID, text string) {
	_ = b.out.enqueue(b.render.message(user, int64(user), text, nil, prioInteractive))
}

// apologise tells the user something went wrong on our side.
func (b *Bot) apologise(user coach.UserID, lang string) {
	b.say(user, b.t(lang, "bot.error"))
}

// privateOnly tells a group or channel, once per chat per process, that
// the bot works in private chats; everything else there is ignored.
func (b *Bot) privateOnly(chat int64, lang string, log *slog.Logger) {
	b.mu.Lock()
	if b.groups[chat] {
		b.mu.Unlock()
		return
	}
	if len(b.groups) >= maxGroupsNoted {
		clear(b.groups)
	}
	b.groups[chat] = true
	b.mu.Unlock()
	log.Info("group or channel told: private chats only", "chat", chat)
	_ = b.out.enqueue(b.render.message(0, chat, b.t(lang, "bot.private_only"), nil, prioInteractive))
}

// handleMessage handles a message or an edited message.
func (b *Bot) handleMessage(m *tgbotapi.Message, edited bool, log *slog.Logger) {
	if m.Chat == nil {
		return
	}
	lang := ""
	if m.From != nil {
		lang = m.From.LanguageCode
	}
	if !m.Chat.IsPrivate() {
		if m.From != nil && m.From.IsBot {
			return
		}
		b.privateOnly(m.Chat.ID, lang, log)
		return
	}
	if m.From == nil || m.From.IsBot {
		return
	}
	user := coach.UserID(m.From.ID)
	defer b.recoverTask(user, "message", log)

	in, ok := b.inputOf(m)
	if !ok && !edited {
		return // a service message: nothing to answer
	}
	if !b.admit(user, lang, log) {
		return
	}
	if edited {
		b.say(user, b.t(lang, "bot.edited"))
		return
	}
	if b.adminCommand(user, lang, in, log) {
		return
	}
	in.Lang = lang
	// Message ids grow within a private chat: a message delivered again
	// after a crash is recognised by the coach and not stepped twice.
	in.Seq = int64(m.MessageID)
	now := b.clk.Now()
	out, err := b.svc.Handle(b.life, user, in, now)
	if err != nil {
		log.Error("coach failed", "user", int64(user), "input", kindName(in.Kind), "class", errorKind(err), b.red.Err(err))
		b.apologise(user, lang)
		return
	}
	b.observeStep(in, out, now)
	_ = b.deliver(user, out, prioInteractive, log)
}

// admit applies the flood guard; a refused update is dropped, the first
// of a flood with a note.
func (b *Bot) admit(user coach.UserID, lang string, log *slog.Logger) bool {
	ok, note := b.flood.allow(int64(user), b.clk.Now())
	if ok {
		return true
	}
	log.Info("flood guard dropped an update", "user", int64(user))
	if note {
		b.say(user, b.t(lang, "bot.slow_down"))
	}
	return false
}

// inputOf turns a private message into a coach input. It reports false
// for messages with nothing to answer (service messages).
func (b *Bot) inputOf(m *tgbotapi.Message) (coach.Input, bool) {
	switch {
	case m.Text != "":
		if strings.HasPrefix(m.Text, "/") {
			if sm := b.cmdRe.FindStringSubmatch(m.Text); sm != nil {
				return coach.Input{Kind: coach.InputCommand, Command: strings.ToLower(sm[1]), Text: strings.TrimSpace(sm[3])}, true
			}
		}
		return coach.Input{Kind: coach.InputText, Text: m.Text}, true
	case m.Location != nil:
		zone := b.zones.GetTimezoneName(m.Location.Longitude, m.Location.Latitude)
		return coach.Input{Kind: coach.InputLocation, Zone: zone}, true
	}
	if kind := mediaKind(m); kind != "" {
		return coach.Input{Kind: coach.InputMedia, Text: kind}, true
	}
	return coach.Input{}, false
}

// mediaKind names the media a message carries, or "".
func mediaKind(m *tgbotapi.Message) string {
	switch {
	case m.Sticker != nil:
		return "sticker"
	case len(m.Photo) > 0:
		return "photo"
	case m.Voice != nil:
		return "voice"
	case m.VideoNote != nil:
		return "video_note"
	case m.Video != nil:
		return "video"
	case m.Animation != nil:
		return "animation"
	case m.Audio != nil:
		return "audio"
	case m.Document != nil:
		return "document"
	case m.Contact != nil:
		return "contact"
	case m.Poll != nil:
		return "poll"
	case m.Dice != nil:
		return "dice"
	case m.Game != nil:
		return "game"
	}
	return ""
}

// handleCallback handles a button press. Every query is answered.
func (b *Bot) handleCallback(q *tgbotapi.CallbackQuery, log *slog.Logger) {
	user := coach.UserID(q.From.ID)
	lang := q.From.LanguageCode
	answered := false
	answer := func(text string) {
		answered = true
		if _, err := b.api.Request(tgbotapi.NewCallback(q.ID, text)); err != nil {
			c, _ := classify(err)
			log.Warn("answerCallbackQuery failed", "user", int64(user), "class", c.String(), b.red.Err(err))
		}
	}
	defer func() {
		if r := recover(); r != nil {
			log.Error("panic while handling an update", "user", int64(user), "what", "button", "panic", b.red.String(panicText(r)))
			if !answered {
				answer(b.t(lang, "bot.error_toast"))
			}
		}
	}()

	if q.From.IsBot || q.Message == nil || q.Message.Chat == nil || !q.Message.Chat.IsPrivate() || q.Message.Chat.ID != q.From.ID {
		answer("")
		return
	}
	turn, action, err := b.codec.decode(user, q.Data)
	if err != nil {
		log.Info("button refused", "user", int64(user), "reason", err.Error())
		answer(b.t(lang, "bot.button_invalid"))
		return
	}
	if ok, _ := b.flood.allow(int64(user), b.clk.Now()); !ok {
		log.Info("flood guard dropped an update", "user", int64(user))
		answer(b.t(lang, "bot.slow_down_toast"))
		return
	}
	in := coach.Input{Kind: coach.InputButton, Action: action, Turn: turn, Lang: lang}
	now := b.clk.Now()
	out, err := b.svc.Handle(b.life, user, in, now)
	if err != nil {
		log.Error("coach failed", "user", int64(user), "input", "button", "class", errorKind(err), b.red.Err(err))
		answer(b.t(lang, "bot.error_toast"))
		return
	}
	b.observeStep(in, out, now)
	answer(out.Notice)
	if label := buttonLabel(q.Message, q.Data); label != "" || q.Message.ReplyMarkup != nil {
		suffix := ""
		if label != "" {
			suffix = b.t(lang, "bot.chosen", "label", label)
		}
		_ = b.out.enqueue(chosen(user, q.Message, suffix))
	}
	_ = b.deliver(user, out, prioInteractive, log)
}

// handleMembership follows the user blocking (kicked) and unblocking
// (member) the bot in their private chat.
func (b *Bot) handleMembership(m *tgbotapi.ChatMemberUpdated, log *slog.Logger) {
	if m.Chat.Type != "private" {
		return
	}
	user := coach.UserID(m.Chat.ID)
	var blocked bool
	switch m.NewChatMember.Status {
	case "kicked":
		blocked = true
	case "member":
		blocked = false
	default:
		return
	}
	if err := b.svc.SetBlocked(b.life, user, blocked, b.clk.Now()); err != nil {
		log.Error("cannot record block status", "user", int64(user), b.red.Err(err))
	}
}

// kindName names an input kind for logs.
func kindName(k coach.InputKind) string {
	switch k {
	case coach.InputText:
		return "text"
	case coach.InputButton:
		return "button"
	case coach.InputCommand:
		return "command"
	case coach.InputLocation:
		return "location"
	case coach.InputMedia:
		return "media"
	}
	return "other"
}

// errorKind classifies a coach error for logs without its details.
func errorKind(err error) string {
	switch {
	case errors.Is(err, coach.ErrCorrupt):
		return "corrupt"
	case errors.Is(err, context.Canceled):
		return "canceled"
	case errors.Is(err, context.DeadlineExceeded):
		return "timeout"
	}
	return "storage"
}
