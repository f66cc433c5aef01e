package operators

import (
	"sync/atomic"

	"github.com/sluicego/sluice"
)

// DoFinally calls fn exactly once, after the stream ended with completion or
// an error (after the downstream received it) or after the downstream
// cancelled, with the signal type that ended it. A panic in fn goes to
// sluice.ErrorDropped.
func DoFinally[T any](src sluice.Publisher[T], fn func(SignalType)) sluice.Publisher[T] {
	return &doFinallyPublisher[T]{src: src, fn: fn}
}

type doFinallyPublisher[T any] struct {
	src sluice.Publisher[T]
	fn  func(SignalType)
}

func (p *doFinallyPublisher[T]) String() string { return describe(p.src, "DoFinally") }

func (p *doFinallyPublisher[T]) Subscribe(s sluice.Subscriber[T]) {
	checkSubscriber(s)
	p.src.Subscribe(&doFinallySubscriber[T]{base: base[T]{down: s}, fn: p.fn})
}

type doFinallySubscriber[T any] struct {
	base[T]
	fn    func(SignalType)
	fired atomic.Bool
}

func (d *doFinallySubscriber[T]) OnSubscribe(s sluice.Subscription) {
	if d.setUp(s) {
		d.down.OnSubscribe(d)
	}
}

func (d *doFinallySubscriber[T]) run(t SignalType) {
	if d.fired.CompareAndSwap(false, true) {
		if err := tryCall(d.fn, t); err != nil {
			sluice.ErrorDropped(err)
		}
	}
}

func (d *doFinallySubscriber[T]) Cancel() {
	d.up.Cancel()
	d.run(SignalCancel)
}

func (d *doFinallySubscriber[T]) OnNext(v T) {
	if d.done {
		sluice.NextDropped(v)
		return
	}
	d.down.OnNext(v)
}

func (d *doFinallySubscriber[T]) OnError(err error) {
	if d.done {
		sluice.ErrorDropped(err)
		return
	}
	d.base.OnError(err)
	d.run(SignalOnError)
}

func (d *doFinallySubscriber[T]) OnComplete() {
	if d.done {
		return
	}
	d.base.OnComplete()
	d.run(SignalOnComplete)
}
