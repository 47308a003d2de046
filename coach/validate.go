package coach

import (
	"fmt"
	"time"
)

// Validate checks the content for completeness and consistency.
func (c *Content) Validate() error {
	if len(c.Stretches) != 10 {
		return fmt.Errorf("content: stretches.json: want 10 stretches, have %d", len(c.Stretches))
	}
	if len(c.Routines) != 2 {
		return fmt.Errorf("content: routines.json: want 2 routines, have %d", len(c.Routines))
	}
	return nil
}

// transition is the time Duration allows per stretch for getting into
// position, reading the steps and switching sides.
const transition = 30 * time.Second

// Duration estimates how long the routine for slot s takes.
func (c *Content) Duration(s Slot) time.Duration {
	var d time.Duration
	for _, r := range c.Routines {
		if r.Slot != s {
			continue
		}
		for _, it := range r.Items {
			for i := range c.Stretches {
				if c.Stretches[i].ID == it.Stretch {
					d += c.Stretches[i].Dose.duration() + transition
				}
			}
		}
	}
	return d
}

// repTime is the time one repetition takes, on average.
const repTime = 4 * time.Second

func (d Dose) duration() time.Duration {
	one := time.Duration(d.HoldSeconds)*time.Second + time.Duration(d.Reps)*repTime
	n := time.Duration(max(d.Rounds, 1))
	if d.PerSide {
		n *= 2
	}
	return one * n
}
