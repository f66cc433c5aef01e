package operators

import "github.com/sluicego/sluice"

// DoOnSuccess calls fn when a 0..1 source succeeds: with its element and
// true, or with the zero value and false if it completed empty (Reactor's
// Mono.doOnSuccess). A panic in fn ends the stream with a
// *sluice.PanicError.
func DoOnSuccess[T any](src sluice.Publisher[T], fn func(v T, ok bool)) sluice.Publisher[T] {
	return &doOnSuccessPublisher[T]{src: src, fn: fn}
}

type doOnSuccessPublisher[T any] struct {
	src sluice.Publisher[T]
	fn  func(T, bool)
}

func (p *doOnSuccessPublisher[T]) String() string { return describe(p.src, "DoOnSuccess") }

func (p *doOnSuccessPublisher[T]) Subscribe(s sluice.Subscriber[T]) {
	checkSubscriber(s)
	p.src.Subscribe(&doOnSuccessSubscriber[T]{base: base[T]{down: s}, fn: p.fn})
}

type doOnSuccessSubscriber[T any] struct {
	base[T]
	fn    func(T, bool)
	fired bool
}

func (d *doOnSuccessSubscriber[T]) OnNext(v T) {
	if d.done {
		sluice.NextDropped(v)
		return
	}
	if !d.fired {
		d.fired = true
		if err := try0(func() { d.fn(v, true) }); err != nil {
			d.fail(err)
			return
		}
	}
	d.down.OnNext(v)
}

func (d *doOnSuccessSubscriber[T]) OnComplete() {
	if d.done {
		return
	}
	if !d.fired {
		d.fired = true
		var zero T
		if err := try0(func() { d.fn(zero, false) }); err != nil {
			d.base.OnError(err)
			return
		}
	}
	d.base.OnComplete()
}
