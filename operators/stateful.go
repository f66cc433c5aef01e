package operators

import (
	"github.com/sluicego/sluice"
	"github.com/sluicego/sluice/internal/fuse"
)

// stateful is the engine of the element-wise operators that keep state per
// subscription (Index, Scan, Distinct, DistinctUntilChanged): a factory
// returns, for each subscription, a function that maps an element and says
// whether to relay it. A rejected element costs one Request(1) upstream, or
// nothing when the upstream emits through TryOnNext.
type statefulPublisher[T, R any] struct {
	src  sluice.Publisher[T]
	name string
	make func() func(T) (R, bool)
}

type statefulSeq[T, R any] struct {
	statefulPublisher[T, R]
	seq fuse.Seq[T]
}

func newStateful[T, R any](src sluice.Publisher[T], name string, mk func() func(T) (R, bool)) sluice.Publisher[R] {
	p := statefulPublisher[T, R]{src: src, name: name, make: mk}
	if seq, ok := fuse.AsSeq(src); ok {
		return &statefulSeq[T, R]{statefulPublisher: p, seq: seq}
	}
	return &p
}

func (p *statefulPublisher[T, R]) String() string { return describe(p.src, p.name) }

func (p *statefulPublisher[T, R]) Subscribe(s sluice.Subscriber[R]) {
	checkSubscriber(s)
	var fn func(T) (R, bool)
	if err := try0(func() { fn = p.make() }); err != nil {
		errorNow(s, err)
		return
	}
	p.src.Subscribe(&statefulSubscriber[T, R]{base: base[R]{down: s}, fn: fn, cond: conditional(s)})
}

// ForEach runs the fused loop.
func (p *statefulSeq[T, R]) ForEach(yield func(R) bool) (err error) {
	defer recoverTo(&err)
	fn := p.make()
	return p.seq.ForEach(func(v T) bool {
		if r, ok := fn(v); ok {
			return yield(r)
		}
		return true
	})
}

type statefulSubscriber[T, R any] struct {
	base[R]
	fn   func(T) (R, bool)
	cond fuse.Conditional[R]
}

func (s *statefulSubscriber[T, R]) OnNext(v T) {
	if !s.TryOnNext(v) {
		s.up.Request(1)
	}
}

// TryOnNext reports whether v produced an element taken downstream.
func (s *statefulSubscriber[T, R]) TryOnNext(v T) bool {
	if s.done {
		sluice.NextDropped(v)
		return true
	}
	var r R
	var ok bool
	if err := try0(func() { r, ok = s.fn(v) }); err != nil {
		s.fail(err)
		return true
	}
	if !ok {
		return false
	}
	return emit(s.down, s.cond, r)
}
