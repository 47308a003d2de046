package main

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/stretchbot/stretchbot/bot/telegramtest"
)

// The simulated users play the fake Bot API's side: each one reads what the
// bot actually sent to its chat and answers it, pressing the buttons the
// bot offered (their signed callback data, as Telegram would send back) or
// typing, one action at a time, as a person tapping fast would.

// mailbox holds the messages the bot sent to one chat, in order, until the
// user reads them.
type mailbox struct {
	mu   sync.Mutex
	q    []telegramtest.Sent
	wake chan struct{}
}

func newMailbox() *mailbox { return &mailbox{wake: make(chan struct{}, 1)} }

// put appends a message and wakes the reader.
func (b *mailbox) put(s telegramtest.Sent) {
	b.mu.Lock()
	b.q = append(b.q, s)
	b.mu.Unlock()
	select {
	case b.wake <- struct{}{}:
	default:
	}
}

// errTimeout is returned by next when nothing matching arrived in time.
var errTimeout = errors.New("no matching message in time")

// next returns the first message that matches, dropping the ones before
// it, or errTimeout after timeout, or ctx's error.
func (b *mailbox) next(ctx context.Context, timeout time.Duration, match func(*telegramtest.Sent) bool) (telegramtest.Sent, error) {
	t := time.NewTimer(timeout)
	defer t.Stop()
	for {
		b.mu.Lock()
		for len(b.q) > 0 {
			s := b.q[0]
			b.q[0] = telegramtest.Sent{}
			b.q = b.q[1:]
			if match(&s) {
				b.mu.Unlock()
				return s, nil
			}
		}
		b.mu.Unlock()
		select {
		case <-b.wake:
		case <-t.C:
			return telegramtest.Sent{}, errTimeout
		case <-ctx.Done():
			return telegramtest.Sent{}, ctx.Err()
		}
	}
}

// actionOf returns the coach action inside a button's callback data,
// "v1|<turn>|<action>|<mac>".
func actionOf(data string) string {
	parts := strings.Split(data, "|")
	if len(parts) < 4 {
		return ""
	}
	return strings.Join(parts[2:len(parts)-1], "|")
}

// button returns the callback data of the first button of m whose action
// starts with prefix.
func button(m *telegramtest.Sent, prefix string) (string, bool) {
	for _, b := range m.Buttons() {
		if b.CallbackData != nil && strings.HasPrefix(actionOf(*b.CallbackData), prefix) {
			return *b.CallbackData, true
		}
	}
	return "", false
}

// buttons returns the callback data of every button of m whose action
// starts with prefix, in order.
func buttons(m *telegramtest.Sent, prefix string) []string {
	var out []string
	for _, b := range m.Buttons() {
		if b.CallbackData != nil && strings.HasPrefix(actionOf(*b.CallbackData), prefix) {
			out = append(out, *b.CallbackData)
		}
	}
	return out
}

// sim drives simulated users against a fake Bot API. Chat ids are base+i.
type sim struct {
	srv     *telegramtest.Server
	base    int64
	boxes   []*mailbox
	wait    time.Duration // how long a user waits for one answer
	updates atomic.Int64  // updates the users sent
}

func newSim(srv *telegramtest.Server, users int, base int64, wait time.Duration) *sim {
	s := &sim{srv: srv, base: base, boxes: make([]*mailbox, users), wait: wait}
	for i := range s.boxes {
		s.boxes[i] = newMailbox()
	}
	return s
}

// route copies every message the server records into its chat's mailbox
// until ctx ends. Edits, callback answers and the like are not delivered:
// the users only read new messages.
func (s *sim) route(ctx context.Context) {
	seen := 0
	var batch []telegramtest.Sent
	for ctx.Err() == nil {
		batch = batch[:0]
		s.srv.WaitFor(100*time.Millisecond, func(v telegramtest.View) bool {
			all := v.All()
			if len(all) <= seen {
				return false
			}
			batch = append(batch, all[seen:]...)
			seen = len(all)
			return true
		})
		for _, m := range batch {
			if m.Method != "sendMessage" {
				continue
			}
			if i := m.ChatID - s.base; i >= 0 && i < int64(len(s.boxes)) {
				s.boxes[i].put(m)
			}
		}
	}
}

// userFailure is one simulated user who could not finish, with where.
type userFailure struct {
	user int
	step string
	err  error
}

func (f userFailure) Error() string { return fmt.Sprintf("user %d at %s: %v", f.user, f.step, f.err) }

// run plays every user at once with play and returns how long it took
// until the last one finished, and the users that failed.
func (s *sim) run(ctx context.Context, play func(ctx context.Context, u *player) error) (time.Duration, []userFailure) {
	rctx, stop := context.WithCancel(ctx)
	defer stop()
	go s.route(rctx)

	var (
		wg       sync.WaitGroup
		mu       sync.Mutex
		failures []userFailure
	)
	start := time.Now()
	for i := range s.boxes {
		wg.Add(1)
		go func() {
			defer wg.Done()
			p := &player{sim: s, i: i, u: telegramtest.User{ID: s.base + int64(i), LanguageCode: "en"}, box: s.boxes[i], step: "start"}
			if err := play(ctx, p); err != nil {
				mu.Lock()
				failures = append(failures, userFailure{user: i, step: p.step, err: err})
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	return time.Since(start), failures
}

// player is one simulated user.
type player struct {
	sim  *sim
	i    int
	u    telegramtest.User
	box  *mailbox
	step string // what the user is doing, for failure reports
}

// say sends a text message (a command when it starts with "/").
func (p *player) say(text string) {
	p.sim.srv.SendText(p.u, text)
	p.sim.updates.Add(1)
}

// press presses a button of message m.
func (p *player) press(m telegramtest.Sent, data string) {
	p.sim.srv.Press(p.u, m.MessageID, data)
	p.sim.updates.Add(1)
}

// locate shares a location.
func (p *player) locate(lat, lng float64) {
	p.sim.srv.ShareLocation(p.u, lat, lng)
	p.sim.updates.Add(1)
}

// any waits for the next message.
func (p *player) any(ctx context.Context, step string) (telegramtest.Sent, error) {
	p.step = step
	return p.box.next(ctx, p.sim.wait, func(*telegramtest.Sent) bool { return true })
}

// offered waits for the next message with a button whose action starts
// with prefix.
func (p *player) offered(ctx context.Context, step, prefix string) (telegramtest.Sent, error) {
	p.step = step
	return p.box.next(ctx, p.sim.wait, func(m *telegramtest.Sent) bool {
		_, ok := button(m, prefix)
		return ok
	})
}

// withButtons waits for the next message that has buttons.
func (p *player) withButtons(ctx context.Context, step string) (telegramtest.Sent, error) {
	p.step = step
	return p.box.next(ctx, p.sim.wait, func(m *telegramtest.Sent) bool { return m.Markup != nil })
}

// pressAction presses the first button of m whose action starts with
// prefix.
func (p *player) pressAction(m telegramtest.Sent, prefix string) error {
	data, ok := button(&m, prefix)
	if !ok {
		return fmt.Errorf("no %q button on the message", prefix)
	}
	p.press(m, data)
	return nil
}

// city is a place a simulated user is in: where they share their location
// from, or what they type.
type city struct {
	name     string
	lat, lng float64
}

var cities = []city{
	{"Berlin", 52.52, 13.405}, {"London", 51.507, -0.128}, {"new york", 40.713, -74.006},
	{"Tokyo", 35.68, 139.69}, {"Sydney", -33.87, 151.21}, {"Mumbai", 19.076, 72.878},
	{"São Paulo", -23.55, -46.633}, {"Madrid", 40.417, -3.704}, {"Chicago", 41.878, -87.63},
	{"Nairobi", -1.286, 36.817},
}

// questions are things the users ask once their routine is over.
var questions = []string{
	"how long should i hold each stretch?",
	"is it ok to do this every day",
	"should stretching hurt?",
	"what if i miss a day",
	"can i do the routine with a bad back today",
	"do i need a mat",
}

// plan is what one simulated user does differently from the others.
type plan struct {
	locate    bool    // share a location rather than type a city
	city      city    // where they are
	typedTime bool    // type the morning time rather than tap it
	typedDone [5]bool // type "done" for these stretches rather than tap
	hurtAt    int     // the stretch (0-4) that hurts; -1 for none
	redFlag   bool    // the hurt is numbness: the routine stops and refers
	question  int     // the question asked afterwards; -1 for none
}

// Shares of users taking each path.
const (
	shareLocate    = 0.5
	shareTypedTime = 0.2
	shareTypedDone = 0.15
	shareHurts     = 0.1
	shareRedFlag   = 0.2 // of those whose stretch hurts
	shareQuestion  = 0.2
)

// planFor returns user i's plan; the same i and seed give the same plan.
func planFor(i int, seed uint64) plan {
	r := rand.New(rand.NewPCG(seed, uint64(i)))
	p := plan{
		locate:    r.Float64() < shareLocate,
		city:      cities[r.IntN(len(cities))],
		typedTime: r.Float64() < shareTypedTime,
		hurtAt:    -1,
		question:  -1,
	}
	for k := range p.typedDone {
		p.typedDone[k] = r.Float64() < shareTypedDone
	}
	if r.Float64() < shareHurts {
		p.hurtAt = r.IntN(5)
		p.redFlag = r.Float64() < shareRedFlag
	}
	if r.Float64() < shareQuestion {
		p.question = r.IntN(len(questions))
	}
	return p
}

// coachUser plays one user through onboarding and a whole first routine
// (and, per its plan, a "hurts" on one stretch, a red flag, a question).
func coachUser(seed uint64) func(ctx context.Context, p *player) error {
	return func(ctx context.Context, p *player) error {
		pl := planFor(p.i, seed)
		p.say("/start")
		m, err := p.offered(ctx, "intro", "ok")
		if err != nil {
			return err
		}
		if err := p.pressAction(m, "ok"); err != nil {
			return err
		}
		for _, step := range []string{"emergency signs", "clinician signs"} {
			if m, err = p.offered(ctx, step, "no"); err != nil {
				return err
			}
			if err := p.pressAction(m, "no"); err != nil {
				return err
			}
		}
		if _, err := p.any(ctx, "zone question"); err != nil {
			return err
		}
		if pl.locate {
			p.locate(pl.city.lat, pl.city.lng)
		} else {
			p.say(pl.city.name)
		}
		if m, err = p.offered(ctx, "morning time", "t:"); err != nil {
			return err
		}
		if pl.typedTime {
			p.say("7:15")
		} else {
			times := buttons(&m, "t:")
			p.press(m, times[p.i%len(times)])
		}
		if m, err = p.offered(ctx, "evening time", "t:"); err != nil {
			return err
		}
		times := buttons(&m, "t:")
		p.press(m, times[p.i%len(times)])
		if m, err = p.offered(ctx, "first routine offer", "start:"); err != nil {
			return err
		}
		if err := p.pressAction(m, "start:"); err != nil {
			return err
		}
		if err := p.routine(ctx, pl); err != nil {
			return err
		}
		if pl.question >= 0 {
			p.say(questions[pl.question])
			if _, err := p.any(ctx, "answer"); err != nil {
				return err
			}
		}
		p.step = "finished"
		return nil
	}
}

// routine taps through a routine the bot has just started, following what
// it offers, until the routine ends.
func (p *player) routine(ctx context.Context, pl plan) error {
	card, hurt := 0, false
	for {
		m, err := p.withButtons(ctx, fmt.Sprintf("routine card %d", card+1))
		if err != nil {
			return err
		}
		_, hasNo := button(&m, "no")
		_, hasYes := button(&m, "yes")
		_, endPain := button(&m, "p:-")
		switch {
		case hasAction(m, "done"):
			switch {
			case card == pl.hurtAt && !hurt:
				hurt = true
				err = p.pressAction(m, "hurt")
			case card < len(pl.typedDone) && pl.typedDone[card]:
				p.say("done")
				card++
			default:
				err = p.pressAction(m, "done")
				card++
			}
		case endPain:
			if err := p.pressAction(m, "p:2"); err != nil {
				return err
			}
			_, err := p.any(ctx, "routine summary")
			return err
		case hasAction(m, "p:"): // how bad does it hurt
			level := "p:3"
			if pl.redFlag {
				level = "p:6"
			}
			err = p.pressAction(m, level)
		case hasAction(m, "k:"): // what kind of hurt
			kind := "k:none"
			if pl.redFlag {
				kind = "k:numb"
			}
			err = p.pressAction(m, kind)
		case hasAction(m, "h:"): // easier version, skip or stop
			if hasAction(m, "h:gentle") {
				err = p.pressAction(m, "h:gentle")
			} else {
				err = p.pressAction(m, "h:skip")
				card++
			}
		case hasYes && hasNo: // after a red flag: pause the reminders?
			if err := p.pressAction(m, "no"); err != nil {
				return err
			}
			_, err := p.any(ctx, "after the pause offer")
			return err
		default:
			return fmt.Errorf("unexpected buttons %v", actionsOf(m))
		}
		if err != nil {
			return err
		}
	}
}

func hasAction(m telegramtest.Sent, prefix string) bool {
	_, ok := button(&m, prefix)
	return ok
}

func actionsOf(m telegramtest.Sent) []string {
	var out []string
	for _, b := range m.Buttons() {
		if b.CallbackData != nil {
			out = append(out, actionOf(*b.CallbackData))
		}
	}
	return out
}

// echoUser sends n texts, each after the echo of the one before came
// back: the same closed loop as coachUser, against an echo bot.
func echoUser(n int) func(ctx context.Context, p *player) error {
	return func(ctx context.Context, p *player) error {
		for k := range n {
			text := fmt.Sprintf("message %d", k)
			p.say(text)
			if _, err := p.box.next(ctx, p.sim.wait, func(m *telegramtest.Sent) bool { return m.Text == text }); err != nil {
				p.step = fmt.Sprintf("echo %d", k)
				return err
			}
		}
		return nil
	}
}
