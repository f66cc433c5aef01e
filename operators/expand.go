package operators

import (
	"github.com/sluicego/sluice"
	"github.com/sluicego/sluice/internal/demand"
)

// Expand emits every element of src, then, breadth first, the elements of
// the publisher expander returns for each emitted element, level by level
// (Reactor's expand): the expansions are queued in emission order and
// relayed one at a time, the outstanding demand carrying over from one to
// the next. expander may return nil for an element with no expansion. A
// panic in expander cancels the current upstream and ends the stream with
// a *sluice.PanicError; an error of any upstream ends it too. capacityHint
// sizes the initial queue of pending expansions (<= 0: a small default).
func Expand[T any](src sluice.Publisher[T], expander func(T) sluice.Publisher[T], capacityHint int) sluice.Publisher[T] {
	if capacityHint <= 0 {
		capacityHint = 16
	}
	return &expandPublisher[T]{src: src, expander: expander, hint: capacityHint}
}

type expandPublisher[T any] struct {
	src      sluice.Publisher[T]
	expander func(T) sluice.Publisher[T]
	hint     int
}

func (p *expandPublisher[T]) String() string { return describe(p.src, "Expand") }

func (p *expandPublisher[T]) Subscribe(s sluice.Subscriber[T]) {
	checkSubscriber(s)
	e := &expandSubscriber[T]{down: s, expander: p.expander, queue: make([]sluice.Publisher[T], 0, p.hint)}
	s.OnSubscribe(e)
	e.subscribeNext(p.src)
}

// expandSubscriber is subscribed to one upstream at a time (src, then
// each queued expansion); its signal-side fields are touched serially.
type expandSubscriber[T any] struct {
	arbiter
	down     sluice.Subscriber[T]
	expander func(T) sluice.Publisher[T]
	queue    []sluice.Publisher[T] // pending expansions, FIFO
	next     sluice.Publisher[T]
	wip      demand.WIP
	done     bool
}

// subscribeNext subscribes to p, trampolined like the switch operators: an
// upstream that completes inside Subscribe hands its successor to the loop
// instead of deepening the stack.
func (e *expandSubscriber[T]) subscribeNext(p sluice.Publisher[T]) {
	e.next = p
	if !e.wip.Enter() {
		return
	}
	missed := int32(1)
	for {
		if p := e.next; p != nil {
			e.next = nil
			if e.isCancelled() {
				e.queue = nil
				return
			}
			p.Subscribe(e)
		}
		if missed = e.wip.Leave(missed); missed == 0 {
			return
		}
	}
}

func (e *expandSubscriber[T]) OnSubscribe(sub sluice.Subscription) {
	if sub == nil {
		panic(sluice.ErrNilSubscription)
	}
	e.set(sub)
}

func (e *expandSubscriber[T]) OnNext(v T) {
	if e.done {
		sluice.NextDropped(v)
		return
	}
	e.produced++
	e.down.OnNext(v)
	var child sluice.Publisher[T]
	if err := try0(func() { child = e.expander(v) }); err != nil {
		e.done = true
		e.queue = nil
		e.Cancel()
		e.down.OnError(err)
		return
	}
	if child != nil {
		e.queue = append(e.queue, child)
	}
}

func (e *expandSubscriber[T]) OnError(err error) {
	if e.done {
		sluice.ErrorDropped(err)
		return
	}
	e.done = true
	e.queue = nil
	e.down.OnError(err)
}

func (e *expandSubscriber[T]) OnComplete() {
	if e.done {
		return
	}
	if len(e.queue) == 0 {
		e.done = true
		e.queue = nil
		e.down.OnComplete()
		return
	}
	next := e.queue[0]
	var zero sluice.Publisher[T]
	e.queue[0] = zero
	e.queue = e.queue[1:]
	e.subscribeNext(next)
}
