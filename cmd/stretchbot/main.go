// Command stretchbot is a Telegram bot that coaches people with back pain
// through a short daily stretching routine.
//
//	stretchbot                 run the Telegram bot (TELEGRAM_BOT_TOKEN)
//	stretchbot chat            the same coach in the terminal, no token needed
//	stretchbot ask [--json] T  how one message is understood (FAQ, red flag…)
//	stretchbot backup FILE     a consistent copy of the live database
//	stretchbot stats           aggregate counts, no personal data
//	stretchbot healthcheck     is the running bot healthy? (for HEALTHCHECK)
package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"

	_ "time/tzdata" // time zones work in a scratch container too
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], os.Getenv, os.Stdin, os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// run dispatches to a subcommand and returns the exit code. Arguments
// that start with a flag (-h and --help included) are the bot's own:
// runServe parses them and lists the bot's settings for -h.
func run(ctx context.Context, args []string, getenv func(string) string, stdin io.Reader, stdout, stderr io.Writer) int {
	if len(args) == 0 || len(args[0]) > 0 && args[0][0] == '-' {
		return runServe(ctx, args, getenv, stdout, stderr)
	}
	switch args[0] {
	case "serve", "run":
		return runServe(ctx, args[1:], getenv, stdout, stderr)
	case "chat":
		return runChat(ctx, args[1:], getenv, stdin, stdout, stderr)
	case "ask":
		return runAsk(args[1:], stdin, stdout, stderr)
	case "backup":
		return runBackup(ctx, args[1:], getenv, stdout, stderr)
	case "stats":
		return runStats(ctx, args[1:], getenv, stdout, stderr)
	case "healthcheck":
		return runHealthcheck(ctx, args[1:], getenv, stdout, stderr)
	case "help":
		fmt.Fprint(stdout, usage)
		return 0
	}
	fmt.Fprintf(stderr, "stretchbot: unknown command %q\n\n%s", args[0], usage)
	return 2
}

const usage = `Usage:
  stretchbot [flags]            run the Telegram bot (needs TELEGRAM_BOT_TOKEN)
  stretchbot chat [flags]       talk to the coach in this terminal (no token needed)
  stretchbot ask [--json] TEXT  show how a message is understood; no TEXT: one per line from stdin
  stretchbot backup [flags] FILE  write a consistent copy of the live database to FILE
  stretchbot stats [flags]      print aggregate counts (no personal data)
  stretchbot healthcheck        exit 0 if the running bot's /healthz answers (Docker HEALTHCHECK)

Every setting is an environment variable, and a flag overrides it:
stretchbot -h, stretchbot backup -h... list them. Common flags:
  -db PATH   database file (env STRETCHBOT_DB, default stretchbot.db)
`
