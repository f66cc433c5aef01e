package operators

import (
	"sync/atomic"

	"github.com/sluicego/sluice"
	"github.com/sluicego/sluice/internal/demand"
	"github.com/sluicego/sluice/internal/inner"
	"github.com/sluicego/sluice/internal/pull"
)

// zipSource is one typed source of a zip, seen by the untyped drain loop.
type zipSource interface {
	subscribe()
	ready() bool     // an element is queued (a fused source pulls one ahead)
	exhausted() bool // done and nothing queued
	cancel()
	clear()
}

// zipSlot is one source of a zip. A source built on internal/pull (Range,
// Just, FromSlice, ...) is fused synchronously: the drain loop pulls its
// elements itself, one ahead, with no queue, no demand accounting and no
// atomic operation per element (Reactor's SYNC fusion). Any other source
// goes through a prefetching inner.Inner.
type zipSlot[X any] struct {
	inner.Inner[X]
	pub        sluice.Publisher[X]
	m          inner.Parent
	errs       *inner.Errors
	fusedCount *atomic.Int32

	sync     atomic.Pointer[zipSync[X]] // set once when fused
	closed   atomic.Bool
	look     X    // drain-owned lookahead of a fused source
	has      bool // drain-owned
	syncDone bool // drain-owned: the fused source ended
}

type zipSync[X any] struct {
	src    pull.Source[X]
	closer pull.Closer
}

type fuser[X any] interface {
	FuseFor(by sluice.Subscriber[X]) pull.Source[X]
}

func newZipSlot[X any](m *zipMainBase, pub sluice.Publisher[X], prefetch int) *zipSlot[X] {
	s := &zipSlot[X]{pub: pub, m: m.parent, errs: &m.errs, fusedCount: &m.fused}
	s.Init(m.parent, nil, prefetch)
	return s
}

func (s *zipSlot[X]) subscribe() { s.pub.Subscribe(s) }

// OnSubscribe fuses a pull-based source, else prefetches through Inner.
func (s *zipSlot[X]) OnSubscribe(sub sluice.Subscription) {
	if f, ok := sub.(fuser[X]); ok {
		// Only a source subscribed by this slot itself: a Map or Filter
		// in between relays the pull subscription unchanged.
		if src := f.FuseFor(s); src != nil {
			c, _ := src.(pull.Closer)
			s.sync.Store(&zipSync[X]{src: src, closer: c})
			s.fusedCount.Add(1)
			if s.Inner.Cancelled() {
				s.close() // the zip ended before the source arrived
				return
			}
			s.m.Drain()
			return
		}
	}
	s.Inner.OnSubscribe(sub)
}

func (s *zipSlot[X]) close() {
	if y := s.sync.Load(); y != nil && y.closer != nil && !s.closed.Swap(true) {
		y.closer.Close()
	}
}

// pullNext fills the lookahead of a fused source; errors and panics of the
// source go to the zip's errors.
func (s *zipSlot[X]) pullNext(y *zipSync[X]) {
	ok := false
	defer func() {
		if !ok {
			s.syncDone = true
			s.errs.SetFirst(sluice.NewPanicError(recover()))
		}
	}()
	v, more, err := y.src.Next()
	ok = true
	switch {
	case err != nil:
		s.syncDone = true
		s.errs.SetFirst(err)
	case !more:
		s.syncDone = true
	default:
		s.look, s.has = v, true
	}
}

func (s *zipSlot[X]) ready() bool {
	if y := s.sync.Load(); y != nil {
		if !s.has && !s.syncDone {
			s.pullNext(y)
		}
		return s.has
	}
	return !s.IsEmpty()
}

func (s *zipSlot[X]) exhausted() bool {
	if s.sync.Load() != nil {
		return s.syncDone && !s.has
	}
	d := s.Done()
	return d && s.IsEmpty()
}

func (s *zipSlot[X]) cancel() {
	s.Cancel()
	s.close()
}

func (s *zipSlot[X]) clear() {
	var zero X
	s.look, s.has = zero, false
	s.Clear()
}

// next pulls the next element of a fused source for the all-fused loop.
func (s *zipSlot[X]) next() (X, bool) {
	var zero X
	if s.has {
		v := s.look
		s.look, s.has = zero, false
		return v, true
	}
	if s.syncDone {
		return zero, false
	}
	v, more, err := s.sync.Load().src.Next()
	if err != nil {
		s.syncDone = true
		s.errs.SetFirst(err)
		return zero, false
	}
	if !more {
		s.syncDone = true
		return zero, false
	}
	return v, true
}

// take removes the head element (which ready guaranteed) and replenishes.
func (s *zipSlot[X]) take() X {
	if s.has {
		var zero X
		v := s.look
		s.look, s.has = zero, false
		return v
	}
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
	m.parent = m
	p.setup(m)
	s.OnSubscribe(m)
	for _, src := range m.srcs {
		if m.cancelled.Load() {
			return
		}
		src.subscribe()
	}
}

// zipMainBase is the untyped part of a zip that its slots see.
type zipMainBase struct {
	parent inner.Parent
	errs   inner.Errors
	fused  atomic.Int32 // number of synchronously fused slots
}

type zipMain[R any] struct {
	zipMainBase
	down    sluice.Subscriber[R]
	srcs    []zipSource
	combine func() R
	// row pulls one row straight from the fused sources (used once every
	// source is fused); false when one has no more.
	row       func() (R, bool)
	wip       demand.WIP
	requested atomic.Int64
	cancelled atomic.Bool
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
	ok := false
	defer func() {
		if !ok {
			err = sluice.NewPanicError(recover())
		}
	}()
	v = m.combine()
	ok = true
	return v, nil
}

func (m *zipMain[R]) allReady() bool {
	for _, s := range m.srcs {
		if !s.ready() {
			return false
		}
	}
	return true
}

// runFused emits rows pulled straight from the fused sources while e < r.
// It reports the rows emitted and whether a source ended (exhausted or
// failed). A panic in a source or in the combinator is recovered into the
// zip's errors; a panic of the downstream subscriber is not ours to catch.
func (m *zipMain[R]) runFused(r int64) (e int64, ended bool) {
	inUser := false
	defer func() {
		if inUser {
			m.errs.SetFirst(sluice.NewPanicError(recover()))
			ended = true
		}
	}()
	for e != r {
		if m.cancelled.Load() {
			return e, false
		}
		inUser = true
		v, ok := m.row()
		inUser = false
		if !ok {
			return e, true
		}
		m.down.OnNext(v)
		e++
	}
	return e, false
}

func (m *zipMain[R]) drainLoop() {
	missed := int32(1)
	for {
		r := m.requested.Load()
		var e int64
		if m.row != nil && int(m.fused.Load()) == len(m.srcs) && !m.cancelled.Load() && m.errs.Load() == nil {
			var ended bool
			e, ended = m.runFused(r)
			if ended && !m.terminate() {
				m.cancelled.Store(true)
				m.cleanup()
				m.down.OnComplete()
				return
			}
			if e != 0 && r != sluice.Unbounded {
				m.requested.Add(-e)
				r -= e
				e = 0
			}
		}
		for {
			if m.terminate() {
				return
			}
			if !m.allReady() {
				if m.errs.Load() != nil {
					continue // a fused source failed: terminate reports it
				}
				if m.exhausted() {
					return
				}
				break
			}
			if e == r {
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
			slots[i] = newZipSlot[T](&m.zipMainBase, p, prefetch)
			m.srcs[i] = slots[i]
		}
		m.combine = func() R {
			row := make([]T, len(slots))
			for i, s := range slots {
				row[i] = s.take()
			}
			return fn(row)
		}
		m.row = func() (r R, ok bool) {
			row := make([]T, len(slots))
			for i, s := range slots {
				if row[i], ok = s.next(); !ok {
					return r, false
				}
			}
			return fn(row), true
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
		sa, sb := newZipSlot(&m.zipMainBase, a, prefetch), newZipSlot(&m.zipMainBase, b, prefetch)
		m.srcs = []zipSource{sa, sb}
		m.combine = func() R { return fn(sa.take(), sb.take()) }
		m.row = func() (r R, ok bool) {
			a, ok := sa.next()
			if !ok {
				return r, false
			}
			b, ok := sb.next()
			if !ok {
				return r, false
			}
			return fn(a, b), true
		}
	}}
}

// Zip3 combines the elements of three sources one to one through fn.
func Zip3[A, B, C, R any](a sluice.Publisher[A], b sluice.Publisher[B], c sluice.Publisher[C], fn func(A, B, C) R, prefetch int) sluice.Publisher[R] {
	prefetch = zipPrefetch(prefetch)
	return zipPublisher[R]{setup: func(m *zipMain[R]) {
		sa, sb, sc := newZipSlot(&m.zipMainBase, a, prefetch), newZipSlot(&m.zipMainBase, b, prefetch), newZipSlot(&m.zipMainBase, c, prefetch)
		m.srcs = []zipSource{sa, sb, sc}
		m.combine = func() R { return fn(sa.take(), sb.take(), sc.take()) }
	}}
}

// Zip4 combines the elements of four sources one to one through fn.
func Zip4[A, B, C, D, R any](a sluice.Publisher[A], b sluice.Publisher[B], c sluice.Publisher[C], d sluice.Publisher[D], fn func(A, B, C, D) R, prefetch int) sluice.Publisher[R] {
	prefetch = zipPrefetch(prefetch)
	return zipPublisher[R]{setup: func(m *zipMain[R]) {
		sa, sb, sc, sd := newZipSlot(&m.zipMainBase, a, prefetch), newZipSlot(&m.zipMainBase, b, prefetch), newZipSlot(&m.zipMainBase, c, prefetch), newZipSlot(&m.zipMainBase, d, prefetch)
		m.srcs = []zipSource{sa, sb, sc, sd}
		m.combine = func() R { return fn(sa.take(), sb.take(), sc.take(), sd.take()) }
	}}
}

// Zip5 combines the elements of five sources one to one through fn.
func Zip5[A, B, C, D, E, R any](a sluice.Publisher[A], b sluice.Publisher[B], c sluice.Publisher[C], d sluice.Publisher[D], e sluice.Publisher[E], fn func(A, B, C, D, E) R, prefetch int) sluice.Publisher[R] {
	prefetch = zipPrefetch(prefetch)
	return zipPublisher[R]{setup: func(m *zipMain[R]) {
		sa, sb, sc, sd, se := newZipSlot(&m.zipMainBase, a, prefetch), newZipSlot(&m.zipMainBase, b, prefetch), newZipSlot(&m.zipMainBase, c, prefetch), newZipSlot(&m.zipMainBase, d, prefetch), newZipSlot(&m.zipMainBase, e, prefetch)
		m.srcs = []zipSource{sa, sb, sc, sd, se}
		m.combine = func() R { return fn(sa.take(), sb.take(), sc.take(), sd.take(), se.take()) }
	}}
}

// Zip6 combines the elements of six sources one to one through fn.
func Zip6[A, B, C, D, E, F, R any](a sluice.Publisher[A], b sluice.Publisher[B], c sluice.Publisher[C], d sluice.Publisher[D], e sluice.Publisher[E], f sluice.Publisher[F], fn func(A, B, C, D, E, F) R, prefetch int) sluice.Publisher[R] {
	prefetch = zipPrefetch(prefetch)
	return zipPublisher[R]{setup: func(m *zipMain[R]) {
		sa, sb, sc, sd, se, sf := newZipSlot(&m.zipMainBase, a, prefetch), newZipSlot(&m.zipMainBase, b, prefetch), newZipSlot(&m.zipMainBase, c, prefetch), newZipSlot(&m.zipMainBase, d, prefetch), newZipSlot(&m.zipMainBase, e, prefetch), newZipSlot(&m.zipMainBase, f, prefetch)
		m.srcs = []zipSource{sa, sb, sc, sd, se, sf}
		m.combine = func() R { return fn(sa.take(), sb.take(), sc.take(), sd.take(), se.take(), sf.take()) }
	}}
}

// Zip7 combines the elements of seven sources one to one through fn.
func Zip7[A, B, C, D, E, F, G, R any](a sluice.Publisher[A], b sluice.Publisher[B], c sluice.Publisher[C], d sluice.Publisher[D], e sluice.Publisher[E], f sluice.Publisher[F], g sluice.Publisher[G], fn func(A, B, C, D, E, F, G) R, prefetch int) sluice.Publisher[R] {
	prefetch = zipPrefetch(prefetch)
	return zipPublisher[R]{setup: func(m *zipMain[R]) {
		sa, sb, sc, sd, se, sf, sg := newZipSlot(&m.zipMainBase, a, prefetch), newZipSlot(&m.zipMainBase, b, prefetch), newZipSlot(&m.zipMainBase, c, prefetch), newZipSlot(&m.zipMainBase, d, prefetch), newZipSlot(&m.zipMainBase, e, prefetch), newZipSlot(&m.zipMainBase, f, prefetch), newZipSlot(&m.zipMainBase, g, prefetch)
		m.srcs = []zipSource{sa, sb, sc, sd, se, sf, sg}
		m.combine = func() R { return fn(sa.take(), sb.take(), sc.take(), sd.take(), se.take(), sf.take(), sg.take()) }
	}}
}

// Zip8 combines the elements of eight sources one to one through fn.
func Zip8[A, B, C, D, E, F, G, H, R any](a sluice.Publisher[A], b sluice.Publisher[B], c sluice.Publisher[C], d sluice.Publisher[D], e sluice.Publisher[E], f sluice.Publisher[F], g sluice.Publisher[G], h sluice.Publisher[H], fn func(A, B, C, D, E, F, G, H) R, prefetch int) sluice.Publisher[R] {
	prefetch = zipPrefetch(prefetch)
	return zipPublisher[R]{setup: func(m *zipMain[R]) {
		sa, sb, sc, sd, se, sf, sg, sh := newZipSlot(&m.zipMainBase, a, prefetch), newZipSlot(&m.zipMainBase, b, prefetch), newZipSlot(&m.zipMainBase, c, prefetch), newZipSlot(&m.zipMainBase, d, prefetch), newZipSlot(&m.zipMainBase, e, prefetch), newZipSlot(&m.zipMainBase, f, prefetch), newZipSlot(&m.zipMainBase, g, prefetch), newZipSlot(&m.zipMainBase, h, prefetch)
		m.srcs = []zipSource{sa, sb, sc, sd, se, sf, sg, sh}
		m.combine = func() R {
			return fn(sa.take(), sb.take(), sc.take(), sd.take(), se.take(), sf.take(), sg.take(), sh.take())
		}
	}}
}
