package operators

import (
	"sync/atomic"

	"github.com/sluicego/sluice"
	"github.com/sluicego/sluice/internal/demand"
	"github.com/sluicego/sluice/internal/inner"
	"github.com/sluicego/sluice/internal/queue"
)

// CombineLatest subscribes to every source and, once each has emitted at
// least once, emits fn applied to a new slice holding the latest element of
// every source, each time any of them emits. It completes when all sources
// have completed (or at once when one completes without emitting) and fails
// with the first error or a panic in fn. Each source is asked for prefetch
// elements ahead and replenished in batches as its elements are combined.
func CombineLatest[T, R any](sources []sluice.Publisher[T], fn func([]T) R, prefetch int) sluice.Publisher[R] {
	if len(sources) == 0 {
		return mergeEmpty[R]{}
	}
	if prefetch <= 0 {
		prefetch = DefaultPrefetch
	}
	return &combineLatestPublisher[T, R]{srcs: sources, fn: fn, prefetch: int64(prefetch)}
}

// CombineLatest2 combines the latest elements of a and b through fn (see
// CombineLatest).
func CombineLatest2[A, B, R any](a sluice.Publisher[A], b sluice.Publisher[B], fn func(A, B) R, prefetch int) sluice.Publisher[R] {
	return CombineLatest([]sluice.Publisher[any]{boxed(a), boxed(b)}, func(row []any) R {
		return fn(row[0].(A), row[1].(B))
	}, prefetch)
}

// boxed views a Publisher[T] as a Publisher[any].
func boxed[T any](p sluice.Publisher[T]) sluice.Publisher[any] {
	return Map(p, func(v T) any { return v })
}

type combineLatestPublisher[T, R any] struct {
	srcs     []sluice.Publisher[T]
	fn       func([]T) R
	prefetch int64
}

type clSignal[T any] struct {
	i int
	v T
}

func (p *combineLatestPublisher[T, R]) Subscribe(s sluice.Subscriber[R]) {
	checkSubscriber(s)
	n := len(p.srcs)
	m := &combineLatestMain[T, R]{
		down:   s,
		fn:     p.fn,
		latest: make([]T, n),
		has:    make([]bool, n),
		subs:   make([]*clSub[T, R], n),
		q:      queue.NewMPSC[clSignal[T]](),
	}
	m.active.Store(int32(n))
	for i := range m.subs {
		m.subs[i] = &clSub[T, R]{m: m, i: i, prefetch: p.prefetch, limit: p.prefetch - p.prefetch>>2}
	}
	s.OnSubscribe(m)
	for i, src := range p.srcs {
		if m.cancelled.Load() {
			return
		}
		src.Subscribe(m.subs[i])
	}
}

type combineLatestMain[T, R any] struct {
	down      sluice.Subscriber[R]
	fn        func([]T) R
	subs      []*clSub[T, R]
	q         *queue.MPSC[clSignal[T]]
	wip       demand.WIP
	requested atomic.Int64
	cancelled atomic.Bool
	active    atomic.Int32 // sources not completed
	emptyDone atomic.Bool  // a source completed without emitting
	errs      inner.Errors

	latest []T    // drain-owned
	has    []bool // drain-owned
	filled int    // drain-owned: sources with a latest value
	dirty  bool   // drain-owned: a combination is owed downstream
}

func (m *combineLatestMain[T, R]) Request(n int64) {
	if m.cancelled.Load() {
		return
	}
	if n <= 0 {
		m.errs.SetFirst(demand.Invalid(n))
	} else {
		demand.AddAtomic(&m.requested, n)
	}
	m.drain()
}

func (m *combineLatestMain[T, R]) Cancel() {
	if m.cancelled.Swap(true) {
		return
	}
	for _, s := range m.subs {
		s.slot.Cancel()
	}
	m.drain()
}

func (m *combineLatestMain[T, R]) cleanup() {
	for _, s := range m.subs {
		s.slot.Cancel()
	}
	m.q.Clear()
	clear(m.latest)
}

func (m *combineLatestMain[T, R]) drain() {
	if !m.wip.Enter() {
		return
	}
	missed := int32(1)
	for {
		r := m.requested.Load()
		var e int64
		for {
			if m.cancelled.Load() {
				m.cleanup()
				return
			}
			if err := m.errs.Load(); err != nil {
				m.cancelled.Store(true)
				m.cleanup()
				m.down.OnError(err)
				return
			}
			if m.emptyDone.Load() || (m.active.Load() == 0 && !m.dirty && m.q.IsEmpty()) {
				m.cancelled.Store(true)
				m.cleanup()
				m.down.OnComplete()
				return
			}
			if m.dirty {
				if e == r {
					break
				}
				m.dirty = false
				row := make([]T, len(m.latest))
				copy(row, m.latest)
				v, err := try1(m.fn, row)
				if err != nil {
					m.errs.SetFirst(err)
					continue
				}
				m.down.OnNext(v)
				e++
				continue
			}
			sig, ok := m.q.Poll()
			if !ok {
				break
			}
			if !m.has[sig.i] {
				m.has[sig.i] = true
				m.filled++
			}
			m.latest[sig.i] = sig.v
			m.subs[sig.i].consumed()
			m.dirty = m.filled == len(m.latest)
		}
		if e != 0 && r != sluice.Unbounded {
			m.requested.Add(-e)
		}
		if missed = m.wip.Leave(missed); missed == 0 {
			return
		}
	}
}

// clSub subscribes to one source of a combineLatest.
type clSub[T, R any] struct {
	m        *combineLatestMain[T, R]
	i        int
	slot     inner.Slot
	prefetch int64
	limit    int64
	produced int64 // drain-owned
	emitted  atomic.Bool
	done     atomic.Bool
}

func (s *clSub[T, R]) OnSubscribe(sub sluice.Subscription) {
	if s.slot.Set(sub) {
		sub.Request(s.prefetch)
	}
}

func (s *clSub[T, R]) OnNext(v T) {
	if s.done.Load() {
		sluice.NextDropped(v)
		return
	}
	s.emitted.Store(true)
	s.m.q.Offer(clSignal[T]{i: s.i, v: v})
	s.m.drain()
}

func (s *clSub[T, R]) OnError(err error) {
	if s.done.Swap(true) {
		sluice.ErrorDropped(err)
		return
	}
	if !s.m.errs.SetFirst(err) {
		sluice.ErrorDropped(err)
	}
	s.m.drain()
}

func (s *clSub[T, R]) OnComplete() {
	if s.done.Swap(true) {
		return
	}
	if !s.emitted.Load() {
		s.m.emptyDone.Store(true)
	}
	s.m.active.Add(-1)
	s.m.drain()
}

// consumed replenishes the source once a batch of its elements was taken.
func (s *clSub[T, R]) consumed() {
	if s.produced++; s.produced == s.limit {
		s.produced = 0
		s.slot.Request(s.limit)
	}
}
