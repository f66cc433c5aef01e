package mono

import (
	"context"
	"sync/atomic"

	"github.com/sluicego/sluice"
	"github.com/sluicego/sluice/internal/pull"
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
// sluice.NextDropped. A panic in the subscriber's OnSubscribe does not leave
// Subscribe: it cancels the subscription (no receive starts) and goes to
// sluice.ErrorDropped.
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
	// stop is why stopped was closed: stopCancel or stopInvalid (0: open).
	stop     atomic.Int32
	invalidN atomic.Int64
}

const (
	stopCancel int32 = iota + 1
	stopInvalid
)

// halt closes stopped for the first reason given and reports whether it did.
func (c *chanSubscription[T]) halt(reason int32) bool {
	if c.stop.CompareAndSwap(0, reason) {
		close(c.stopped)
		return true
	}
	return false
}

func (p chanPublisher[T]) Subscribe(s sluice.Subscriber[T]) {
	if s == nil {
		panic(sluice.ErrNilSubscriber)
	}
	c := &chanSubscription[T]{down: s, ch: p.ch, ctx: p.ctx, stopped: make(chan struct{})}
	c.state.Store(chSubscribing)
	if !pull.OnSubscribe[T](s, c) {
		return // the panic cancelled c before any receive started
	}
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
			switch st {
			case chRunning:
				// The receiving goroutine reports the error (rule 3.9).
				c.invalidN.Store(n)
				c.halt(stopInvalid)
				return
			case chDone:
				return
			}
			if c.state.CompareAndSwap(st, chDone) {
				down := c.down
				c.down = nil
				deliverError(down, sluice.NewInvalidDemandError(n))
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
			c.halt(stopCancel)
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
	var (
		v        T
		received bool
		ctxErr   error
	)
	select {
	case <-c.stopped:
	case <-c.ctx.Done():
		ctxErr = c.ctx.Err()
	case v, received = <-ch: // received == false: closed, complete empty
	}
	// A stop (Cancel or an invalid Request) that won the race overrides
	// what was received: the value is dropped.
	switch c.stop.Load() {
	case stopCancel:
		if received {
			sluice.NextDropped(v)
		}
	case stopInvalid:
		if received {
			sluice.NextDropped(v)
		}
		down.OnError(sluice.NewInvalidDemandError(c.invalidN.Load()))
	default:
		switch {
		case ctxErr != nil:
			down.OnError(ctxErr)
		case received:
			down.OnNext(v)
			down.OnComplete()
		default:
			down.OnComplete()
		}
	}
	c.state.Store(chDone)
}
