package operators

import (
	"fmt"
	"sync/atomic"

	"github.com/sluicego/sluice"
	"github.com/sluicego/sluice/internal/demand"
)

// TakeLast emits the last n elements of src, once it completes, as the
// downstream demands them. It requests everything upstream at the first
// downstream request and keeps at most n elements.
func TakeLast[T any](src sluice.Publisher[T], n int) sluice.Publisher[T] {
	if n < 0 {
		panic("operators.TakeLast: negative count")
	}
	return &takeLastPublisher[T]{src: src, n: n}
}

type takeLastPublisher[T any] struct {
	src sluice.Publisher[T]
	n   int
}

func (p *takeLastPublisher[T]) String() string {
	return describe(p.src, fmt.Sprintf("TakeLast(%d)", p.n))
}

func (p *takeLastPublisher[T]) Subscribe(s sluice.Subscriber[T]) {
	checkSubscriber(s)
	p.src.Subscribe(&takeLastSubscriber[T]{n: p.n, tail: tail[T]{down: s}})
}

type takeLastSubscriber[T any] struct {
	n       int
	tail    tail[T]
	up      sluice.Subscription
	ring    []T
	head    int
	started atomic.Bool
	done    bool
}

func (t *takeLastSubscriber[T]) OnSubscribe(s sluice.Subscription) {
	if s == nil {
		panic(sluice.ErrNilSubscription)
	}
	if t.up != nil {
		s.Cancel()
		return
	}
	t.up = s
	t.tail.down.OnSubscribe(t)
}

func (t *takeLastSubscriber[T]) Request(n int64) {
	if n <= 0 {
		t.up.Request(n)
		return
	}
	t.tail.request(n)
	if t.started.CompareAndSwap(false, true) {
		t.up.Request(sluice.Unbounded)
	}
}

func (t *takeLastSubscriber[T]) Cancel() {
	t.tail.cancel()
	t.up.Cancel()
}

func (t *takeLastSubscriber[T]) OnNext(v T) {
	if t.done {
		sluice.NextDropped(v)
		return
	}
	if t.n == 0 {
		return
	}
	if len(t.ring) < t.n {
		t.ring = append(t.ring, v)
		return
	}
	t.ring[t.head] = v
	t.head = (t.head + 1) % t.n
}

func (t *takeLastSubscriber[T]) OnError(err error) {
	if t.done {
		sluice.ErrorDropped(err)
		return
	}
	t.done = true
	t.ring = nil
	t.tail.cancel()
	t.tail.down.OnError(err)
}

func (t *takeLastSubscriber[T]) OnComplete() {
	if t.done {
		return
	}
	t.done = true
	out := append(t.ring[t.head:len(t.ring):len(t.ring)], t.ring[:t.head]...)
	t.ring = nil
	t.tail.finish(out)
}

// SkipLast relays all but the last n elements of src: each element is held
// until n more have arrived. The first downstream request asks upstream
// for n more to fill the window.
func SkipLast[T any](src sluice.Publisher[T], n int) sluice.Publisher[T] {
	if n < 0 {
		panic("operators.SkipLast: negative count")
	}
	return &skipLastPublisher[T]{src: src, n: n}
}

type skipLastPublisher[T any] struct {
	src sluice.Publisher[T]
	n   int
}

func (p *skipLastPublisher[T]) String() string {
	return describe(p.src, fmt.Sprintf("SkipLast(%d)", p.n))
}

func (p *skipLastPublisher[T]) Subscribe(s sluice.Subscriber[T]) {
	checkSubscriber(s)
	if p.n == 0 {
		p.src.Subscribe(s)
		return
	}
	p.src.Subscribe(&skipLastSubscriber[T]{base: base[T]{down: s}, n: p.n})
}

type skipLastSubscriber[T any] struct {
	base[T]
	n       int
	ring    []T
	head    int
	started atomic.Bool
}

func (s *skipLastSubscriber[T]) OnSubscribe(sub sluice.Subscription) {
	if s.setUp(sub) {
		s.down.OnSubscribe(s)
	}
}

func (s *skipLastSubscriber[T]) Request(n int64) {
	if n > 0 && s.started.CompareAndSwap(false, true) {
		n = demand.Add(n, int64(s.n))
	}
	s.up.Request(n)
}

func (s *skipLastSubscriber[T]) OnNext(v T) {
	if s.done {
		sluice.NextDropped(v)
		return
	}
	if len(s.ring) < s.n {
		s.ring = append(s.ring, v)
		return
	}
	old := s.ring[s.head]
	s.ring[s.head] = v
	s.head = (s.head + 1) % s.n
	s.down.OnNext(old)
}
