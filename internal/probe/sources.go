package probe

import (
	"sync"
	"sync/atomic"

	"github.com/sluicego/sluice"
	"github.com/sluicego/sluice/internal/demand"
	"github.com/sluicego/sluice/internal/pull"
)

// PublisherFunc adapts a function to a Publisher.
type PublisherFunc[T any] func(sluice.Subscriber[T])

// Subscribe calls f.
func (f PublisherFunc[T]) Subscribe(s sluice.Subscriber[T]) {
	if s == nil {
		panic(sluice.ErrNilSubscriber)
	}
	f(s)
}

type sliceSource[T any] struct {
	vs []T
	i  int
}

func (s *sliceSource[T]) Next() (T, bool, error) {
	if s.i == len(s.vs) {
		var zero T
		return zero, false, nil
	}
	v := s.vs[s.i]
	s.i++
	return v, true, nil
}

func (s *sliceSource[T]) Exhausted() bool { return s.i == len(s.vs) }

// Just emits vs synchronously under demand, then completes.
func Just[T any](vs ...T) sluice.Publisher[T] {
	return PublisherFunc[T](func(s sluice.Subscriber[T]) {
		pull.Subscribe[T](s, &sliceSource[T]{vs: vs})
	})
}

// Range emits count integers from start synchronously under demand.
func Range(start, count int) sluice.Publisher[int] {
	vs := make([]int, count)
	for i := range vs {
		vs[i] = start + i
	}
	return Just(vs...)
}

type nopSub struct{}

func (nopSub) Request(int64) {}
func (nopSub) Cancel()       {}

// Error fails every subscriber with err right after OnSubscribe.
func Error[T any](err error) sluice.Publisher[T] {
	return PublisherFunc[T](func(s sluice.Subscriber[T]) {
		s.OnSubscribe(nopSub{})
		s.OnError(err)
	})
}

// Empty completes every subscriber right after OnSubscribe.
func Empty[T any]() sluice.Publisher[T] {
	return PublisherFunc[T](func(s sluice.Subscriber[T]) {
		s.OnSubscribe(nopSub{})
		s.OnComplete()
	})
}

// Spy wraps a publisher and counts, across all its subscriptions, the
// subscriptions made, the demand requested, the elements emitted and the
// cancellations.
type Spy[T any] struct {
	src        sluice.Publisher[T]
	Subscribed atomic.Int64
	Requested  atomic.Int64
	Cancelled  atomic.Int64
	Emitted    atomic.Int64
	mu         sync.Mutex
	requests   []int64
}

// NewSpy wraps src.
func NewSpy[T any](src sluice.Publisher[T]) *Spy[T] { return &Spy[T]{src: src} }

// Requests returns every Request argument seen, in order.
func (p *Spy[T]) Requests() []int64 {
	p.mu.Lock()
	defer p.mu.Unlock()
	return append([]int64(nil), p.requests...)
}

// Subscribe subscribes s to the wrapped publisher through a counting
// subscription.
func (p *Spy[T]) Subscribe(s sluice.Subscriber[T]) {
	p.Subscribed.Add(1)
	p.src.Subscribe(&spySub[T]{p: p, down: s})
}

type spySub[T any] struct {
	p    *Spy[T]
	down sluice.Subscriber[T]
	up   sluice.Subscription
}

func (s *spySub[T]) OnSubscribe(up sluice.Subscription) { s.up = up; s.down.OnSubscribe(s) }
func (s *spySub[T]) OnNext(v T)                         { s.p.Emitted.Add(1); s.down.OnNext(v) }
func (s *spySub[T]) OnError(err error)                  { s.down.OnError(err) }
func (s *spySub[T]) OnComplete()                        { s.down.OnComplete() }
func (s *spySub[T]) Request(n int64) {
	s.p.mu.Lock()
	s.p.requests = append(s.p.requests, n)
	s.p.mu.Unlock()
	if n > 0 {
		for {
			r := s.p.Requested.Load()
			if s.p.Requested.CompareAndSwap(r, demand.Add(r, n)) {
				break
			}
		}
	}
	s.up.Request(n)
}
func (s *spySub[T]) Cancel() { s.p.Cancelled.Add(1); s.up.Cancel() }

// Never is a publisher that never signals after OnSubscribe and counts its
// live (subscribed, not cancelled) subscriptions.
type Never[T any] struct {
	Subscribed atomic.Int64
	Cancelled  atomic.Int64
}

// Subscribe hands s a subscription that only records cancellation.
func (p *Never[T]) Subscribe(s sluice.Subscriber[T]) {
	p.Subscribed.Add(1)
	s.OnSubscribe(&neverSub[T]{p: p})
}

// Live returns the number of subscriptions not cancelled.
func (p *Never[T]) Live() int64 { return p.Subscribed.Load() - p.Cancelled.Load() }

type neverSub[T any] struct {
	p    *Never[T]
	once atomic.Bool
}

func (s *neverSub[T]) Request(int64) {}
func (s *neverSub[T]) Cancel() {
	if !s.once.Swap(true) {
		s.p.Cancelled.Add(1)
	}
}
