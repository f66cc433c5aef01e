package mono

import (
	"context"
	"sync"

	"github.com/sluicego/sluice"
	"github.com/sluicego/sluice/internal/hooks"
	"github.com/sluicego/sluice/internal/pull"
)

// MonoSink is the push API handed to the function given to Create. Its
// methods are safe to call from any goroutine; the first of Success,
// SuccessEmpty and Error wins and later calls are dropped (an error to
// sluice.ErrorDropped, a value to sluice.NextDropped).
type MonoSink[T any] interface {
	// Success emits v (as soon as there is demand) and completes.
	Success(v T)
	// SuccessEmpty completes without a value.
	SuccessEmpty()
	// Error ends the stream with err.
	Error(err error)
	// OnCancel registers fn to run when the subscriber cancels.
	OnCancel(fn func())
	// OnDispose registers fn to run once on success, error or cancellation.
	OnDispose(fn func())
	// Context returns a context cancelled when the sink is disposed.
	Context() context.Context
}

// Create bridges a callback-style producer to a Mono: emitter is called once
// per subscription, after OnSubscribe, with a MonoSink that may be
// signalled from any goroutine, now or later. A value that arrives before
// demand is held until Request. A panic in emitter ends the stream with a
// *sluice.PanicError. A panic raised by the subscriber's own OnNext,
// OnError or OnComplete does not reach the goroutine that called Success or
// Request: it goes to sluice.ErrorDropped, the subscription counts as
// cancelled (rule 2.13) and the OnDispose function still runs. A panic in
// the subscriber's OnSubscribe does not leave Subscribe either: it goes to
// sluice.ErrorDropped and emitter is not called.
func Create[T any](emitter func(sink MonoSink[T])) Mono[T] {
	if emitter == nil {
		panic("mono.Create: nil emitter")
	}
	return Mono[T]{pub: createPublisher[T]{emitter: emitter}}
}

type createPublisher[T any] struct{ emitter func(MonoSink[T]) }

func (p createPublisher[T]) Subscribe(s sluice.Subscriber[T]) {
	if s == nil {
		panic(sluice.ErrNilSubscriber)
	}
	c := &createSink[T]{down: s}
	if !pull.OnSubscribe[T](s, c) {
		return // the panic cancelled the sink: emitter is not called
	}
	defer func() {
		if r := recover(); r != nil {
			c.Error(sluice.NewPanicError(r))
		}
	}()
	p.emitter(c)
}

type createSink[T any] struct {
	mu        sync.Mutex
	down      sluice.Subscriber[T]
	requested bool
	signalled bool // Success, SuccessEmpty or Error was called
	hasValue  bool
	v         T
	err       error
	invalidN  int64
	invalid   bool
	stopped   bool            // terminal delivered or cancelled
	life      hooks.Lifecycle // OnCancel, OnDispose, Context
}

func (c *createSink[T]) Success(v T) {
	c.mu.Lock()
	if c.signalled || c.stopped {
		c.mu.Unlock()
		sluice.NextDropped(v)
		return
	}
	c.signalled, c.hasValue, c.v = true, true, v
	c.tryEmitLocked()
}

func (c *createSink[T]) SuccessEmpty() {
	c.mu.Lock()
	if c.signalled || c.stopped {
		c.mu.Unlock()
		return
	}
	c.signalled = true
	c.tryEmitLocked()
}

func (c *createSink[T]) Error(err error) {
	if err == nil {
		err = sluice.ErrNilError
	}
	c.mu.Lock()
	if c.signalled || c.stopped {
		c.mu.Unlock()
		sluice.ErrorDropped(err)
		return
	}
	c.signalled, c.err = true, err
	c.tryEmitLocked()
}

// tryEmitLocked is entered with mu held and returns with it released. It
// delivers the terminal signals once they may be delivered: an error or an
// empty completion at once, a value once requested.
func (c *createSink[T]) tryEmitLocked() {
	if c.stopped {
		c.mu.Unlock()
		return
	}
	down := c.down
	switch {
	case c.invalid:
		c.stopLocked()
		deliverError(down, sluice.NewInvalidDemandError(c.invalidN))
	case !c.signalled:
		c.mu.Unlock()
		return
	case c.err != nil:
		err := c.err
		c.stopLocked()
		deliverError(down, err)
	case !c.hasValue:
		c.stopLocked()
		deliverComplete(down)
	case c.requested:
		v := c.v
		c.stopLocked()
		deliverValue(down, v)
	default:
		c.mu.Unlock()
		return
	}
	c.dispose()
}

// stopLocked marks the sink stopped, drops references and releases mu.
func (c *createSink[T]) stopLocked() {
	var zero T
	c.stopped = true
	c.down, c.v = nil, zero
	c.mu.Unlock()
}

func (c *createSink[T]) Request(n int64) {
	c.mu.Lock()
	if c.stopped {
		c.mu.Unlock()
		return
	}
	if n <= 0 {
		c.invalid, c.invalidN = true, n
	} else {
		c.requested = true
	}
	c.tryEmitLocked()
}

func (c *createSink[T]) Cancel() {
	c.mu.Lock()
	if c.stopped {
		c.mu.Unlock()
		return
	}
	c.stopLocked()
	c.life.Cancel()
	c.dispose()
}

func (c *createSink[T]) OnCancel(fn func())       { c.life.OnCancel(fn) }
func (c *createSink[T]) OnDispose(fn func())      { c.life.OnDispose(fn) }
func (c *createSink[T]) Context() context.Context { return c.life.Context() }
func (c *createSink[T]) dispose()                 { c.life.Dispose() }
