package operators

import (
	"sync"

	"github.com/sluicego/sluice"
	"github.com/sluicego/sluice/internal/demand"
)

// deferredSub stands for an upstream subscription that may arrive after the
// downstream started requesting or cancelling: demand is kept until it is
// set, a cancel before it arrives cancels it on arrival.
type deferredSub struct {
	mu        sync.Mutex
	s         sluice.Subscription
	pending   int64
	invalid   int64
	cancelled bool
}

func (d *deferredSub) Request(n int64) {
	d.mu.Lock()
	if d.cancelled {
		d.mu.Unlock()
		return
	}
	if d.s == nil {
		if n > 0 {
			d.pending = demand.Add(d.pending, n)
		} else if d.invalid == 0 {
			d.invalid = n - 1 // never 0: remembered as "an invalid request came"
		}
		d.mu.Unlock()
		return
	}
	s := d.s
	d.mu.Unlock()
	s.Request(n)
}

func (d *deferredSub) Cancel() {
	d.mu.Lock()
	if d.cancelled {
		d.mu.Unlock()
		return
	}
	d.cancelled = true
	s := d.s
	d.mu.Unlock()
	if s != nil {
		s.Cancel()
	}
}

// set installs the upstream subscription and passes on what was asked of
// it meanwhile.
func (d *deferredSub) set(s sluice.Subscription) {
	d.mu.Lock()
	if d.cancelled || d.s != nil {
		d.mu.Unlock()
		s.Cancel()
		return
	}
	d.s = s
	p, inv := d.pending, d.invalid
	d.mu.Unlock()
	if inv != 0 {
		s.Request(inv + 1)
	}
	if p > 0 {
		s.Request(p)
	}
}
