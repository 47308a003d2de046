//go:build !wip

package coach

import "time"

// This file stands in for the engine while it is being written (build tag
// wip); it is deleted when the engine lands.

type Engine struct {
	c   *Content
	nlu Understander
}

func NewEngine(c *Content, u Understander) *Engine { return &Engine{c: c, nlu: u} }
func (e *Engine) Content() *Content                { return e.c }
func (e *Engine) NeedsHistory(st State, in Input) bool {
	return in.Kind == InputCommand && (in.Command == "progress" || in.Command == "export" || in.Command == "report")
}

type Command struct {
	Name        string
	Description string
}

func (e *Engine) Commands(lang string) []Command { return nil }
func (e *Engine) Step(st State, in Input, now time.Time, hist []Record) Output {
	panic("coach: Step is being written")
}
func (e *Engine) t(st State, key string, args ...string) string {
	return e.c.Messages.T(st.Profile.Lang, key, args...)
}
func (e *Engine) loc(st State) *time.Location       { return time.UTC }
func (e *Engine) today(st State, now time.Time) Day { return Day(now.UTC().Format("2006-01-02")) }
func (e *Engine) startRoutine(st State, slot Slot, now time.Time) Output {
	panic("coach: startRoutine is being written")
}
