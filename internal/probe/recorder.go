// Package probe holds the test publishers and the recording subscriber that
// the tests of sluice's asynchronous and combining operators use: a recorder
// that checks the Reactive Streams rules it can see (serial signals, no more
// elements than requested, one terminal), sources that count the demand they
// receive, sources that never end, and sources that emit from their own
// goroutine.
package probe

import (
	"context"
	"fmt"
	"sync"
	"sync/atomic"
	"time"

	"github.com/sluicego/sluice"
	"github.com/sluicego/sluice/internal/demand"
)

// Recorder is a Subscriber that records every signal and the rule
// violations it can detect. It is safe to read from any goroutine.
type Recorder[T any] struct {
	mu         sync.Mutex
	values     []T
	err        error
	completed  bool
	requested  int64
	violations []string
	sub        sluice.Subscription
	done       chan struct{}
	initial    int64
	inFlight   atomic.Int32
	// OnNextHook, when set before subscribing, runs after each element is
	// recorded, on the signalling goroutine (to request or cancel from
	// inside OnNext).
	OnNextHook func(r *Recorder[T], v T)
}

// NewRecorder returns a recorder that requests initial in OnSubscribe
// (nothing when initial <= 0).
func NewRecorder[T any](initial int64) *Recorder[T] {
	return &Recorder[T]{initial: initial, done: make(chan struct{})}
}

func (r *Recorder[T]) enter(what string) {
	if r.inFlight.Add(1) != 1 {
		r.violate("concurrent signal: " + what)
	}
}

func (r *Recorder[T]) leave() { r.inFlight.Add(-1) }

func (r *Recorder[T]) violate(s string) {
	r.mu.Lock()
	r.violations = append(r.violations, s)
	r.mu.Unlock()
}

// OnSubscribe stores s and requests the initial demand.
func (r *Recorder[T]) OnSubscribe(s sluice.Subscription) {
	r.enter("OnSubscribe")
	r.mu.Lock()
	if r.sub != nil {
		r.mu.Unlock()
		r.violate("second OnSubscribe")
		s.Cancel()
		r.leave()
		return
	}
	r.sub = s
	r.mu.Unlock()
	r.leave()
	if r.initial > 0 {
		r.Request(r.initial)
	}
}

// OnNext records v.
func (r *Recorder[T]) OnNext(v T) {
	r.enter("OnNext")
	r.mu.Lock()
	term := r.err != nil || r.completed
	r.values = append(r.values, v)
	over := int64(len(r.values)) > r.requested
	r.mu.Unlock()
	if term {
		r.violate(fmt.Sprintf("OnNext(%v) after terminal", v))
	}
	if over {
		r.violate(fmt.Sprintf("OnNext(%v) beyond demand", v))
	}
	r.leave()
	if h := r.OnNextHook; h != nil {
		h(r, v)
	}
}

// OnError records err.
func (r *Recorder[T]) OnError(err error) { r.terminal(err) }

// OnComplete records completion.
func (r *Recorder[T]) OnComplete() { r.terminal(nil) }

func (r *Recorder[T]) terminal(err error) {
	r.enter("terminal")
	r.mu.Lock()
	if r.err != nil || r.completed {
		r.mu.Unlock()
		r.violate(fmt.Sprintf("second terminal signal (err=%v)", err))
		r.leave()
		return
	}
	if err != nil {
		r.err = err
	} else {
		r.completed = true
	}
	r.mu.Unlock()
	close(r.done)
	r.leave()
}

// Request asks for n more elements (counting them first, so an element that
// arrives synchronously is paid for).
func (r *Recorder[T]) Request(n int64) {
	r.mu.Lock()
	if n > 0 {
		r.requested = demand.Add(r.requested, n)
	}
	s := r.sub
	r.mu.Unlock()
	if s != nil {
		s.Request(n)
	}
}

// Cancel cancels the subscription.
func (r *Recorder[T]) Cancel() {
	r.mu.Lock()
	s := r.sub
	r.mu.Unlock()
	if s != nil {
		s.Cancel()
	}
}

// Values returns a copy of the elements received so far.
func (r *Recorder[T]) Values() []T {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]T(nil), r.values...)
}

// Len returns the number of elements received so far.
func (r *Recorder[T]) Len() int {
	r.mu.Lock()
	defer r.mu.Unlock()
	return len(r.values)
}

// Err returns the terminal error, if any.
func (r *Recorder[T]) Err() error {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.err
}

// Completed reports whether OnComplete arrived.
func (r *Recorder[T]) Completed() bool {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.completed
}

// Terminated reports whether a terminal signal arrived.
func (r *Recorder[T]) Terminated() bool {
	select {
	case <-r.done:
		return true
	default:
		return false
	}
}

// Done is closed by the terminal signal.
func (r *Recorder[T]) Done() <-chan struct{} { return r.done }

// Await waits for the terminal signal for at most d and reports whether it
// came.
func (r *Recorder[T]) Await(d time.Duration) bool {
	ctx, cancel := context.WithTimeout(context.Background(), d)
	defer cancel()
	select {
	case <-r.done:
		return true
	case <-ctx.Done():
		return false
	}
}

// Violations returns the rule violations seen.
func (r *Recorder[T]) Violations() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]string(nil), r.violations...)
}
