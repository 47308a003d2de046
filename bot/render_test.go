package bot

import (
	"log/slog"
	"strings"
	"testing"
	"unicode/utf8"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"
	"github.com/stretchbot/stretchbot/coach"
)

func TestEscapeHTML(t *testing.T) {
	tests := []struct{ in, want string }{
		{"plain", "plain"},
		{"a < b > c", "a &lt; b &gt; c"},
		{"Tom & Jerry", "Tom &amp; Jerry"},
		{"<b>not bold</b>", "&lt;b&gt;not bold&lt;/b&gt;"},
		{"&amp;", "&amp;amp;"},
		{"quotes \" ' stay", "quotes \" ' stay"},
	}
	for _, tt := range tests {
		if got := escapeHTML(tt.in); got != tt.want {
			t.Errorf("escapeHTML(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestSplitText(t *testing.T) {
	para := strings.Repeat("word ", 30) // 150 chars
	tests := []struct {
		name  string
		in    string
		max   int
		parts int
	}{
		{"short", "hello", 100, 1},
		{"paragraphs", para + "\n\n" + para, 200, 2},
		{"lines", para + "\n" + para, 200, 2},
		{"no breaks", strings.Repeat("x", 250), 100, 3},
		{"multibyte", strings.Repeat("ü", 250), 100, 3},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := splitText(tt.in, tt.max)
			if len(got) != tt.parts {
				t.Fatalf("%d parts, want %d", len(got), tt.parts)
			}
			total := 0
			for _, p := range got {
				if n := utf8.RuneCountInString(p); n > tt.max || n == 0 {
					t.Fatalf("part of %d characters", n)
				}
				if !utf8.ValidString(p) {
					t.Fatal("a character was cut in half")
				}
				total += len(strings.Fields(p))
			}
			if total != len(strings.Fields(tt.in)) && !strings.HasPrefix(tt.name, "no breaks") && tt.name != "multibyte" {
				t.Fatalf("words lost: %d of %d", total, len(strings.Fields(tt.in)))
			}
		})
	}
}

func TestRender(t *testing.T) {
	r := renderer{codec: newCodec([]byte("k"), ""), log: slog.New(slog.DiscardHandler)}
	rep := coach.Reply{
		Text: "Cat & cow <gentle>",
		Turn: 9,
		Buttons: [][]coach.Button{
			{{Label: "Done", Action: "done"}, {Label: "Hurts", Action: "hurts"}},
			{{Label: "Broken", Action: strings.Repeat("x", 60)}},
		},
	}
	jobs := r.render(7, rep, prioInteractive)
	if len(jobs) != 1 {
		t.Fatalf("%d jobs", len(jobs))
	}
	m := jobs[0].req.(tgbotapi.MessageConfig)
	if m.Text != "Cat &amp; cow &lt;gentle&gt;" || m.ParseMode != "HTML" || m.ChatID != 7 {
		t.Fatalf("message = %+v", m)
	}
	kb := m.ReplyMarkup.(tgbotapi.InlineKeyboardMarkup)
	if len(kb.InlineKeyboard) != 1 || len(kb.InlineKeyboard[0]) != 2 {
		t.Fatalf("keyboard = %+v (the too-long button must be dropped, and its empty row)", kb)
	}
	turn, action, err := r.codec.decode(7, *kb.InlineKeyboard[0][1].CallbackData)
	if err != nil || turn != 9 || action != "hurts" {
		t.Fatalf("button data decodes to %d %q %v", turn, action, err)
	}

	long := coach.Reply{Text: strings.Repeat("para graph. ", 400) + "\n\n" + strings.Repeat("more text. ", 200), Buttons: [][]coach.Button{{{Label: "OK", Action: "ok"}}}}
	jobs = r.render(7, long, prioBulk)
	if len(jobs) < 2 {
		t.Fatalf("long text in %d message(s)", len(jobs))
	}
	for i, j := range jobs {
		m := j.req.(tgbotapi.MessageConfig)
		if (m.ReplyMarkup != nil) != (i == len(jobs)-1) {
			t.Fatalf("keyboard on message %d of %d", i, len(jobs))
		}
		if j.prio != prioBulk {
			t.Fatal("priority lost")
		}
	}

	png := r.render(7, coach.Reply{Text: "Your week", File: &coach.File{Name: "week.png", MIME: "image/png", Data: []byte{1}}}, prioInteractive)
	if p, ok := png[0].req.(tgbotapi.PhotoConfig); !ok || p.Caption != "Your week" || len(png) != 1 {
		t.Fatalf("png = %+v", png[0].req)
	}
	doc := r.render(7, coach.Reply{Text: strings.Repeat("x ", 600), File: &coach.File{Name: "export.json", MIME: "application/json", Data: []byte("{}")}}, prioInteractive)
	if len(doc) != 2 || doc[0].kind != "message" || doc[1].kind != "document" {
		t.Fatalf("a caption too long goes first as a message: %+v", doc)
	}
	if jobs := r.render(7, coach.Reply{Text: "  "}, prioInteractive); len(jobs) != 0 {
		t.Fatal("an empty reply was rendered")
	}
}

func TestChosen(t *testing.T) {
	msg := &tgbotapi.Message{MessageID: 3, Chat: &tgbotapi.Chat{ID: 5}, Text: "Ready?",
		Entities: []tgbotapi.MessageEntity{{Type: "bold", Offset: 0, Length: 5}}}
	j := chosen(5, msg, "→ Done")
	e := j.req.(tgbotapi.EditMessageTextConfig)
	if e.Text != "Ready?\n\n→ Done" || e.ReplyMarkup != nil || len(e.Entities) != 1 || e.ParseMode != "" {
		t.Fatalf("edit = %+v", e)
	}
	msg.Text = ""
	if _, ok := chosen(5, msg, "→ Done").req.(tgbotapi.EditMessageReplyMarkupConfig); !ok {
		t.Fatal("a message without text must only lose its buttons")
	}
}
