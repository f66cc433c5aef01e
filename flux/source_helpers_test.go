package flux

import (
	"sync"
	"sync/atomic"

	"github.com/sluicego/sluice"
)

// srcRec records every signal it receives and requests only when told to.
type srcRec[T any] struct {
	mu        sync.Mutex
	sub       sluice.Subscription
	items     []T
	err       error
	completed bool
	terminals int
	// onNext, if set, runs after an element is recorded.
	onNext func(r *srcRec[T], v T)
	// initial is requested in OnSubscribe when positive.
	initial int64
	busy    atomic.Int32
	overlap atomic.Bool
	done    chan struct{}
}

func newRec[T any](initial int64) *srcRec[T] {
	return &srcRec[T]{initial: initial, done: make(chan struct{})}
}

func (r *srcRec[T]) enter() {
	if r.busy.Add(1) != 1 {
		r.overlap.Store(true)
	}
}
func (r *srcRec[T]) leave() { r.busy.Add(-1) }

func (r *srcRec[T]) OnSubscribe(s sluice.Subscription) {
	r.enter()
	r.mu.Lock()
	r.sub = s
	r.mu.Unlock()
	r.leave()
	if r.initial > 0 {
		s.Request(r.initial)
	}
}

func (r *srcRec[T]) OnNext(v T) {
	r.enter()
	r.mu.Lock()
	r.items = append(r.items, v)
	r.mu.Unlock()
	r.leave()
	if r.onNext != nil {
		r.onNext(r, v)
	}
}

func (r *srcRec[T]) OnError(err error) {
	r.enter()
	defer r.leave()
	r.mu.Lock()
	r.err = err
	r.terminals++
	first := r.terminals == 1
	r.mu.Unlock()
	if first {
		close(r.done)
	}
}

func (r *srcRec[T]) OnComplete() {
	r.enter()
	defer r.leave()
	r.mu.Lock()
	r.completed = true
	r.terminals++
	first := r.terminals == 1
	r.mu.Unlock()
	if first {
		close(r.done)
	}
}

func (r *srcRec[T]) request(n int64) { r.subscription().Request(n) }
func (r *srcRec[T]) cancel()         { r.subscription().Cancel() }

func (r *srcRec[T]) subscription() sluice.Subscription {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.sub
}

func (r *srcRec[T]) snapshot() ([]T, error, bool) {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]T(nil), r.items...), r.err, r.completed
}

func (r *srcRec[T]) isDone() bool {
	select {
	case <-r.done:
		return true
	default:
		return false
	}
}
