// Package telegramtest is an in-process fake of the Telegram Bot API for
// tests. The real tgbotapi client talks to it over HTTP on loopback:
//
//	srv := telegramtest.New(t, telegramtest.Config{})
//	api, _ := tgbotapi.NewBotAPIWithAPIEndpoint(srv.Token(), srv.Endpoint())
//
// It implements the methods stretchbot uses (getMe, getUpdates with real
// long polling and offset semantics, sendMessage, editMessageText,
// editMessageReplyMarkup, answerCallbackQuery, setMyCommands, setWebhook,
// deleteWebhook, sendDocument, sendPhoto, sendChatAction), records what
// was sent per chat in order, lets a test play users (messages, button
// presses, locations, stickers, group messages, channel posts, edits),
// injects faults (429 with retry_after, 5xx, 403 for a blocked chat, slow
// and dropped responses) and counts every violation of the rate limits it
// is configured with.
//
// Tests wait on recorded sends with a real timeout (WaitSent, WaitFor);
// nothing in here needs a test to sleep.
package telegramtest

import (
	"encoding/json"
	"fmt"
	"io"
	"mime"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"
	"github.com/stretchbot/stretchbot/clock"
)

// DefaultToken is the token a Server accepts unless Config.Token says
// otherwise. It has the shape of a real token so redaction tests are
// meaningful.
const DefaultToken = "123456789:fake-token-for-tests-only"

// BotID is the fake bot's user id (the part of the token before the colon
// for DefaultToken).
const BotID = 123456789

// Config configures a Server. The zero value is usable.
type Config struct {
	// Token is the only token accepted; DefaultToken when empty. Requests
	// with another token get 401 Unauthorized, as from Telegram.
	Token string
	// BotUsername is what getMe reports; "stretchbot_test_bot" when empty.
	BotUsername string
	// Clock timestamps arrivals for the rate-limit checker and records;
	// clock.Real when nil. Long polls and injected delays always use real
	// time.
	Clock clock.Clock
	// Limits is the rate rule checked on every counted request; the zero
	// value means TelegramLimits.
	Limits Limits
}

// Sent is one successful request that changed what a chat shows: a message
// sent, a message edited, a document, a photo or a chat action.
type Sent struct {
	Seq       int    // order across all chats, from 1
	Method    string // "sendMessage", "editMessageText", ...
	ChatID    int64
	MessageID int    // the message created or edited
	Text      string // text or caption (for edits: the new text)
	ParseMode string
	// Markup is the inline keyboard sent with the message or edit, nil
	// when none.
	Markup *tgbotapi.InlineKeyboardMarkup
	// Entities are the entities sent with an edit or message, if any.
	Entities []tgbotapi.MessageEntity
	File     *File  // sendDocument, sendPhoto
	Action   string // sendChatAction
	At       time.Time
}

// Buttons returns the inline buttons of the record, row by row flattened.
func (s Sent) Buttons() []tgbotapi.InlineKeyboardButton {
	if s.Markup == nil {
		return nil
	}
	var out []tgbotapi.InlineKeyboardButton
	for _, row := range s.Markup.InlineKeyboard {
		out = append(out, row...)
	}
	return out
}

// File is an uploaded file.
type File struct {
	Field string // "document" or "photo"
	Name  string
	Data  []byte
}

// Answer is one answerCallbackQuery call.
type Answer struct {
	CallbackQueryID string
	Text            string
	ShowAlert       bool
}

// WebhookState is what setWebhook/deleteWebhook left behind.
type WebhookState struct {
	URL         string
	SecretToken string
	Set         bool
	Calls       int // setWebhook and deleteWebhook calls, in total
}

// CommandsCall is one setMyCommands call.
type CommandsCall struct {
	Commands     []tgbotapi.BotCommand
	LanguageCode string
	Scope        string // raw JSON of the scope, "" when none
}

// storedMsg is what a chat shows for one bot message.
type storedMsg struct {
	text     string
	entities []tgbotapi.MessageEntity
	markup   *tgbotapi.InlineKeyboardMarkup
}

// Server is the fake Bot API. It is safe for concurrent use.
type Server struct {
	cfg    Config
	clk    clock.Clock
	http   *httptest.Server
	closed chan struct{}

	mu       sync.Mutex
	changed  chan struct{} // closed and replaced on every change
	nextUpd  int
	updates  []tgbotapi.Update // not yet confirmed, in id order
	polling  int               // getUpdates calls in flight
	sent     []Sent
	seq      int
	answers  []Answer
	msgs     map[int64]map[int]*storedMsg
	nextMsg  map[int64]int
	webhook  WebhookState
	commands []CommandsCall
	faults   []*Fault
	blocked  map[int64]bool
	calls    map[string]int
	nextCBQ  int
	rate     *rateChecker
}

// New starts a Server and stops it when the test ends.
func New(t testing.TB, cfg Config) *Server {
	t.Helper()
	s := NewServer(cfg)
	t.Cleanup(s.Close)
	return s
}

// NewServer starts a Server; Close stops it.
func NewServer(cfg Config) *Server {
	if cfg.Token == "" {
		cfg.Token = DefaultToken
	}
	if cfg.BotUsername == "" {
		cfg.BotUsername = "stretchbot_test_bot"
	}
	if cfg.Clock == nil {
		cfg.Clock = clock.Real{}
	}
	if cfg.Limits == (Limits{}) {
		cfg.Limits = TelegramLimits()
	}
	s := &Server{
		cfg:     cfg,
		clk:     cfg.Clock,
		closed:  make(chan struct{}),
		changed: make(chan struct{}),
		nextUpd: 1000,
		msgs:    map[int64]map[int]*storedMsg{},
		nextMsg: map[int64]int{},
		blocked: map[int64]bool{},
		calls:   map[string]int{},
		rate:    newRateChecker(cfg.Limits),
	}
	s.http = httptest.NewServer(http.HandlerFunc(s.serve))
	return s
}

// Close stops the server; pending long polls return at once.
func (s *Server) Close() {
	s.mu.Lock()
	select {
	case <-s.closed:
		s.mu.Unlock()
		return
	default:
	}
	close(s.closed)
	s.mu.Unlock()
	s.http.CloseClientConnections()
	s.http.Close()
}

// Token returns the accepted token.
func (s *Server) Token() string { return s.cfg.Token }

// URL returns the server's base URL, "http://127.0.0.1:port".
func (s *Server) URL() string { return s.http.URL }

// Endpoint returns the endpoint format for tgbotapi,
// "http://127.0.0.1:port/bot%s/%s".
func (s *Server) Endpoint() string { return s.http.URL + "/bot%s/%s" }

// BotUsername returns the username getMe reports.
func (s *Server) BotUsername() string { return s.cfg.BotUsername }

// notifyLocked wakes everything waiting for a change. s.mu must be held.
func (s *Server) notifyLocked() {
	close(s.changed)
	s.changed = make(chan struct{})
}

// apiResponse is the Bot API's response envelope.
type apiResponse struct {
	OK          bool           `json:"ok"`
	Result      any            `json:"result,omitempty"`
	ErrorCode   int            `json:"error_code,omitempty"`
	Description string         `json:"description,omitempty"`
	Parameters  *apiRespParams `json:"parameters,omitempty"`
}

type apiRespParams struct {
	RetryAfter int `json:"retry_after,omitempty"`
}

func writeJSON(w http.ResponseWriter, code int, v apiResponse) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(code)
	_ = json.NewEncoder(w).Encode(v)
}

func writeOK(w http.ResponseWriter, result any) {
	writeJSON(w, http.StatusOK, apiResponse{OK: true, Result: result})
}

func writeErr(w http.ResponseWriter, code int, desc string) {
	writeJSON(w, code, apiResponse{ErrorCode: code, Description: desc})
}

// request is a parsed Bot API call.
type request struct {
	method string
	form   map[string]string
	files  map[string]*File
}

func (r *request) chatID() int64 {
	id, _ := strconv.ParseInt(r.form["chat_id"], 10, 64)
	return id
}

func parseRequest(r *http.Request, method string) (*request, error) {
	req := &request{method: method, form: map[string]string{}, files: map[string]*File{}}
	ct, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	switch ct {
	case "multipart/form-data":
		if err := r.ParseMultipartForm(32 << 20); err != nil {
			return nil, err
		}
		for k, v := range r.MultipartForm.Value {
			if len(v) > 0 {
				req.form[k] = v[0]
			}
		}
		for field, hs := range r.MultipartForm.File {
			if len(hs) == 0 {
				continue
			}
			f, err := hs[0].Open()
			if err != nil {
				return nil, err
			}
			data, err := io.ReadAll(f)
			f.Close()
			if err != nil {
				return nil, err
			}
			req.files[field] = &File{Field: field, Name: hs[0].Filename, Data: data}
		}
	default:
		if err := r.ParseForm(); err != nil {
			return nil, err
		}
		for k, v := range r.Form {
			if len(v) > 0 {
				req.form[k] = v[0]
			}
		}
	}
	return req, nil
}

func (s *Server) serve(w http.ResponseWriter, r *http.Request) {
	// Path: /bot<token>/<method>
	rest, ok := strings.CutPrefix(r.URL.Path, "/bot")
	if !ok {
		writeErr(w, http.StatusNotFound, "Not Found")
		return
	}
	token, method, ok := strings.Cut(rest, "/")
	if !ok || token != s.cfg.Token {
		writeErr(w, http.StatusUnauthorized, "Unauthorized")
		return
	}
	req, err := parseRequest(r, method)
	if err != nil {
		writeErr(w, http.StatusBadRequest, "Bad Request: cannot parse request")
		return
	}
	// The arrival time is read under the lock, so arrivals are recorded
	// in time order: the rate checker compares each with the one N
	// arrivals before it, and concurrent requests timed before the lock
	// could be recorded out of order and counted as violations.
	s.mu.Lock()
	now := s.clk.Now()
	s.calls[method]++
	s.notifyLocked()
	if IsCounted(method) {
		s.rate.arrive(req.chatID(), now)
	}
	f := s.matchFaultLocked(method, req.chatID())
	blocked := isSendMethod(method) && s.blocked[req.chatID()]
	s.mu.Unlock()

	if f != nil {
		if f.Delay > 0 {
			select {
			case <-time.After(f.Delay):
			case <-r.Context().Done():
				return
			case <-s.closed:
				return
			}
		}
		if f.Drop {
			dropConnection(w)
			return
		}
		if f.Code != 0 {
			resp := apiResponse{ErrorCode: f.Code, Description: f.description()}
			if f.RetryAfter > 0 {
				resp.Parameters = &apiRespParams{RetryAfter: f.RetryAfter}
			}
			if f.HTML {
				w.Header().Set("Content-Type", "text/html")
				w.WriteHeader(f.Code)
				fmt.Fprintf(w, "<html><body><h1>%d</h1></body></html>", f.Code)
				return
			}
			writeJSON(w, f.Code, resp)
			return
		}
	}
	if blocked {
		writeErr(w, http.StatusForbidden, "Forbidden: bot was blocked by the user")
		return
	}

	switch method {
	case "getMe":
		writeOK(w, tgbotapi.User{ID: BotID, IsBot: true, FirstName: "Stretchbot", UserName: s.cfg.BotUsername})
	case "getUpdates":
		s.getUpdates(w, r, req)
	case "sendMessage":
		s.sendMessage(w, req, now)
	case "editMessageText", "editMessageReplyMarkup":
		s.editMessage(w, req, now)
	case "sendDocument", "sendPhoto":
		s.sendFile(w, req, now)
	case "sendChatAction":
		s.record(Sent{Method: method, ChatID: req.chatID(), Action: req.form["action"], At: now})
		writeOK(w, true)
	case "answerCallbackQuery":
		s.mu.Lock()
		s.answers = append(s.answers, Answer{
			CallbackQueryID: req.form["callback_query_id"],
			Text:            req.form["text"],
			ShowAlert:       req.form["show_alert"] == "true",
		})
		s.notifyLocked()
		s.mu.Unlock()
		writeOK(w, true)
	case "setMyCommands":
		var cmds []tgbotapi.BotCommand
		if err := json.Unmarshal([]byte(req.form["commands"]), &cmds); err != nil {
			writeErr(w, http.StatusBadRequest, "Bad Request: can't parse commands JSON object")
			return
		}
		s.mu.Lock()
		s.commands = append(s.commands, CommandsCall{Commands: cmds, LanguageCode: req.form["language_code"], Scope: req.form["scope"]})
		s.notifyLocked()
		s.mu.Unlock()
		writeOK(w, true)
	case "setWebhook":
		s.mu.Lock()
		s.webhook = WebhookState{URL: req.form["url"], SecretToken: req.form["secret_token"], Set: req.form["url"] != "", Calls: s.webhook.Calls + 1}
		s.notifyLocked()
		s.mu.Unlock()
		writeOK(w, true)
	case "deleteWebhook":
		s.mu.Lock()
		s.webhook = WebhookState{Calls: s.webhook.Calls + 1}
		s.notifyLocked()
		s.mu.Unlock()
		writeOK(w, true)
	default:
		writeErr(w, http.StatusNotFound, "Not Found: method not found")
	}
}

// dropConnection closes the connection without answering.
func dropConnection(w http.ResponseWriter) {
	hj, ok := w.(http.Hijacker)
	if !ok {
		panic("telegramtest: response writer cannot hijack")
	}
	conn, _, err := hj.Hijack()
	if err == nil {
		conn.Close()
	}
}

// record appends a Sent and wakes waiters.
func (s *Server) record(x Sent) Sent {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.recordLocked(x)
}

func (s *Server) recordLocked(x Sent) Sent {
	s.seq++
	x.Seq = s.seq
	s.sent = append(s.sent, x)
	s.notifyLocked()
	return x
}

func parseMarkup(raw string) (*tgbotapi.InlineKeyboardMarkup, error) {
	if raw == "" {
		return nil, nil
	}
	var m tgbotapi.InlineKeyboardMarkup
	if err := json.Unmarshal([]byte(raw), &m); err != nil {
		return nil, err
	}
	for _, row := range m.InlineKeyboard {
		for _, b := range row {
			if b.CallbackData != nil && len(*b.CallbackData) > 64 {
				return nil, fmt.Errorf("BUTTON_DATA_INVALID")
			}
		}
	}
	return &m, nil
}

func parseEntities(raw string) []tgbotapi.MessageEntity {
	if raw == "" {
		return nil
	}
	var e []tgbotapi.MessageEntity
	_ = json.Unmarshal([]byte(raw), &e)
	return e
}

// checkHTML reports whether text is acceptable for parse_mode HTML: only
// the tags Telegram knows, and every "&" an entity. It is a plausibility
// check that catches unescaped user text.
func checkHTML(text string) error {
	for i := 0; i < len(text); i++ {
		switch text[i] {
		case '<':
			end := strings.IndexByte(text[i:], '>')
			if end < 0 {
				return fmt.Errorf("Bad Request: can't parse entities: unclosed start tag at byte offset %d", i)
			}
			tag := strings.TrimPrefix(text[i+1:i+end], "/")
			name, _, _ := strings.Cut(tag, " ")
			switch name {
			case "b", "strong", "i", "em", "u", "ins", "s", "strike", "del", "code", "pre", "a", "tg-spoiler", "span", "blockquote":
			default:
				return fmt.Errorf("Bad Request: can't parse entities: unsupported start tag %q at byte offset %d", name, i)
			}
			i += end
		case '>':
			return fmt.Errorf("Bad Request: can't parse entities: unexpected end tag at byte offset %d", i)
		case '&':
			semi := strings.IndexByte(text[i:], ';')
			if semi < 0 || semi > 10 {
				return fmt.Errorf("Bad Request: can't parse entities: unsupported entity at byte offset %d", i)
			}
		}
	}
	return nil
}

func (s *Server) sendMessage(w http.ResponseWriter, req *request, now time.Time) {
	chat := req.chatID()
	text := req.form["text"]
	if chat == 0 {
		writeErr(w, http.StatusBadRequest, "Bad Request: chat not found")
		return
	}
	if strings.TrimSpace(text) == "" {
		writeErr(w, http.StatusBadRequest, "Bad Request: message text is empty")
		return
	}
	if len([]rune(text)) > 4096 {
		writeErr(w, http.StatusBadRequest, "Bad Request: message is too long")
		return
	}
	mode := req.form["parse_mode"]
	if mode == "HTML" {
		if err := checkHTML(text); err != nil {
			writeErr(w, http.StatusBadRequest, err.Error())
			return
		}
	}
	markup, err := parseMarkup(req.form["reply_markup"])
	if err != nil {
		writeErr(w, http.StatusBadRequest, "Bad Request: "+err.Error())
		return
	}
	ents := parseEntities(req.form["entities"])
	s.mu.Lock()
	id := s.newMessageLocked(chat, text, ents, markup)
	s.recordLocked(Sent{Method: "sendMessage", ChatID: chat, MessageID: id, Text: text, ParseMode: mode, Markup: markup, Entities: ents, At: now})
	s.mu.Unlock()
	writeOK(w, s.message(chat, id, text, markup, now))
}

func (s *Server) newMessageLocked(chat int64, text string, ents []tgbotapi.MessageEntity, markup *tgbotapi.InlineKeyboardMarkup) int {
	s.nextMsg[chat]++
	id := s.nextMsg[chat]
	if s.msgs[chat] == nil {
		s.msgs[chat] = map[int]*storedMsg{}
	}
	s.msgs[chat][id] = &storedMsg{text: text, entities: ents, markup: markup}
	return id
}

func (s *Server) message(chat int64, id int, text string, markup *tgbotapi.InlineKeyboardMarkup, now time.Time) tgbotapi.Message {
	return tgbotapi.Message{
		MessageID:   id,
		From:        &tgbotapi.User{ID: BotID, IsBot: true, FirstName: "Stretchbot", UserName: s.cfg.BotUsername},
		Date:        int(now.Unix()),
		Chat:        &tgbotapi.Chat{ID: chat, Type: "private"},
		Text:        text,
		ReplyMarkup: markup,
	}
}

func sameMarkup(a, b *tgbotapi.InlineKeyboardMarkup) bool {
	ja, _ := json.Marshal(a)
	jb, _ := json.Marshal(b)
	if a == nil || len(a.InlineKeyboard) == 0 {
		ja = nil
	}
	if b == nil || len(b.InlineKeyboard) == 0 {
		jb = nil
	}
	return string(ja) == string(jb)
}

func (s *Server) editMessage(w http.ResponseWriter, req *request, now time.Time) {
	chat := req.chatID()
	id, _ := strconv.Atoi(req.form["message_id"])
	markup, err := parseMarkup(req.form["reply_markup"])
	if err != nil {
		writeErr(w, http.StatusBadRequest, "Bad Request: "+err.Error())
		return
	}
	text, hasText := req.form["text"]
	if req.method == "editMessageText" {
		if strings.TrimSpace(text) == "" {
			writeErr(w, http.StatusBadRequest, "Bad Request: message text is empty")
			return
		}
		if req.form["parse_mode"] == "HTML" {
			if err := checkHTML(text); err != nil {
				writeErr(w, http.StatusBadRequest, err.Error())
				return
			}
		}
	}
	ents := parseEntities(req.form["entities"])
	s.mu.Lock()
	m := s.msgs[chat][id]
	if m == nil {
		s.mu.Unlock()
		writeErr(w, http.StatusBadRequest, "Bad Request: message to edit not found")
		return
	}
	if (req.method == "editMessageReplyMarkup" || m.text == text) && sameMarkup(m.markup, markup) {
		s.mu.Unlock()
		writeErr(w, http.StatusBadRequest, "Bad Request: message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message")
		return
	}
	if req.method == "editMessageText" && hasText {
		m.text = text
		m.entities = ents
	}
	m.markup = markup
	s.recordLocked(Sent{Method: req.method, ChatID: chat, MessageID: id, Text: m.text, ParseMode: req.form["parse_mode"], Markup: markup, Entities: ents, At: now})
	msg := s.message(chat, id, m.text, markup, now)
	s.mu.Unlock()
	writeOK(w, msg)
}

func (s *Server) sendFile(w http.ResponseWriter, req *request, now time.Time) {
	field := "document"
	if req.method == "sendPhoto" {
		field = "photo"
	}
	f := req.files[field]
	if f == nil {
		writeErr(w, http.StatusBadRequest, "Bad Request: there is no "+field+" in the request")
		return
	}
	chat := req.chatID()
	markup, err := parseMarkup(req.form["reply_markup"])
	if err != nil {
		writeErr(w, http.StatusBadRequest, "Bad Request: "+err.Error())
		return
	}
	caption := req.form["caption"]
	if len([]rune(caption)) > 1024 {
		writeErr(w, http.StatusBadRequest, "Bad Request: message caption is too long")
		return
	}
	s.mu.Lock()
	id := s.newMessageLocked(chat, caption, nil, markup)
	s.recordLocked(Sent{Method: req.method, ChatID: chat, MessageID: id, Text: caption, ParseMode: req.form["parse_mode"], Markup: markup, File: f, At: now})
	s.mu.Unlock()
	msg := s.message(chat, id, "", markup, now)
	msg.Caption = caption
	if field == "document" {
		msg.Document = &tgbotapi.Document{FileID: fmt.Sprintf("doc-%d-%d", chat, id), FileName: f.Name, FileSize: len(f.Data)}
	} else {
		msg.Photo = []tgbotapi.PhotoSize{{FileID: fmt.Sprintf("photo-%d-%d", chat, id), FileSize: len(f.Data)}}
	}
	writeOK(w, msg)
}

// Sent returns everything recorded for the chat, in order.
func (s *Server) Sent(chatID int64) []Sent {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []Sent
	for _, x := range s.sent {
		if x.ChatID == chatID {
			out = append(out, x)
		}
	}
	return out
}

// AllSent returns everything recorded, in order.
func (s *Server) AllSent() []Sent {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Sent(nil), s.sent...)
}

// Answers returns every answerCallbackQuery call, in order.
func (s *Server) Answers() []Answer {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Answer(nil), s.answers...)
}

// Webhook returns the webhook state.
func (s *Server) Webhook() WebhookState {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.webhook
}

// Commands returns every setMyCommands call, in order.
func (s *Server) Commands() []CommandsCall {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]CommandsCall(nil), s.commands...)
}

// Calls returns how many requests for the method arrived, faults included.
func (s *Server) Calls(method string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.calls[method]
}

// WaitFor waits until cond, evaluated under the server's lock after every
// change, is true, or the real timeout passes. It reports whether cond
// became true. cond must not call the Server's methods.
func (s *Server) WaitFor(timeout time.Duration, cond func(v View) bool) bool {
	deadline := time.NewTimer(timeout)
	defer deadline.Stop()
	for {
		s.mu.Lock()
		ok := cond(View{s: s})
		ch := s.changed
		s.mu.Unlock()
		if ok {
			return true
		}
		select {
		case <-ch:
		case <-deadline.C:
			return false
		}
	}
}

// View is a read-only look at the server's records inside WaitFor.
type View struct{ s *Server }

// Sent returns the records of the chat, in order.
func (v View) Sent(chatID int64) []Sent {
	var out []Sent
	for _, x := range v.s.sent {
		if x.ChatID == chatID {
			out = append(out, x)
		}
	}
	return out
}

// All returns every record, in order.
func (v View) All() []Sent { return v.s.sent }

// Answers returns every callback answer, in order.
func (v View) Answers() []Answer { return v.s.answers }

// Calls returns how many requests for the method arrived, faults included.
func (v View) Calls(method string) int { return v.s.calls[method] }

// Pending returns how many updates are not yet confirmed.
func (v View) Pending() int { return len(v.s.updates) }

// Commands returns every setMyCommands call.
func (v View) Commands() []CommandsCall { return v.s.commands }

// Webhook returns the webhook state.
func (v View) Webhook() WebhookState { return v.s.webhook }

// WaitSent waits until at least n records exist for the chat and returns
// them all, or fails after the real timeout with what arrived.
func (s *Server) WaitSent(chatID int64, n int, timeout time.Duration) ([]Sent, error) {
	var got []Sent
	ok := s.WaitFor(timeout, func(v View) bool {
		got = v.Sent(chatID)
		return len(got) >= n
	})
	if !ok {
		return got, fmt.Errorf("telegramtest: chat %d: %d of %d records after %v", chatID, len(got), n, timeout)
	}
	return got, nil
}

// WaitAnswers waits until at least n callback answers exist.
func (s *Server) WaitAnswers(n int, timeout time.Duration) ([]Answer, error) {
	var got []Answer
	ok := s.WaitFor(timeout, func(v View) bool {
		got = append([]Answer(nil), v.Answers()...)
		return len(got) >= n
	})
	if !ok {
		return got, fmt.Errorf("telegramtest: %d of %d callback answers after %v", len(got), n, timeout)
	}
	return got, nil
}
