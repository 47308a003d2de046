package bot

import (
	"log/slog"
	"strings"
	"unicode/utf8"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"
	"github.com/stretchbot/stretchbot/coach"
)

// Telegram's size limits, in characters; we stay a little under them.
const (
	maxText    = 4000 // sendMessage: 4096
	maxCaption = 1000 // captions: 1024
)

// escapeHTML makes plain text safe for parse_mode HTML: Telegram needs
// only &, < and > escaped outside tags.
func escapeHTML(s string) string {
	if !strings.ContainsAny(s, "&<>") {
		return s
	}
	return strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;").Replace(s)
}

// splitText cuts plain text into pieces of at most max characters, at a
// paragraph break, else a line break, else a space, else anywhere.
func splitText(s string, max int) []string {
	var out []string
	for utf8.RuneCountInString(s) > max {
		// Byte offset of the max-th character.
		cut, n := 0, 0
		for i := range s {
			if n == max {
				cut = i
				break
			}
			n++
		}
		head := s[:cut]
		at := -1
		for _, sep := range []string{"\n\n", "\n", " "} {
			if i := strings.LastIndex(head, sep); i > len(head)/2 {
				at = i
				break
			}
		}
		if at < 0 {
			out = append(out, head)
			s = s[cut:]
			continue
		}
		out = append(out, strings.TrimRight(head[:at], " \n"))
		s = strings.TrimLeft(s[at:], " \n")
	}
	if strings.TrimSpace(s) != "" || len(out) == 0 {
		out = append(out, s)
	}
	return out
}

// renderer turns coach replies into outbox jobs.
type renderer struct {
	codec codec
	log   *slog.Logger
}

// keyboard builds the inline keyboard for a reply's buttons, each signed
// for the user and the reply's turn. A button whose data would exceed 64
// bytes is logged and left out rather than sent invalid. It returns nil
// when no button remains.
func (r renderer) keyboard(user coach.UserID, turn uint32, rows [][]coach.Button) *tgbotapi.InlineKeyboardMarkup {
	var kb [][]tgbotapi.InlineKeyboardButton
	for _, row := range rows {
		var out []tgbotapi.InlineKeyboardButton
		for _, b := range row {
			data, ok := r.codec.encode(user, turn, b.Action)
			if !ok {
				r.log.Error("button left out: callback data too long", "user", int64(user), "action_bytes", len(b.Action))
				continue
			}
			out = append(out, tgbotapi.NewInlineKeyboardButtonData(b.Label, data))
		}
		if len(out) > 0 {
			kb = append(kb, out)
		}
	}
	if len(kb) == 0 {
		return nil
	}
	m := tgbotapi.NewInlineKeyboardMarkup(kb...)
	return &m
}

// render returns the jobs that deliver one reply to the user's private
// chat: its text (split if very long) with the keyboard on the last
// message, or its file with the text as caption when it fits.
func (r renderer) render(user coach.UserID, rep coach.Reply, prio priority) []*job {
	chat := int64(user)
	kb := r.keyboard(user, rep.Turn, rep.Buttons)
	var jobs []*job
	text := strings.TrimSpace(rep.Text)

	if f := rep.File; f != nil {
		caption := ""
		if utf8.RuneCountInString(text) <= maxCaption {
			caption, text = text, ""
		}
		if text != "" {
			for _, part := range splitText(text, maxText) {
				jobs = append(jobs, r.message(user, chat, part, nil, prio))
			}
		}
		fb := tgbotapi.FileBytes{Name: f.Name, Bytes: f.Data}
		if strings.HasPrefix(f.MIME, "image/") {
			p := tgbotapi.NewPhoto(chat, fb)
			p.Caption, p.ParseMode = escapeHTML(caption), tgbotapi.ModeHTML
			if kb != nil {
				p.ReplyMarkup = *kb
			}
			jobs = append(jobs, &job{user: user, chat: chat, kind: "photo", req: p, prio: prio})
		} else {
			d := tgbotapi.NewDocument(chat, fb)
			d.Caption, d.ParseMode = escapeHTML(caption), tgbotapi.ModeHTML
			if kb != nil {
				d.ReplyMarkup = *kb
			}
			jobs = append(jobs, &job{user: user, chat: chat, kind: "document", req: d, prio: prio})
		}
		return jobs
	}

	if text == "" {
		if kb == nil {
			return nil
		}
		text = "…" // buttons need a message to hang on
	}
	parts := splitText(text, maxText)
	for i, part := range parts {
		var m *tgbotapi.InlineKeyboardMarkup
		if i == len(parts)-1 {
			m = kb
		}
		jobs = append(jobs, r.message(user, chat, part, m, prio))
	}
	return jobs
}

// message is a job sending plain text, escaped, as HTML.
func (r renderer) message(user coach.UserID, chat int64, text string, kb *tgbotapi.InlineKeyboardMarkup, prio priority) *job {
	m := tgbotapi.NewMessage(chat, escapeHTML(text))
	m.ParseMode = tgbotapi.ModeHTML
	m.DisableWebPagePreview = true
	if kb != nil {
		m.ReplyMarkup = *kb
	}
	return &job{user: user, chat: chat, kind: "message", req: m, prio: prio}
}

// chosen returns the edit that shows the user's choice under the pressed
// message and drops its buttons: the message's text with its entities
// kept, and "→ label" appended. Without text (a caption) or when the
// result would be too long, only the buttons are dropped.
func chosen(user coach.UserID, msg *tgbotapi.Message, suffix string) *job {
	chat := msg.Chat.ID
	if msg.Text != "" && suffix != "" && utf8.RuneCountInString(msg.Text)+utf8.RuneCountInString(suffix)+2 <= 4096 {
		e := tgbotapi.NewEditMessageText(chat, msg.MessageID, msg.Text+"\n\n"+suffix)
		e.Entities = msg.Entities
		e.DisableWebPagePreview = true
		return &job{user: user, chat: chat, kind: "edit", req: e, prio: prioInteractive}
	}
	e := tgbotapi.NewEditMessageReplyMarkup(chat, msg.MessageID, tgbotapi.InlineKeyboardMarkup{InlineKeyboard: [][]tgbotapi.InlineKeyboardButton{}})
	return &job{user: user, chat: chat, kind: "edit", req: e, prio: prioInteractive}
}

// buttonLabel returns the label of the button carrying data in the
// message's keyboard, or "".
func buttonLabel(msg *tgbotapi.Message, data string) string {
	if msg == nil || msg.ReplyMarkup == nil {
		return ""
	}
	for _, row := range msg.ReplyMarkup.InlineKeyboard {
		for _, b := range row {
			if b.CallbackData != nil && *b.CallbackData == data {
				return b.Text
			}
		}
	}
	return ""
}
