package operators

import (
	"sync/atomic"

	"github.com/sluicego/sluice"
	"github.com/sluicego/sluice/internal/demand"
	"github.com/sluicego/sluice/internal/inner"
)

// SwitchMap maps each element of src to an inner publisher and emits the
// elements of the latest inner only: a new source element cancels the
// current inner (dropping what it had buffered) and switches to the new one.
// src is requested unbounded, as in Reactor; each inner is asked for
// prefetch elements ahead and replenished in batches. The stream completes
// when src and the last inner have completed and fails with the first error
// of src, of the current inner or of a panic in fn.
func SwitchMap[T, R any](src sluice.Publisher[T], fn func(T) sluice.Publisher[R], prefetch int) sluice.Publisher[R] {
	if prefetch <= 0 {
		prefetch = DefaultPrefetch
	}
	return &switchMapPublisher[T, R]{src: src, fn: fn, prefetch: prefetch}
}

// SwitchOnNext emits the elements of the latest publisher src has emitted,
// cancelling the previous one (SwitchMap with the identity).
func SwitchOnNext[T any](src sluice.Publisher[sluice.Publisher[T]], prefetch int) sluice.Publisher[T] {
	return SwitchMap(src, mergeIdentity[T], prefetch)
}

type switchMapPublisher[T, R any] struct {
	src      sluice.Publisher[T]
	fn       func(T) sluice.Publisher[R]
	prefetch int
}

func (p *switchMapPublisher[T, R]) Subscribe(s sluice.Subscriber[R]) {
	checkSubscriber(s)
	p.src.Subscribe(&switchMapMain[T, R]{down: s, fn: p.fn, prefetch: p.prefetch})
}

// switchInner is the inner.Parent of one inner, so that a stale inner's
// error is told apart from the current one's.
type switchInner[T, R any] struct {
	inner.Inner[R]
	m *switchMapMain[T, R]
}

func (in *switchInner[T, R]) Drain() { in.m.drain() }

func (in *switchInner[T, R]) InnerError(err error) {
	if in.m.active.Load() != in {
		sluice.ErrorDropped(err)
		return
	}
	in.m.fail(err)
}

type switchMapMain[T, R any] struct {
	down     sluice.Subscriber[R]
	fn       func(T) sluice.Publisher[R]
	prefetch int

	upstream  inner.Slot
	wip       demand.WIP
	requested atomic.Int64
	cancelled atomic.Bool
	done      atomic.Bool
	errs      inner.Errors
	active    atomic.Pointer[switchInner[T, R]]
	last      *switchInner[T, R] // drain-owned: the inner drained last
}

func (m *switchMapMain[T, R]) OnSubscribe(s sluice.Subscription) {
	if !m.upstream.Set(s) {
		return
	}
	m.down.OnSubscribe(m)
	s.Request(sluice.Unbounded)
}

func (m *switchMapMain[T, R]) OnNext(v T) {
	if m.done.Load() || m.cancelled.Load() {
		sluice.NextDropped(v)
		return
	}
	p, err := try1(m.fn, v)
	if err == nil && p == nil {
		err = errNilPublisher
	}
	if err != nil {
		m.upstream.Cancel()
		m.done.Store(true)
		m.fail(err)
		return
	}
	in := &switchInner[T, R]{m: m}
	in.Init(in, nil, m.prefetch)
	if old := m.active.Swap(in); old != nil {
		old.Cancel()
	}
	if m.cancelled.Load() {
		in.Cancel()
		return
	}
	p.Subscribe(in)
	m.drain()
}

func (m *switchMapMain[T, R]) OnError(err error) {
	if m.done.Swap(true) {
		sluice.ErrorDropped(err)
		return
	}
	m.fail(err)
}

func (m *switchMapMain[T, R]) OnComplete() {
	if m.done.Swap(true) {
		return
	}
	m.drain()
}

func (m *switchMapMain[T, R]) fail(err error) {
	if !m.errs.SetFirst(err) {
		sluice.ErrorDropped(err)
	}
	m.drain()
}

func (m *switchMapMain[T, R]) Request(n int64) {
	if m.cancelled.Load() {
		return
	}
	if n <= 0 {
		m.fail(demand.Invalid(n))
		return
	}
	demand.AddAtomic(&m.requested, n)
	m.drain()
}

func (m *switchMapMain[T, R]) Cancel() {
	if m.cancelled.Swap(true) {
		return
	}
	m.upstream.Cancel()
	if in := m.active.Load(); in != nil {
		in.Cancel()
	}
	m.drain()
}

func (m *switchMapMain[T, R]) cleanup() {
	m.upstream.Cancel()
	if in := m.active.Load(); in != nil {
		in.Cancel()
		in.Clear()
	}
	if m.last != nil {
		m.last.Clear()
	}
}

func (m *switchMapMain[T, R]) drain() {
	if !m.wip.Enter() {
		return
	}
	missed := int32(1)
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
		d := m.done.Load()
		in := m.active.Load()
		if m.last != in {
			if m.last != nil {
				m.last.Clear() // switched away: its elements are stale
			}
			m.last = in
		}
		if in != nil {
			innerDone := in.Done()
			r := m.requested.Load()
			var e int64
			for e != r {
				v, ok := in.Poll()
				if !ok {
					break
				}
				m.down.OnNext(v)
				e++
				if m.cancelled.Load() || m.active.Load() != in {
					break
				}
			}
			if e != 0 {
				in.Produced(e)
				if r != sluice.Unbounded {
					m.requested.Add(-e)
				}
				continue // look again: more may be ready, or a switch happened
			}
			if !innerDone || !in.IsEmpty() {
				d = false
			}
		}
		if d && m.active.Load() == in {
			m.cancelled.Store(true)
			m.cleanup()
			m.down.OnComplete()
			return
		}
		if missed = m.wip.Leave(missed); missed == 0 {
			return
		}
	}
}
