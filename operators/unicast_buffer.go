package operators

import (
	"fmt"
	"sync/atomic"

	"github.com/sluicego/sluice"
	"github.com/sluicego/sluice/internal/demand"
	"github.com/sluicego/sluice/internal/inner"
)

// States of a unicastBuffer's single subscription.
const (
	unicastFresh int32 = iota
	unicastSubscribed
	unicastAbandoned
)

// unicastBuffer is the inner publisher of GroupBy, Window and WindowTime: a
// producer pushes elements and a terminal signal into q from the signal
// side, they wait there until the only subscriber arrives, and a drain loop
// then emits them under that subscriber's demand. The buffer holds one
// reference on its source, given back through parent.release once, when the
// producer ends it or the subscriber cancels.
type unicastBuffer[T any] struct {
	q      windowBuf[T]
	parent interface{ release() }
	// name prefixes the overflow error (src sent more than q holds).
	name string
	// consumed, when set, is told how many elements left q, delivered or
	// dropped, so that the producer can replenish its source; elements
	// dropped from q then also go to sluice.NextDropped. When nil, dropped
	// elements are discarded silently.
	consumed func(n int64)
	// abandonedErr ends a subscriber that arrives after abandon.
	abandonedErr error

	down      atomic.Pointer[sluice.Subscriber[T]]
	state     atomic.Int32 // unicastFresh, unicastSubscribed or unicastAbandoned
	wip       demand.WIP
	requested atomic.Int64
	cancelled atomic.Bool
	released  atomic.Bool
	done      atomic.Bool
	err       error // written before done
	fatal     inner.Errors
}

// Subscribe subscribes the buffer's only subscriber.
func (u *unicastBuffer[T]) Subscribe(s sluice.Subscriber[T]) {
	checkSubscriber(s)
	if !u.state.CompareAndSwap(unicastFresh, unicastSubscribed) {
		if u.state.Load() == unicastAbandoned {
			errorNow(s, u.abandonedErr)
		} else {
			errorNow(s, sluice.ErrAlreadySubscribed)
		}
		return
	}
	s.OnSubscribe(u)
	u.down.Store(&s)
	u.drain()
}

// push queues v (signal side).
func (u *unicastBuffer[T]) push(v T) {
	if u.cancelled.Load() {
		sluice.NextDropped(v)
		u.report(1)
		return
	}
	if !u.q.Offer(v) { // src sent more than it was asked for
		sluice.NextDropped(v)
		u.fatal.SetFirst(fmt.Errorf("%s: %w", u.name, ErrOverflow))
	}
	u.drain()
}

// end closes the buffer from the signal side.
func (u *unicastBuffer[T]) end(err error) {
	u.err = err
	u.done.Store(true)
	u.let()
	u.drain()
}

// let gives the buffer's reference on the source back, once.
func (u *unicastBuffer[T]) let() {
	if !u.released.Swap(true) {
		u.parent.release()
	}
}

// abandon drops the buffer unless it has been subscribed.
func (u *unicastBuffer[T]) abandon() {
	if u.state.CompareAndSwap(unicastFresh, unicastAbandoned) {
		u.Cancel()
	}
}

func (u *unicastBuffer[T]) report(n int64) {
	if u.consumed != nil && n != 0 {
		u.consumed(n)
	}
}

func (u *unicastBuffer[T]) Request(n int64) {
	if u.cancelled.Load() {
		return
	}
	if n <= 0 {
		u.fatal.SetFirst(demand.Invalid(n))
	} else {
		demand.AddAtomic(&u.requested, n)
	}
	u.drain()
}

func (u *unicastBuffer[T]) Cancel() {
	if u.cancelled.Swap(true) {
		return
	}
	u.let()
	u.drain()
}

// clear drops the queued elements.
func (u *unicastBuffer[T]) clear() {
	if u.consumed == nil {
		u.q.Clear()
		return
	}
	var n int64
	for v, ok := u.q.Poll(); ok; v, ok = u.q.Poll() {
		sluice.NextDropped(v)
		n++
	}
	u.report(n)
}

func (u *unicastBuffer[T]) drain() {
	if !u.wip.Enter() {
		return
	}
	missed := int32(1)
	for {
		// Once the buffer is over (cancelled, or its terminal signal sent)
		// the loop only drops what the producer still pushes into it.
		if u.cancelled.Load() {
			u.clear()
		} else if dp := u.down.Load(); dp != nil && u.drainOnce(*dp) {
			u.clear()
		}
		if missed = u.wip.Leave(missed); missed == 0 {
			return
		}
	}
}

// drainOnce emits what demand allows; true means the buffer is over.
func (u *unicastBuffer[T]) drainOnce(down sluice.Subscriber[T]) bool {
	r := u.requested.Load()
	var e int64
	defer func() { u.report(e) }()
	for {
		if u.cancelled.Load() {
			return true
		}
		if err := u.fatal.Load(); err != nil {
			u.cancelled.Store(true)
			u.let()
			down.OnError(err)
			return true
		}
		d := u.done.Load()
		empty := u.q.IsEmpty()
		if d && empty { // an error waits behind the buffered elements
			u.cancelled.Store(true)
			if u.err != nil {
				down.OnError(u.err)
			} else {
				down.OnComplete()
			}
			return true
		}
		if e == r || empty {
			break
		}
		v, _ := u.q.Poll()
		down.OnNext(v)
		e++
	}
	if e != 0 && r != sluice.Unbounded {
		u.requested.Add(-e)
	}
	return false
}
