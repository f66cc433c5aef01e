// Package lambda holds the terminal subscribers that flux and mono share:
// the callback ("lambda") subscriber behind SubscribeWith, with its demand
// policy, and the blocking subscriber behind Block, BlockFirst and
// BlockLast. Both tie their subscription to a context.Context.
package lambda

import (
	"context"
	"sync/atomic"

	"github.com/sluicego/sluice"
)

// Callbacks are the user functions a Subscriber calls. Any may be nil.
type Callbacks[T any] struct {
	// OnNext receives each element.
	OnNext func(T)
	// OnError receives the error that ends the stream.
	OnError func(error)
	// OnComplete is called when the stream ends without error.
	OnComplete func()
}

// Unbounded as a batch size means "request everything once".
const Unbounded = sluice.Unbounded

// Limit returns the replenishing threshold for a prefetch of n: after
// n - n/4 elements (75 %) have been consumed, that many are requested again,
// like Reactor's limitRate.
func Limit(n int64) int64 {
	if n == Unbounded {
		return Unbounded
	}
	return n - n>>2
}

type subRef struct{ s sluice.Subscription }

var cancelled = &subRef{}

// Subscriber calls Callbacks for each signal and requests in batches. It
// cancels its subscription when the context is done or Dispose is called;
// after that no callback runs. A panic in OnNext cancels upstream and is
// passed to OnError; a panic in OnError or OnComplete (or an error with no
// OnError callback) goes to sluice.ErrorDropped.
type Subscriber[T any] struct {
	cb       Callbacks[T]
	batch    int64
	limit    int64
	produced int64
	sub      atomic.Pointer[subRef]
	done     bool
	stopCtx  func() bool
}

// New returns a subscriber that requests batch elements at a time
// (Unbounded: all at once) and whose subscription ctx cancels. It panics if
// batch <= 0.
func New[T any](ctx context.Context, cb Callbacks[T], batch int64) *Subscriber[T] {
	if batch <= 0 {
		panic("lambda: batch must be positive")
	}
	l := &Subscriber[T]{cb: cb, batch: batch, limit: Limit(batch)}
	if ctx != nil && ctx.Done() != nil {
		l.stopCtx = context.AfterFunc(ctx, l.Dispose)
	}
	return l
}

// OnSubscribe stores s and requests the first batch. A second subscription
// is cancelled (rule 2.5).
func (l *Subscriber[T]) OnSubscribe(s sluice.Subscription) {
	if s == nil {
		panic(sluice.ErrNilSubscription)
	}
	if !l.sub.CompareAndSwap(nil, &subRef{s: s}) {
		s.Cancel()
		if l.sub.Load() != cancelled {
			sluice.ErrorDropped(sluice.ErrAlreadySubscribed)
		}
		return
	}
	s.Request(l.batch)
}

// OnNext calls the OnNext callback and replenishes demand.
func (l *Subscriber[T]) OnNext(v T) {
	if l.done || l.sub.Load() == cancelled {
		sluice.NextDropped(v)
		return
	}
	if l.cb.OnNext != nil && !l.callNext(v) {
		return
	}
	if l.limit != Unbounded {
		l.produced++
		if l.produced == l.limit {
			l.produced = 0
			if r := l.sub.Load(); r != nil && r != cancelled {
				r.s.Request(l.limit)
			}
		}
	}
}

func (l *Subscriber[T]) callNext(v T) (ok bool) {
	defer func() {
		if r := recover(); r != nil {
			ok = false
			pe := sluice.NewPanicError(r)
			l.Dispose()
			l.OnErrorAfterDispose(pe)
		}
	}()
	l.cb.OnNext(v)
	return true
}

// OnErrorAfterDispose delivers err to the OnError callback even though the
// subscription was just cancelled (used for a panic in OnNext).
func (l *Subscriber[T]) OnErrorAfterDispose(err error) {
	l.done = true
	l.release()
	l.callError(err)
}

// OnError calls the OnError callback, unless the subscriber was disposed.
func (l *Subscriber[T]) OnError(err error) {
	if err == nil {
		panic(sluice.ErrNilError)
	}
	if l.done {
		sluice.ErrorDropped(err)
		return
	}
	l.done = true
	if l.sub.Swap(cancelled) == cancelled {
		sluice.ErrorDropped(err) // disposed: no callback after Dispose
		l.release()
		return
	}
	l.release()
	l.callError(err)
}

func (l *Subscriber[T]) callError(err error) {
	if l.cb.OnError == nil {
		sluice.ErrorDropped(err)
		return
	}
	defer func() {
		if r := recover(); r != nil {
			sluice.ErrorDropped(sluice.NewPanicError(r))
		}
	}()
	l.cb.OnError(err)
}

// OnComplete calls the OnComplete callback, unless the subscriber was
// disposed.
func (l *Subscriber[T]) OnComplete() {
	if l.done {
		return
	}
	l.done = true
	if l.sub.Swap(cancelled) == cancelled {
		l.release()
		return
	}
	l.release()
	if l.cb.OnComplete == nil {
		return
	}
	defer func() {
		if r := recover(); r != nil {
			sluice.ErrorDropped(sluice.NewPanicError(r))
		}
	}()
	l.cb.OnComplete()
}

func (l *Subscriber[T]) release() {
	if l.stopCtx != nil {
		l.stopCtx()
	}
}

// Dispose cancels the subscription; no callback runs afterwards (except the
// OnError of a panic raised by OnNext itself). Safe from any goroutine,
// idempotent.
func (l *Subscriber[T]) Dispose() {
	r := l.sub.Swap(cancelled)
	if r == cancelled {
		return
	}
	if r != nil {
		r.s.Cancel()
	}
	l.release()
}

// IsDisposed reports whether the subscription was cancelled or terminated.
func (l *Subscriber[T]) IsDisposed() bool { return l.sub.Load() == cancelled }
