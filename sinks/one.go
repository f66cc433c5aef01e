package sinks

import (
	"github.com/sluicego/sluice"
	"github.com/sluicego/sluice/mono"
)

// OneSink is a sink of at most one value: Reactor's Sinks.One. The first
// successful TryEmitValue, TryEmitEmpty or TryEmitError fixes the result;
// every subscriber, early or late, receives it (a value once it has requested
// at least one element).
type OneSink[T any] struct {
	base[T]
	has bool
	v   T
}

// One returns an empty OneSink.
func One[T any]() *OneSink[T] { return &OneSink[T]{} }

var _ sluice.Publisher[int] = (*OneSink[int])(nil)

// TryEmitValue sets the result to v followed by completion.
func (o *OneSink[T]) TryEmitValue(v T) EmitResult {
	o.mu.Lock()
	if o.done {
		o.mu.Unlock()
		return EmitFailTerminated
	}
	o.has, o.v = true, v
	return o.settleLocked(nil)
}

// TryEmitEmpty sets the result to completion without a value.
func (o *OneSink[T]) TryEmitEmpty() EmitResult {
	o.mu.Lock()
	if o.done {
		o.mu.Unlock()
		return EmitFailTerminated
	}
	return o.settleLocked(nil)
}

// TryEmitError sets the result to err. It panics if err is nil.
func (o *OneSink[T]) TryEmitError(err error) EmitResult {
	checkError(err)
	o.mu.Lock()
	if o.done {
		o.mu.Unlock()
		return EmitFailTerminated
	}
	return o.settleLocked(err)
}

func (o *OneSink[T]) settleLocked(err error) EmitResult {
	o.done, o.err = true, err
	snap := o.subs
	o.dispatchLocked()
	o.mu.Unlock()
	o.after(snap)
	return EmitOK
}

func (o *OneSink[T]) dispatchLocked() {
	if !o.done {
		return
	}
	finished := false
	for _, s := range o.subs {
		if !s.active() {
			continue
		}
		if o.has {
			if s.credit.Load() == 0 {
				continue
			}
			s.offer(o.v)
		}
		s.finish(o.err)
		finished = true
	}
	if finished {
		o.pruneLocked()
	}
}

// Subscribe registers s. It panics with an error wrapping
// sluice.ErrNilSubscriber if s is nil.
func (o *OneSink[T]) Subscribe(s sluice.Subscriber[T]) {
	checkSubscriber(s)
	i := newInner(s, hub[T](o))
	s.OnSubscribe(i)
	o.mu.Lock()
	if !i.active() {
		o.mu.Unlock()
		return
	}
	o.addLocked(i)
	snap := o.subs
	o.dispatchLocked()
	o.mu.Unlock()
	o.after(snap)
}

// Mono returns a Mono view of the sink for consumers.
func (o *OneSink[T]) Mono() mono.Mono[T] { return mono.From[T](o) }

// CurrentSubscriberCount returns the number of subscribers still waiting for
// the result.
func (o *OneSink[T]) CurrentSubscriberCount() int { return o.count() }

func (o *OneSink[T]) request(*inner[T]) {
	o.mu.Lock()
	snap := o.subs
	o.dispatchLocked()
	o.mu.Unlock()
	o.after(snap)
}

func (o *OneSink[T]) remove(i *inner[T]) {
	o.mu.Lock()
	o.removeLocked(i)
	o.mu.Unlock()
}
