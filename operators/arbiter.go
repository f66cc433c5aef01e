package operators

import (
	"errors"
	"sync"
	"sync/atomic"

	"github.com/sluicego/sluice"
	"github.com/sluicego/sluice/internal/demand"
)

// arbiter is the subscription handed downstream by operators that switch
// from one upstream to the next (Concat, Retry, Repeat, SwitchIfEmpty,
// OnErrorResume, Mono FlatMap): it keeps the outstanding demand and
// requests it from each new upstream. produced is counted on the signal
// side, without the lock, and settled at each switch.
type arbiter struct {
	mu        sync.Mutex
	requested int64
	cur       sluice.Subscription
	cancelled bool
	produced  int64
	// bad records an invalid Request: the error it causes upstream must
	// reach the downstream as is, not be handled as an upstream failure
	// (retried, resumed, materialized). invalid keeps it until an upstream
	// is set.
	bad     atomic.Bool
	invalid int64
}

// Request adds demand and forwards it to the current upstream.
func (a *arbiter) Request(n int64) {
	a.mu.Lock()
	if a.cancelled {
		a.mu.Unlock()
		return
	}
	if n > 0 {
		a.requested = demand.Add(a.requested, n)
	} else {
		a.bad.Store(true)
		if a.cur == nil {
			a.invalid = n - 1 // never 0
		}
	}
	cur := a.cur
	a.mu.Unlock()
	if cur != nil {
		cur.Request(n)
	}
}

// Cancel cancels the current upstream and every later one.
func (a *arbiter) Cancel() {
	a.mu.Lock()
	if a.cancelled {
		a.mu.Unlock()
		return
	}
	a.cancelled = true
	cur := a.cur
	a.mu.Unlock()
	if cur != nil {
		cur.Cancel()
	}
}

func (a *arbiter) isCancelled() bool {
	a.mu.Lock()
	defer a.mu.Unlock()
	return a.cancelled
}

// set switches to upstream s and requests the outstanding demand from it.
func (a *arbiter) set(s sluice.Subscription) {
	a.mu.Lock()
	if a.cancelled {
		a.mu.Unlock()
		s.Cancel()
		return
	}
	if a.requested != sluice.Unbounded {
		a.requested = max(a.requested-a.produced, 0)
	}
	a.produced = 0
	a.cur = s
	r, inv := a.requested, a.invalid
	a.invalid = 0
	a.mu.Unlock()
	if inv != 0 {
		s.Request(inv + 1)
	}
	if r > 0 {
		s.Request(r)
	}
}

// badRequestError reports whether err is the consequence of an invalid
// Request made through this arbiter.
func (a *arbiter) badRequestError(err error) bool {
	return a.bad.Load() && errors.Is(err, sluice.ErrInvalidDemand)
}
