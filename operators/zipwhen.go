package operators

import (
	"sync/atomic"

	"github.com/sluicego/sluice"
)

// ZipWhen waits for the value t of the 0..1 source src, subscribes to fn(t)
// and emits combine(t, u) for its value u (Reactor's Mono.zipWhen, which is
// flatMap of fn(t) mapped by combine). It follows MonoFlatMap's rule for a
// source that signals more than a Mono should: the first value wins and is
// zipped; later values go to sluice.NextDropped, a later error to
// sluice.ErrorDropped, and a later completion is ignored. A panic in fn or
// combine ends the stream with a *sluice.PanicError.
func ZipWhen[T, U, R any](src sluice.Publisher[T], fn func(T) sluice.Publisher[U], combine func(T, U) R) sluice.Publisher[R] {
	return MonoFlatMap(src, func(t T) sluice.Publisher[R] {
		p := fn(t)
		if p == nil {
			return nil
		}
		return zipWhenPublisher[T, U, R]{src: p, t: t, combine: combine}
	})
}

type zipWhenPublisher[T, U, R any] struct {
	src     sluice.Publisher[U]
	t       T
	combine func(T, U) R
}

func (p zipWhenPublisher[T, U, R]) Subscribe(s sluice.Subscriber[R]) {
	p.src.Subscribe(&zipWhenSubscriber[T, U, R]{down: s, t: p.t, combine: p.combine})
}

type zipWhenSubscriber[T, U, R any] struct {
	down    sluice.Subscriber[R]
	up      sluice.Subscription
	t       T
	combine func(T, U) R
	done    atomic.Bool
}

func (z *zipWhenSubscriber[T, U, R]) OnSubscribe(s sluice.Subscription) {
	z.up = s
	z.down.OnSubscribe(s)
}

func (z *zipWhenSubscriber[T, U, R]) apply(u U) (r R, err error) {
	defer func() {
		if x := recover(); x != nil {
			err = sluice.NewPanicError(x)
		}
	}()
	return z.combine(z.t, u), nil
}

func (z *zipWhenSubscriber[T, U, R]) OnNext(u U) {
	if z.done.Load() {
		sluice.NextDropped(u)
		return
	}
	r, err := z.apply(u)
	if err != nil {
		z.done.Store(true)
		z.up.Cancel()
		z.down.OnError(err)
		return
	}
	z.down.OnNext(r)
}

func (z *zipWhenSubscriber[T, U, R]) OnError(err error) {
	if z.done.Swap(true) {
		sluice.ErrorDropped(err)
		return
	}
	z.down.OnError(err)
}

func (z *zipWhenSubscriber[T, U, R]) OnComplete() {
	if !z.done.Swap(true) {
		z.down.OnComplete()
	}
}
