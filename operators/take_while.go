package operators

import (
	"github.com/sluicego/sluice"
	"github.com/sluicego/sluice/internal/fuse"
)

// TakeWhile relays elements while pred holds; the first element that fails
// it is dropped, upstream is cancelled and the stream completes.
func TakeWhile[T any](src sluice.Publisher[T], pred func(T) bool) sluice.Publisher[T] {
	return newPredicate(src, pred, "TakeWhile", takeWhile)
}

// TakeUntil relays elements until one satisfies pred; that element is
// relayed too, then upstream is cancelled and the stream completes.
func TakeUntil[T any](src sluice.Publisher[T], pred func(T) bool) sluice.Publisher[T] {
	return newPredicate(src, pred, "TakeUntil", takeUntil)
}

// SkipWhile drops elements while pred holds, then relays the rest.
func SkipWhile[T any](src sluice.Publisher[T], pred func(T) bool) sluice.Publisher[T] {
	return newPredicate(src, pred, "SkipWhile", skipWhile)
}

// SkipUntil drops elements until one satisfies pred, then relays that one
// and the rest.
func SkipUntil[T any](src sluice.Publisher[T], pred func(T) bool) sluice.Publisher[T] {
	return newPredicate(src, pred, "SkipUntil", skipUntil)
}

// predicateMode selects one of the four predicate gates.
type predicateMode uint8

const (
	takeWhile predicateMode = iota
	takeUntil
	skipWhile
	skipUntil
)

// decide applies the gate to one element: relay it or not, and whether the
// stream ends after it. open is the skip gates' state.
func (m predicateMode) decide(ok bool, open *bool) (relay, end bool) {
	switch m {
	case takeWhile:
		return ok, !ok
	case takeUntil:
		return true, ok
	case skipWhile:
		if !*open && !ok {
			*open = true
		}
		return *open, false
	default:
		if !*open && ok {
			*open = true
		}
		return *open, false
	}
}

func newPredicate[T any](src sluice.Publisher[T], pred func(T) bool, name string, mode predicateMode) sluice.Publisher[T] {
	p := predicatePublisher[T]{src: src, pred: pred, name: name, mode: mode}
	if seq, ok := fuse.AsSeq(src); ok {
		return &predicateSeq[T]{predicatePublisher: p, seq: seq}
	}
	return &p
}

type predicatePublisher[T any] struct {
	src  sluice.Publisher[T]
	pred func(T) bool
	name string
	mode predicateMode
}

type predicateSeq[T any] struct {
	predicatePublisher[T]
	seq fuse.Seq[T]
}

func (p *predicatePublisher[T]) String() string { return describe(p.src, p.name) }

func (p *predicatePublisher[T]) Subscribe(s sluice.Subscriber[T]) {
	checkSubscriber(s)
	p.src.Subscribe(&predicateSubscriber[T]{base: base[T]{down: s}, p: p, cond: conditional(s)})
}

// ForEach runs the fused loop.
func (p *predicateSeq[T]) ForEach(yield func(T) bool) (err error) {
	defer recoverTo(&err)
	open := false
	pred, mode := p.pred, p.mode
	return p.seq.ForEach(func(v T) bool {
		if open && mode >= skipWhile {
			return yield(v)
		}
		relay, end := mode.decide(pred(v), &open)
		if relay && !yield(v) {
			return false
		}
		return !end
	})
}

type predicateSubscriber[T any] struct {
	base[T]
	p    *predicatePublisher[T]
	cond fuse.Conditional[T]
	open bool
}

func (s *predicateSubscriber[T]) OnNext(v T) {
	if !s.TryOnNext(v) {
		s.up.Request(1)
	}
}

// TryOnNext reports whether v was taken downstream.
func (s *predicateSubscriber[T]) TryOnNext(v T) bool {
	if s.done {
		sluice.NextDropped(v)
		return true
	}
	if s.open && s.p.mode >= skipWhile {
		return emit(s.down, s.cond, v)
	}
	ok, err := try1(s.p.pred, v)
	if err != nil {
		s.fail(err)
		return true
	}
	relay, end := s.p.mode.decide(ok, &s.open)
	taken := false
	if relay {
		taken = emit(s.down, s.cond, v)
	}
	if end {
		s.stop()
		return true
	}
	return taken
}
