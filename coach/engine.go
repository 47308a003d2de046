package coach

import "time"

// Engine is the conversation state machine. It is pure: Step has no side
// effects, so it is safe for concurrent use.
type Engine struct {
	c   *Content
	nlu Understander
}

// NewEngine returns an engine over the content, understanding free text with u.
func NewEngine(c *Content, u Understander) *Engine { return &Engine{c: c, nlu: u} }

// Content returns the engine's content.
func (e *Engine) Content() *Content { return e.c }

// NeedsHistory reports whether Step needs the user's records for this input
// (progress, export, report); Service loads them only then.
func (e *Engine) NeedsHistory(st State, in Input) bool {
	if in.Kind != InputCommand {
		return false
	}
	switch in.Command {
	case "progress", "export", "report":
		return true
	}
	return false
}

// Command is a bot command with its short description.
type Command struct {
	Name        string // without the slash
	Description string
}

// Step handles one input for one user at time now. hist holds the user's
// records when NeedsHistory said so, else nil.
func (e *Engine) Step(st State, in Input, now time.Time, hist []Record) Output {
	panic("coach: Step is being written")
}
