package operators

import (
	"sync"
	"sync/atomic"

	"github.com/sluicego/sluice"
	"github.com/sluicego/sluice/internal/demand"
	"github.com/sluicego/sluice/internal/inner"
)

// BufferOverflow chooses what OnBackpressureBuffer does with an element
// that arrives when its buffer is full.
type BufferOverflow int

const (
	// OverflowError cancels the source and ends the stream with an error
	// wrapping ErrOverflow (after the buffered elements).
	OverflowError BufferOverflow = iota
	// OverflowDropLatest drops the arriving element.
	OverflowDropLatest
	// OverflowDropOldest drops the oldest buffered element to make room.
	OverflowDropOldest
)

// OnBackpressureBuffer requests everything from src and buffers up to
// maxSize elements (maxSize <= 0: unbounded) that the downstream has not
// requested yet. When the buffer is full, strategy decides; onOverflow (may
// be nil) receives each dropped element, or the arriving one under
// OverflowError. A panic in onOverflow ends the stream with a
// *sluice.PanicError. The buffered elements are delivered before a source
// error.
func OnBackpressureBuffer[T any](src sluice.Publisher[T], maxSize int, strategy BufferOverflow, onOverflow func(T)) sluice.Publisher[T] {
	return &bpBufferPublisher[T]{src: src, max: maxSize, strategy: strategy, onOverflow: onOverflow}
}

// OnBackpressureLatest requests everything from src and keeps only the
// latest element the downstream has not requested yet, delivering it when
// demand arrives.
func OnBackpressureLatest[T any](src sluice.Publisher[T]) sluice.Publisher[T] {
	return &bpBufferPublisher[T]{src: src, max: 1, strategy: OverflowDropOldest}
}

type bpBufferPublisher[T any] struct {
	src        sluice.Publisher[T]
	max        int
	strategy   BufferOverflow
	onOverflow func(T)
}

func (p *bpBufferPublisher[T]) Subscribe(s sluice.Subscriber[T]) {
	if s == nil {
		panic(sluice.ErrNilSubscriber)
	}
	p.src.Subscribe(&bpBuffer[T]{down: s, max: p.max, strategy: p.strategy, onOverflow: p.onOverflow})
}

type bpBuffer[T any] struct {
	down       sluice.Subscriber[T]
	max        int
	strategy   BufferOverflow
	onOverflow func(T)

	up        inner.Slot
	wip       demand.WIP
	requested atomic.Int64
	cancelled atomic.Bool
	done      atomic.Bool
	err       error // written before done
	fatal     inner.Errors

	mu  sync.Mutex // guards buf only; never held while calling out
	buf []T
	hd  int
}

func (b *bpBuffer[T]) OnSubscribe(s sluice.Subscription) {
	if !b.up.Set(s) {
		return
	}
	b.down.OnSubscribe(b)
	s.Request(sluice.Unbounded)
}

func (b *bpBuffer[T]) callback(v T) (err error) {
	if b.onOverflow == nil {
		sluice.NextDropped(v)
		return nil
	}
	defer func() {
		if r := recover(); r != nil {
			err = sluice.NewPanicError(r)
		}
	}()
	b.onOverflow(v)
	return nil
}

func (b *bpBuffer[T]) OnNext(v T) {
	if b.done.Load() {
		sluice.NextDropped(v)
		return
	}
	b.mu.Lock()
	n := len(b.buf) - b.hd
	if b.max <= 0 || n < b.max {
		b.buf = append(b.buf, v)
		b.mu.Unlock()
		b.drain()
		return
	}
	var dropped T
	overflowErr := false
	switch b.strategy {
	case OverflowDropLatest:
		dropped = v
	case OverflowDropOldest:
		dropped = b.buf[b.hd]
		var zero T
		b.buf[b.hd] = zero
		b.hd++
		b.buf = append(b.buf, v)
	default:
		dropped = v
		overflowErr = true
	}
	b.mu.Unlock()
	err := b.callback(dropped)
	if overflowErr && err == nil {
		err = ErrOverflow
	}
	if err != nil {
		b.up.Cancel()
		if _, ok := err.(*sluice.PanicError); ok {
			b.fatal.SetFirst(err)
		}
		b.err = err
		b.done.Store(true)
	}
	b.drain()
}

func (b *bpBuffer[T]) OnError(err error) {
	if b.done.Load() {
		sluice.ErrorDropped(err)
		return
	}
	b.err = err
	b.done.Store(true)
	b.drain()
}

func (b *bpBuffer[T]) OnComplete() {
	if b.done.Load() {
		return
	}
	b.done.Store(true)
	b.drain()
}

func (b *bpBuffer[T]) Request(n int64) {
	if b.cancelled.Load() {
		return
	}
	if n <= 0 {
		b.fatal.SetFirst(demand.Invalid(n))
	} else {
		demand.AddAtomic(&b.requested, n)
	}
	b.drain()
}

func (b *bpBuffer[T]) Cancel() {
	if b.cancelled.Swap(true) {
		return
	}
	b.up.Cancel()
	b.drain()
}

func (b *bpBuffer[T]) poll() (T, bool) {
	b.mu.Lock()
	defer b.mu.Unlock()
	var zero T
	if b.hd == len(b.buf) {
		b.buf, b.hd = b.buf[:0], 0
		return zero, false
	}
	v := b.buf[b.hd]
	b.buf[b.hd] = zero
	b.hd++
	return v, true
}

func (b *bpBuffer[T]) clear() {
	b.mu.Lock()
	b.buf, b.hd = nil, 0
	b.mu.Unlock()
}

func (b *bpBuffer[T]) isEmpty() bool {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.hd == len(b.buf)
}

func (b *bpBuffer[T]) checkTerminated(d, empty bool) bool {
	if b.cancelled.Load() {
		b.clear()
		return true
	}
	if err := b.fatal.Load(); err != nil {
		b.cancelled.Store(true)
		b.up.Cancel()
		b.clear()
		b.down.OnError(err)
		return true
	}
	if d && empty {
		b.cancelled.Store(true)
		if b.err != nil {
			b.down.OnError(b.err)
		} else {
			b.down.OnComplete()
		}
		return true
	}
	return false
}

func (b *bpBuffer[T]) drain() {
	if !b.wip.Enter() {
		return
	}
	missed := int32(1)
	for {
		r := b.requested.Load()
		var e int64
		for e != r {
			d := b.done.Load()
			v, ok := b.poll()
			if b.checkTerminated(d, !ok) {
				return
			}
			if !ok {
				break
			}
			b.down.OnNext(v)
			e++
		}
		if e == r && b.checkTerminated(b.done.Load(), b.isEmpty()) {
			return
		}
		if b.fatal.Load() != nil || b.cancelled.Load() {
			b.checkTerminated(false, false)
			return
		}
		if e != 0 && r != sluice.Unbounded {
			b.requested.Add(-e)
		}
		if missed = b.wip.Leave(missed); missed == 0 {
			return
		}
	}
}
