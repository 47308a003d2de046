package coach

import "time"

// PLACEHOLDER written by the lead so package coach compiles while the
// reminder rules are being written: the reminder engineer replaces this
// whole file. Until then reminders, wakes and ping buttons change nothing.

func (e *Engine) onReminder(st State, in Input, now time.Time) Output { return Output{State: st} }
func (e *Engine) onWake(st State, now time.Time) Output               { return Output{State: st} }
func (e *Engine) onPing(st State, action string, now time.Time) Output {
	return Output{State: st}
}
