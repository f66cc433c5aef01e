package mono

import (
	"context"
	"sync/atomic"

	"github.com/sluicego/sluice"
)

// FromChannel emits the first value received from ch, or completes empty
// if ch is closed first. See FromChannelCtx.
func FromChannel[T any](ch <-chan T) Mono[T] {
	return FromChannelCtx(context.Background(), ch)
}

// FromChannelCtx emits the first value received from ch, or completes
// empty if ch is closed first; if ctx is done first the stream ends with
// ctx.Err(). Nothing is received before the first Request, and at most one
// value is received. The receive runs on a goroutine started by that
// Request, which exits on receipt, on close, on cancellation and when ctx
// is done. The channel is not owned and never closed by the Mono. A value
// received at the moment a concurrent Cancel took effect is reported to
// sluice.NextDropped.
func FromChannelCtx[T any](ctx context.Context, ch <-chan T) Mono[T] {
	if ctx == nil {
		panic("mono.FromChannelCtx: nil context")
	}
	return Mono[T]{pub: chanPublisher[T]{ctx: ctx, ch: ch}}
}

type chanPublisher[T any] struct {
	ctx context.Context
	ch  <-chan T
}

const (
	chIdle int32 = iota
	chSubscribing
	chRequestedEarly
	chRunning
	chDone
)

type chanSubscription[T any] struct {
	down    sluice.Subscriber[T]
	ch      <-chan T
	ctx     context.Context
	state   atomic.Int32
	stopped chan struct{}
	closed  atomic.Bool
}

func (p chanPublisher[T]) Subscribe(s sluice.Subscriber[T]) {
	if s == nil {
		panic(sluice.ErrNilSubscriber)
	}
	c := &chanSubscription[T]{down: s, ch: p.ch, ctx: p.ctx, stopped: make(chan struct{})}
	c.state.Store(chSubscribing)
	s.OnSubscribe(c)
	// A Request made inside OnSubscribe starts the receive only now (rule 1.3).
	if c.state.CompareAndSwap(chRequestedEarly, chRunning) {
		go c.run()
		return
	}
	c.state.CompareAndSwap(chSubscribing, chIdle)
	if c.state.CompareAndSwap(chRequestedEarly, chRunning) {
		go c.run()
	}
}

func (c *chanSubscription[T]) Request(n int64) {
	if n <= 0 {
		for {
			st := c.state.Load()
			if st != chIdle && st != chSubscribing {
				return // already running or finished: the mono asked once
			}
			if c.state.CompareAndSwap(st, chDone) {
				down := c.down
				c.down = nil
				down.OnError(sluice.NewInvalidDemandError(n))
				return
			}
		}
	}
	if c.state.CompareAndSwap(chSubscribing, chRequestedEarly) {
		return
	}
	if c.state.CompareAndSwap(chIdle, chRunning) {
		go c.run()
	}
}

func (c *chanSubscription[T]) Cancel() {
	for {
		st := c.state.Load()
		switch st {
		case chIdle, chSubscribing, chRequestedEarly:
			if c.state.CompareAndSwap(st, chDone) {
				c.down = nil
				return
			}
		case chRunning:
			if c.closed.CompareAndSwap(false, true) {
				close(c.stopped)
			}
			return
		default:
			return
		}
	}
}

func (c *chanSubscription[T]) run() {
	down, ch := c.down, c.ch
	defer func() {
		if r := recover(); r != nil {
			sluice.ErrorDropped(sluice.NewPanicError(r))
		}
	}()
	c.down, c.ch = nil, nil
	select {
	case <-c.stopped:
	case <-c.ctx.Done():
		if !c.closed.Load() {
			down.OnError(c.ctx.Err())
		}
	case v, ok := <-ch:
		switch {
		case c.closed.Load():
			if ok {
				sluice.NextDropped(v)
			}
		case ok:
			down.OnNext(v)
			down.OnComplete()
		default:
			down.OnComplete()
		}
	}
	c.state.Store(chDone)
}
