package operators

import (
	"github.com/sluicego/sluice"
	"github.com/sluicego/sluice/internal/fuse"
)

// Filter relays the elements for which pred returns true. A rejected element
// is replaced by requesting one more from upstream, or, when the upstream
// emits through fuse.Conditional.TryOnNext, costs no demand at all. A panic in
// pred cancels upstream and ends the stream with a *sluice.PanicError.
func Filter[T any](src sluice.Publisher[T], pred func(T) bool) sluice.Publisher[T] {
	p := filterPublisher[T]{src: src, pred: pred}
	if seq, ok := fuse.AsSeq(src); ok {
		return &filterSeq[T]{filterPublisher: p, seq: seq}
	}
	return &p
}

type filterPublisher[T any] struct {
	src  sluice.Publisher[T]
	pred func(T) bool
}

type filterSeq[T any] struct {
	filterPublisher[T]
	seq fuse.Seq[T]
}

func (p *filterPublisher[T]) String() string { return describe(p.src, "Filter") }

func (p *filterPublisher[T]) Subscribe(s sluice.Subscriber[T]) {
	checkSubscriber(s)
	if m, ok := fuse.Unwrap(p.src).(mapFilterSubscriber[T]); ok {
		m.subscribeFiltered(p.pred, s)
		return
	}
	p.src.Subscribe(&filterSubscriber[T]{base: base[T]{down: s}, pred: p.pred, cond: conditional(s)})
}

// ForEach runs the fused loop.
func (p *filterSeq[T]) ForEach(yield func(T) bool) (err error) {
	if m, ok := p.seq.(mapFiltered[T]); ok {
		return m.forEachFiltered(p.pred, yield)
	}
	defer recoverTo(&err)
	pred := p.pred
	return p.seq.ForEach(func(v T) bool {
		if pred(v) {
			return yield(v)
		}
		return true
	})
}

// intLoop adds the predicate to the loop parts of a Map over a range of
// ints directly upstream (see intLooper).
func (p *filterSeq[T]) intLoop() (start, end int, fn func(int) T, pred func(T) bool, ok bool) {
	l, ok := p.seq.(intLooper[T])
	if !ok {
		return 0, 0, nil, nil, false
	}
	if start, end, fn, pred, ok = l.intLoop(); !ok || pred != nil {
		return 0, 0, nil, nil, false
	}
	return start, end, fn, p.pred, true
}

// mapFiltered is implemented by a fused Map, which can run a following
// filter inside its own closure.
type mapFiltered[T any] interface {
	forEachFiltered(pred func(T) bool, yield func(T) bool) error
}

// mapFilterSubscriber is implemented by Map, which can subscribe upstream
// with one subscriber that maps and filters (see mapFilter).
type mapFilterSubscriber[T any] interface {
	subscribeFiltered(pred func(T) bool, s sluice.Subscriber[T])
}

type filterSubscriber[T any] struct {
	base[T]
	pred func(T) bool
	cond fuse.Conditional[T]
	userGuard
}

// RecoverUser reports a panic raised by pred (pull.Guarded).
func (f *filterSubscriber[T]) RecoverUser(r any) bool {
	return f.recoverUser(r, f.fail)
}

func (f *filterSubscriber[T]) OnNext(v T) {
	if !f.TryOnNext(v) {
		f.up.Request(1)
	}
}

// TryOnNext reports whether v passed the predicate and was taken downstream.
func (f *filterSubscriber[T]) TryOnNext(v T) (taken bool) {
	if f.done {
		sluice.NextDropped(v)
		return true
	}
	if f.guarded {
		f.inUser = true
		pass := f.pred(v)
		f.inUser = false // a panic downstream is not ours to catch
		return pass && emit(f.down, f.cond, v)
	}
	ok := false
	defer func() {
		if !ok {
			f.fail(sluice.NewPanicError(recover()))
			taken = true
		}
	}()
	pass := f.pred(v)
	ok = true // a panic downstream is not ours to catch
	if !pass {
		return false
	}
	return emit(f.down, f.cond, v)
}
