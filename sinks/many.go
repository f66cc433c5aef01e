package sinks

import (
	"fmt"

	"github.com/sluicego/sluice"
	"github.com/sluicego/sluice/flux"
)

// Many is a sink of 0..N elements with any number of subscribers (exactly
// one for Unicast). Create one with Unicast, Multicast, MulticastBestEffort,
// ReplayAll, ReplayLimit or ReplayLatest; they differ in how they buffer and
// whose demand they honour.
//
// All methods are safe for concurrent use. Concurrent emissions are
// serialized: every subscriber sees the accepted elements in the same order.
//
// Many is also a sluice.Processor: subscribed to an upstream publisher, it
// relays the upstream's signals (elements the sink refuses go to
// sluice.NextDropped) and requests from it what its subscribers' demand or its
// buffer allows. When its last subscriber cancels, it cancels the upstream
// and, like a sink whose consumers left, refuses further emissions with
// EmitFailCancelled (except a Multicast created with KeepAlive).
type Many[T any] struct {
	base[T]
	kind kind[T]
}

// kind is what distinguishes the many-sinks. Every method runs with the
// sink's lock held.
type kind[T any] interface {
	// admit may refuse a subscriber before OnSubscribe.
	admit(m *Many[T]) error
	// join prepares a subscriber that is about to be listed.
	join(m *Many[T], i *inner[T])
	// next offers an element to a live sink. It returns the number of
	// subscribers that missed an accepted element.
	next(m *Many[T], v T) (EmitResult, int)
	// dispatch moves what can be moved to the subscribers, finishes those
	// that reached the end, and updates the upstream demand.
	dispatch(m *Many[T])
	// removed reacts to a subscriber leaving; listed says whether it was
	// in the subscriber list.
	removed(m *Many[T], i *inner[T], listed bool)
	// eagerError makes an upstream error overtake what the current
	// subscribers have not received yet (rule 4.2); it returns the
	// elements discarded for good.
	eagerError(m *Many[T]) []T
	// overflowIsError says whether an upstream element refused with
	// EmitFailOverflow is a protocol violation (the sink asked for no more
	// than it can hold) rather than an expected drop.
	overflowIsError() bool
}

var _ sluice.Processor[int, int] = (*Many[int])(nil)

// terminalErr is the error a subscriber of a terminated or cancelled sink
// ends with (nil for completion).
func (m *Many[T]) terminalErr() error {
	if m.cancelled && !m.done {
		return ErrCancelled
	}
	return m.err
}

// Subscribe registers s. It panics with an error wrapping
// sluice.ErrNilSubscriber if s is nil.
func (m *Many[T]) Subscribe(s sluice.Subscriber[T]) {
	checkSubscriber(s)
	m.mu.Lock()
	if err := m.kind.admit(m); err != nil {
		m.mu.Unlock()
		reject(s, err)
		return
	}
	m.mu.Unlock()
	i := newInner(s, hub[T](m))
	s.OnSubscribe(i)
	m.mu.Lock()
	if !i.active() {
		// Cancelled (or failed) inside OnSubscribe: remove has run.
		m.mu.Unlock()
		return
	}
	m.kind.join(m, i)
	snap := []*inner[T]{i}
	if !i.done.Load() {
		m.addLocked(i)
		snap = m.subs
		m.kind.dispatch(m)
	}
	m.mu.Unlock()
	m.after(snap)
}

// Flux returns a Flux view of the sink for consumers.
func (m *Many[T]) Flux() flux.Flux[T] { return flux.From[T](m) }

// CurrentSubscriberCount returns the number of subscribers that have not
// cancelled or terminated.
func (m *Many[T]) CurrentSubscriberCount() int { return m.count() }

// TryEmitNext offers v to the sink and reports the outcome.
func (m *Many[T]) TryEmitNext(v T) EmitResult {
	r, _ := m.emitNext(v, false)
	return r
}

func (m *Many[T]) emitNext(v T, fromUpstream bool) (EmitResult, int) {
	m.mu.Lock()
	if fromUpstream {
		m.receivedLocked()
	}
	if m.done {
		m.mu.Unlock()
		return EmitFailTerminated, 0
	}
	if m.cancelled {
		m.mu.Unlock()
		return EmitFailCancelled, 0
	}
	r, missed := m.kind.next(m, v)
	if r != EmitOK {
		m.mu.Unlock()
		return r, 0
	}
	snap := m.subs
	m.kind.dispatch(m)
	m.mu.Unlock()
	m.after(snap)
	for range missed {
		sluice.NextDropped(v)
	}
	return EmitOK, missed
}

// TryEmitComplete completes the sink: subscribers receive OnComplete after
// the elements already accepted.
func (m *Many[T]) TryEmitComplete() EmitResult { return m.terminate(nil, false, false) }

// TryEmitError fails the sink: subscribers receive OnError(err) after the
// elements already accepted (an accepted element is never discarded). It
// panics if err is nil.
func (m *Many[T]) TryEmitError(err error) EmitResult {
	checkError(err)
	return m.terminate(err, false, false)
}

func (m *Many[T]) terminate(err error, fromUpstream, eager bool) EmitResult {
	m.mu.Lock()
	r := m.terminateLocked(err, fromUpstream)
	if r != EmitOK {
		m.mu.Unlock()
		return r
	}
	var discarded []T
	if eager {
		discarded = m.kind.eagerError(m)
	}
	snap := m.subs
	m.kind.dispatch(m)
	m.mu.Unlock()
	m.after(snap)
	for _, v := range discarded {
		sluice.NextDropped(v)
	}
	return EmitOK
}

func (m *Many[T]) request(*inner[T]) {
	m.mu.Lock()
	snap := m.subs
	m.kind.dispatch(m)
	m.mu.Unlock()
	m.after(snap)
}

func (m *Many[T]) remove(i *inner[T]) {
	m.mu.Lock()
	listed := m.removeLocked(i)
	m.kind.removed(m, i, listed)
	snap := m.subs
	m.kind.dispatch(m)
	m.mu.Unlock()
	m.after(snap)
}

// OnSubscribe attaches the upstream subscription. A second upstream, or one
// that arrives after the sink terminated or was cancelled, is cancelled. It
// panics if s is nil.
func (m *Many[T]) OnSubscribe(s sluice.Subscription) {
	m.mu.Lock()
	ok := m.attachLocked(s)
	if ok {
		m.kind.dispatch(m)
	}
	m.mu.Unlock()
	if !ok {
		s.Cancel()
		return
	}
	m.drainUp()
}

// OnNext relays an upstream element. An element the sink refuses goes to
// sluice.NextDropped; one that overflows a buffer the sink sized its requests
// to fails the sink with an error wrapping ErrOverflow.
func (m *Many[T]) OnNext(v T) {
	r, _ := m.emitNext(v, true)
	switch {
	case r == EmitOK:
	case r == EmitFailOverflow && m.kind.overflowIsError():
		sluice.NextDropped(v)
		m.terminate(fmt.Errorf("%w: upstream emitted more than requested", ErrOverflow), false, true)
	default:
		sluice.NextDropped(v)
	}
}

// OnError relays the upstream's error at once (rule 4.2): unlike
// TryEmitError, it does not wait behind elements the subscribers have not
// requested yet. Buffered elements it discards go to sluice.NextDropped; a
// replay sink keeps its history for later subscribers. If the sink already
// ended, the error goes to sluice.ErrorDropped. It panics if err is nil.
func (m *Many[T]) OnError(err error) {
	if err == nil {
		panic(fmt.Errorf("sinks: OnError: %w", sluice.ErrNilError))
	}
	if m.terminate(err, true, true) != EmitOK {
		sluice.ErrorDropped(err)
	}
}

// OnComplete relays the upstream's completion.
func (m *Many[T]) OnComplete() { m.terminate(nil, true, false) }
