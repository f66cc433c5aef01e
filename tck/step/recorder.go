package step

import (
	"fmt"
	"sync"
	"sync/atomic"
	"time"

	"github.com/sluicego/sluice"
	"github.com/sluicego/sluice/internal/demand"
)

type kind uint8

const (
	kindSubscribe kind = iota
	kindNext
	kindError
	kindComplete
)

// signal is one recorded event.
type signal[T any] struct {
	kind kind
	v    T
	err  error
}

func (s signal[T]) String() string {
	switch s.kind {
	case kindSubscribe:
		return "onSubscribe()"
	case kindNext:
		return fmt.Sprintf("onNext(%v)", s.v)
	case kindError:
		return fmt.Sprintf("onError(%v)", s.err)
	default:
		return "onComplete()"
	}
}

// recorder is the subscriber the verifier subscribes: it queues every
// signal for the verification loop and notes protocol violations.
type recorder[T any] struct {
	initial int64

	sub       atomic.Pointer[subscriptionBox]
	requested atomic.Int64 // total demand signalled, saturating
	received  atomic.Int64 // elements received
	cancelled atomic.Bool

	mu         sync.Mutex
	queue      []signal[T]
	history    []signal[T]
	terminated bool
	violations []string
	notify     chan struct{}
}

type subscriptionBox struct{ s sluice.Subscription }

func newRecorder[T any](initial int64) *recorder[T] {
	return &recorder[T]{initial: initial, notify: make(chan struct{}, 1)}
}

func (r *recorder[T]) push(s signal[T]) {
	r.mu.Lock()
	if r.terminated {
		r.violations = append(r.violations, fmt.Sprintf("rule 1.7: %v after the terminal signal", s))
		r.mu.Unlock()
		return
	}
	if s.kind == kindError || s.kind == kindComplete {
		r.terminated = true
	}
	r.queue = append(r.queue, s)
	r.history = append(r.history, s)
	r.mu.Unlock()
	select {
	case r.notify <- struct{}{}:
	default:
	}
}

func (r *recorder[T]) violate(format string, args ...any) {
	r.mu.Lock()
	r.violations = append(r.violations, fmt.Sprintf(format, args...))
	r.mu.Unlock()
}

func (r *recorder[T]) OnSubscribe(s sluice.Subscription) {
	if s == nil {
		r.violate("rule 1.9: onSubscribe(nil)")
		return
	}
	if !r.sub.CompareAndSwap(nil, &subscriptionBox{s}) {
		r.violate("rule 2.5: a second onSubscribe (cancelled)")
		s.Cancel()
		return
	}
	r.push(signal[T]{kind: kindSubscribe})
	if r.initial > 0 {
		r.request(r.initial)
	}
}

func (r *recorder[T]) subscribed(what string) bool {
	if r.sub.Load() == nil {
		r.violate("rule 1.9: %s before onSubscribe", what)
		return false
	}
	return true
}

func (r *recorder[T]) OnNext(v T) {
	if !r.subscribed(fmt.Sprintf("onNext(%v)", v)) {
		return
	}
	n := r.received.Add(1)
	if req := r.requested.Load(); n > req && !r.cancelled.Load() {
		r.violate("rule 1.1: onNext(%v) is element %d but only %d were requested", v, n, req)
	}
	r.push(signal[T]{kind: kindNext, v: v})
}

func (r *recorder[T]) OnError(err error) {
	if !r.subscribed(fmt.Sprintf("onError(%v)", err)) {
		return
	}
	r.push(signal[T]{kind: kindError, err: err})
}

func (r *recorder[T]) OnComplete() {
	if !r.subscribed("onComplete()") {
		return
	}
	r.push(signal[T]{kind: kindComplete})
}

// request adds n to the recorded demand, then forwards it.
func (r *recorder[T]) request(n int64) {
	if n > 0 {
		demand.AddAtomic(&r.requested, n)
	}
	if b := r.sub.Load(); b != nil {
		b.s.Request(n)
	}
}

func (r *recorder[T]) cancel() {
	r.cancelled.Store(true)
	if b := r.sub.Load(); b != nil {
		b.s.Cancel()
	}
}

// next waits until deadline for the next signal.
func (r *recorder[T]) next(deadline time.Time) (signal[T], bool) {
	for {
		if s, ok := r.poll(); ok {
			return s, true
		}
		d := time.Until(deadline)
		if d <= 0 {
			return signal[T]{}, false
		}
		tm := time.NewTimer(d)
		select {
		case <-r.notify:
			tm.Stop()
		case <-tm.C:
		}
	}
}

func (r *recorder[T]) poll() (signal[T], bool) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if len(r.queue) == 0 {
		return signal[T]{}, false
	}
	s := r.queue[0]
	var zero signal[T]
	r.queue[0] = zero
	r.queue = r.queue[1:]
	return s, true
}

// peek returns the next signal without consuming it.
func (r *recorder[T]) peek(deadline time.Time) (signal[T], bool) {
	for {
		r.mu.Lock()
		if len(r.queue) > 0 {
			s := r.queue[0]
			r.mu.Unlock()
			return s, true
		}
		r.mu.Unlock()
		d := time.Until(deadline)
		if d <= 0 {
			return signal[T]{}, false
		}
		tm := time.NewTimer(d)
		select {
		case <-r.notify:
			tm.Stop()
		case <-tm.C:
		}
	}
}

func (r *recorder[T]) snapshot() (history []signal[T], violations []string, terminated bool) {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]signal[T](nil), r.history...), append([]string(nil), r.violations...), r.terminated
}
