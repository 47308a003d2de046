package coach

import (
	"embed"
	"encoding/json"
	"fmt"
	"io/fs"
)

// The content is data, reviewed without reading Go: content/*.json and the
// message catalogue content/i18n/*.json.
//
//go:embed content
var contentFS embed.FS

// Stretch is one exercise of the programme.
type Stretch struct {
	ID      string   `json:"id"`
	Name    string   `json:"name"`
	Kind    string   `json:"kind"` // "mobility" or "activation"
	Steps   []string `json:"steps"`
	Dose    Dose     `json:"dose"`
	Purpose string   `json:"purpose"` // one line: what it is for
	// Gentler is the easier variation offered after a mild "hurts".
	Gentler Variation `json:"gentler"`
	SkipIf  string    `json:"skip_if"` // when to leave it out
}

// Dose is how long or how often: hold seconds, or reps; per side or not;
// how many rounds.
type Dose struct {
	HoldSeconds int  `json:"hold_seconds,omitempty"`
	Reps        int  `json:"reps,omitempty"`
	Rounds      int  `json:"rounds"` // times through (per side)
	PerSide     bool `json:"per_side"`
}

// Variation is an easier way to do a stretch.
type Variation struct {
	Name  string   `json:"name"`
	Steps []string `json:"steps"`
	Dose  Dose     `json:"dose"`
}

// Routine is a daily routine: its stretches in order, and why each is there.
type Routine struct {
	Slot  Slot          `json:"slot"`
	Name  string        `json:"name"`
	Intro string        `json:"intro"`
	Items []RoutineItem `json:"items"`
}

// RoutineItem is one stretch of a routine.
type RoutineItem struct {
	Stretch string `json:"stretch"`
	Why     string `json:"why"` // why it is here, at this place
}

// Safety is the safety wording.
type Safety struct {
	Tips       []string `json:"tips"`
	Disclaimer string   `json:"disclaimer"` // what the bot is and is not
	Clinician  string   `json:"clinician"`  // "see a clinician" message
	Emergency  string   `json:"emergency"`  // "get urgent care now" message
	// The safety gate's questions, each answered yes/no.
	EmergencyQuestion string `json:"emergency_question"`
	ClinicianQuestion string `json:"clinician_question"`
}

// Topic is one FAQ topic.
type Topic struct {
	ID          string   `json:"id"`
	Title       string   `json:"title"`       // short, for a button
	Question    string   `json:"question"`    // the canonical question
	Answer      string   `json:"answer"`      // 1-4 short sentences
	Paraphrases []string `json:"paraphrases"` // other ways people ask it
	Related     []string `json:"related,omitempty"`
}

// Content is all of the programme's text and structure.
type Content struct {
	Stretches []Stretch `json:"stretches"`
	Routines  []Routine `json:"routines"`
	Safety    Safety    `json:"safety"`
	Topics    []Topic   `json:"topics"`
	Messages  Catalog   `json:"-"`

	stretch map[string]*Stretch
	routine map[Slot]*Routine
	topic   map[string]*Topic
}

// Stretch returns the stretch with the id, or nil.
func (c *Content) Stretch(id string) *Stretch { return c.stretch[id] }

// Routine returns the routine for the slot, or nil.
func (c *Content) Routine(s Slot) *Routine { return c.routine[s] }

// Topic returns the FAQ topic with the id, or nil.
func (c *Content) Topic(id string) *Topic { return c.topic[id] }

// LoadContent reads and validates the embedded content.
func LoadContent() (*Content, error) { return loadContent(contentFS) }

// MustContent is LoadContent for program start-up and tests: the embedded
// content is checked by tests, so an error here is a build defect.
func MustContent() *Content {
	c, err := LoadContent()
	if err != nil {
		panic(err)
	}
	return c
}

func loadContent(fsys fs.FS) (*Content, error) {
	c := &Content{}
	for _, f := range []struct {
		name string
		into any
	}{
		{"content/stretches.json", &c.Stretches},
		{"content/routines.json", &c.Routines},
		{"content/safety.json", &c.Safety},
		{"content/faq.json", &c.Topics},
	} {
		b, err := fs.ReadFile(fsys, f.name)
		if err != nil {
			return nil, fmt.Errorf("content: %w", err)
		}
		if err := json.Unmarshal(b, f.into); err != nil {
			return nil, fmt.Errorf("content: %s: %w", f.name, err)
		}
	}
	cat, err := loadCatalog(fsys)
	if err != nil {
		return nil, err
	}
	c.Messages = cat
	for k, v := range catalogueTexts(c) {
		if _, dup := cat[DefaultLang][k]; dup {
			return nil, fmt.Errorf("content: catalogue key %q is reserved for the content", k)
		}
		cat[DefaultLang][k] = v
	}
	c.index()
	if err := c.Validate(); err != nil {
		return nil, err
	}
	return c, nil
}

func (c *Content) index() {
	c.stretch = make(map[string]*Stretch, len(c.Stretches))
	for i := range c.Stretches {
		c.stretch[c.Stretches[i].ID] = &c.Stretches[i]
	}
	c.routine = make(map[Slot]*Routine, len(c.Routines))
	for i := range c.Routines {
		c.routine[c.Routines[i].Slot] = &c.Routines[i]
	}
	c.topic = make(map[string]*Topic, len(c.Topics))
	for i := range c.Topics {
		c.topic[c.Topics[i].ID] = &c.Topics[i]
	}
}
