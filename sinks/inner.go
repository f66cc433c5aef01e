package sinks

import (
	"sync/atomic"

	"github.com/sluicego/sluice"
	"github.com/sluicego/sluice/internal/demand"
	"github.com/sluicego/sluice/internal/queue"
)

// hub is the sink side of an inner subscription.
type hub[T any] interface {
	// request is called after n > 0 was added to i's credit.
	request(i *inner[T])
	// remove is called once when i stops: cancelled, invalid demand or a
	// panicking subscriber.
	remove(i *inner[T])
}

const (
	innerActive int32 = iota
	innerCancelled
	innerTerminated
)

// inner is the Subscription of one subscriber to a sink. The sink moves
// elements into q under its lock, never more than credit allows, and marks
// the end with finish; the subscriber is called only from drain, whose WIP
// counter makes the signals serial and trampolines re-entrant requests.
type inner[T any] struct {
	down sluice.Subscriber[T]
	hub  hub[T]
	q    *queue.MPSC[T]
	wip  demand.WIP

	// credit is the demand not yet matched by an element moved into q.
	credit   atomic.Int64
	state    atomic.Int32
	invalid  atomic.Bool
	invalidN atomic.Int64

	// done is set (after err) by the sink once no element will follow.
	done atomic.Bool
	err  error

	// cursor is the replay position (the last node moved into q); it is
	// owned by the sink's lock.
	cursor *node[T]
}

func newInner[T any](down sluice.Subscriber[T], h hub[T]) *inner[T] {
	return &inner[T]{down: down, hub: h, q: queue.NewMPSC[T]()}
}

// Request adds n to the subscriber's demand.
func (i *inner[T]) Request(n int64) {
	if i.state.Load() != innerActive {
		return
	}
	if n <= 0 {
		i.invalidN.Store(n)
		i.invalid.Store(true)
		i.drain()
		return
	}
	demand.AddAtomic(&i.credit, n)
	i.hub.request(i)
}

// Cancel stops the subscription; the sink forgets the subscriber.
func (i *inner[T]) Cancel() {
	if i.state.CompareAndSwap(innerActive, innerCancelled) {
		i.hub.remove(i)
		i.drain()
	}
}

func (i *inner[T]) active() bool { return i.state.Load() == innerActive }

// offer moves one element towards the subscriber, consuming one credit.
// Sink lock held.
func (i *inner[T]) offer(v T) {
	i.q.Offer(v)
	demand.ProducedAtomic(&i.credit, 1)
}

// finish records the terminal signal that follows the queued elements.
// Sink lock held.
func (i *inner[T]) finish(err error) {
	if i.done.Load() {
		return
	}
	i.err = err
	i.done.Store(true)
}

func (i *inner[T]) drain() {
	if !i.wip.Enter() {
		return
	}
	defer func() {
		if r := recover(); r != nil {
			// The subscriber panicked (rule 2.13): treat the subscription
			// as cancelled and report the panic. The WIP counter is left
			// raised, so no further signal reaches the subscriber.
			i.state.Store(innerCancelled)
			i.hub.remove(i)
			sluice.ErrorDropped(sluice.NewPanicError(r))
		}
	}()
	missed := int32(1)
	for {
		for {
			if i.state.Load() != innerActive {
				i.q.Clear()
				return
			}
			if i.invalid.Load() {
				i.state.Store(innerTerminated)
				i.q.Clear()
				i.hub.remove(i)
				i.down.OnError(demand.Invalid(i.invalidN.Load()))
				return
			}
			v, ok := i.q.Poll()
			if !ok {
				break
			}
			i.down.OnNext(v)
		}
		if i.done.Load() && i.q.IsEmpty() {
			if i.state.CompareAndSwap(innerActive, innerTerminated) {
				if i.err != nil {
					i.down.OnError(i.err)
				} else {
					i.down.OnComplete()
				}
			}
			return
		}
		if missed = i.wip.Leave(missed); missed == 0 {
			return
		}
	}
}

// noop is the subscription handed to a subscriber that is rejected at once.
type noop struct{}

func (noop) Request(int64) {}
func (noop) Cancel()       {}

func reject[T any](s sluice.Subscriber[T], err error) {
	s.OnSubscribe(noop{})
	s.OnError(err)
}
