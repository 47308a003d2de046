package telegramtest

import (
	"net/http"
	"strconv"
	"strings"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"
)

// User is a Telegram user a test plays.
type User struct {
	ID           int64
	FirstName    string
	LanguageCode string
	IsBot        bool
}

func (u User) tg() *tgbotapi.User {
	name := u.FirstName
	if name == "" {
		name = "User" + strconv.FormatInt(u.ID, 10)
	}
	return &tgbotapi.User{ID: u.ID, FirstName: name, LanguageCode: u.LanguageCode, IsBot: u.IsBot}
}

// AddUpdate queues a raw update, assigning its update_id, and returns the id.
func (s *Server) AddUpdate(u tgbotapi.Update) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.nextUpd++
	u.UpdateID = s.nextUpd
	s.updates = append(s.updates, u)
	s.notifyLocked()
	return u.UpdateID
}

func (s *Server) privateMessage(from User) *tgbotapi.Message {
	s.mu.Lock()
	s.nextMsg[from.ID]++
	id := s.nextMsg[from.ID]
	s.mu.Unlock()
	return &tgbotapi.Message{
		MessageID: id,
		From:      from.tg(),
		Date:      int(s.clk.Now().Unix()),
		Chat:      &tgbotapi.Chat{ID: from.ID, Type: "private", FirstName: from.tg().FirstName},
	}
}

// commandEntities returns the bot_command entity Telegram adds to a text
// starting with a command.
func commandEntities(text string) []tgbotapi.MessageEntity {
	if !strings.HasPrefix(text, "/") {
		return nil
	}
	end := strings.IndexAny(text, " \n\t")
	if end < 0 {
		end = len(text)
	}
	return []tgbotapi.MessageEntity{{Type: "bot_command", Offset: 0, Length: len(utf16(text[:end]))}}
}

func utf16(s string) []uint16 {
	var out []uint16
	for _, r := range s {
		if r >= 0x10000 {
			out = append(out, 0, 0)
		} else {
			out = append(out, 0)
		}
	}
	return out
}

// SendText queues a private text message from the user (a command when it
// starts with "/") and returns the update id.
func (s *Server) SendText(from User, text string) int {
	m := s.privateMessage(from)
	m.Text = text
	m.Entities = commandEntities(text)
	return s.AddUpdate(tgbotapi.Update{Message: m})
}

// EditText queues an edited_message update from the user.
func (s *Server) EditText(from User, messageID int, text string) int {
	m := s.privateMessage(from)
	m.MessageID = messageID
	m.Text = text
	m.EditDate = int(s.clk.Now().Unix())
	return s.AddUpdate(tgbotapi.Update{EditedMessage: m})
}

// ShareLocation queues a shared location from the user.
func (s *Server) ShareLocation(from User, lat, lng float64) int {
	m := s.privateMessage(from)
	m.Location = &tgbotapi.Location{Latitude: lat, Longitude: lng}
	return s.AddUpdate(tgbotapi.Update{Message: m})
}

// SendMedia queues a private message carrying media of the kind: "sticker",
// "photo", "voice", "video", "video_note", "animation", "document", "audio".
func (s *Server) SendMedia(from User, kind string) int {
	m := s.privateMessage(from)
	id := "file-" + kind
	switch kind {
	case "sticker":
		m.Sticker = &tgbotapi.Sticker{FileID: id, Emoji: "👍"}
	case "photo":
		m.Photo = []tgbotapi.PhotoSize{{FileID: id, Width: 90, Height: 90}}
	case "voice":
		m.Voice = &tgbotapi.Voice{FileID: id, Duration: 3}
	case "video":
		m.Video = &tgbotapi.Video{FileID: id, Duration: 3}
	case "video_note":
		m.VideoNote = &tgbotapi.VideoNote{FileID: id, Duration: 3}
	case "animation":
		m.Animation = &tgbotapi.Animation{FileID: id}
	case "document":
		m.Document = &tgbotapi.Document{FileID: id, FileName: "notes.pdf"}
	case "audio":
		m.Audio = &tgbotapi.Audio{FileID: id, Duration: 3}
	default:
		panic("telegramtest: unknown media kind " + kind)
	}
	return s.AddUpdate(tgbotapi.Update{Message: m})
}

// SendGroupText queues a message from the user in a group ("group" or
// "supergroup") chat.
func (s *Server) SendGroupText(chatID int64, chatType string, from User, text string) int {
	m := &tgbotapi.Message{
		MessageID: 1,
		From:      from.tg(),
		Date:      int(s.clk.Now().Unix()),
		Chat:      &tgbotapi.Chat{ID: chatID, Type: chatType, Title: "Back club"},
		Text:      text,
		Entities:  commandEntities(text),
	}
	return s.AddUpdate(tgbotapi.Update{Message: m})
}

// SendChannelPost queues a channel post.
func (s *Server) SendChannelPost(chatID int64, text string) int {
	m := &tgbotapi.Message{
		MessageID:  1,
		Date:       int(s.clk.Now().Unix()),
		Chat:       &tgbotapi.Chat{ID: chatID, Type: "channel", Title: "Back news"},
		SenderChat: &tgbotapi.Chat{ID: chatID, Type: "channel"},
		Text:       text,
	}
	return s.AddUpdate(tgbotapi.Update{ChannelPost: m})
}

// SetMyChatMember queues a my_chat_member update for the user's private
// chat: status "kicked" when the user blocks the bot, "member" when they
// unblock it.
func (s *Server) SetMyChatMember(from User, status string) int {
	return s.AddUpdate(tgbotapi.Update{MyChatMember: &tgbotapi.ChatMemberUpdated{
		Chat:          tgbotapi.Chat{ID: from.ID, Type: "private"},
		From:          *from.tg(),
		Date:          int(s.clk.Now().Unix()),
		NewChatMember: tgbotapi.ChatMember{User: &tgbotapi.User{ID: BotID, IsBot: true}, Status: status},
	}})
}

// Press queues a callback query: the user pressed the button with the
// given callback data under the bot's message messageID in their chat. The
// query carries the message as the chat shows it now (text and keyboard).
// It returns the callback query id.
func (s *Server) Press(from User, messageID int, data string) string {
	s.mu.Lock()
	s.nextCBQ++
	id := "cbq-" + strconv.Itoa(s.nextCBQ)
	var msg *tgbotapi.Message
	if m := s.msgs[from.ID][messageID]; m != nil {
		x := s.message(from.ID, messageID, m.text, m.markup, s.clk.Now())
		x.Entities = m.entities
		msg = &x
	}
	s.mu.Unlock()
	s.AddUpdate(tgbotapi.Update{CallbackQuery: &tgbotapi.CallbackQuery{
		ID:           id,
		From:         from.tg(),
		Message:      msg,
		ChatInstance: "ci-" + strconv.FormatInt(from.ID, 10),
		Data:         data,
	}})
	return id
}

// PressLabel presses the button labelled label (exact match) on the chat's
// message messageID, as the chat shows it now. It reports false when there
// is no such button.
func (s *Server) PressLabel(from User, messageID int, label string) (string, bool) {
	s.mu.Lock()
	var data string
	found := false
	if m := s.msgs[from.ID][messageID]; m != nil && m.markup != nil {
		for _, row := range m.markup.InlineKeyboard {
			for _, b := range row {
				if b.Text == label && b.CallbackData != nil {
					data, found = *b.CallbackData, true
				}
			}
		}
	}
	s.mu.Unlock()
	if !found {
		return "", false
	}
	return s.Press(from, messageID, data), true
}

// Pending returns how many queued updates are not yet confirmed by a
// getUpdates with a higher offset.
func (s *Server) Pending() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.updates)
}

// WaitConfirmed waits until every update up to and including id has been
// confirmed.
func (s *Server) WaitConfirmed(id int, timeout time.Duration) bool {
	return s.WaitFor(timeout, func(v View) bool {
		return len(v.s.updates) == 0 || v.s.updates[0].UpdateID > id
	})
}

// getUpdates implements long polling: updates below offset are confirmed
// and dropped; the call returns at once when updates are waiting, else when
// one arrives or timeout seconds have passed.
func (s *Server) getUpdates(w http.ResponseWriter, r *http.Request, req *request) {
	offset, _ := strconv.Atoi(req.form["offset"])
	limit, _ := strconv.Atoi(req.form["limit"])
	if limit <= 0 || limit > 100 {
		limit = 100
	}
	timeout, _ := strconv.Atoi(req.form["timeout"])
	deadline := time.NewTimer(time.Duration(timeout) * time.Second)
	defer deadline.Stop()

	s.mu.Lock()
	if s.webhook.Set {
		s.mu.Unlock()
		writeErr(w, http.StatusConflict, "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first")
		return
	}
	if s.polling > 0 {
		s.mu.Unlock()
		writeErr(w, http.StatusConflict, "Conflict: terminated by other getUpdates request; make sure that only one bot instance is running")
		return
	}
	s.polling++
	s.notifyLocked()
	batch, ok := s.pollLocked(r, offset, limit, deadline.C)
	// The poll ends before the answer is written, so the client's next
	// poll never meets this one.
	s.polling--
	s.notifyLocked()
	s.mu.Unlock()
	if !ok {
		return
	}
	if batch == nil {
		batch = []tgbotapi.Update{}
	}
	writeOK(w, batch)
}

// pollLocked confirms updates below offset and waits for unconfirmed ones.
// It returns false when the request or the server ended first. s.mu is held
// on entry and on return.
func (s *Server) pollLocked(r *http.Request, offset, limit int, deadline <-chan time.Time) ([]tgbotapi.Update, bool) {
	if offset > 0 {
		n := 0
		for n < len(s.updates) && s.updates[n].UpdateID < offset {
			n++
		}
		if n > 0 {
			s.updates = append(s.updates[:0:0], s.updates[n:]...)
			s.notifyLocked()
		}
	}
	for {
		if len(s.updates) > 0 {
			batch := s.updates
			if len(batch) > limit {
				batch = batch[:limit]
			}
			return append([]tgbotapi.Update(nil), batch...), true
		}
		ch := s.changed
		s.mu.Unlock()
		select {
		case <-ch:
		case <-deadline:
			s.mu.Lock()
			return nil, true
		case <-r.Context().Done():
			s.mu.Lock()
			return nil, false
		case <-s.closed:
			s.mu.Lock()
			return nil, false
		}
		s.mu.Lock()
	}
}
