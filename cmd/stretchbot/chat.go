package main

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"

	"github.com/stretchbot/stretchbot/chart"
	"github.com/stretchbot/stretchbot/clock"
	"github.com/stretchbot/stretchbot/coach"
)

// runChat is `stretchbot chat`: the coach in a terminal, through the same
// Service and store as the Telegram bot. Buttons are shown as numbered
// choices; typing a number (or a button's label) presses it, anything else
// is typed text, and /commands work as in Telegram. Quitting mid-routine and
// starting again resumes at the same stretch.
func runChat(ctx context.Context, args []string, getenv func(string) string, stdin io.Reader, stdout, stderr io.Writer) int {
	return runChatClock(ctx, args, getenv, stdin, stdout, stderr, clock.Real{})
}

// runChatClock is runChat on the given clock (tests use a fake one).
func runChatClock(ctx context.Context, args []string, getenv func(string) string, stdin io.Reader, stdout, stderr io.Writer, clk clock.Clock) int {
	fs := flag.NewFlagSet("stretchbot chat", flag.ContinueOnError)
	user := fs.Int64("user", 1, "local user id (several people can share one database)")
	outDir := fs.String("out", ".", "directory for files the bot sends (export, report, chart)")
	timers := fs.Bool("timers", true, "deliver hold-timer messages after their delay")
	cfg, err := parseConfig(fs, cmdChat, args, getenv, stderr)
	if err != nil {
		if !errors.Is(err, errHelp) {
			fmt.Fprintf(stderr, "stretchbot chat: %v\n", err)
		}
		return 2
	}
	svc, store, err := openService(cfg.DB)
	if err != nil {
		fmt.Fprintf(stderr, "stretchbot chat: %v\n", err)
		return 1
	}
	defer store.Close()
	c := &chat{
		ctx: ctx, svc: svc, user: coach.UserID(*user), lang: cfg.Lang, out: stdout, errw: stderr,
		outDir: *outDir, clk: clk, timers: *timers,
	}
	fmt.Fprintf(stdout, "stretchbot — terminal chat (database %s). Type /help for commands, Ctrl-D to quit.\n\n", cfg.DB)
	if err := c.loop(stdin); err != nil {
		fmt.Fprintf(stderr, "stretchbot chat: %v\n", err)
		return 1
	}
	c.wg.Wait()
	return 0
}

// chat is one terminal conversation.
type chat struct {
	ctx    context.Context
	svc    *coach.Service
	user   coach.UserID
	lang   string
	out    io.Writer
	errw   io.Writer
	outDir string
	clk    clock.Clock
	timers bool

	mu      sync.Mutex // guards out and choices: timers print concurrently
	choices []choice   // the numbered buttons last shown
	scores  bool       // the last buttons were a 0-10 scale: numbers are text
	pending []clock.Timer
	wg      sync.WaitGroup
}

type choice struct {
	b    coach.Button
	turn uint32
}

func (c *chat) loop(stdin io.Reader) error {
	st, err := c.svc.State(c.ctx, c.user)
	if err != nil {
		return err
	}
	// Greet: a new user is onboarded, a routine in progress resumes, any
	// other pending question is asked again.
	first := coach.Input{Kind: coach.InputCommand, Command: "start"}
	if st.Session != nil {
		first = coach.Input{Kind: coach.InputCommand, Command: "stretch"}
	}
	if err := c.send(first); err != nil {
		return err
	}
	sc := bufio.NewScanner(stdin)
	sc.Buffer(make([]byte, 64*1024), 1<<20)
	for sc.Scan() {
		if c.ctx.Err() != nil {
			break
		}
		line := sc.Text()
		if t := strings.TrimSpace(line); t == "/quit" || t == "/exit" {
			break
		}
		if err := c.send(c.input(line)); err != nil {
			return err
		}
	}
	c.stopTimers()
	if err := sc.Err(); err != nil && !errors.Is(err, bufio.ErrTooLong) {
		return err
	}
	if errors.Is(sc.Err(), bufio.ErrTooLong) {
		fmt.Fprintln(c.out, "(That line was over 1 MB, so I stopped reading. Your progress is saved.)")
	}
	fmt.Fprintln(c.out, "\nBye for now — your progress is saved. Run `stretchbot chat` again to carry on.")
	return nil
}

// input turns a typed line into a coach input.
func (c *chat) input(line string) coach.Input {
	t := strings.TrimSpace(line)
	if strings.HasPrefix(t, "/") && len(t) > 1 {
		cmd, arg, _ := strings.Cut(t[1:], " ")
		cmd, _, _ = strings.Cut(cmd, "@")
		return coach.Input{Kind: coach.InputCommand, Command: strings.ToLower(cmd), Text: strings.TrimSpace(arg), Lang: c.lang}
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if n, err := strconv.Atoi(t); err == nil && !c.scores && n >= 1 && n <= len(c.choices) {
		ch := c.choices[n-1]
		return coach.Input{Kind: coach.InputButton, Action: ch.b.Action, Turn: ch.turn, Lang: c.lang}
	}
	for _, ch := range c.choices {
		if t != "" && strings.EqualFold(t, ch.b.Label) && !c.scores {
			return coach.Input{Kind: coach.InputButton, Action: ch.b.Action, Turn: ch.turn, Lang: c.lang}
		}
	}
	return coach.Input{Kind: coach.InputText, Text: line, Lang: c.lang}
}

// send hands one input to the coach and prints the replies.
func (c *chat) send(in coach.Input) error {
	if in.Lang == "" {
		in.Lang = c.lang
	}
	out, err := c.svc.Handle(c.ctx, c.user, in, c.clk.Now())
	if err != nil {
		if errors.Is(err, coach.ErrCorrupt) {
			return err
		}
		fmt.Fprintf(c.out, "Sorry, something went wrong on my side (%v). Nothing was changed; please try again.\n", err)
		return nil
	}
	if out.Erase {
		c.stopTimers()
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if out.Notice != "" && in.Kind == coach.InputButton {
		fmt.Fprintf(c.out, "  (%s)\n", out.Notice)
	}
	var now []coach.Reply
	for _, r := range out.Replies {
		if r.After > 0 {
			c.later(r)
			continue
		}
		if r.Chart != nil && r.File == nil {
			f, err := chart.File(r.Chart, c.svc.Engine().Content().Messages, out.State.Profile.Lang)
			if err != nil {
				fmt.Fprintf(c.errw, "stretchbot chat: drawing the chart: %v\n", err)
			} else {
				r.File = f
			}
		}
		now = append(now, r)
	}
	c.printLocked(now)
	return nil
}

// printLocked prints replies and numbers their buttons.
func (c *chat) printLocked(rs []coach.Reply) {
	var choices []choice
	scores := false
	for _, r := range rs {
		fmt.Fprintf(c.out, "🤖 %s\n", strings.ReplaceAll(r.Text, "\n", "\n   "))
		if r.File != nil {
			c.saveFile(r.File)
		}
		for _, row := range r.Buttons {
			var cells []string
			for _, b := range row {
				if _, err := strconv.Atoi(b.Label); err == nil {
					scores = true
					cells = append(cells, b.Label)
					continue
				}
				choices = append(choices, choice{b: b, turn: r.Turn})
				cells = append(cells, fmt.Sprintf("[%d] %s", len(choices), b.Label))
			}
			fmt.Fprintf(c.out, "   %s\n", strings.Join(cells, "   "))
		}
	}
	if len(choices) > 0 || scores {
		c.choices, c.scores = choices, scores
		if scores {
			fmt.Fprintln(c.out, "   (type a number from 0 to 10, or the words of an option)")
		}
	}
	fmt.Fprintln(c.out)
}

// saveFile writes an attachment into the output directory and prints where.
func (c *chat) saveFile(f *coach.File) {
	name := filepath.Base(f.Name)
	if name == "." || name == "/" || name == "" {
		name = "stretchbot-file"
	}
	path := filepath.Join(c.outDir, name)
	if err := os.WriteFile(path, f.Data, 0o600); err != nil {
		fmt.Fprintf(c.out, "   (could not save %s: %v)\n", name, err)
		return
	}
	fmt.Fprintf(c.out, "   📎 saved %s (%d bytes)\n", path, len(f.Data))
}

// later prints a delayed reply (a hold timer) when it is due, if the user
// has not moved on by then.
func (c *chat) later(r coach.Reply) {
	if !c.timers {
		return
	}
	c.wg.Add(1)
	t := c.clk.AfterFunc(r.After, func() {
		defer c.wg.Done()
		st, err := c.svc.State(c.ctx, c.user)
		if err != nil || st.Turn != r.Turn {
			return
		}
		c.mu.Lock()
		defer c.mu.Unlock()
		r.After = 0
		c.printLocked([]coach.Reply{r})
	})
	c.pending = append(c.pending, t)
}

func (c *chat) stopTimers() {
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, t := range c.pending {
		if t.Stop() {
			c.wg.Done()
		}
	}
	c.pending = nil
}
