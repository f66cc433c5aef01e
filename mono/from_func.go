package mono

import (
	"context"
	"sync"
	"sync/atomic"

	"github.com/sluicego/sluice"
	"github.com/sluicego/sluice/internal/pull"
)

// FromFunc calls fn once per subscription, when the first demand arrives,
// on the goroutine that called Request (often inside OnSubscribe, hence
// inside Subscribe), and emits its result: the value then completion, or
// the error. The context passed to fn is cancelled when the subscriber
// cancels (for example when the ctx of Block is done), so fn can abort
// blocking work; after a cancellation its result is discarded. To run fn
// elsewhere, use a scheduler operator (SubscribeOn).
//
// A panic in fn ends the stream with a *sluice.PanicError. A panic raised by
// the subscriber's own OnNext, OnError or OnComplete does not reach the
// goroutine that called Request: it goes to sluice.ErrorDropped and the
// subscription counts as cancelled (rule 2.13). A panic in the subscriber's
// OnSubscribe does not leave Subscribe either: it cancels the subscription
// (fn is not called unless it was already requested there) and goes to
// sluice.ErrorDropped.
func FromFunc[T any](fn func(ctx context.Context) (T, error)) Mono[T] {
	if fn == nil {
		panic("mono.FromFunc: nil function")
	}
	return Mono[T]{pub: funcPublisher[T]{fn: fn}}
}

type funcPublisher[T any] struct {
	fn func(context.Context) (T, error)
}

func (p funcPublisher[T]) Subscribe(s sluice.Subscriber[T]) {
	if s == nil {
		panic(sluice.ErrNilSubscriber)
	}
	f := &funcSubscription[T]{down: s, fn: p.fn}
	pull.OnSubscribe[T](s, f) // a panic there cancels f and is dropped
}

const (
	fnIdle int32 = iota
	fnRunning
	fnCancelled
	fnInvalid // Request(n <= 0) while fn ran: the error is due when it returns
	fnDone
)

type funcSubscription[T any] struct {
	down  sluice.Subscriber[T]
	fn    func(context.Context) (T, error)
	state atomic.Int32
	// invalidN is the argument of the invalid Request made while fn ran.
	invalidN atomic.Int64

	mu     sync.Mutex
	cancel context.CancelFunc
}

func (f *funcSubscription[T]) Request(n int64) {
	if !f.state.CompareAndSwap(fnIdle, fnRunning) {
		if n <= 0 {
			f.invalidWhileRunning(n)
		}
		return
	}
	down := f.down
	if n <= 0 {
		f.state.Store(fnDone)
		f.down = nil
		deliverError(down, sluice.NewInvalidDemandError(n))
		return
	}
	ctx, cancel := context.WithCancel(context.Background())
	f.mu.Lock()
	f.cancel = cancel
	f.mu.Unlock()
	if st := f.state.Load(); st == fnCancelled || st == fnInvalid {
		cancel() // Cancel ran before the cancel func was published
	}
	v, err := f.call(ctx)
	cancel()
	if !f.state.CompareAndSwap(fnRunning, fnDone) {
		f.down = nil
		if f.state.CompareAndSwap(fnInvalid, fnDone) {
			deliverError(down, sluice.NewInvalidDemandError(f.invalidN.Load()))
		}
		return // cancelled (or invalid request) while fn ran: discard the result
	}
	f.down = nil
	if err != nil {
		deliverError(down, err)
		return
	}
	deliverValue(down, v)
}

// invalidWhileRunning handles Request(n <= 0) made while fn runs (rule 3.9):
// fn's context is cancelled and the goroutine running fn signals the error
// when fn returns. In any other state the request is a no-op.
func (f *funcSubscription[T]) invalidWhileRunning(n int64) {
	f.invalidN.Store(n)
	if f.state.CompareAndSwap(fnRunning, fnInvalid) {
		f.cancelFn()
	}
}

func (f *funcSubscription[T]) cancelFn() {
	f.mu.Lock()
	cancel := f.cancel
	f.mu.Unlock()
	if cancel != nil {
		cancel()
	}
}

func (f *funcSubscription[T]) call(ctx context.Context) (v T, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = sluice.NewPanicError(r)
		}
	}()
	return f.fn(ctx)
}

func (f *funcSubscription[T]) Cancel() {
	for {
		switch st := f.state.Load(); st {
		case fnIdle:
			if f.state.CompareAndSwap(fnIdle, fnCancelled) {
				f.down = nil // no Request can start now (rule 3.13)
				return
			}
		case fnRunning:
			if f.state.CompareAndSwap(fnRunning, fnCancelled) {
				f.cancelFn()
				return
			}
		default:
			return
		}
	}
}
