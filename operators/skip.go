package operators

import (
	"fmt"
	"sync/atomic"

	"github.com/sluicego/sluice"
	"github.com/sluicego/sluice/internal/demand"
	"github.com/sluicego/sluice/internal/fuse"
)

// Skip drops the first n elements and relays the rest. The first
// downstream Request(m) asks upstream for m+n, so skipped elements cost no
// extra round trips.
func Skip[T any](src sluice.Publisher[T], n int64) sluice.Publisher[T] {
	if n < 0 {
		panic("operators.Skip: negative count")
	}
	p := skipPublisher[T]{src: src, n: n}
	if seq, ok := fuse.AsSeq(src); ok {
		return &skipSeq[T]{skipPublisher: p, seq: seq}
	}
	return &p
}

type skipPublisher[T any] struct {
	src sluice.Publisher[T]
	n   int64
}

type skipSeq[T any] struct {
	skipPublisher[T]
	seq fuse.Seq[T]
}

func (p *skipPublisher[T]) String() string { return describe(p.src, fmt.Sprintf("Skip(%d)", p.n)) }

func (p *skipPublisher[T]) Subscribe(s sluice.Subscriber[T]) {
	checkSubscriber(s)
	if p.n == 0 {
		p.src.Subscribe(s)
		return
	}
	p.src.Subscribe(&skipSubscriber[T]{base: base[T]{down: s}, left: p.n, extra: p.n})
}

// ForEach runs the fused loop.
func (p *skipSeq[T]) ForEach(yield func(T) bool) (err error) {
	defer recoverTo(&err)
	left := p.n
	return p.seq.ForEach(func(v T) bool {
		if left > 0 {
			left--
			return true
		}
		return yield(v)
	})
}

type skipSubscriber[T any] struct {
	base[T]
	left    int64
	extra   int64
	started atomic.Bool
}

func (s *skipSubscriber[T]) OnSubscribe(sub sluice.Subscription) {
	if s.setUp(sub) {
		s.down.OnSubscribe(s)
	}
}

func (s *skipSubscriber[T]) Request(n int64) {
	if n > 0 && !s.started.Load() && s.started.CompareAndSwap(false, true) {
		n = demand.Add(n, s.extra)
	}
	s.up.Request(n)
}

func (s *skipSubscriber[T]) OnNext(v T) {
	if s.done {
		sluice.NextDropped(v)
		return
	}
	if s.left > 0 {
		s.left--
		return
	}
	s.down.OnNext(v)
}
