package operators

import (
	"errors"
	"sync/atomic"

	"github.com/sluicego/sluice"
	"github.com/sluicego/sluice/internal/demand"
)

// Materialize turns every signal into an element: each element becomes a
// SignalOnNext, and the terminal signal becomes a last SignalOnError or
// SignalOnComplete element (emitted when demanded), followed by completion.
func Materialize[T any](src sluice.Publisher[T]) sluice.Publisher[Signal[T]] {
	return &materializePublisher[T]{src: src}
}

type materializePublisher[T any] struct{ src sluice.Publisher[T] }

func (p *materializePublisher[T]) String() string { return describe(p.src, "Materialize") }

func (p *materializePublisher[T]) Subscribe(s sluice.Subscriber[Signal[T]]) {
	checkSubscriber(s)
	p.src.Subscribe(&materializeSubscriber[T]{base: base[Signal[T]]{down: s}})
}

// materializeSubscriber tracks the downstream demand so that the terminal
// signal, which is an element here, waits for a request when none is left.
type materializeSubscriber[T any] struct {
	base[Signal[T]]
	requested atomic.Int64
	last      Signal[T]
	bad       atomic.Bool // an invalid Request was forwarded upstream
	// state: 0 running, 1 terminal signal pending, 2 delivered
	state atomic.Int32
}

func (m *materializeSubscriber[T]) OnSubscribe(s sluice.Subscription) {
	if m.setUp(s) {
		m.down.OnSubscribe(m)
	}
}

func (m *materializeSubscriber[T]) Request(n int64) {
	if n <= 0 {
		m.bad.Store(true)
		m.up.Request(n)
		return
	}
	demand.AddAtomic(&m.requested, n)
	if m.state.Load() == 1 {
		m.flush()
		return
	}
	m.up.Request(n)
}

func (m *materializeSubscriber[T]) flush() {
	if m.requested.Load() > 0 && m.state.CompareAndSwap(1, 2) {
		m.down.OnNext(m.last)
		m.down.OnComplete()
	}
}

func (m *materializeSubscriber[T]) OnNext(v T) {
	if m.done {
		sluice.NextDropped(v)
		return
	}
	demand.ProducedAtomic(&m.requested, 1)
	m.down.OnNext(Signal[T]{Type: SignalOnNext, Value: v})
}

func (m *materializeSubscriber[T]) OnError(err error) {
	if m.done {
		sluice.ErrorDropped(err)
		return
	}
	if m.bad.Load() && errors.Is(err, sluice.ErrInvalidDemand) {
		// Our own subscriber's bad request: an error, not a signal value.
		m.done = true
		m.down.OnError(err)
		return
	}
	m.terminal(Signal[T]{Type: SignalOnError, Err: err})
}

func (m *materializeSubscriber[T]) OnComplete() {
	if !m.done {
		m.terminal(Signal[T]{Type: SignalOnComplete})
	}
}

func (m *materializeSubscriber[T]) terminal(sig Signal[T]) {
	m.done = true
	m.last = sig
	m.state.Store(1)
	m.flush()
}

// Dematerialize turns materialized signals back into signals: a
// SignalOnNext element is emitted, a SignalOnError or SignalOnComplete
// element cancels upstream and ends the stream.
func Dematerialize[T any](src sluice.Publisher[Signal[T]]) sluice.Publisher[T] {
	return &dematerializePublisher[T]{src: src}
}

type dematerializePublisher[T any] struct{ src sluice.Publisher[Signal[T]] }

func (p *dematerializePublisher[T]) String() string { return describe(p.src, "Dematerialize") }

func (p *dematerializePublisher[T]) Subscribe(s sluice.Subscriber[T]) {
	checkSubscriber(s)
	p.src.Subscribe(&dematerializeSubscriber[T]{base: base[T]{down: s}})
}

type dematerializeSubscriber[T any] struct{ base[T] }

func (d *dematerializeSubscriber[T]) OnNext(sig Signal[T]) {
	if d.done {
		sluice.NextDropped(sig)
		return
	}
	switch sig.Type {
	case SignalOnNext:
		d.down.OnNext(sig.Value)
	case SignalOnError:
		d.fail(sig.Err)
	case SignalOnComplete:
		d.stop()
	default:
		d.up.Request(1)
	}
}
