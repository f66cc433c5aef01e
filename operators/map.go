package operators

import (
	"github.com/sluicego/sluice"
	"github.com/sluicego/sluice/internal/fuse"
)

// Map transforms each element with fn. A panic in fn cancels upstream and
// ends the stream with a *sluice.PanicError. Map is fused (fuse.Seq) when
// src is.
func Map[T, R any](src sluice.Publisher[T], fn func(T) R) sluice.Publisher[R] {
	p := mapPublisher[T, R]{src: src, fn: fn}
	if seq, ok := fuse.AsSeq(src); ok {
		return &mapSeq[T, R]{mapPublisher: p, seq: seq}
	}
	return &p
}

type mapPublisher[T, R any] struct {
	src sluice.Publisher[T]
	fn  func(T) R
}

type mapSeq[T, R any] struct {
	mapPublisher[T, R]
	seq fuse.Seq[T]
}

func (p *mapPublisher[T, R]) String() string { return describe(p.src, "Map") }

func (p *mapPublisher[T, R]) Subscribe(s sluice.Subscriber[R]) {
	checkSubscriber(s)
	p.src.Subscribe(&mapSubscriber[T, R]{base: base[R]{down: s}, fn: p.fn, cond: conditional(s)})
}

// ForEach runs the fused loop.
func (p *mapSeq[T, R]) ForEach(yield func(R) bool) (err error) {
	defer recoverTo(&err)
	fn := p.fn
	if rg, ok := p.seq.(fuse.IntRange); ok {
		if fn, ok := any(fn).(func(int) R); ok {
			for v, end := rg.IntRange(); v < end; v++ {
				if !yield(fn(v)) {
					return nil
				}
			}
			return nil
		}
	}
	return p.seq.ForEach(func(v T) bool { return yield(fn(v)) })
}

// forEachFiltered runs map and a following filter as one closure: one call
// less per element on the fused path (see filterSeq.ForEach).
func (p *mapSeq[T, R]) forEachFiltered(pred func(R) bool, yield func(R) bool) (err error) {
	defer recoverTo(&err)
	fn := p.fn
	if rg, ok := p.seq.(fuse.IntRange); ok {
		if fn, ok := any(fn).(func(int) R); ok {
			// Over a range of ints, run the range loop here: one
			// indirect call less per element.
			for v, end := rg.IntRange(); v < end; v++ {
				if r := fn(v); pred(r) && !yield(r) {
					return nil
				}
			}
			return nil
		}
	}
	return p.seq.ForEach(func(v T) bool {
		if r := fn(v); pred(r) {
			return yield(r)
		}
		return true
	})
}

// intLoop reports the bounds and the mapper of a Map over a range of ints
// (see intLooper); ok is false for any other source or mapper type.
func (p *mapSeq[T, R]) intLoop() (start, end int, fn func(int) R, pred func(R) bool, ok bool) {
	rg, ok := p.seq.(fuse.IntRange)
	if !ok {
		return 0, 0, nil, nil, false
	}
	if fn, ok = any(p.fn).(func(int) R); !ok {
		return 0, 0, nil, nil, false
	}
	start, end = rg.IntRange()
	return start, end, fn, nil, true
}

type mapSubscriber[T, R any] struct {
	base[R]
	fn   func(T) R
	cond fuse.Conditional[R]
	userGuard
}

// RecoverUser reports a panic raised by fn (pull.Guarded).
func (m *mapSubscriber[T, R]) RecoverUser(r any) bool {
	return m.recoverUser(r, m.fail)
}

func (m *mapSubscriber[T, R]) OnNext(v T) {
	if m.done {
		sluice.NextDropped(v)
		return
	}
	m.inUser = true
	defer func() {
		if m.inUser {
			m.inUser = false
			m.fail(sluice.NewPanicError(recover()))
		}
	}()
	m.pass(m.fn(v))
}

// pass ends the user call (inUser) and passes r downstream; see offer.
func (m *mapSubscriber[T, R]) pass(r R) {
	m.inUser = false // a panic downstream is not ours to catch
	m.down.OnNext(r)
}

// TryOnNext maps v and offers it to a conditional downstream.
func (m *mapSubscriber[T, R]) TryOnNext(v T) (taken bool) {
	if m.done {
		sluice.NextDropped(v)
		return true
	}
	if m.guarded {
		m.inUser = true
		return m.offer(m.fn(v))
	}
	m.inUser = true
	defer func() {
		if m.inUser {
			m.inUser = false
			m.fail(sluice.NewPanicError(recover()))
			taken = true
		}
	}()
	return m.offer(m.fn(v))
}

// offer ends the user call (inUser) and offers r downstream. It takes the
// mapper's result as its argument, so that the result goes from the
// mapper's registers to offer's: assigned to a variable first, a value
// wider than four words is copied in memory twice on its way (with
// 16-byte loads of 8-byte stores, which stall).
func (m *mapSubscriber[T, R]) offer(r R) bool {
	m.inUser = false // a panic downstream is not ours to catch
	if m.cond != nil {
		return m.cond.TryOnNext(r)
	}
	m.down.OnNext(r)
	return true
}

// subscribeFiltered subscribes upstream with one subscriber that runs the
// mapper and a following filter's predicate: Map followed by Filter costs
// one subscriber, one panic guard and one call to the next stage per
// element instead of two.
func (p *mapPublisher[T, R]) subscribeFiltered(pred func(R) bool, s sluice.Subscriber[R]) {
	p.src.Subscribe(&mapFilter[T, R]{base: base[R]{down: s}, fn: p.fn, pred: pred, cond: conditional(s)})
}

// mapFilter is Map and Filter in one subscriber.
type mapFilter[T, R any] struct {
	base[R]
	fn   func(T) R
	pred func(R) bool
	cond fuse.Conditional[R]
	userGuard
}

// RecoverUser reports a panic raised by fn or pred (pull.Guarded).
func (m *mapFilter[T, R]) RecoverUser(r any) bool {
	return m.recoverUser(r, m.fail)
}

func (m *mapFilter[T, R]) OnNext(v T) {
	if !m.TryOnNext(v) {
		m.up.Request(1)
	}
}

// TryOnNext maps v, tests the result and offers it downstream when it
// passes; a rejected element reports false (it costs no demand).
func (m *mapFilter[T, R]) TryOnNext(v T) (taken bool) {
	if m.done {
		sluice.NextDropped(v)
		return true
	}
	if !m.guarded {
		return m.tryOnNextRecovering(v)
	}
	m.inUser = true
	return m.offerIf(m.fn(v))
}

// tryOnNextRecovering is TryOnNext with its own panic guard, for an
// upstream that does not recover our panics.
func (m *mapFilter[T, R]) tryOnNextRecovering(v T) (taken bool) {
	m.inUser = true
	defer func() {
		if m.inUser {
			m.inUser = false
			m.fail(sluice.NewPanicError(recover()))
			taken = true
		}
	}()
	return m.offerIf(m.fn(v))
}

// offerIf tests r, ends the user calls (inUser) and offers r downstream
// when it passed; see mapSubscriber.offer.
func (m *mapFilter[T, R]) offerIf(r R) bool {
	pass := m.pred(r)
	m.inUser = false // a panic downstream is not ours to catch
	if !pass {
		return false
	}
	if m.cond != nil { // emit, written out: the generic helper is not inlined
		return m.cond.TryOnNext(r)
	}
	m.down.OnNext(r)
	return true
}
