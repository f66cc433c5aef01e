package tck

import (
	"fmt"
	"sync"
	"sync/atomic"
	"time"
)

// latch is a one-shot event.
type latch struct {
	once sync.Once
	ch   chan struct{}
}

func newLatch() *latch { return &latch{ch: make(chan struct{})} }

func (l *latch) close() { l.once.Do(func() { close(l.ch) }) }

func (l *latch) isClosed() bool {
	select {
	case <-l.ch:
		return true
	default:
		return false
	}
}

// expectClose waits up to d for the latch, failing the test otherwise.
func (l *latch) expectClose(e *env, d time.Duration, format string, args ...any) {
	tm := time.NewTimer(d)
	defer tm.Stop()
	select {
	case <-l.ch:
	case <-tm.C:
		e.fail("%s (waited %v)", fmt.Sprintf(format, args...), d)
	}
}

// promise is a single-assignment value whose completion is visible
// synchronously to the goroutine that completed it.
type promise[V any] struct {
	e    *env
	what string
	set  atomic.Bool
	v    V
	done *latch
}

func newPromise[V any](e *env, what string) *promise[V] {
	return &promise[V]{e: e, what: what, done: newLatch()}
}

// complete assigns v; a second completion records a failure and reports false.
func (p *promise[V]) complete(v V) bool {
	if !p.set.CompareAndSwap(false, true) {
		p.e.flop("%s: completed twice", p.what)
		return false
	}
	p.v = v
	p.done.close()
	return true
}

func (p *promise[V]) isCompleted() bool { return p.done.isClosed() }

// value returns the value, or the zero value and false before completion.
func (p *promise[V]) value() (V, bool) {
	if !p.done.isClosed() {
		var zero V
		return zero, false
	}
	return p.v, true
}

func (p *promise[V]) expectCompletion(d time.Duration, format string, args ...any) V {
	p.done.expectClose(p.e, d, format, args...)
	return p.v
}

// item is an element or the end-of-stream marker.
type item[V any] struct {
	v   V
	end bool
}

func (it item[V]) String() string {
	if it.end {
		return "end-of-stream"
	}
	return fmt.Sprintf("element [%v]", it.v)
}

// receptacleCap bounds every recording queue (2 × TEST_BUFFER_SIZE).
const receptacleCap = 32

// receptacle is a bounded queue of elements plus an end-of-stream marker.
type receptacle[V any] struct {
	e         *env
	ch        chan item[V]
	completed atomic.Bool
}

func newReceptacle[V any](e *env) *receptacle[V] {
	return &receptacle[V]{e: e, ch: make(chan item[V], receptacleCap)}
}

// add records v; it never blocks the caller.
func (r *receptacle[V]) add(v V) {
	if r.completed.Load() {
		r.e.flop("received element [%v] after end-of-stream (rule 1.7)", v)
		return
	}
	select {
	case r.ch <- item[V]{v: v}:
	default:
		r.e.flop("received element [%v] but the TCK's %d-slot buffer is full: the publisher probably emitted more than requested (rule 1.1)", v, receptacleCap)
	}
}

func (r *receptacle[V]) complete() {
	if !r.completed.CompareAndSwap(false, true) {
		r.e.flop("received end-of-stream twice (rule 1.7)")
		return
	}
	select {
	case r.ch <- item[V]{end: true}:
	default:
		r.e.flop("received end-of-stream but the TCK's buffer is full")
	}
}

func (r *receptacle[V]) poll(d time.Duration) (item[V], bool) {
	tm := time.NewTimer(d)
	defer tm.Stop()
	select {
	case it := <-r.ch:
		return it, true
	case <-tm.C:
		return item[V]{}, false
	}
}

// next returns the next element, failing on timeout or end-of-stream.
func (r *receptacle[V]) next(d time.Duration, msg string) V {
	it, ok := r.poll(d)
	if !ok {
		r.e.fail("%s within %v", msg, d)
	}
	if it.end {
		r.e.fail("%s but got end-of-stream", msg)
	}
	return it.v
}

// nextN returns n elements under one overall deadline.
func (r *receptacle[V]) nextN(n int, d time.Duration, msg string) []V {
	deadline := time.Now().Add(d)
	out := make([]V, 0, n)
	for len(out) < n {
		it, ok := r.poll(max(time.Until(deadline), 0))
		if !ok {
			r.e.fail("%s: got %d of %d elements within %v", msg, len(out), n, d)
		}
		if it.end {
			r.e.fail("%s: got end-of-stream after %d of %d elements", msg, len(out), n)
		}
		out = append(out, it.v)
	}
	return out
}

// nextOrEnd returns the next element or (zero, true) for end-of-stream.
func (r *receptacle[V]) nextOrEnd(d time.Duration, msg string) (V, bool) {
	it, ok := r.poll(d)
	if !ok {
		r.e.fail("%s within %v", msg, d)
	}
	return it.v, it.end
}

// expectCompletion requires the next item to be end-of-stream.
func (r *receptacle[V]) expectCompletion(d time.Duration, msg string) {
	it, ok := r.poll(d)
	if !ok {
		r.e.fail("%s: no end-of-stream within %v", msg, d)
	}
	if !it.end {
		r.e.fail("%s: expected end-of-stream but got element [%v]", msg, it.v)
	}
}

// expectNone waits d, then records a failure if anything arrived.
func (r *receptacle[V]) expectNone(d time.Duration, msg string) {
	r.e.wait(d)
	select {
	case it := <-r.ch:
		r.e.flop("%s: expected no signal but got %v", msg, it)
	default:
	}
}

// drainCount removes everything present and returns how many items it was.
func (r *receptacle[V]) drainCount() int {
	n := 0
	for {
		select {
		case <-r.ch:
			n++
		default:
			return n
		}
	}
}
