package operators

import (
	"sync"

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
	r := a.requested
	a.mu.Unlock()
	if r > 0 {
		s.Request(r)
	}
}
