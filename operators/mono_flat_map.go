package operators

import (
	"sync/atomic"

	"github.com/sluicego/sluice"
)

// MonoFlatMap maps the element of a 0..1 source to a publisher and relays
// that publisher (Reactor's Mono.flatMap; with a Flux-like inner it is
// flatMapMany). An empty source completes empty. A panic in fn ends the
// stream with a *sluice.PanicError.
//
// A source that signals more than a Mono should (a Flux adapted with
// mono.From, a misbehaving publisher) is handled as Reactor's MonoFlatMap
// and MonoZip do: the first value wins; after it, further values go to
// sluice.NextDropped, an error to sluice.ErrorDropped, and completion is
// ignored. The source is not cancelled: a Mono ends after its value.
func MonoFlatMap[T, R any](src sluice.Publisher[T], fn func(T) sluice.Publisher[R]) sluice.Publisher[R] {
	return &monoFlatMapPublisher[T, R]{src: src, fn: fn}
}

type monoFlatMapPublisher[T, R any] struct {
	src sluice.Publisher[T]
	fn  func(T) sluice.Publisher[R]
}

func (p *monoFlatMapPublisher[T, R]) String() string { return describe(p.src, "FlatMap") }

func (p *monoFlatMapPublisher[T, R]) Subscribe(s sluice.Subscriber[R]) {
	checkSubscriber(s)
	p.src.Subscribe(&monoFlatMapSubscriber[T, R]{down: s, fn: p.fn})
}

type monoFlatMapSubscriber[T, R any] struct {
	arbiter
	down    sluice.Subscriber[R]
	fn      func(T) sluice.Publisher[R]
	main    sluice.Subscription
	started atomic.Bool
	done    bool
}

func (m *monoFlatMapSubscriber[T, R]) OnSubscribe(s sluice.Subscription) {
	if s == nil {
		panic(sluice.ErrNilSubscription)
	}
	if m.main != nil {
		s.Cancel()
		return
	}
	m.main = s
	m.down.OnSubscribe(m)
}

func (m *monoFlatMapSubscriber[T, R]) Request(n int64) {
	if n <= 0 && !m.started.Load() {
		m.main.Request(n) // the main source reports the invalid request
		return
	}
	if n > 0 && !m.started.Load() && m.started.CompareAndSwap(false, true) {
		m.main.Request(sluice.Unbounded)
	}
	m.arbiter.Request(n)
}

func (m *monoFlatMapSubscriber[T, R]) Cancel() {
	m.main.Cancel()
	m.arbiter.Cancel()
}

func (m *monoFlatMapSubscriber[T, R]) OnNext(v T) {
	if m.done {
		sluice.NextDropped(v)
		return
	}
	m.done = true
	inner, err := try1(m.fn, v)
	if err == nil && inner == nil {
		err = sluice.ErrNilSubscriber
	}
	if err != nil {
		m.main.Cancel()
		m.down.OnError(err)
		return
	}
	inner.Subscribe(&monoFlatMapInner[T, R]{m: m})
}

func (m *monoFlatMapSubscriber[T, R]) OnError(err error) {
	if m.done {
		sluice.ErrorDropped(err)
		return
	}
	m.done = true
	m.down.OnError(err)
}

func (m *monoFlatMapSubscriber[T, R]) OnComplete() {
	if m.done {
		return
	}
	m.done = true
	m.down.OnComplete()
}

type monoFlatMapInner[T, R any] struct {
	m    *monoFlatMapSubscriber[T, R]
	done bool
}

func (i *monoFlatMapInner[T, R]) OnSubscribe(s sluice.Subscription) { i.m.set(s) }

func (i *monoFlatMapInner[T, R]) OnNext(v R) {
	if i.done {
		sluice.NextDropped(v)
		return
	}
	i.m.produced++
	i.m.down.OnNext(v)
}

func (i *monoFlatMapInner[T, R]) OnError(err error) {
	if i.done {
		sluice.ErrorDropped(err)
		return
	}
	i.done = true
	i.m.down.OnError(err)
}

func (i *monoFlatMapInner[T, R]) OnComplete() {
	if !i.done {
		i.done = true
		i.m.down.OnComplete()
	}
}
