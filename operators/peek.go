package operators

import (
	"errors"

	"github.com/sluicego/sluice"
	"github.com/sluicego/sluice/internal/fuse"
)

// PeekHooks are the side-effect callbacks of Peek. Any may be nil.
type PeekHooks[T any] struct {
	OnSubscribe func(sluice.Subscription)
	OnNext      func(T)
	OnError     func(error)
	OnComplete  func()
	OnRequest   func(n int64)
	OnCancel    func()
}

// Peek calls the hooks as the signals pass and relays every signal
// unchanged (Reactor's doOn* family). A panic in OnNext, OnComplete or
// OnSubscribe cancels upstream and ends the stream with a
// *sluice.PanicError; a panic in OnError is joined to the error; panics in
// OnRequest and OnCancel go to sluice.ErrorDropped. When only OnNext,
// OnError and OnComplete are set, Peek is fused with a fuse.Seq source.
func Peek[T any](src sluice.Publisher[T], name string, h PeekHooks[T]) sluice.Publisher[T] {
	p := peekPublisher[T]{src: src, h: h, name: name}
	if h.OnSubscribe == nil && h.OnRequest == nil && h.OnCancel == nil {
		if seq, ok := fuse.AsSeq(src); ok {
			return &peekSeq[T]{peekPublisher: p, seq: seq}
		}
	}
	return &p
}

// DoOnNext calls fn with each element before relaying it.
func DoOnNext[T any](src sluice.Publisher[T], fn func(T)) sluice.Publisher[T] {
	return Peek(src, "DoOnNext", PeekHooks[T]{OnNext: fn})
}

// DoOnError calls fn with the error before relaying it.
func DoOnError[T any](src sluice.Publisher[T], fn func(error)) sluice.Publisher[T] {
	return Peek(src, "DoOnError", PeekHooks[T]{OnError: fn})
}

// DoOnComplete calls fn before relaying completion.
func DoOnComplete[T any](src sluice.Publisher[T], fn func()) sluice.Publisher[T] {
	return Peek(src, "DoOnComplete", PeekHooks[T]{OnComplete: fn})
}

// DoOnSubscribe calls fn with the upstream subscription before the
// downstream receives it.
func DoOnSubscribe[T any](src sluice.Publisher[T], fn func(sluice.Subscription)) sluice.Publisher[T] {
	return Peek(src, "DoOnSubscribe", PeekHooks[T]{OnSubscribe: fn})
}

// DoOnRequest calls fn with each downstream request before forwarding it.
func DoOnRequest[T any](src sluice.Publisher[T], fn func(n int64)) sluice.Publisher[T] {
	return Peek(src, "DoOnRequest", PeekHooks[T]{OnRequest: fn})
}

// DoOnCancel calls fn when the downstream cancels, before cancelling
// upstream.
func DoOnCancel[T any](src sluice.Publisher[T], fn func()) sluice.Publisher[T] {
	return Peek(src, "DoOnCancel", PeekHooks[T]{OnCancel: fn})
}

type peekPublisher[T any] struct {
	src  sluice.Publisher[T]
	h    PeekHooks[T]
	name string
}

type peekSeq[T any] struct {
	peekPublisher[T]
	seq fuse.Seq[T]
}

func (p *peekPublisher[T]) String() string { return describe(p.src, p.name) }

func (p *peekPublisher[T]) Subscribe(s sluice.Subscriber[T]) {
	checkSubscriber(s)
	p.src.Subscribe(&peekSubscriber[T]{base: base[T]{down: s}, h: &p.h, cond: conditional(s)})
}

// ForEach runs the fused loop, calling the hooks on the way.
func (p *peekSeq[T]) ForEach(yield func(T) bool) (err error) {
	h := &p.h
	completed := true
	err = func() (err error) {
		defer recoverTo(&err)
		if h.OnNext == nil {
			return p.seq.ForEach(func(v T) bool {
				completed = yield(v)
				return completed
			})
		}
		on := h.OnNext
		return p.seq.ForEach(func(v T) bool {
			on(v)
			completed = yield(v)
			return completed
		})
	}()
	switch {
	case err != nil && h.OnError != nil:
		if perr := tryCall(h.OnError, err); perr != nil {
			err = errors.Join(err, perr)
		}
	case err == nil && completed && h.OnComplete != nil:
		err = try0(h.OnComplete)
	}
	return err
}

type peekSubscriber[T any] struct {
	base[T]
	h    *PeekHooks[T]
	cond fuse.Conditional[T]
}

func (p *peekSubscriber[T]) OnSubscribe(s sluice.Subscription) {
	if !p.setUp(s) {
		return
	}
	if p.h.OnSubscribe != nil {
		if err := tryCall(p.h.OnSubscribe, s); err != nil {
			p.done = true
			s.Cancel()
			errorNow(p.down, err)
			return
		}
	}
	if p.h.OnRequest == nil && p.h.OnCancel == nil {
		p.down.OnSubscribe(s)
		return
	}
	p.down.OnSubscribe(p)
}

func (p *peekSubscriber[T]) Request(n int64) {
	if p.h.OnRequest != nil {
		if err := tryCall(p.h.OnRequest, n); err != nil {
			sluice.ErrorDropped(err)
		}
	}
	p.up.Request(n)
}

func (p *peekSubscriber[T]) Cancel() {
	if p.h.OnCancel != nil {
		if err := try0(p.h.OnCancel); err != nil {
			sluice.ErrorDropped(err)
		}
	}
	p.up.Cancel()
}

func (p *peekSubscriber[T]) OnNext(v T) {
	if p.done {
		sluice.NextDropped(v)
		return
	}
	if p.h.OnNext != nil && !p.hook(v) {
		return
	}
	p.down.OnNext(v)
}

// hook runs the OnNext hook and reports whether it returned normally.
func (p *peekSubscriber[T]) hook(v T) (ok bool) {
	defer func() {
		if !ok {
			p.fail(sluice.NewPanicError(recover()))
		}
	}()
	p.h.OnNext(v)
	return true
}

// TryOnNext relays v to a conditional downstream after the hook.
func (p *peekSubscriber[T]) TryOnNext(v T) bool {
	if p.done {
		sluice.NextDropped(v)
		return true
	}
	if p.h.OnNext != nil && !p.hook(v) {
		return true
	}
	return emit(p.down, p.cond, v)
}

func (p *peekSubscriber[T]) OnError(err error) {
	if p.done {
		sluice.ErrorDropped(err)
		return
	}
	if p.h.OnError != nil {
		if perr := tryCall(p.h.OnError, err); perr != nil {
			err = errors.Join(err, perr)
		}
	}
	p.base.OnError(err)
}

func (p *peekSubscriber[T]) OnComplete() {
	if p.done {
		return
	}
	if p.h.OnComplete != nil {
		if err := try0(p.h.OnComplete); err != nil {
			p.base.OnError(err)
			return
		}
	}
	p.base.OnComplete()
}
