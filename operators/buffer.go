package operators

import (
	"fmt"
	"sync/atomic"

	"github.com/sluicego/sluice"
	"github.com/sluicego/sluice/internal/demand"
)

// Buffer gathers the elements into slices of size and emits each full one;
// the last, shorter one is emitted when src completes. A request for n
// buffers asks upstream for n*size elements.
func Buffer[T any](src sluice.Publisher[T], size int) sluice.Publisher[[]T] {
	return BufferSkip(src, size, size)
}

// BufferSkip starts a new buffer every skip elements and emits each when it
// holds size elements: skip == size cuts the stream in pieces, skip > size
// drops the elements between buffers, skip < size gives overlapping
// buffers. Buffers still open when src completes are emitted then.
func BufferSkip[T any](src sluice.Publisher[T], size, skip int) sluice.Publisher[[]T] {
	if size <= 0 || skip <= 0 {
		panic("operators.Buffer: size and skip must be positive")
	}
	name := fmt.Sprintf("Buffer(%d)", size)
	if skip != size {
		name = fmt.Sprintf("Buffer(%d, %d)", size, skip)
	}
	return &bufferPublisher[T]{src: src, size: size, skip: skip, name: name}
}

// BufferUntil emits a buffer after each element for which pred is true
// (that element closes the buffer); the last buffer is emitted when src
// completes.
func BufferUntil[T any](src sluice.Publisher[T], pred func(T) bool) sluice.Publisher[[]T] {
	return &bufferPublisher[T]{src: src, until: pred, name: "BufferUntil"}
}

// BufferWhile gathers elements while pred is true; an element for which it
// is false is dropped and emits the buffer gathered so far, if any.
func BufferWhile[T any](src sluice.Publisher[T], pred func(T) bool) sluice.Publisher[[]T] {
	return &bufferPublisher[T]{src: src, while: pred, name: "BufferWhile"}
}

type bufferPublisher[T any] struct {
	src          sluice.Publisher[T]
	size, skip   int
	until, while func(T) bool
	name         string
}

func (p *bufferPublisher[T]) String() string { return describe(p.src, p.name) }

func (p *bufferPublisher[T]) Subscribe(s sluice.Subscriber[[]T]) {
	checkSubscriber(s)
	p.src.Subscribe(&bufferSubscriber[T]{p: p, tail: tail[[]T]{down: s}})
}

type bufferSubscriber[T any] struct {
	p       *bufferPublisher[T]
	tail    tail[[]T]
	up      sluice.Subscription
	open    [][]T // open buffers, oldest first
	index   int   // elements seen (count modes)
	started atomic.Bool
	done    bool
}

func (b *bufferSubscriber[T]) OnSubscribe(s sluice.Subscription) {
	if s == nil {
		panic(sluice.ErrNilSubscription)
	}
	if b.up != nil {
		s.Cancel()
		return
	}
	b.up = s
	b.tail.down.OnSubscribe(b)
}

func (b *bufferSubscriber[T]) Request(n int64) {
	if n <= 0 {
		b.up.Request(n)
		return
	}
	b.tail.request(n)
	if b.tail.finished.Load() {
		return
	}
	p := b.p
	if p.size == 0 { // predicate modes
		b.up.Request(n)
		return
	}
	up := mulCap(n, int64(p.skip))
	if p.skip < p.size && b.started.CompareAndSwap(false, true) {
		// The first buffer needs size elements, each later one skip more.
		up = demand.Add(int64(p.size), mulCap(n-1, int64(p.skip)))
	}
	b.up.Request(up)
}

func mulCap(a, b int64) int64 {
	if a != 0 && a > sluice.Unbounded/b {
		return sluice.Unbounded
	}
	return a * b
}

func (b *bufferSubscriber[T]) Cancel() {
	b.tail.cancel()
	b.up.Cancel()
}

func (b *bufferSubscriber[T]) emit(buf []T) {
	b.tail.produced()
	b.tail.down.OnNext(buf)
}

func (b *bufferSubscriber[T]) OnNext(v T) {
	if b.done {
		sluice.NextDropped(v)
		return
	}
	p := b.p
	if p.size == 0 {
		b.onNextPredicate(v)
		return
	}
	if b.index%p.skip == 0 {
		b.open = append(b.open, make([]T, 0, p.size))
	}
	b.index++
	for i := range b.open {
		b.open[i] = append(b.open[i], v)
	}
	if len(b.open) > 0 && len(b.open[0]) == p.size {
		full := b.open[0]
		b.open[0] = nil
		b.open = b.open[1:]
		b.emit(full)
	}
}

func (b *bufferSubscriber[T]) onNextPredicate(v T) {
	p := b.p
	var buf []T
	if len(b.open) == 1 {
		buf = b.open[0]
	}
	var closeNow bool
	var err error
	if p.until != nil {
		buf = append(buf, v)
		closeNow, err = try1(p.until, v)
	} else {
		var keep bool
		keep, err = try1(p.while, v)
		if keep {
			buf = append(buf, v)
		} else {
			closeNow = true
		}
	}
	if err != nil {
		b.done = true
		b.up.Cancel()
		b.tail.cancel()
		b.tail.down.OnError(err)
		return
	}
	b.open = b.open[:0]
	if closeNow && len(buf) > 0 {
		b.emit(buf)
		return
	}
	if !closeNow || len(buf) == 0 {
		if len(buf) > 0 {
			b.open = append(b.open, buf)
		}
		b.up.Request(1)
	}
}

func (b *bufferSubscriber[T]) OnError(err error) {
	if b.done {
		sluice.ErrorDropped(err)
		return
	}
	b.done = true
	b.open = nil
	b.tail.cancel()
	b.tail.down.OnError(err)
}

func (b *bufferSubscriber[T]) OnComplete() {
	if b.done {
		return
	}
	b.done = true
	var rest [][]T
	for _, buf := range b.open {
		if len(buf) > 0 {
			rest = append(rest, buf)
		}
	}
	b.open = nil
	b.tail.finish(rest)
}
