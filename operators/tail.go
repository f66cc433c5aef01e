package operators

import (
	"sync/atomic"

	"github.com/sluicego/sluice"
	"github.com/sluicego/sluice/internal/demand"
)

// tail emits what an operator still holds when its upstream completes
// (Buffer's last buffers, TakeLast's window) as the downstream demands it,
// then completes. It tracks the downstream demand for the whole stream:
// call produced for each element emitted before finish.
type tail[T any] struct {
	down      sluice.Subscriber[T]
	requested atomic.Int64
	wip       demand.WIP
	finished  atomic.Bool
	cancelled atomic.Bool
	queue     []T
	idx       int
	completed bool
}

// request records demand and drains if the upstream already completed.
func (t *tail[T]) request(n int64) {
	demand.AddAtomic(&t.requested, n)
	if t.finished.Load() {
		t.drain()
	}
}

func (t *tail[T]) produced() { demand.ProducedAtomic(&t.requested, 1) }

func (t *tail[T]) cancel() { t.cancelled.Store(true) }

// finish hands over the remaining elements; they and completion follow as
// demanded.
func (t *tail[T]) finish(q []T) {
	t.queue = q
	t.finished.Store(true)
	t.drain()
}

func (t *tail[T]) drain() {
	if !t.wip.Enter() {
		return
	}
	missed := int32(1)
	for {
		for t.idx < len(t.queue) && t.requested.Load() > 0 && !t.cancelled.Load() {
			v := t.queue[t.idx]
			var zero T
			t.queue[t.idx] = zero
			t.idx++
			t.produced()
			t.down.OnNext(v)
		}
		if t.cancelled.Load() {
			return
		}
		if t.idx == len(t.queue) && !t.completed {
			t.completed = true
			t.down.OnComplete()
			return
		}
		if missed = t.wip.Leave(missed); missed == 0 {
			return
		}
	}
}
