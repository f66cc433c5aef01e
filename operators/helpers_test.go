package operators_test

import (
	"sync"
	"sync/atomic"

	"github.com/sluicego/sluice"
	"github.com/sluicego/sluice/internal/pull"
)

// TestMain (goleak) lives in main_test.go, shared by the package.

// rec is a recording subscriber with a demand policy.
type rec[T any] struct {
	mu        sync.Mutex
	sub       sluice.Subscription
	items     []T
	err       error
	completed bool
	terminals int

	initial     int64         // requested in OnSubscribe (0: none)
	perNext     int64         // requested after each element (0: none)
	cancelAfter int           // cancel after that many elements (0: never)
	onNext      func(*rec[T]) // optional extra behaviour after recording
}

func (r *rec[T]) OnSubscribe(s sluice.Subscription) {
	r.mu.Lock()
	r.sub = s
	r.mu.Unlock()
	if r.initial > 0 {
		s.Request(r.initial)
	}
}

func (r *rec[T]) OnNext(v T) {
	r.mu.Lock()
	r.items = append(r.items, v)
	n := len(r.items)
	r.mu.Unlock()
	if r.cancelAfter > 0 && n == r.cancelAfter {
		r.sub.Cancel()
		return
	}
	if r.onNext != nil {
		r.onNext(r)
	}
	if r.perNext > 0 {
		r.sub.Request(r.perNext)
	}
}

func (r *rec[T]) OnError(err error) {
	r.mu.Lock()
	r.err = err
	r.terminals++
	r.mu.Unlock()
}

func (r *rec[T]) OnComplete() {
	r.mu.Lock()
	r.completed = true
	r.terminals++
	r.mu.Unlock()
}

func (r *rec[T]) request(n int64) { r.sub.Request(n) }
func (r *rec[T]) cancel()         { r.sub.Cancel() }

func (r *rec[T]) values() []T {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]T(nil), r.items...)
}

// subscribe subscribes a recorder that requests initial at once and
// perNext after each element.
func subscribe[T any](p sluice.Publisher[T], initial, perNext int64) *rec[T] {
	r := &rec[T]{initial: initial, perNext: perNext}
	p.Subscribe(r)
	return r
}

// all subscribes with unbounded demand.
func all[T any](p sluice.Publisher[T]) *rec[T] { return subscribe(p, sluice.Unbounded, 0) }

// sliceSource is a non-fusable publisher of fixed items, optionally ending
// with an error, that counts the demand and cancellations it receives.
type sliceSource[T any] struct {
	items     []T
	err       error
	requested atomic.Int64
	requests  atomic.Int64
	cancelled atomic.Int64
	subs      atomic.Int64
}

func items[T any](vs ...T) *sliceSource[T] { return &sliceSource[T]{items: vs} }

func failing[T any](err error, vs ...T) *sliceSource[T] {
	return &sliceSource[T]{items: vs, err: err}
}

func ints(n int) *sliceSource[int] {
	vs := make([]int, n)
	for i := range vs {
		vs[i] = i
	}
	return items(vs...)
}

type sliceCursor[T any] struct {
	src *sliceSource[T]
	i   int
}

func (c *sliceCursor[T]) Next() (T, bool, error) {
	var zero T
	if c.i == len(c.src.items) {
		return zero, false, c.src.err
	}
	v := c.src.items[c.i]
	c.i++
	return v, true, nil
}

func (c *sliceCursor[T]) Exhausted() bool { return c.src.err == nil && c.i == len(c.src.items) }

func (s *sliceSource[T]) Subscribe(sub sluice.Subscriber[T]) {
	s.subs.Add(1)
	pull.Subscribe[T](&countingRelay[T]{Subscriber: sub, src: s}, &sliceCursor[T]{src: s})
}

func (s *sliceSource[T]) String() string { return "Items" }

// countingRelay hands the downstream a subscription that counts requests.
// It hides any conditional downstream on purpose: tests of the request(1)
// path go through it.
type countingRelay[T any] struct {
	sluice.Subscriber[T]
	src *sliceSource[T]
	up  sluice.Subscription
}

func (c *countingRelay[T]) OnSubscribe(s sluice.Subscription) {
	c.up = s
	c.Subscriber.OnSubscribe(c)
}

func (c *countingRelay[T]) Request(n int64) {
	c.src.requests.Add(1)
	if n > 0 {
		for {
			r := c.src.requested.Load()
			s := r + n
			if s < 0 {
				s = sluice.Unbounded
			}
			if c.src.requested.CompareAndSwap(r, s) {
				break
			}
		}
	}
	c.up.Request(n)
}

func (c *countingRelay[T]) Cancel() {
	c.src.cancelled.Add(1)
	c.up.Cancel()
}

// seqOf is a fusable source built on a slice (like flux.FromSlice).
type seqOf[T any] struct{ *sliceSource[T] }

func fused[T any](vs ...T) seqOf[T] { return seqOf[T]{items(vs...)} }

func (s seqOf[T]) ForEach(yield func(T) bool) error {
	for _, v := range s.items {
		if !yield(v) {
			return nil
		}
	}
	return s.err
}
