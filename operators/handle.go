package operators

import (
	"github.com/sluicego/sluice"
	"github.com/sluicego/sluice/internal/fuse"
)

// SynchronousSink is what a Handle handler emits through, for one element:
// at most one Next, optionally followed by Error or Complete (or one of
// those alone). The sink is valid only during the call that received it.
type SynchronousSink[R any] interface {
	Next(v R)
	Error(err error)
	Complete()
}

// Handle calls fn with each element and a sink: fn may emit one element,
// none (the element is dropped and one more requested), end the stream with
// an error, or complete it (upstream is cancelled). Calling Next twice ends
// the stream with ErrSinkNextTwice. Fused when src is.
func Handle[T, R any](src sluice.Publisher[T], fn func(v T, sink SynchronousSink[R])) sluice.Publisher[R] {
	p := handlePublisher[T, R]{src: src, fn: fn}
	if seq, ok := fuse.AsSeq(src); ok {
		return &handleSeq[T, R]{handlePublisher: p, seq: seq}
	}
	return &p
}

type handlePublisher[T, R any] struct {
	src sluice.Publisher[T]
	fn  func(T, SynchronousSink[R])
}

type handleSeq[T, R any] struct {
	handlePublisher[T, R]
	seq fuse.Seq[T]
}

func (p *handlePublisher[T, R]) String() string { return describe(p.src, "Handle") }

func (p *handlePublisher[T, R]) Subscribe(s sluice.Subscriber[R]) {
	checkSubscriber(s)
	p.src.Subscribe(&handleSubscriber[T, R]{base: base[R]{down: s}, fn: p.fn, cond: conditional(s)})
}

// handleSink records what the handler did with one element.
type handleSink[R any] struct {
	active, has, completed bool
	v                      R
	err                    error
}

func (k *handleSink[R]) Next(v R) {
	if !k.active || k.completed || k.err != nil {
		return
	}
	if k.has {
		k.err = ErrSinkNextTwice
		return
	}
	k.v, k.has = v, true
}

func (k *handleSink[R]) Error(err error) {
	if k.active && !k.completed && k.err == nil {
		k.err = err
	}
}

func (k *handleSink[R]) Complete() {
	if k.active && k.err == nil {
		k.completed = true
	}
}

// ForEach runs the fused loop.
func (p *handleSeq[T, R]) ForEach(yield func(R) bool) (err error) {
	defer recoverTo(&err)
	var k handleSink[R]
	var ferr error
	fn := p.fn
	err = p.seq.ForEach(func(v T) bool {
		k = handleSink[R]{active: true}
		fn(v, &k)
		k.active = false
		if k.has && !yield(k.v) {
			return false
		}
		if k.err != nil {
			ferr = k.err
			return false
		}
		return !k.completed
	})
	if err == nil {
		err = ferr
	}
	return err
}

type handleSubscriber[T, R any] struct {
	base[R]
	fn   func(T, SynchronousSink[R])
	cond fuse.Conditional[R]
	sink handleSink[R]
}

func (h *handleSubscriber[T, R]) OnNext(v T) {
	if !h.TryOnNext(v) {
		h.up.Request(1)
	}
}

// TryOnNext reports whether the handler emitted an element taken
// downstream (or ended the stream).
func (h *handleSubscriber[T, R]) TryOnNext(v T) bool {
	if h.done {
		sluice.NextDropped(v)
		return true
	}
	k := &h.sink
	*k = handleSink[R]{active: true}
	perr := try0(func() { h.fn(v, k) })
	k.active = false
	if perr != nil {
		h.fail(perr)
		return true
	}
	taken := false
	if k.has {
		r := k.v
		var zero R
		k.v = zero
		taken = emit(h.down, h.cond, r)
	}
	switch {
	case k.err != nil:
		h.fail(k.err)
		return true
	case k.completed:
		h.stop()
		return true
	}
	return taken
}
