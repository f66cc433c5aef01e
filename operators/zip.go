package operators

import (
	"sync/atomic"

	"github.com/sluicego/sluice"
	"github.com/sluicego/sluice/internal/demand"
	"github.com/sluicego/sluice/internal/inner"
)

// zipSource is one typed source of a zip, seen by the untyped drain loop.
type zipSource interface {
	subscribe()
	ready() bool     // an element is queued
	exhausted() bool // done and nothing queued
	cancel()
	clear()
}

type zipSlot[X any] struct {
	inner.Inner[X]
	pub sluice.Publisher[X]
}

func newZipSlot[X any](p inner.Parent, pub sluice.Publisher[X], prefetch int) *zipSlot[X] {
	s := &zipSlot[X]{pub: pub}
	s.Init(p, nil, prefetch)
	return s
}

func (s *zipSlot[X]) subscribe()  { s.pub.Subscribe(&s.Inner) }
func (s *zipSlot[X]) ready() bool { return !s.IsEmpty() }
func (s *zipSlot[X]) exhausted() bool {
	d := s.Done()
	return d && s.IsEmpty()
}
func (s *zipSlot[X]) cancel() { s.Cancel() }
func (s *zipSlot[X]) clear()  { s.Clear() }

// take removes the head element (which ready guaranteed) and replenishes.
func (s *zipSlot[X]) take() X {
	v, _ := s.Poll()
	s.Produced(1)
	return v
}

// zipPublisher builds a zipMain per subscription with setup, which creates
// the typed slots and the combine function.
type zipPublisher[R any] struct {
	setup func(m *zipMain[R])
}

func (p zipPublisher[R]) Subscribe(s sluice.Subscriber[R]) {
	if s == nil {
		panic(sluice.ErrNilSubscriber)
	}
	m := &zipMain[R]{down: s}
	p.setup(m)
	s.OnSubscribe(m)
	for _, src := range m.srcs {
		if m.cancelled.Load() {
			return
		}
		src.subscribe()
	}
}

type zipMain[R any] struct {
	down      sluice.Subscriber[R]
	srcs      []zipSource
	combine   func() R
	wip       demand.WIP
	requested atomic.Int64
	cancelled atomic.Bool
	errs      inner.Errors
}

func (m *zipMain[R]) Request(n int64) {
	if m.cancelled.Load() {
		return
	}
	if n <= 0 {
		m.errs.SetFirst(demand.Invalid(n))
	} else {
		demand.AddAtomic(&m.requested, n)
	}
	m.Drain()
}

func (m *zipMain[R]) Cancel() {
	if m.cancelled.Swap(true) {
		return
	}
	m.Drain()
}

// InnerError fails the zip (inner.Parent).
func (m *zipMain[R]) InnerError(err error) {
	if !m.errs.SetFirst(err) {
		sluice.ErrorDropped(err)
	}
	m.Drain()
}

// Drain runs the drain loop unless it runs already (inner.Parent).
func (m *zipMain[R]) Drain() {
	if m.wip.Enter() {
		m.drainLoop()
	}
}

func (m *zipMain[R]) cleanup() {
	for _, s := range m.srcs {
		s.cancel()
		s.clear()
	}
}

// terminate reports whether the loop must stop: cancelled or failed.
func (m *zipMain[R]) terminate() bool {
	if m.cancelled.Load() {
		m.cleanup()
		return true
	}
	if err := m.errs.Load(); err != nil {
		m.cancelled.Store(true)
		m.cleanup()
		m.down.OnError(err)
		return true
	}
	return false
}

// exhausted completes the zip if a source has nothing more to give.
func (m *zipMain[R]) exhausted() bool {
	for _, s := range m.srcs {
		if s.exhausted() {
			m.cancelled.Store(true)
			m.cleanup()
			m.down.OnComplete()
			return true
		}
	}
	return false
}

func (m *zipMain[R]) safeCombine() (v R, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = sluice.NewPanicError(r)
		}
	}()
	return m.combine(), nil
}

func (m *zipMain[R]) drainLoop() {
	missed := int32(1)
	for {
		r := m.requested.Load()
		var e int64
		for e != r {
			if m.terminate() {
				return
			}
			all := true
			for _, s := range m.srcs {
				if !s.ready() {
					all = false
					break
				}
			}
			if !all {
				if m.exhausted() {
					return
				}
				break
			}
			v, err := m.safeCombine()
			if err != nil {
				m.errs.SetFirst(err)
				continue
			}
			m.down.OnNext(v)
			e++
		}
		if e == r && (m.terminate() || m.exhausted()) {
			return
		}
		if e != 0 && r != sluice.Unbounded {
			m.requested.Add(-e)
		}
		if missed = m.wip.Leave(missed); missed == 0 {
			return
		}
	}
}

// ZipSlice subscribes to every source and emits fn applied to a new slice
// holding the i-th element of every source, for as long as all have one; it
// completes as soon as one source is exhausted and fails with the first
// error or a panic in fn. Each source is asked for prefetch elements ahead.
// No source completes the zip at once.
func ZipSlice[T, R any](sources []sluice.Publisher[T], fn func([]T) R, prefetch int) sluice.Publisher[R] {
	if len(sources) == 0 {
		return mergeEmpty[R]{}
	}
	prefetch = zipPrefetch(prefetch)
	return zipPublisher[R]{setup: func(m *zipMain[R]) {
		slots := make([]*zipSlot[T], len(sources))
		m.srcs = make([]zipSource, len(sources))
		for i, p := range sources {
			slots[i] = newZipSlot[T](m, p, prefetch)
			m.srcs[i] = slots[i]
		}
		m.combine = func() R {
			row := make([]T, len(slots))
			for i, s := range slots {
				row[i] = s.take()
			}
			return fn(row)
		}
	}}
}

func zipPrefetch(p int) int {
	if p <= 0 {
		return DefaultPrefetch
	}
	return p
}

// Zip2 pairs the elements of a and b one to one through fn (see ZipSlice).
func Zip2[A, B, R any](a sluice.Publisher[A], b sluice.Publisher[B], fn func(A, B) R, prefetch int) sluice.Publisher[R] {
	prefetch = zipPrefetch(prefetch)
	return zipPublisher[R]{setup: func(m *zipMain[R]) {
		sa, sb := newZipSlot(m, a, prefetch), newZipSlot(m, b, prefetch)
		m.srcs = []zipSource{sa, sb}
		m.combine = func() R { return fn(sa.take(), sb.take()) }
	}}
}

// Zip3 combines the elements of three sources one to one through fn.
func Zip3[A, B, C, R any](a sluice.Publisher[A], b sluice.Publisher[B], c sluice.Publisher[C], fn func(A, B, C) R, prefetch int) sluice.Publisher[R] {
	prefetch = zipPrefetch(prefetch)
	return zipPublisher[R]{setup: func(m *zipMain[R]) {
		sa, sb, sc := newZipSlot(m, a, prefetch), newZipSlot(m, b, prefetch), newZipSlot(m, c, prefetch)
		m.srcs = []zipSource{sa, sb, sc}
		m.combine = func() R { return fn(sa.take(), sb.take(), sc.take()) }
	}}
}

// Zip4 combines the elements of four sources one to one through fn.
func Zip4[A, B, C, D, R any](a sluice.Publisher[A], b sluice.Publisher[B], c sluice.Publisher[C], d sluice.Publisher[D], fn func(A, B, C, D) R, prefetch int) sluice.Publisher[R] {
	prefetch = zipPrefetch(prefetch)
	return zipPublisher[R]{setup: func(m *zipMain[R]) {
		sa, sb, sc, sd := newZipSlot(m, a, prefetch), newZipSlot(m, b, prefetch), newZipSlot(m, c, prefetch), newZipSlot(m, d, prefetch)
		m.srcs = []zipSource{sa, sb, sc, sd}
		m.combine = func() R { return fn(sa.take(), sb.take(), sc.take(), sd.take()) }
	}}
}

// Zip5 combines the elements of five sources one to one through fn.
func Zip5[A, B, C, D, E, R any](a sluice.Publisher[A], b sluice.Publisher[B], c sluice.Publisher[C], d sluice.Publisher[D], e sluice.Publisher[E], fn func(A, B, C, D, E) R, prefetch int) sluice.Publisher[R] {
	prefetch = zipPrefetch(prefetch)
	return zipPublisher[R]{setup: func(m *zipMain[R]) {
		sa, sb, sc, sd, se := newZipSlot(m, a, prefetch), newZipSlot(m, b, prefetch), newZipSlot(m, c, prefetch), newZipSlot(m, d, prefetch), newZipSlot(m, e, prefetch)
		m.srcs = []zipSource{sa, sb, sc, sd, se}
		m.combine = func() R { return fn(sa.take(), sb.take(), sc.take(), sd.take(), se.take()) }
	}}
}

// Zip6 combines the elements of six sources one to one through fn.
func Zip6[A, B, C, D, E, F, R any](a sluice.Publisher[A], b sluice.Publisher[B], c sluice.Publisher[C], d sluice.Publisher[D], e sluice.Publisher[E], f sluice.Publisher[F], fn func(A, B, C, D, E, F) R, prefetch int) sluice.Publisher[R] {
	prefetch = zipPrefetch(prefetch)
	return zipPublisher[R]{setup: func(m *zipMain[R]) {
		sa, sb, sc, sd, se, sf := newZipSlot(m, a, prefetch), newZipSlot(m, b, prefetch), newZipSlot(m, c, prefetch), newZipSlot(m, d, prefetch), newZipSlot(m, e, prefetch), newZipSlot(m, f, prefetch)
		m.srcs = []zipSource{sa, sb, sc, sd, se, sf}
		m.combine = func() R { return fn(sa.take(), sb.take(), sc.take(), sd.take(), se.take(), sf.take()) }
	}}
}

// Zip7 combines the elements of seven sources one to one through fn.
func Zip7[A, B, C, D, E, F, G, R any](a sluice.Publisher[A], b sluice.Publisher[B], c sluice.Publisher[C], d sluice.Publisher[D], e sluice.Publisher[E], f sluice.Publisher[F], g sluice.Publisher[G], fn func(A, B, C, D, E, F, G) R, prefetch int) sluice.Publisher[R] {
	prefetch = zipPrefetch(prefetch)
	return zipPublisher[R]{setup: func(m *zipMain[R]) {
		sa, sb, sc, sd, se, sf, sg := newZipSlot(m, a, prefetch), newZipSlot(m, b, prefetch), newZipSlot(m, c, prefetch), newZipSlot(m, d, prefetch), newZipSlot(m, e, prefetch), newZipSlot(m, f, prefetch), newZipSlot(m, g, prefetch)
		m.srcs = []zipSource{sa, sb, sc, sd, se, sf, sg}
		m.combine = func() R { return fn(sa.take(), sb.take(), sc.take(), sd.take(), se.take(), sf.take(), sg.take()) }
	}}
}

// Zip8 combines the elements of eight sources one to one through fn.
func Zip8[A, B, C, D, E, F, G, H, R any](a sluice.Publisher[A], b sluice.Publisher[B], c sluice.Publisher[C], d sluice.Publisher[D], e sluice.Publisher[E], f sluice.Publisher[F], g sluice.Publisher[G], h sluice.Publisher[H], fn func(A, B, C, D, E, F, G, H) R, prefetch int) sluice.Publisher[R] {
	prefetch = zipPrefetch(prefetch)
	return zipPublisher[R]{setup: func(m *zipMain[R]) {
		sa, sb, sc, sd, se, sf, sg, sh := newZipSlot(m, a, prefetch), newZipSlot(m, b, prefetch), newZipSlot(m, c, prefetch), newZipSlot(m, d, prefetch), newZipSlot(m, e, prefetch), newZipSlot(m, f, prefetch), newZipSlot(m, g, prefetch), newZipSlot(m, h, prefetch)
		m.srcs = []zipSource{sa, sb, sc, sd, se, sf, sg, sh}
		m.combine = func() R {
			return fn(sa.take(), sb.take(), sc.take(), sd.take(), se.take(), sf.take(), sg.take(), sh.take())
		}
	}}
}
