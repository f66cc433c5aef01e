package sinks

import (
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/sluicego/sluice"
	"go.uber.org/goleak"
)

func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }

// rec records the signals of one subscription and checks that they are
// serial and well ordered.
type rec[T any] struct {
	initial int64
	onNext  func(r *rec[T], v T)

	mu        sync.Mutex
	sub       sluice.Subscription
	items     []T
	err       error
	completed bool
	subs      int

	inside     atomic.Int32
	violations atomic.Int32
	end        chan struct{}
}

func newRec[T any](initial int64) *rec[T] {
	return &rec[T]{initial: initial, end: make(chan struct{})}
}

func (r *rec[T]) enter() {
	if r.inside.Add(1) != 1 {
		r.violations.Add(1)
	}
}
func (r *rec[T]) leave() { r.inside.Add(-1) }

func (r *rec[T]) OnSubscribe(s sluice.Subscription) {
	r.enter()
	r.mu.Lock()
	r.sub = s
	r.subs++
	r.mu.Unlock()
	r.leave()
	if r.initial > 0 {
		s.Request(r.initial)
	}
}

func (r *rec[T]) OnNext(v T) {
	r.enter()
	r.mu.Lock()
	if r.err != nil || r.completed {
		r.violations.Add(1)
	}
	r.items = append(r.items, v)
	r.mu.Unlock()
	r.leave()
	if r.onNext != nil {
		r.onNext(r, v)
	}
}

func (r *rec[T]) OnError(err error) {
	r.enter()
	defer r.leave()
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.err != nil || r.completed {
		r.violations.Add(1)
		return
	}
	r.err = err
	close(r.end)
}

func (r *rec[T]) OnComplete() {
	r.enter()
	defer r.leave()
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.err != nil || r.completed {
		r.violations.Add(1)
		return
	}
	r.completed = true
	close(r.end)
}

func (r *rec[T]) request(n int64) { r.subscription().Request(n) }
func (r *rec[T]) cancel()         { r.subscription().Cancel() }

func (r *rec[T]) subscription() sluice.Subscription {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.sub
}

func (r *rec[T]) got() []T {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]T(nil), r.items...)
}

func (r *rec[T]) error() error {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.err
}

func (r *rec[T]) isCompleted() bool {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.completed
}

func (r *rec[T]) terminated() bool {
	select {
	case <-r.end:
		return true
	default:
		return false
	}
}

// countDropped installs dropped hooks that count, and restores the previous
// ones when the test ends.
func countDropped(t *testing.T) (nexts, errs *atomic.Int64) {
	nexts, errs = new(atomic.Int64), new(atomic.Int64)
	prev := sluice.SetDroppedHooks(sluice.DroppedHooks{
		OnNextDropped:  func(any) { nexts.Add(1) },
		OnErrorDropped: func(error) { errs.Add(1) },
	})
	t.Cleanup(func() { sluice.SetDroppedHooks(prev) })
	return nexts, errs
}

func ints(from, to int) []int {
	var s []int
	for i := from; i < to; i++ {
		s = append(s, i)
	}
	return s
}

const (
	testTimeout = 10 * time.Second
	testTick    = time.Millisecond
)
