package operators

import (
	"sync/atomic"

	"github.com/sluicego/sluice"
	"github.com/sluicego/sluice/internal/demand"
	"github.com/sluicego/sluice/internal/inner"
	"github.com/sluicego/sluice/internal/serial"
)

// OnBackpressureDrop requests everything from src and passes elements on
// while the downstream has demand; an element that arrives without demand
// is dropped and handed to onDrop (which may be nil). A panic in onDrop ends
// the stream with a *sluice.PanicError.
func OnBackpressureDrop[T any](src sluice.Publisher[T], onDrop func(T)) sluice.Publisher[T] {
	return &bpDropPublisher[T]{src: src, onDrop: onDrop}
}

// OnBackpressureError requests everything from src and passes elements on
// while the downstream has demand; an element that arrives without demand
// cancels src and ends the stream with an error wrapping ErrOverflow.
func OnBackpressureError[T any](src sluice.Publisher[T]) sluice.Publisher[T] {
	return &bpDropPublisher[T]{src: src, fail: true}
}

type bpDropPublisher[T any] struct {
	src    sluice.Publisher[T]
	onDrop func(T)
	fail   bool
}

func (p *bpDropPublisher[T]) Subscribe(s sluice.Subscriber[T]) {
	if s == nil {
		panic(sluice.ErrNilSubscriber)
	}
	p.src.Subscribe(&bpDrop[T]{down: serial.New[T](s), onDrop: p.onDrop, fail: p.fail})
}

// bpDrop signals downstream through a serializer because an invalid Request
// may end the stream from the requesting goroutine.
type bpDrop[T any] struct {
	down      *serial.Subscriber[T]
	onDrop    func(T)
	fail      bool
	up        inner.Slot
	requested atomic.Int64
	done      atomic.Bool
}

func (b *bpDrop[T]) OnSubscribe(s sluice.Subscription) {
	if !b.up.Set(s) {
		return
	}
	b.down.OnSubscribe(b)
	s.Request(sluice.Unbounded)
}

func (b *bpDrop[T]) drop(v T) (err error) {
	if b.onDrop == nil {
		sluice.NextDropped(v)
		return nil
	}
	defer func() {
		if r := recover(); r != nil {
			err = sluice.NewPanicError(r)
		}
	}()
	b.onDrop(v)
	return nil
}

func (b *bpDrop[T]) OnNext(v T) {
	if b.done.Load() {
		sluice.NextDropped(v)
		return
	}
	if b.requested.Load() != 0 {
		b.down.OnNext(v)
		demand.ProducedAtomic(&b.requested, 1)
		return
	}
	if b.fail {
		b.abort(ErrOverflow)
		return
	}
	if err := b.drop(v); err != nil {
		b.abort(err)
	}
}

func (b *bpDrop[T]) abort(err error) {
	if b.done.Swap(true) {
		sluice.ErrorDropped(err)
		return
	}
	b.up.Cancel()
	b.down.OnError(err)
}

func (b *bpDrop[T]) OnError(err error) {
	if b.done.Swap(true) {
		sluice.ErrorDropped(err)
		return
	}
	b.down.OnError(err)
}

func (b *bpDrop[T]) OnComplete() {
	if !b.done.Swap(true) {
		b.down.OnComplete()
	}
}

func (b *bpDrop[T]) Request(n int64) {
	if n <= 0 {
		if !b.up.Cancelled() {
			b.abort(demand.Invalid(n))
		}
		return
	}
	demand.AddAtomic(&b.requested, n)
}

func (b *bpDrop[T]) Cancel() { b.up.Cancel() }
