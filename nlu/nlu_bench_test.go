package nlu_test

import (
	"bufio"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchbot/stretchbot/coach"
	"github.com/stretchbot/stretchbot/nlu"
)

// benchTexts reads the "text" of every line of an evaluation file in
// coach/testdata/eval: messages written the way users type.
func benchTexts(tb testing.TB, name string) []string {
	tb.Helper()
	f, err := os.Open(filepath.Join("..", "coach", "testdata", "eval", name))
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	var out []string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		var it struct {
			Text string `json:"text"`
		}
		if len(sc.Bytes()) == 0 {
			continue
		}
		if err := json.Unmarshal(sc.Bytes(), &it); err != nil {
			tb.Fatalf("%s: %v", name, err)
		}
		out = append(out, it.Text)
	}
	if err := sc.Err(); err != nil {
		tb.Fatal(err)
	}
	if len(out) == 0 {
		tb.Fatalf("%s: no messages", name)
	}
	return out
}

// benchUnderstand runs Understand over the messages round robin and
// reports the share that got the intent the benchmark is about (when want
// is set), so a figure cannot silently measure the wrong path.
func benchUnderstand(b *testing.B, texts []string, want coach.Intent) {
	c, err := coach.LoadContent()
	if err != nil {
		b.Fatal(err)
	}
	m := nlu.New(c)
	hits := 0
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if m.Understand(texts[i%len(texts)]).Intent == want {
			hits++
		}
	}
	b.StopTimer()
	if want != "" {
		b.ReportMetric(float64(hits)/float64(b.N), "hit-share")
	}
}

// BenchmarkTriage measures understanding a red-flag report (the evaluation
// set's redflag.jsonl): triage fires, and the FAQ stage is never reached.
func BenchmarkTriage(b *testing.B) {
	benchUnderstand(b, benchTexts(b, "redflag.jsonl"), coach.IntentRedFlag)
}

// BenchmarkFAQ measures understanding a question (faq.jsonl): triage runs
// and lets it through, then the FAQ index ranks the topics.
func BenchmarkFAQ(b *testing.B) {
	benchUnderstand(b, benchTexts(b, "faq.jsonl"), coach.IntentFAQ)
}

// BenchmarkOrdinary measures the short answers and chat of ordinary.jsonl
// ("done", "7:30", "London"): what most typed messages are. They have
// no single expected intent.
func BenchmarkOrdinary(b *testing.B) {
	benchUnderstand(b, benchTexts(b, "ordinary.jsonl"), "")
}

// TestBenchTexts checks that the benchmark inputs are what the benchmarks
// say: mostly red flags for BenchmarkTriage, mostly FAQ answers for
// BenchmarkFAQ.
func TestBenchTexts(t *testing.T) {
	c, err := coach.LoadContent()
	if err != nil {
		t.Fatal(err)
	}
	m := nlu.New(c)
	for _, tc := range []struct {
		file string
		want coach.Intent
	}{
		{"redflag.jsonl", coach.IntentRedFlag},
		{"faq.jsonl", coach.IntentFAQ},
	} {
		texts := benchTexts(t, tc.file)
		hits := 0
		for _, s := range texts {
			if m.Understand(s).Intent == tc.want {
				hits++
			}
		}
		if share := float64(hits) / float64(len(texts)); share < 0.8 {
			t.Errorf("%s: only %.0f%% of %d messages are %s", tc.file, 100*share, len(texts), tc.want)
		}
	}
}
