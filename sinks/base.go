package sinks

import (
	"fmt"
	"sync"

	"github.com/sluicego/sluice"
	"github.com/sluicego/sluice/internal/demand"
)

// base is the state every sink shares: the lock that serializes emission,
// the subscriber list, the terminal state and the upstream subscription of a
// sink used as a Processor.
type base[T any] struct {
	mu sync.Mutex
	// subs is copy-on-write: a slice is never modified once published, so
	// a snapshot taken under mu may be iterated after mu is released.
	subs      []*inner[T]
	done      bool
	err       error
	cancelled bool

	// Upstream (Processor) state, guarded by mu. Calls to the upstream
	// subscription are made by drainUp only, so they are serial (rule 2.7).
	upSub         sluice.Subscription
	upSeen        bool
	upOutstanding int64 // requested from upstream, not yet received
	upPending     int64 // to request on the next drainUp pass
	upCancel      bool  // cancel on the next drainUp pass
	upWip         demand.WIP
}

func (b *base[T]) count() int {
	b.mu.Lock()
	defer b.mu.Unlock()
	return len(b.subs)
}

// addLocked publishes a new subscriber list with i appended.
func (b *base[T]) addLocked(i *inner[T]) {
	n := make([]*inner[T], len(b.subs)+1)
	copy(n, b.subs)
	n[len(b.subs)] = i
	b.subs = n
}

// removeLocked publishes a new subscriber list without i and reports whether
// i was there.
func (b *base[T]) removeLocked(i *inner[T]) bool {
	for k, s := range b.subs {
		if s == i {
			n := make([]*inner[T], 0, len(b.subs)-1)
			n = append(n, b.subs[:k]...)
			b.subs = append(n, b.subs[k+1:]...)
			return true
		}
	}
	return false
}

// pruneLocked publishes a subscriber list without the subscribers that
// reached their end.
func (b *base[T]) pruneLocked() {
	keep := 0
	for _, s := range b.subs {
		if !s.done.Load() && s.active() {
			keep++
		}
	}
	if keep == len(b.subs) {
		return
	}
	n := make([]*inner[T], 0, keep)
	for _, s := range b.subs {
		if !s.done.Load() && s.active() {
			n = append(n, s)
		}
	}
	b.subs = n
}

// terminateLocked records the terminal signal. It reports false if the sink
// had already terminated or been cancelled. A manual termination cancels an
// attached upstream.
func (b *base[T]) terminateLocked(err error, fromUpstream bool) EmitResult {
	if b.done {
		return EmitFailTerminated
	}
	if b.cancelled {
		return EmitFailCancelled
	}
	b.done = true
	b.err = err
	if fromUpstream {
		b.upSub = nil // rule 2.3/2.4: never call it again
	} else if b.upSub != nil {
		b.upCancel = true
	}
	return EmitOK
}

// cancelUpstreamLocked asks drainUp to cancel the upstream, if any.
func (b *base[T]) cancelUpstreamLocked() {
	if b.upSub != nil {
		b.upCancel = true
	}
}

// attachLocked accepts s as the upstream unless the sink already has one or
// has ended; the caller cancels s when it returns false (rule 2.5).
func (b *base[T]) attachLocked(s sluice.Subscription) bool {
	if s == nil {
		panic(fmt.Errorf("sinks: OnSubscribe: %w", sluice.ErrNilSubscription))
	}
	if b.upSeen || b.done || b.cancelled {
		return false
	}
	b.upSeen = true
	b.upSub = s
	return true
}

// receivedLocked accounts for one element delivered by the upstream.
func (b *base[T]) receivedLocked() {
	if b.upOutstanding != demand.Unbounded && b.upOutstanding > 0 {
		b.upOutstanding--
	}
}

// wantLocked makes sure that want elements are outstanding upstream,
// requesting the difference once it reaches batch (or when nothing is
// outstanding).
func (b *base[T]) wantLocked(want, batch int64) {
	if b.upSub == nil || b.done || b.upOutstanding == demand.Unbounded || want <= b.upOutstanding {
		return
	}
	r := want - b.upOutstanding
	if want == demand.Unbounded {
		r = demand.Unbounded
	} else if r < batch && b.upOutstanding > 0 {
		return
	}
	b.upOutstanding = want
	b.upPending = demand.Add(b.upPending, r)
}

// maxCreditLocked returns the largest outstanding demand of the subscribers.
func (b *base[T]) maxCreditLocked() int64 {
	var m int64
	for _, s := range b.subs {
		if c := s.credit.Load(); c > m {
			m = c
		}
	}
	return m
}

// after runs, with mu released, the work a locked section scheduled: the
// drain loops of the subscribers in snap and the upstream calls.
func (b *base[T]) after(snap []*inner[T]) {
	for _, s := range snap {
		s.drain()
	}
	b.drainUp()
}

func (b *base[T]) drainUp() {
	if !b.upWip.Enter() {
		return
	}
	missed := int32(1)
	for {
		b.mu.Lock()
		s, cancel, n := b.upSub, b.upCancel, b.upPending
		b.upPending = 0
		if cancel {
			b.upSub, b.upCancel = nil, false
		}
		b.mu.Unlock()
		if s != nil {
			if cancel {
				s.Cancel()
			} else if n > 0 {
				s.Request(n)
			}
		}
		if missed = b.upWip.Leave(missed); missed == 0 {
			return
		}
	}
}

func checkSubscriber[T any](s sluice.Subscriber[T]) {
	if s == nil {
		panic(fmt.Errorf("sinks: Subscribe: %w", sluice.ErrNilSubscriber))
	}
}

func checkError(err error) {
	if err == nil {
		panic(fmt.Errorf("sinks: TryEmitError: %w", sluice.ErrNilError))
	}
}
