package scheduler

import (
	"sync"
	"sync/atomic"
	"time"

	"github.com/sluicego/sluice"
)

// Task states.
const (
	statePending   int32 = iota // queued, or a periodic task between runs
	stateRunning                // its function is running
	stateDone                   // a one-shot task ran (or a periodic one panicked)
	stateCancelled              // disposed before or while it ran
)

// task is one scheduled function and the Disposable returned for it.
type task struct {
	fn      func()
	due     time.Time     // when a delayed or periodic task is next due
	period  time.Duration // > 0 for periodic tasks
	seq     uint64        // tie-break among equal due times: scheduling order
	index   int           // position in h.delayed, -1 when not there; guarded by h.mu
	state   atomic.Int32
	h       *home
	w       *worker                // nil for a task scheduled on the scheduler itself
	onDrop  atomic.Pointer[func()] // see ScheduleNotify; taken once
	dropped atomic.Bool            // cancelled while pending, never ran
}

// home is the state that a loop and the Virtual scheduler share: the heap of
// delayed tasks, guarded by mu, and the count of accepted, unfinished tasks.
type home struct {
	mu      sync.Mutex
	delayed taskHeap
	seq     uint64
	load    atomic.Int64
}

// push adds t to the heap; the caller holds h.mu.
func (h *home) push(t *task) {
	h.seq++
	t.seq = h.seq
	h.delayed.push(t)
	if t.w != nil {
		if t.w.tasks == nil {
			t.w.tasks = make(map[*task]struct{})
		}
		t.w.tasks[t] = struct{}{}
	}
}

// pop removes the earliest task from the heap; the caller holds h.mu.
func (h *home) pop() *task {
	t := h.delayed.pop()
	if t.w != nil {
		delete(t.w.tasks, t)
	}
	return t
}

// cancel moves a pending or running task to cancelled and reports whether
// this call did it.
func (t *task) cancel() bool {
	for {
		s := t.state.Load()
		if s >= stateDone {
			return false
		}
		if t.state.CompareAndSwap(s, stateCancelled) {
			if s == statePending && t.period == 0 {
				t.dropped.Store(true)
				t.notifyDrop()
			}
			return true
		}
	}
}

// Dispose cancels the task; a delayed task leaves the heap at once so that
// cancelled timeouts do not pile up until their due time.
func (t *task) Dispose() {
	if !t.cancel() {
		return
	}
	h := t.h
	h.mu.Lock()
	if t.index < 0 {
		// Queued for immediate execution or running: the loop drops it.
		h.mu.Unlock()
		return
	}
	h.delayed.remove(t.index)
	if t.w != nil {
		delete(t.w.tasks, t)
	}
	h.mu.Unlock()
	h.load.Add(-1)
}

// IsDisposed reports whether the task was cancelled or has completed.
func (t *task) IsDisposed() bool { return t.state.Load() >= stateDone }

// safeRun calls fn and reports a panic to hook as a *sluice.PanicError. It
// returns false if fn panicked.
func safeRun(fn func(), hook func(error)) (ok bool) {
	defer func() {
		if !ok {
			if r := recover(); r != nil {
				report(hook, sluice.NewPanicError(r))
			}
		}
	}()
	fn()
	return true
}

// taskHeap is a min-heap of tasks ordered by due time, then by seq.
type taskHeap []*task

func (h taskHeap) less(i, j int) bool {
	a, b := h[i], h[j]
	if a.due.Equal(b.due) {
		return a.seq < b.seq
	}
	return a.due.Before(b.due)
}

func (h taskHeap) swap(i, j int) {
	h[i], h[j] = h[j], h[i]
	h[i].index = i
	h[j].index = j
}

func (h *taskHeap) push(t *task) {
	t.index = len(*h)
	*h = append(*h, t)
	h.up(t.index)
}

func (h *taskHeap) pop() *task {
	return h.remove(0)
}

func (h *taskHeap) remove(i int) *task {
	old := *h
	n := len(old) - 1
	t := old[i]
	if i != n {
		old.swap(i, n)
		if !old.down(i, n) {
			old.up(i)
		}
	}
	old[n] = nil
	*h = old[:n]
	t.index = -1
	return t
}

func (h taskHeap) up(j int) {
	for j > 0 {
		i := (j - 1) / 2
		if !h.less(j, i) {
			return
		}
		h.swap(i, j)
		j = i
	}
}

// down sifts element i down within h[:n] and reports whether it moved.
func (h taskHeap) down(i0, n int) bool {
	i := i0
	for {
		l := 2*i + 1
		if l >= n || l < 0 {
			break
		}
		j := l
		if r := l + 1; r < n && h.less(r, l) {
			j = r
		}
		if !h.less(j, i) {
			break
		}
		h.swap(i, j)
		i = j
	}
	return i > i0
}

// notifyDrop calls the task's drop callback once, if it has one and the task
// was dropped.
func (t *task) notifyDrop() {
	if !t.dropped.Load() {
		return
	}
	if f := t.onDrop.Swap(nil); f != nil {
		(*f)()
	}
}
