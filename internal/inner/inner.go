package inner

import (
	"errors"
	"sync/atomic"

	"github.com/sluicego/sluice"
	"github.com/sluicego/sluice/internal/queue"
)

// ErrOverflow ends a stream whose producer sent more elements than were
// requested, so that a bounded buffer could not take them.
var ErrOverflow = errors.New("sluice: queue overflow: more elements than requested")

// Parent is the operator an Inner reports to.
type Parent interface {
	// Drain is called after an element was queued or the inner completed.
	Drain()
	// InnerError is called once when the inner publisher fails (or
	// overflows); the inner is already marked done.
	InnerError(err error)
}

// Emitter is an optional fast path: when set, an Inner hands each element to
// TryEmit instead of queueing it, and TryEmit either emits it directly (when
// it owns the parent's drain loop and there is demand) or calls Offer.
type Emitter[T any] interface {
	TryEmit(in *Inner[T], v T)
}

// Inner subscribes to one inner publisher on behalf of a Parent: it requests
// Prefetch up front and then, as the parent consumes, replenishes in batches
// of Prefetch - Prefetch/4 (the consumed count crossing 75 %). Elements wait in
// a bounded single-producer single-consumer queue created on first use.
//
// The producer side (OnNext, Offer) runs on the inner publisher's goroutine;
// the consumer side (Poll, Produced, Clear) must be serialised by the
// parent's drain loop.
type Inner[T any] struct {
	slot     Slot
	parent   Parent
	fast     Emitter[T]
	q        atomic.Pointer[queue.SPSC[T]]
	done     atomic.Bool
	prefetch int64
	limit    int64
	produced int64
	// Index is free for the parent (a source index, a sequence number).
	Index int
}

// New returns an Inner with the given prefetch (>= 1) reporting to parent;
// fast may be nil.
func New[T any](parent Parent, fast Emitter[T], prefetch int) *Inner[T] {
	in := &Inner[T]{}
	in.Init(parent, fast, prefetch)
	return in
}

// Init prepares an Inner embedded in a larger struct.
func (in *Inner[T]) Init(parent Parent, fast Emitter[T], prefetch int) {
	if prefetch < 1 {
		prefetch = 1
	}
	in.parent = parent
	in.fast = fast
	in.prefetch = int64(prefetch)
	in.limit = in.prefetch - in.prefetch>>2
}

// OnSubscribe requests the prefetch.
func (in *Inner[T]) OnSubscribe(s sluice.Subscription) {
	if in.slot.Set(s) {
		s.Request(in.prefetch)
	}
}

// OnNext hands v to the fast path or queues it and asks the parent to drain.
func (in *Inner[T]) OnNext(v T) {
	if in.done.Load() {
		sluice.NextDropped(v)
		return
	}
	if in.fast != nil {
		in.fast.TryEmit(in, v)
		return
	}
	if !in.Offer(v) {
		return
	}
	in.parent.Drain()
}

// Offer queues v (producer side). On overflow it cancels the inner, marks it
// done, reports ErrOverflow to the parent and returns false.
func (in *Inner[T]) Offer(v T) bool {
	q := in.q.Load()
	if q == nil {
		q = queue.NewSPSC[T](int(in.prefetch))
		in.q.Store(q)
	}
	if q.Offer(v) {
		return true
	}
	in.slot.Cancel()
	if !in.done.Swap(true) {
		in.parent.InnerError(ErrOverflow)
	}
	return false
}

// OnError marks the inner done and reports err to the parent.
func (in *Inner[T]) OnError(err error) {
	if in.done.Swap(true) {
		sluice.ErrorDropped(err)
		return
	}
	in.parent.InnerError(err)
}

// OnComplete marks the inner done and asks the parent to drain.
func (in *Inner[T]) OnComplete() {
	if in.done.Swap(true) {
		return
	}
	in.parent.Drain()
}

// Done reports whether the inner publisher terminated. Read Done before
// IsEmpty: a done inner whose queue is then empty has nothing more to give.
func (in *Inner[T]) Done() bool { return in.done.Load() }

// IsEmpty reports whether no element is queued.
func (in *Inner[T]) IsEmpty() bool {
	q := in.q.Load()
	return q == nil || q.IsEmpty()
}

// Len returns the number of queued elements (a snapshot).
func (in *Inner[T]) Len() int {
	if q := in.q.Load(); q != nil {
		return q.Len()
	}
	return 0
}

// Poll takes the oldest queued element (consumer side).
func (in *Inner[T]) Poll() (T, bool) {
	if q := in.q.Load(); q != nil {
		return q.Poll()
	}
	var zero T
	return zero, false
}

// Peek returns the oldest queued element without taking it.
func (in *Inner[T]) Peek() (T, bool) {
	if q := in.q.Load(); q != nil {
		return q.Peek()
	}
	var zero T
	return zero, false
}

// Produced records n consumed elements and replenishes the inner's demand
// once a batch is consumed (consumer side).
func (in *Inner[T]) Produced(n int64) {
	p := in.produced + n
	if p >= in.limit {
		in.produced = 0
		in.slot.Request(p)
		return
	}
	in.produced = p
}

// Request asks the inner publisher for n more elements directly.
func (in *Inner[T]) Request(n int64) { in.slot.Request(n) }

// Cancel cancels the inner subscription (now or when it arrives).
func (in *Inner[T]) Cancel() { in.slot.Cancel() }

// Cancelled reports whether Cancel was called.
func (in *Inner[T]) Cancelled() bool { return in.slot.Cancelled() }

// Clear drops the queued elements (consumer side).
func (in *Inner[T]) Clear() {
	if q := in.q.Load(); q != nil {
		q.Clear()
	}
}
