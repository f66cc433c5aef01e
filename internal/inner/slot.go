// Package inner holds the pieces that sluice's combining operators (flatMap,
// concatMap, merge, zip, switchMap, ...) share: a once-settable subscription
// slot that can be cancelled before the subscription arrives, a deferred slot
// that also remembers requests made before then, and a prefetching inner
// subscriber that buffers an inner publisher's elements in a bounded queue
// with batched replenishment.
package inner

import (
	"errors"
	"sync/atomic"

	"github.com/sluicego/sluice"
	"github.com/sluicego/sluice/internal/demand"
)

// ErrDuplicateSubscription is reported to the dropped-error hook when a
// subscriber receives a second OnSubscribe (rule 2.5); the second
// subscription is cancelled.
var ErrDuplicateSubscription = errors.New("rule 2.5: subscription already set")

type box struct{ s sluice.Subscription }

var cancelledBox = &box{}

// Slot holds at most one Subscription for its whole life. Cancel may come
// before the subscription: the subscription is then cancelled as soon as it
// is set. The zero Slot is empty and ready to use.
type Slot struct {
	p atomic.Pointer[box]
}

// Set stores s and reports true, unless the slot was cancelled or already
// holds a subscription; then s is cancelled and Set reports false.
func (sl *Slot) Set(s sluice.Subscription) bool {
	if s == nil {
		panic(sluice.ErrNilSubscription)
	}
	if sl.p.CompareAndSwap(nil, &box{s: s}) {
		return true
	}
	s.Cancel()
	if sl.p.Load() != cancelledBox {
		sluice.ErrorDropped(ErrDuplicateSubscription)
	}
	return false
}

// Get returns the subscription, or nil before Set and after Cancel.
func (sl *Slot) Get() sluice.Subscription {
	b := sl.p.Load()
	if b == nil || b == cancelledBox {
		return nil
	}
	return b.s
}

// Request forwards n to the subscription if there is one.
func (sl *Slot) Request(n int64) {
	if s := sl.Get(); s != nil {
		s.Request(n)
	}
}

// Cancel cancels the held subscription (now or when it arrives). It reports
// whether this call was the first to cancel.
func (sl *Slot) Cancel() bool {
	b := sl.p.Swap(cancelledBox)
	if b == cancelledBox {
		return false
	}
	if b != nil {
		b.s.Cancel()
	}
	return true
}

// Cancelled reports whether Cancel was called.
func (sl *Slot) Cancelled() bool { return sl.p.Load() == cancelledBox }

// Deferred is a Slot that also accumulates the demand requested before the
// subscription arrives and hands it over on Set.
type Deferred struct {
	Slot
	pending atomic.Int64
}

// Set stores s as Slot.Set does and then requests the pending demand.
func (d *Deferred) Set(s sluice.Subscription) bool {
	if !d.Slot.Set(s) {
		return false
	}
	if r := d.pending.Swap(0); r > 0 {
		s.Request(r)
	}
	return true
}

// Request forwards n to the subscription, or remembers it until Set. n must
// be positive; validation is the caller's job.
func (d *Deferred) Request(n int64) {
	if s := d.Get(); s != nil {
		s.Request(n)
		return
	}
	demand.AddAtomic(&d.pending, n)
	if s := d.Get(); s != nil {
		if r := d.pending.Swap(0); r > 0 {
			s.Request(r)
		}
	}
}

// Noop is a Subscription that ignores every call, for publishers that
// terminate right after OnSubscribe.
type Noop struct{}

// Request does nothing.
func (Noop) Request(int64) {}

// Cancel does nothing.
func (Noop) Cancel() {}
