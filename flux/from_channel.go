package flux

import (
	"context"
	"sync/atomic"

	"github.com/sluicego/sluice"
	"github.com/sluicego/sluice/internal/demand"
)

// FromChannel emits the values received from ch and completes when ch is
// closed. See FromChannelCtx, which it calls with context.Background().
func FromChannel[T any](ch <-chan T) Flux[T] {
	return FromChannelCtx(context.Background(), ch)
}

// FromChannelCtx emits the values received from ch and completes when ch is
// closed; if ctx is done first, the stream ends with ctx.Err().
//
// It never reads ahead: a value is received only when a unit of demand is
// outstanding, so values nobody requested stay in the channel for other
// readers. For the same reason the close of ch is noticed (and OnComplete
// signalled) only while demand is outstanding. Receiving happens on a goroutine that exists only while demand
// is outstanding; it exits when the demand is met, on cancellation, when
// ctx is done and when ch is closed, so an idle or abandoned subscription
// holds no goroutine. The channel is not owned: FromChannel never closes
// it, and several subscriptions (or other goroutines) may receive from the
// same channel, each value going to exactly one of them. A value that was
// already received when a concurrent Cancel took effect is reported to
// sluice.NextDropped rather than lost silently.
func FromChannelCtx[T any](ctx context.Context, ch <-chan T) Flux[T] {
	if ctx == nil {
		panic("flux.FromChannelCtx: nil context")
	}
	return Flux[T]{pub: chanPublisher[T]{ctx: ctx, ch: ch}}
}

type chanPublisher[T any] struct {
	ctx context.Context
	ch  <-chan T
}

const (
	chActive int32 = iota
	chCancelled
	chInvalid
	chCtxDone
	chDone
)

type chanSubscription[T any] struct {
	down      sluice.Subscriber[T]
	ch        <-chan T
	ctx       context.Context
	requested atomic.Int64
	wip       demand.WIP
	state     atomic.Int32
	invalidN  atomic.Int64
	stopped   chan struct{} // closed when state leaves chActive by Cancel/invalid/ctx
	stopCtx   func() bool
}

func (p chanPublisher[T]) Subscribe(s sluice.Subscriber[T]) {
	if s == nil {
		panic(sluice.ErrNilSubscriber)
	}
	c := &chanSubscription[T]{down: s, ch: p.ch, ctx: p.ctx, stopped: make(chan struct{})}
	c.wip.Enter() // hold the loop until OnSubscribe returns (rule 1.3)
	s.OnSubscribe(c)
	if p.ctx.Done() != nil {
		c.stopCtx = context.AfterFunc(p.ctx, func() { c.stop(chCtxDone) })
	}
	c.drain(1, false)
}

// Request adds demand and starts the receiving goroutine if none runs.
func (c *chanSubscription[T]) Request(n int64) {
	if n <= 0 {
		c.invalidN.Store(n)
		c.stop(chInvalid)
		return
	}
	demand.AddAtomic(&c.requested, n)
	if c.wip.Enter() {
		c.drain(1, false)
	}
}

// Cancel stops receiving; the goroutine, if any, exits promptly.
func (c *chanSubscription[T]) Cancel() { c.stop(chCancelled) }

func (c *chanSubscription[T]) stop(to int32) {
	if c.state.CompareAndSwap(chActive, to) {
		close(c.stopped)
		if c.wip.Enter() {
			c.drain(1, false)
		}
	}
}

// drain is run by the owner of the WIP counter. On a caller's goroutine
// (async false) it handles terminal states inline and hands demand to a new
// goroutine; on that goroutine (async true) it receives and emits.
func (c *chanSubscription[T]) drain(missed int32, async bool) {
	if async {
		defer func() {
			if r := recover(); r != nil {
				// The subscriber panicked (rule 2.13): stop for good.
				c.state.Store(chDone)
				c.release()
				sluice.ErrorDropped(sluice.NewPanicError(r))
			}
		}()
	}
	for {
		switch st := c.state.Load(); st {
		case chActive:
		case chDone:
			return
		default:
			c.finish(st)
			return
		}
		if c.requested.Load() > 0 {
			if !async {
				go c.drain(missed, true)
				return
			}
			select {
			case <-c.stopped:
				continue
			case v, ok := <-c.ch:
				if !ok {
					if c.state.CompareAndSwap(chActive, chDone) {
						down := c.down
						c.release()
						down.OnComplete()
					}
					return
				}
				if c.state.Load() != chActive {
					sluice.NextDropped(v)
					continue
				}
				demand.ProducedAtomic(&c.requested, 1)
				c.down.OnNext(v)
				continue
			}
		}
		if missed = c.wip.Leave(missed); missed == 0 {
			return
		}
	}
}

// finish delivers the terminal signal for a stopped state. The WIP counter
// stays held, so nothing runs after it.
func (c *chanSubscription[T]) finish(st int32) {
	c.state.Store(chDone)
	down := c.down
	c.release()
	switch st {
	case chInvalid:
		down.OnError(demand.Invalid(c.invalidN.Load()))
	case chCtxDone:
		down.OnError(c.ctx.Err())
	}
}

func (c *chanSubscription[T]) release() {
	if c.stopCtx != nil {
		c.stopCtx()
	}
	c.down = nil // rule 3.13: drop the subscriber
	c.ch = nil
}
