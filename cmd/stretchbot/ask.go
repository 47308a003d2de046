package main

import (
	"bufio"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"strings"

	"github.com/stretchbot/stretchbot/coach"
	"github.com/stretchbot/stretchbot/nlu"
)

// maxAskLine is the longest stdin line runAsk accepts in batch mode.
const maxAskLine = 1 << 20

// runAsk prints how messages are understood: red flag, FAQ topic, "did you
// mean" candidates or unknown, through the same nlu.Model the bot uses.
//
//	stretchbot ask [--json] TEXT…  classify one message (the arguments joined)
//	stretchbot ask < FILE          classify one message per line, JSON lines
//
// With --json, or in batch mode, each result is one JSON object, e.g.
// {"intent":"faq","topic":"hold-time","score":0.81}. Without it, one
// human-readable line. It returns the process exit code.
func runAsk(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("ask", flag.ContinueOnError)
	fs.SetOutput(stderr)
	asJSON := fs.Bool("json", false, "print one JSON object")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: stretchbot ask [--json] TEXT\n       stretchbot ask < messages.txt   (one message a line, JSON lines out)")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		if err == flag.ErrHelp {
			return 0
		}
		return 2
	}
	c, err := coach.LoadContent()
	if err != nil {
		fmt.Fprintf(stderr, "stretchbot ask: %v\n", err)
		return 1
	}
	m := nlu.New(c)
	out := bufio.NewWriter(stdout)
	defer out.Flush()

	if fs.NArg() > 0 {
		u := m.Understand(strings.Join(fs.Args(), " "))
		if *asJSON {
			writeJSONLine(out, u)
		} else {
			fmt.Fprintln(out, describe(c, u))
		}
		return 0
	}

	sc := bufio.NewScanner(stdin)
	sc.Buffer(make([]byte, 0, 64<<10), maxAskLine)
	for sc.Scan() {
		writeJSONLine(out, m.Understand(sc.Text()))
	}
	if err := sc.Err(); err != nil {
		out.Flush()
		fmt.Fprintf(stderr, "stretchbot ask: reading messages: %v\n", err)
		return 1
	}
	return 0
}

// writeJSONLine writes u as one line of JSON.
func writeJSONLine(w io.Writer, u coach.Understanding) {
	b, err := json.Marshal(u)
	if err != nil { // cannot happen: Understanding is plain data
		b = []byte(`{"intent":"unknown"}`)
	}
	w.Write(append(b, '\n'))
}

// describe renders u as one line for a person.
func describe(c *coach.Content, u coach.Understanding) string {
	switch u.Intent {
	case coach.IntentRedFlag:
		return fmt.Sprintf("red flag: %s (%s)", u.Level, strings.Join(u.Flags, ", "))
	case coach.IntentFAQ:
		title := u.Topic
		if tp := c.Topic(u.Topic); tp != nil {
			title = tp.Question
		}
		return fmt.Sprintf("faq: %s, score %.2f: %s", u.Topic, u.Score, title)
	case coach.IntentSuggest:
		return fmt.Sprintf("did you mean: %s (best score %.2f)", strings.Join(u.Candidates, ", "), u.Score)
	}
	return "unknown: outside what the bot can help with"
}
