package main

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/stretchbot/stretchbot/coach"
)

func TestRunAsk(t *testing.T) {
	tests := []struct {
		name     string
		args     []string
		stdin    string
		code     int
		want     []coach.Understanding // JSON lines expected, in order
		wantText string                // substring of the human-readable output
	}{
		{name: "faq json", args: []string{"--json", "how many seconds should I hold each stretch"}, code: 0,
			want: []coach.Understanding{{Intent: coach.IntentFAQ, Topic: "hold-time"}}},
		{name: "arguments are joined", args: []string{"--json", "how", "long", "do", "i", "hold", "each", "stretch"}, code: 0,
			want: []coach.Understanding{{Intent: coach.IntentFAQ, Topic: "hold-time"}}},
		{name: "emergency json", args: []string{"--json", "can't tell when I need to pee since my back went"}, code: 0,
			want: []coach.Understanding{{Intent: coach.IntentRedFlag, Level: coach.LevelEmergency, Flags: []string{"bladder"}}}},
		{name: "unknown json", args: []string{"-json", "what's the weather in Paris"}, code: 0,
			want: []coach.Understanding{{Intent: coach.IntentUnknown}}},
		{name: "human faq", args: []string{"is yoga enough for my back"}, code: 0, wantText: "faq: yoga, score"},
		{name: "human red flag", args: []string{"my left foot keeps going numb"}, code: 0, wantText: "red flag: clinician (leg-numbness)"},
		{name: "human unknown", args: []string{"tell me a joke"}, code: 0, wantText: "unknown"},
		{name: "batch from stdin", stdin: "is walking better than stretching?\n\nI lost control of my bowels\nhello\n", code: 0,
			want: []coach.Understanding{
				{Intent: coach.IntentFAQ, Topic: "walking"},
				{Intent: coach.IntentUnknown},
				{Intent: coach.IntentRedFlag, Level: coach.LevelEmergency, Flags: []string{"bowel"}},
				{Intent: coach.IntentUnknown},
			}},
		{name: "batch ignores --json", args: []string{"--json"}, stdin: "tell me a joke\r\n", code: 0,
			want: []coach.Understanding{{Intent: coach.IntentUnknown}}},
		{name: "bad flag", args: []string{"--nope"}, code: 2},
		{name: "line too long", stdin: strings.Repeat("a", maxAskLine+10), code: 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var out, errb bytes.Buffer
			code := runAsk(tt.args, strings.NewReader(tt.stdin), &out, &errb)
			if code != tt.code {
				t.Fatalf("exit %d, want %d; stderr %q", code, tt.code, errb.String())
			}
			if tt.wantText != "" && !strings.Contains(out.String(), tt.wantText) {
				t.Errorf("output %q, want it to contain %q", out.String(), tt.wantText)
			}
			if tt.want == nil {
				return
			}
			lines := strings.Split(strings.TrimRight(out.String(), "\n"), "\n")
			if len(lines) != len(tt.want) {
				t.Fatalf("%d lines %q, want %d", len(lines), out.String(), len(tt.want))
			}
			for i, line := range lines {
				var got coach.Understanding
				if err := json.Unmarshal([]byte(line), &got); err != nil {
					t.Fatalf("line %d %q: %v", i, line, err)
				}
				w := tt.want[i]
				if got.Intent != w.Intent || got.Topic != w.Topic || got.Level != w.Level ||
					strings.Join(got.Flags, ",") != strings.Join(w.Flags, ",") {
					t.Errorf("line %d = %s, want %+v", i, line, w)
				}
				if got.Intent == coach.IntentFAQ && (got.Score <= 0 || got.Score > 1) {
					t.Errorf("line %d: score %v outside (0,1]", i, got.Score)
				}
			}
		})
	}
}

// TestRunAskJSONShape pins the wire format of the examples in the issue.
func TestRunAskJSONShape(t *testing.T) {
	var out bytes.Buffer
	if code := runAsk([]string{"--json", "I've lost control of my bladder"}, strings.NewReader(""), &out, &bytes.Buffer{}); code != 0 {
		t.Fatalf("exit %d", code)
	}
	if got, want := strings.TrimSpace(out.String()), `{"intent":"redflag","level":"emergency","flags":["bladder"]}`; got != want {
		t.Errorf("got %s, want %s", got, want)
	}
	out.Reset()
	runAsk([]string{"--json", "recommend a good movie"}, strings.NewReader(""), &out, &bytes.Buffer{})
	if got, want := strings.TrimSpace(out.String()), `{"intent":"unknown"}`; got != want {
		t.Errorf("got %s, want %s", got, want)
	}
}
