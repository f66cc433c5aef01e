package operators

import (
	"fmt"
	"sync/atomic"

	"github.com/sluicego/sluice"
	"github.com/sluicego/sluice/internal/fuse"
)

// Take relays the first n elements, then cancels upstream and completes.
// Like Reactor's take(n), it never requests more than n elements upstream in
// total, whatever the downstream asks for. Take(0) cancels upstream at once
// and completes. Fused when src is a fuse.Seq.
func Take[T any](src sluice.Publisher[T], n int64) sluice.Publisher[T] {
	return newTake(src, n, "Take")
}

// LimitRequest caps the total demand sent upstream at n and completes after
// n elements: Reactor's limitRequest, which its take(n) now does too.
func LimitRequest[T any](src sluice.Publisher[T], n int64) sluice.Publisher[T] {
	return newTake(src, n, "LimitRequest")
}

func newTake[T any](src sluice.Publisher[T], n int64, name string) sluice.Publisher[T] {
	if n < 0 {
		panic("operators." + name + ": negative count")
	}
	p := takePublisher[T]{src: src, n: n, name: name}
	if seq, ok := fuse.AsSeq(src); ok {
		return &takeSeq[T]{takePublisher: p, seq: seq}
	}
	return &p
}

type takePublisher[T any] struct {
	src  sluice.Publisher[T]
	n    int64
	name string
}

type takeSeq[T any] struct {
	takePublisher[T]
	seq fuse.Seq[T]
}

func (p *takePublisher[T]) String() string {
	return describe(p.src, fmt.Sprintf("%s(%d)", p.name, p.n))
}

func (p *takePublisher[T]) Subscribe(s sluice.Subscriber[T]) {
	checkSubscriber(s)
	t := &takeSubscriber[T]{base: base[T]{down: s}, remaining: p.n, cond: conditional(s)}
	t.requestable.Store(p.n)
	p.src.Subscribe(t)
}

// ForEach runs the fused loop, stopping after n elements.
func (p *takeSeq[T]) ForEach(yield func(T) bool) (err error) {
	if p.n == 0 {
		return nil
	}
	defer recoverTo(&err)
	left := p.n
	return p.seq.ForEach(func(v T) bool {
		left--
		return yield(v) && left > 0
	})
}

type takeSubscriber[T any] struct {
	base[T]
	remaining   int64        // elements still to relay (signal side)
	requestable atomic.Int64 // demand still allowed upstream (request side)
	cond        fuse.Conditional[T]
}

func (t *takeSubscriber[T]) OnSubscribe(s sluice.Subscription) {
	if !t.setUp(s) {
		return
	}
	if t.remaining == 0 {
		t.done = true
		s.Cancel()
		completeNow[T](t.down)
		return
	}
	t.down.OnSubscribe(t)
}

// Request forwards at most the demand still allowed.
func (t *takeSubscriber[T]) Request(n int64) {
	if n <= 0 {
		t.up.Request(n)
		return
	}
	for {
		r := t.requestable.Load()
		if r == 0 {
			return
		}
		m := min(n, r)
		if t.requestable.CompareAndSwap(r, r-m) {
			t.up.Request(m)
			return
		}
	}
}

func (t *takeSubscriber[T]) OnNext(v T) {
	if t.done {
		sluice.NextDropped(v)
		return
	}
	t.remaining--
	t.down.OnNext(v)
	if t.remaining == 0 {
		t.stop()
	}
}

// TryOnNext offers v downstream; only taken elements count.
func (t *takeSubscriber[T]) TryOnNext(v T) bool {
	if t.done {
		sluice.NextDropped(v)
		return true
	}
	if !emit(t.down, t.cond, v) {
		return false
	}
	if t.remaining--; t.remaining == 0 {
		t.stop()
	}
	return true
}
