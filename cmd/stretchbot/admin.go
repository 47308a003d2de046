package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
)

// runBackup is `stretchbot backup FILE`: a consistent copy of the database,
// taken while the bot keeps running (bbolt's Tx.WriteTo inside one read
// transaction).
func runBackup(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("stretchbot backup", flag.ContinueOnError)
	fs.SetOutput(stderr)
	db := dbFlag(fs, getenv)
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if fs.NArg() != 1 {
		fmt.Fprintln(stderr, "usage: stretchbot backup [-db PATH] FILE")
		return 2
	}
	st, err := openStore(*db)
	if err != nil {
		fmt.Fprintf(stderr, "stretchbot backup: %v\n", err)
		return 1
	}
	defer st.Close()
	n, err := st.BackupFile(fs.Arg(0))
	if err != nil {
		fmt.Fprintf(stderr, "stretchbot backup: %v\n", err)
		return 1
	}
	fmt.Fprintf(stdout, "backed up %s to %s (%d bytes)\n", *db, fs.Arg(0), n)
	return 0
}

// runStats is `stretchbot stats`: aggregate counts with no personal data.
func runStats(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("stretchbot stats", flag.ContinueOnError)
	fs.SetOutput(stderr)
	db := dbFlag(fs, getenv)
	asJSON := fs.Bool("json", false, "print JSON")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	st, err := openStore(*db)
	if err != nil {
		fmt.Fprintf(stderr, "stretchbot stats: %v\n", err)
		return 1
	}
	defer st.Close()
	s, err := st.Stats(ctx)
	if err != nil {
		fmt.Fprintf(stderr, "stretchbot stats: %v\n", err)
		return 1
	}
	if *asJSON {
		b, _ := json.MarshalIndent(s, "", "  ")
		fmt.Fprintln(stdout, string(b))
		return 0
	}
	fmt.Fprintf(stdout, "schema %d\nusers %d (onboarded %d, paused %d, blocked %d)\nreminded %d in %d time zones\n",
		s.Schema, s.Users, s.Onboarded, s.Paused, s.Blocked, s.Reminded, s.Zones)
	fmt.Fprintf(stdout, "routines recorded %d\nred flags: clinician %d, emergency %d\ncorrupt values %d\nfile size %d bytes\n",
		s.Records["routine"], s.RedFlags["clinician"], s.RedFlags["emergency"], s.Corrupt, s.FileSize)
	return 0
}
