package bot

import (
	"context"
	"time"

	"github.com/stretchbot/stretchbot/coach"
)

// The durable outbox.
//
// coach.Service stores each step's state, records and immediate replies in
// one bbolt transaction (coach.Outbox), and marks every reply with its
// OutboxID. The bot sends from its in-memory outbox as before and, once
// Telegram has accepted the last message of a reply (or the reply was
// given up for good, which is logged), acknowledges it: Service.Ack
// deletes it. Whatever is still queued when the process dies, hard or at
// the end of a bounded shutdown, is sent again by the next New, in the
// order it was queued per chat and ahead of anything new.
//
// A crash can therefore no longer lose a reply whose step was stored, nor
// a reminder whose slot was marked sent. The one window left is between
// Telegram accepting a message and the deletion committing (one fsync): a
// kill inside it sends that message twice. The ack is issued before
// anything else when the answer arrives, to keep the window at that one
// write; RELIABILITY.md gives the measured rate.

// ackTimeout bounds one acknowledgement's write.
const ackTimeout = 10 * time.Second

// enableDurable turns the service's durable outbox on (when its
// repository has one) and queues what a previous run left unsent. It
// runs in New, before anything else can queue a message.
func (b *Bot) enableDurable() {
	if !b.svc.EnableOutbox() {
		b.log.Warn("the store has no durable outbox: replies queued at a crash are lost")
		return
	}
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	left, err := b.svc.Queued(ctx)
	if err != nil {
		b.log.Error("cannot read the durable outbox; its replies are sent at the next start", b.red.Err(err))
		return
	}
	if len(left) == 0 {
		return
	}
	users := 0
	for i := 0; i < len(left); {
		u := left[i].User
		j := i
		for j < len(left) && left[j].User == u {
			j++
		}
		b.resend(ctx, u, left[i:j])
		users++
		i = j
	}
	b.log.Info("resending replies left in the durable outbox", "replies", len(left), "users", users)
}

// resend queues one user's leftover replies, in order, each at the
// priority it was queued with.
func (b *Bot) resend(ctx context.Context, user coach.UserID, qs []coach.Queued) {
	st, err := b.svc.State(ctx, user)
	if err != nil {
		// The replies stay queued: they go out at the next start.
		b.log.Error("cannot resend queued replies: state unreadable", "user", int64(user), b.red.Err(err))
		return
	}
	for i := 0; i < len(qs); {
		j := i
		var rs []coach.Reply
		for j < len(qs) && qs[j].Bulk == qs[i].Bulk {
			rs = append(rs, qs[j].Reply)
			j++
		}
		_ = b.Deliver(ctx, user, coach.Output{State: st, Replies: rs}, qs[i].Bulk)
		i = j
	}
}

// track makes the last of a reply's jobs acknowledge the reply in the
// durable outbox once its fate is final. A reply that renders to nothing
// is acknowledged at once.
func (b *Bot) track(user coach.UserID, r coach.Reply, jobs []*job) []*job {
	if r.OutboxID == 0 {
		return jobs
	}
	ack := b.acker(user, r.OutboxID)
	if len(jobs) == 0 {
		ack()
		return jobs
	}
	jobs[len(jobs)-1].ack = ack
	return jobs
}

// dropQueued acknowledges the queued replies of an output that will not
// be sent (the user blocked the bot).
func (b *Bot) dropQueued(user coach.UserID, out coach.Output) {
	for _, r := range out.Replies {
		if r.OutboxID != 0 {
			b.acker(user, r.OutboxID)()
		}
	}
}

// acker returns the function that removes reply id from the durable
// outbox. A failure is logged: the reply stays queued and is sent again
// at the next start.
func (b *Bot) acker(user coach.UserID, id uint64) func() {
	return func() {
		ctx, cancel := context.WithTimeout(context.Background(), ackTimeout)
		defer cancel()
		if err := b.svc.Ack(ctx, user, id); err != nil {
			b.log.Error("cannot remove a sent reply from the durable outbox; it may be sent again after a restart",
				"user", int64(user), b.red.Err(err))
		}
	}
}
