package operators

import (
	"sync/atomic"

	"github.com/sluicego/sluice"
	"github.com/sluicego/sluice/internal/inner"
	"github.com/sluicego/sluice/internal/serial"
)

// WithLatestFrom combines each element of src with the latest element of
// other through fn. Elements of src that arrive before other has emitted are
// dropped (and replaced by a Request(1)). other is requested unbounded; its
// error fails the stream, and its completion without any element completes
// it. A panic in fn fails the stream.
func WithLatestFrom[T, U, R any](src sluice.Publisher[T], other sluice.Publisher[U], fn func(T, U) R) sluice.Publisher[R] {
	return &withLatestFromPublisher[T, U, R]{src: src, other: other, fn: fn}
}

type withLatestFromPublisher[T, U, R any] struct {
	src   sluice.Publisher[T]
	other sluice.Publisher[U]
	fn    func(T, U) R
}

func (p *withLatestFromPublisher[T, U, R]) Subscribe(s sluice.Subscriber[R]) {
	checkSubscriber(s)
	m := &wlfMain[T, U, R]{down: serial.New[R](s), fn: p.fn}
	m.other.m = m
	s.OnSubscribe(m)
	p.other.Subscribe(&m.other)
	if m.stopped.Load() {
		return
	}
	p.src.Subscribe(m)
}

type wlfMain[T, U, R any] struct {
	down    *serial.Subscriber[R]
	fn      func(T, U) R
	main    inner.Deferred
	other   wlfOther[T, U, R]
	latest  atomic.Pointer[U]
	stopped atomic.Bool
	done    bool // main-signal owned
}

func (m *wlfMain[T, U, R]) Request(n int64) {
	if n <= 0 {
		m.stop(sluice.NewInvalidDemandError(n))
		return
	}
	m.main.Request(n)
}

func (m *wlfMain[T, U, R]) Cancel() {
	m.stopped.Store(true)
	m.main.Cancel()
	m.other.slot.Cancel()
}

// stop cancels both sources and ends the stream (err nil: complete).
func (m *wlfMain[T, U, R]) stop(err error) {
	if m.stopped.Swap(true) {
		if err != nil {
			sluice.ErrorDropped(err)
		}
		return
	}
	m.main.Cancel()
	m.other.slot.Cancel()
	if err != nil {
		m.down.OnError(err)
	} else {
		m.down.OnComplete()
	}
}

func (m *wlfMain[T, U, R]) OnSubscribe(s sluice.Subscription) { m.main.Set(s) }

func (m *wlfMain[T, U, R]) OnNext(v T) {
	if m.done || m.stopped.Load() {
		sluice.NextDropped(v)
		return
	}
	u := m.latest.Load()
	if u == nil {
		m.main.Request(1)
		return
	}
	r, err := try2(m.fn, v, *u)
	if err != nil {
		m.done = true
		m.stop(err)
		return
	}
	m.down.OnNext(r)
}

func (m *wlfMain[T, U, R]) OnError(err error) {
	if m.done {
		sluice.ErrorDropped(err)
		return
	}
	m.done = true
	m.stop(err)
}

func (m *wlfMain[T, U, R]) OnComplete() {
	if m.done {
		return
	}
	m.done = true
	m.stop(nil)
}

// wlfOther subscribes to the other source and keeps its latest element.
type wlfOther[T, U, R any] struct {
	m    *wlfMain[T, U, R]
	slot inner.Slot
	seen bool
}

func (o *wlfOther[T, U, R]) OnSubscribe(s sluice.Subscription) {
	if o.slot.Set(s) {
		s.Request(sluice.Unbounded)
	}
}

func (o *wlfOther[T, U, R]) OnNext(v U) {
	o.seen = true
	o.m.latest.Store(&v)
}

func (o *wlfOther[T, U, R]) OnError(err error) { o.m.stop(err) }

func (o *wlfOther[T, U, R]) OnComplete() {
	if !o.seen {
		o.m.stop(nil)
	}
}
