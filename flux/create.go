package flux

import (
	"context"
	"errors"
	"github.com/sluicego/sluice/internal/hooks"
	"sync"

	"github.com/sluicego/sluice"
	"github.com/sluicego/sluice/internal/demand"
)

var (
	// ErrOverflow is returned by FluxSink.Next when a value could not be
	// accepted for lack of demand (OverflowDrop), and ends the stream under
	// OverflowError and a full OverflowBufferBounded.
	ErrOverflow = errors.New("flux sink: overflow, no demand for the value")

	// ErrSinkDone is returned by FluxSink.Next after the sink was completed,
	// failed or cancelled; the value was not delivered.
	ErrSinkDone = errors.New("flux sink: terminated or cancelled")
)

type overflowMode uint8

const (
	modeBuffer overflowMode = iota
	modeDrop
	modeLatest
	modeError
)

// OverflowStrategy decides what a Create sink does with values pushed while
// the subscriber has no outstanding demand (Reactor's
// FluxSink.OverflowStrategy). Reactor's IGNORE is deliberately absent: it
// breaks rule 1.1.
type OverflowStrategy struct {
	mode  overflowMode
	limit int
}

var (
	// OverflowBuffer queues every value until it is requested (unbounded).
	// Completion and errors from the producer wait behind queued values.
	OverflowBuffer = OverflowStrategy{mode: modeBuffer}
	// OverflowDrop discards a value pushed without demand; Next returns
	// ErrOverflow.
	OverflowDrop = OverflowStrategy{mode: modeDrop}
	// OverflowLatest keeps only the most recent value pushed without
	// demand and delivers it when demand arrives; older ones are discarded.
	OverflowLatest = OverflowStrategy{mode: modeLatest}
	// OverflowError ends the stream with an error wrapping ErrOverflow when
	// a value is pushed without demand; Next returns ErrOverflow.
	OverflowError = OverflowStrategy{mode: modeError}
)

// OverflowBufferBounded queues up to limit values beyond the outstanding
// demand; the value that would exceed it is rejected with ErrOverflow and
// ends the stream with an error wrapping ErrOverflow (Reactor's
// onBackpressureBuffer(maxSize)). limit <= 0 means unbounded.
func OverflowBufferBounded(limit int) OverflowStrategy {
	return OverflowStrategy{mode: modeBuffer, limit: max(limit, 0)}
}

// FluxSink is the push API handed to the function given to Create. All its
// methods are safe to call from any number of goroutines at once; the
// signals reach the subscriber serially.
type FluxSink[T any] interface {
	// Next pushes v. It returns nil if v was delivered or queued, ErrOverflow
	// if the overflow strategy rejected it, ErrSinkDone if the sink is
	// terminated or cancelled.
	Next(v T) error
	// Error ends the stream with err. Under OverflowBuffer it is delivered
	// after the values already queued.
	Error(err error)
	// Complete ends the stream, after the values already queued.
	Complete()
	// Requested returns the outstanding demand (sluice.Unbounded for
	// unbounded) minus the values already queued for it.
	Requested() int64
	// OnRequest registers fn to be called with n for every Request(n), on
	// the requesting goroutine. If demand is outstanding at registration,
	// fn is called with it at once. fn may call Next. fn is never called
	// concurrently or re-entrantly: requests that arrive while it runs
	// (including those made by the subscriber inside the OnNext that a Next
	// in fn triggered) are summed into its next call, made by the same
	// goroutine right after it returns.
	OnRequest(fn func(n int64))
	// OnCancel registers fn to run when the subscriber cancels.
	OnCancel(fn func())
	// OnDispose registers fn to run once on completion, error or
	// cancellation (after OnCancel's function).
	OnDispose(fn func())
	// Context returns a context that is cancelled when the sink is
	// disposed; producers can watch it to stop.
	Context() context.Context
	// IsCancelled reports whether the subscriber cancelled or the stream
	// ended.
	IsCancelled() bool
}

type createPublisher[T any] struct {
	emitter  func(FluxSink[T])
	overflow OverflowStrategy
}

// Create bridges a callback-style or multi-goroutine producer to a Flux:
// emitter is called once per subscription, after OnSubscribe, with a
// FluxSink to push values, an error or completion into, from any goroutine.
// Values pushed without demand are handled by overflow. A panic in emitter
// (or in a function registered with OnRequest) ends the stream with a
// *sluice.PanicError; panics in OnCancel and OnDispose functions go to
// sluice.ErrorDropped.
func Create[T any](emitter func(sink FluxSink[T]), overflow OverflowStrategy) Flux[T] {
	if emitter == nil {
		panic("flux.Create: nil emitter")
	}
	return Flux[T]{pub: createPublisher[T]{emitter: emitter, overflow: overflow}}
}

func (p createPublisher[T]) Subscribe(s sluice.Subscriber[T]) {
	if s == nil {
		panic(sluice.ErrNilSubscriber)
	}
	c := &createSink[T]{down: s, overflow: p.overflow}
	s.OnSubscribe(c)
	defer func() {
		if r := recover(); r != nil {
			c.fail(sluice.NewPanicError(r))
		}
	}()
	p.emitter(c)
}

// createSink is both the FluxSink and the Subscription. Its state is guarded
// by mu, which is never held while calling the subscriber or user code.
type createSink[T any] struct {
	down     sluice.Subscriber[T]
	overflow OverflowStrategy

	mu        sync.Mutex
	q         []T
	head      int
	requested int64
	emitting  bool
	done      bool  // the producer ended the stream (or it failed)
	err       error // the terminal error, if any
	errNow    bool  // deliver err without waiting for queued values
	invalidN  int64
	stopped   bool // cancelled or terminal delivered: nothing more
	onRequest func(int64)
	reqCalls  int64           // demand not yet reported to onRequest
	inRequest bool            // an onRequest call is running
	life      hooks.Lifecycle // OnCancel, OnDispose, Context
}

func (c *createSink[T]) queued() int { return len(c.q) - c.head }

func (c *createSink[T]) push(v T) {
	c.q = append(c.q, v)
}

func (c *createSink[T]) pop() T {
	var zero T
	v := c.q[c.head]
	c.q[c.head] = zero
	c.head++
	if c.head == len(c.q) {
		c.q, c.head = c.q[:0], 0
	} else if c.head >= 1024 && c.head*2 >= len(c.q) {
		n := copy(c.q, c.q[c.head:])
		clear(c.q[n:])
		c.q, c.head = c.q[:n], 0
	}
	return v
}

func (c *createSink[T]) clearQueue() {
	clear(c.q)
	c.q, c.head = nil, 0
}

// Next implements FluxSink.
func (c *createSink[T]) Next(v T) error {
	c.mu.Lock()
	if c.done || c.stopped {
		c.mu.Unlock()
		return ErrSinkDone
	}
	n := int64(c.queued())
	switch c.overflow.mode {
	case modeBuffer:
		if c.overflow.limit > 0 && c.requested != demand.Unbounded && n-c.requested >= int64(c.overflow.limit) {
			c.failLocked(ErrOverflow)
			return ErrOverflow
		}
		c.push(v)
	case modeDrop:
		if n >= c.requested {
			c.mu.Unlock()
			return ErrOverflow
		}
		c.push(v)
	case modeError:
		if n >= c.requested {
			c.failLocked(ErrOverflow)
			return ErrOverflow
		}
		c.push(v)
	case modeLatest:
		if n > c.requested {
			c.q[len(c.q)-1] = v // replace the pending latest value
		} else {
			c.push(v)
		}
	}
	c.drainLocked()
	return nil
}

// Error implements FluxSink.
func (c *createSink[T]) Error(err error) {
	if err == nil {
		err = sluice.ErrNilError
	}
	c.mu.Lock()
	if c.done || c.stopped {
		c.mu.Unlock()
		sluice.ErrorDropped(err)
		return
	}
	c.done, c.err = true, err
	c.drainLocked()
}

// Complete implements FluxSink.
func (c *createSink[T]) Complete() {
	c.mu.Lock()
	if c.done || c.stopped {
		c.mu.Unlock()
		return
	}
	c.done = true
	c.drainLocked()
}

// fail ends the stream with err at once, discarding queued values.
func (c *createSink[T]) fail(err error) {
	c.mu.Lock()
	if c.stopped || (c.done && c.errNow) {
		c.mu.Unlock()
		sluice.ErrorDropped(err)
		return
	}
	c.failLocked(err)
}

func (c *createSink[T]) failLocked(err error) {
	c.done, c.err, c.errNow = true, err, true
	c.drainLocked()
}

// Requested implements FluxSink.
func (c *createSink[T]) Requested() int64 {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.requested == demand.Unbounded {
		return demand.Unbounded
	}
	return max(c.requested-int64(c.queued()), 0)
}

// OnRequest implements FluxSink.
func (c *createSink[T]) OnRequest(fn func(n int64)) {
	c.mu.Lock()
	if c.stopped {
		c.mu.Unlock()
		return
	}
	c.onRequest = fn
	r := c.requested - int64(c.queued())
	if c.requested == demand.Unbounded {
		r = demand.Unbounded
	}
	if r > 0 {
		c.reqCalls = demand.Add(c.reqCalls, r)
	}
	c.runOnRequestLocked()
}

// runOnRequestLocked is entered with mu held and returns with it released.
// It reports pending demand to onRequest unless a call is already running.
func (c *createSink[T]) runOnRequestLocked() {
	if c.inRequest {
		c.mu.Unlock()
		return
	}
	c.inRequest = true
	for {
		fn, n := c.onRequest, c.reqCalls
		if fn == nil || n == 0 || c.stopped {
			c.inRequest = false
			c.mu.Unlock()
			return
		}
		c.reqCalls = 0
		c.mu.Unlock()
		c.callOnRequest(fn, n)
		c.mu.Lock()
	}
}

// OnCancel implements FluxSink.
func (c *createSink[T]) OnCancel(fn func()) { c.life.OnCancel(fn) }

// OnDispose implements FluxSink.
func (c *createSink[T]) OnDispose(fn func()) { c.life.OnDispose(fn) }

// Context implements FluxSink.
func (c *createSink[T]) Context() context.Context { return c.life.Context() }

// IsCancelled implements FluxSink.
func (c *createSink[T]) IsCancelled() bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.stopped
}

// Request implements sluice.Subscription.
func (c *createSink[T]) Request(n int64) {
	c.mu.Lock()
	if c.stopped {
		c.mu.Unlock()
		return
	}
	if n <= 0 {
		if c.invalidN == 0 {
			c.invalidN = n
			if n == 0 {
				c.invalidN = -1 << 63 // remember "0" distinctly from "none"
			}
		}
		c.drainLocked()
		return
	}
	c.requested = demand.Add(c.requested, n)
	if c.onRequest != nil {
		c.reqCalls = demand.Add(c.reqCalls, n)
		c.runOnRequestLocked()
		c.mu.Lock()
	}
	c.drainLocked()
}

func (c *createSink[T]) callOnRequest(fn func(int64), n int64) {
	defer func() {
		if r := recover(); r != nil {
			c.fail(sluice.NewPanicError(r))
		}
	}()
	fn(n)
}

// Cancel implements sluice.Subscription.
func (c *createSink[T]) Cancel() {
	c.mu.Lock()
	if c.stopped {
		c.mu.Unlock()
		return
	}
	c.stopped = true
	c.down = nil // rule 3.13
	if !c.emitting {
		c.clearQueue()
	}
	c.mu.Unlock()
	c.life.Cancel()
	c.dispose()
}

func (c *createSink[T]) dispose() {
	c.mu.Lock()
	c.onRequest = nil
	c.mu.Unlock()
	c.life.Dispose()
}

// drainLocked is entered with mu held and returns with it released. The
// goroutine that finds emitting false becomes the only one calling the
// subscriber until it finds nothing left to do; the others only change the
// state it re-reads after every call out.
func (c *createSink[T]) drainLocked() {
	if c.emitting {
		c.mu.Unlock()
		return
	}
	c.emitting = true
	for {
		down := c.down
		switch {
		case c.stopped:
			c.clearQueue()
			c.mu.Unlock() // emitting stays true: nothing runs again
			return
		case c.invalidN != 0:
			n := c.invalidN
			if n == -1<<63 {
				n = 0
			}
			c.terminateLocked()
			down.OnError(demand.Invalid(n))
			c.dispose()
			return
		case c.errNow:
			err := c.err
			c.terminateLocked()
			down.OnError(err)
			c.dispose()
			return
		case c.queued() > 0 && c.requested > 0:
			v := c.pop()
			if c.requested != demand.Unbounded {
				c.requested--
			}
			c.mu.Unlock()
			if !c.deliver(down, v) {
				return
			}
			c.mu.Lock()
		case c.queued() == 0 && c.done:
			err := c.err
			c.terminateLocked()
			if err != nil {
				down.OnError(err)
			} else {
				down.OnComplete()
			}
			c.dispose()
			return
		default:
			c.emitting = false
			c.mu.Unlock()
			return
		}
	}
}

// terminateLocked marks the stream stopped and releases mu.
func (c *createSink[T]) terminateLocked() {
	c.stopped = true
	c.down = nil
	c.clearQueue()
	c.mu.Unlock()
}

// deliver calls OnNext; a panic there (rule 2.13) cancels the stream.
func (c *createSink[T]) deliver(down sluice.Subscriber[T], v T) (ok bool) {
	defer func() {
		if r := recover(); r != nil {
			ok = false
			sluice.ErrorDropped(sluice.NewPanicError(r))
			c.mu.Lock()
			c.stopped = true
			c.down = nil
			c.clearQueue()
			c.mu.Unlock()
			c.dispose()
		}
	}()
	down.OnNext(v)
	return true
}
