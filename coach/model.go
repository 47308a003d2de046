// Package coach is stretchbot's domain: the stretching content, the daily
// routines, the conversation state machine, streaks, FAQ answering and
// red-flag triage.
//
// It imports only the standard library and never sends anything. Given a
// user's State, an Input and the time, Engine.Step returns the new State, the
// Replies to send and the Records to append. The storage it needs is declared
// here (Repository) and implemented by package store; front ends (the
// terminal chat, the Telegram bot) turn their events into Inputs and render
// Replies.
package coach

import (
	"context"
	"errors"
	"time"
)

// UserID identifies a user. It is the Telegram user id; the terminal chat
// uses a fixed local id.
type UserID int64

// Slot is one of the two daily routines.
type Slot string

const (
	Morning Slot = "morning"
	Evening Slot = "evening"
)

// Valid reports whether s is a known slot.
func (s Slot) Valid() bool { return s == Morning || s == Evening }

// Phase is where a user is in the conversation: which answer the bot is
// waiting for.
type Phase string

const (
	PhaseNew Phase = "" // never spoken to us

	// Onboarding, in order.
	PhaseOnbIntro     Phase = "onb-intro"     // disclaimer shown, waiting for "ok"
	PhaseOnbEmergency Phase = "onb-emergency" // any emergency sign? yes/no
	PhaseOnbClinician Phase = "onb-clinician" // any clinician sign? yes/no
	PhaseOnbZone      Phase = "onb-zone"      // time zone
	PhaseOnbMorning   Phase = "onb-morning"   // morning reminder time
	PhaseOnbEvening   Phase = "onb-evening"   // evening reminder time
	PhaseOnbGentle    Phase = "onb-gentle"    // clinician sign: go on with gentle versions?
	PhaseOnbFirst     Phase = "onb-first"     // start a first routine now?

	PhaseIdle       Phase = "idle"        // nothing pending
	PhaseChoose     Phase = "choose"      // morning or evening routine?
	PhaseStretch    Phase = "stretch"     // a stretch is shown: done / hurts / skip
	PhaseHurtLevel  Phase = "hurt-level"  // how bad, 0-10
	PhaseHurtKind   Phase = "hurt-kind"   // sharp, down a leg, numb/tingling/weak, none
	PhaseHurtChoice Phase = "hurt-choice" // gentler variation, skip, or stop
	PhaseEndPain    Phase = "end-pain"    // pain 0-10 after the routine
	PhaseRecheck    Phase = "recheck"     // weekly emergency-signs re-check, yes/no
	PhasePauseOffer Phase = "pause-offer" // after a red flag: pause reminders?
	PhaseSetZone    Phase = "set-zone"    // /settings: new time zone
	PhaseSetMorning Phase = "set-morning" // /settings: new morning time
	PhaseSetEvening Phase = "set-evening" // /settings: new evening time
	PhaseSetQuiet   Phase = "set-quiet"   // /settings: quiet hours
	PhaseDelete     Phase = "delete"      // /delete: confirm
	PhasePauseDays  Phase = "pause-days"  // /pause: for how long
	PhaseSettings   Phase = "settings"    // /settings menu shown
)

// Clock is a local time of day in minutes after midnight, 0..1439.
type Clock int16

// Day is a local calendar day of a user's streak, "2006-01-02".
type Day string

// State is everything the coach remembers about one user between messages.
// It is small on purpose: it is written at every step. History lives in
// Records.
type State struct {
	User  UserID `json:"user"`
	Phase Phase  `json:"phase"`
	// Turn changes whenever the bot asks something new. Buttons carry the
	// turn they were issued at; a contextual button from another turn is
	// stale. Delayed replies are delivered only while the turn is unchanged.
	Turn uint32 `json:"turn"`

	Profile  Profile    `json:"profile"`
	Session  *Session   `json:"session,omitempty"`
	Streak   Streak     `json:"streak"`
	Pause    *Pause     `json:"pause,omitempty"`
	Reminder Reminder   `json:"reminder"`
	Hurts    []HurtMark `json:"hurts,omitempty"` // last 7 days of "hurts" presses
	// Gentle holds stretch ids replaced by their gentler variation in
	// later routines, with the day that started.
	Gentle map[string]Day `json:"gentle,omitempty"`

	// Resume is a routine to start once the pending question (the weekly
	// safety re-check) is answered.
	Resume Slot `json:"resume,omitempty"`
	// Offer is what a pending pause offer is about: "redflag" or "flare".
	Offer string `json:"offer,omitempty"`
	// WakeAt is the next instant the scheduler must send InputWake (a
	// snoozed ping, the end of a pause, a follow-up, a note held back by
	// quiet hours); zero for none. Stores index it.
	WakeAt time.Time `json:"wake_at,omitempty"`

	Created time.Time `json:"created"`
	Updated time.Time `json:"updated"`

	// LastInput is the front end's id of the last event handled for the
	// user (Input.Seq, e.g. a Telegram message id) and LastInputAt when it
	// was handled: an event delivered again after a crash is recognised
	// and not stepped twice (see Service.Handle).
	LastInput   int64     `json:"last_input,omitempty"`
	LastInputAt time.Time `json:"last_input_at,omitempty"`
}

// Profile is what the user chose during onboarding and in /settings.
type Profile struct {
	Lang       string `json:"lang,omitempty"` // Telegram language_code, "" = English
	Zone       string `json:"zone,omitempty"` // IANA name or "UTC+05:30"
	Morning    Clock  `json:"morning"`
	Evening    Clock  `json:"evening"`
	Onboarded  bool   `json:"onboarded"`
	GentleOnly bool   `json:"gentle_only,omitempty"` // clinician sign at the safety gate
	// QuietStart..QuietEnd is when nothing unrequested is sent, except the
	// pings at the user's own chosen times.
	QuietStart Clock `json:"quiet_start"`
	QuietEnd   Clock `json:"quiet_end"`
	FollowUp   bool  `json:"follow_up,omitempty"` // one gentle follow-up for an ignored ping
	// DayBoundary: local times before it count for the previous day.
	DayBoundary Clock     `json:"day_boundary"`
	SafetyCheck time.Time `json:"safety_check"`      // last emergency-signs check
	Blocked     bool      `json:"blocked,omitempty"` // the user blocked the bot
}

// Session is a routine in progress.
type Session struct {
	ID      uint32    `json:"id"`
	Slot    Slot      `json:"slot"`
	Day     Day       `json:"day"`
	Started time.Time `json:"started"`
	Index   int       `json:"index"` // the stretch being shown
	Items   []Item    `json:"items"`
	Pain    int       `json:"pain"` // hurt level being triaged, -1 none
}

// Item is one stretch of a session and what became of it.
type Item struct {
	Stretch string  `json:"stretch"`
	Gentle  bool    `json:"gentle,omitempty"`
	Outcome Outcome `json:"outcome,omitempty"`
	Hurt    int     `json:"hurt,omitempty"` // 0 = no report; else the 0-10 level + 1
}

// Outcome is what happened to one stretch.
type Outcome string

const (
	OutcomeNone    Outcome = ""        // not reached
	OutcomeDone    Outcome = "done"    // done as shown
	OutcomeSkipped Outcome = "skipped" // skipped, by choice or after a hurt
)

// Streak counts consecutive local days with at least one completed routine.
type Streak struct {
	Current int `json:"current"`
	Best    int `json:"best"`
	Last    Day `json:"last,omitempty"` // last counted day
	// Frozen days neither count nor break the streak: rest days, pauses
	// after a red flag or flare-up, the bot's own downtime.
	Frozen []Day `json:"frozen,omitempty"`
}

// Pause stops reminders until Until (zero: until /resume).
type Pause struct {
	From   time.Time `json:"from"`
	Until  time.Time `json:"until,omitempty"`
	Reason string    `json:"reason"` // "user", "redflag", "flare"
}

// Reminder is the per-user reminder bookkeeping.
type Reminder struct {
	// LastSlot is the last slot a ping was sent for, "2006-01-02/morning".
	LastSlot string `json:"last_slot,omitempty"`
	// Snooze, when set, is when the ping in LastSlot goes out again: a
	// snoozed ping, or a catch-up held back by quiet hours.
	Snooze time.Time `json:"snooze,omitempty"`
	// Snoozed is set once the ping in LastSlot was snoozed: a ping is
	// snoozed at most once.
	Snoozed bool `json:"snoozed,omitempty"`
	// FollowUp, when set, is when the one gentle follow-up of the ping in
	// LastSlot is due (Profile.FollowUp).
	FollowUp time.Time `json:"follow_up,omitempty"`
	// Back, when set, is when the "you're back" note of a pause that ended
	// goes out (it waits for the end of quiet hours).
	Back time.Time `json:"back,omitempty"`
	// RestDay is a day the user chose "skip today" for.
	RestDay Day `json:"rest_day,omitempty"`
	// Done is the slots completed on Day, e.g. {"2006-01-02", ["morning"]}.
	DoneDay  Day    `json:"done_day,omitempty"`
	DoneSlot []Slot `json:"done_slots,omitempty"`
}

// HurtMark remembers that a stretch hurt.
type HurtMark struct {
	Stretch string    `json:"stretch"`
	At      time.Time `json:"at"`
}

// InputKind says what a user (or the scheduler) did.
type InputKind uint8

const (
	InputText     InputKind = iota + 1 // typed text
	InputButton                        // a button press: Action, Turn
	InputCommand                       // a /command: Command, Text = its argument
	InputLocation                      // a shared location, resolved to Zone by the front end
	InputReminder                      // the scheduler: Slot is due
	InputMedia                         // a sticker, photo, voice note…: Text names it
	InputWake                          // the scheduler: State.WakeAt has come
)

// Input is one thing that happened.
type Input struct {
	Kind    InputKind
	Text    string
	Command string    // lower case, without the slash
	Action  string    // button action
	Turn    uint32    // turn the button was issued at
	Zone    string    // InputLocation
	Slot    Slot      // InputReminder
	At      time.Time // InputReminder: the instant the slot was due
	Lang    string    // the user's language code, when the front end knows it
	// Seq is the front end's increasing id of the event (a Telegram
	// message id, which grows within a private chat and, unlike the
	// update_id, stays the same when the message is delivered again), 0
	// when it has none. Service uses it to handle an event delivered twice
	// only once.
	Seq int64
}

// Button is one choice offered with a reply.
type Button struct {
	Label  string `json:"label"`
	Action string `json:"action"`
}

// Reply is one message for the user. Text is plain text: front ends escape it.
type Reply struct {
	Text    string
	Buttons [][]Button
	// After delays delivery (hold timers). A delayed reply is delivered only
	// if the user's State.Turn still equals Turn by then.
	After time.Duration
	Turn  uint32
	// File, when set, is sent as a document (export, report) or picture.
	File *File
	// Chart, when set, is drawn by the front end as a picture (PNG) and
	// sent with the reply: coach has the numbers, front ends the pixels.
	Chart *Chart
	// OutboxID is set by Service when the reply was queued in the durable
	// outbox in the same transaction as its step (Service.EnableOutbox):
	// the front end acknowledges it (Service.Ack) once it was delivered.
	OutboxID uint64
}

// Chart is the data of the /progress picture: the last days, oldest first.
type Chart struct {
	Days   []ChartDay
	Streak int
	Best   int
}

// ChartDay is one day of a Chart.
type ChartDay struct {
	Day      Day
	Routines int // routines completed that day
	Pain     int // pain after the day's last routine, 0-10; -1 if none given
}

// File is an attachment.
type File struct {
	Name string
	MIME string
	Data []byte
}

// Output is the result of one step.
type Output struct {
	State   State
	Replies []Reply
	Records []Record
	// Notice is a short acknowledgement for a button press ("Saved", "That
	// button has expired"), shown by front ends that have toasts.
	Notice string
	// Erase asks the front end's service to delete the user entirely instead
	// of saving State.
	Erase bool
}

// RecordKind names a history record.
type RecordKind string

const (
	RecordRoutine RecordKind = "routine" // a routine finished or stopped
	RecordRedFlag RecordKind = "redflag" // a red flag was reported
)

// Record is an append-only history entry: the pain log, routines, red flags.
type Record struct {
	Kind    RecordKind     `json:"kind"`
	At      time.Time      `json:"at"`
	Day     Day            `json:"day"`
	Routine *RoutineRecord `json:"routine,omitempty"`
	RedFlag *RedFlagRecord `json:"redflag,omitempty"`
}

// RoutineRecord is one routine as it ended.
type RoutineRecord struct {
	Slot      Slot      `json:"slot"`
	Started   time.Time `json:"started"`
	Items     []Item    `json:"items"`
	Completed bool      `json:"completed"`
	Stopped   string    `json:"stopped,omitempty"` // why it stopped early
	Pain      int       `json:"pain"`              // 0-10 after the routine, -1 not given
}

// RedFlagRecord is one red flag reported.
type RedFlagRecord struct {
	Level  Level    `json:"level"`
	Flags  []string `json:"flags,omitempty"`
	Source string   `json:"source"` // "text", "hurts", "onboarding", "recheck"
}

// Level is the urgency of a red flag.
type Level string

const (
	LevelNone      Level = ""
	LevelClinician Level = "clinician" // see a clinician soon
	LevelEmergency Level = "emergency" // urgent care now
)

// Intent is what a free-text message is.
type Intent string

const (
	IntentUnknown Intent = "unknown" // not understood / outside our scope
	IntentFAQ     Intent = "faq"     // a question we can answer: Topic
	IntentSuggest Intent = "suggest" // not sure: Candidates, best first
	IntentRedFlag Intent = "redflag" // a red-flag symptom: Level, Flags
)

// Understanding is how one free-text message was classified.
type Understanding struct {
	Intent     Intent   `json:"intent"`
	Topic      string   `json:"topic,omitempty"`
	Score      float64  `json:"score,omitempty"`
	Candidates []string `json:"candidates,omitempty"`
	Level      Level    `json:"level,omitempty"`
	Flags      []string `json:"flags,omitempty"`
}

// Understander classifies free text: red-flag triage first, then the FAQ.
// It must be safe for concurrent use.
type Understander interface {
	Understand(text string) Understanding
}

// Repository is the storage the coach needs. Implementations must make Save
// durable before returning: a reply is sent only after its step is stored.
type Repository interface {
	// Load returns the user's state, or a zero State (Phase "") with User
	// set if the user is unknown.
	Load(ctx context.Context, user UserID) (State, error)
	// Save stores the state and appends the records in one transaction.
	Save(ctx context.Context, st State, recs []Record) error
	// Records returns the user's records at or after since, oldest first.
	Records(ctx context.Context, user UserID, since time.Time) ([]Record, error)
	// Delete removes every byte stored about the user.
	Delete(ctx context.Context, user UserID) error
}

// Quarantiner is an optional Repository capability: set aside a user's
// stored state that cannot be decoded (keeping its bytes for an operator)
// so that the user can carry on afresh instead of being stuck.
type Quarantiner interface {
	Quarantine(ctx context.Context, user UserID, now time.Time) error
}

// ErrCorrupt is returned (wrapped) by a Repository when a stored record
// cannot be decoded.
var ErrCorrupt = errors.New("stored data is corrupt")
