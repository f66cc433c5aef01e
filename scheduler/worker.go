package scheduler

import (
	"sync/atomic"
	"time"
)

// executor is what a worker schedules on: a loop goroutine or the Virtual
// scheduler.
type executor interface {
	// submit schedules fn (immediate when delay <= 0 and period == 0) and
	// tracks it for w when w is not nil.
	submit(fn func(), delay, period time.Duration, w *worker) Disposable
	// home returns the state whose mutex guards w.tasks.
	shared() *home
	// closed reports whether the executor accepts no more tasks.
	closed() bool
}

// worker runs tasks on one executor, hence one at a time and in order.
type worker struct {
	x        executor
	tasks    map[*task]struct{} // its tasks in the executor's heap; guarded by x.shared().mu
	disposed atomic.Bool        // set under x.shared().mu
	release  func()             // called once on Dispose (BoundedElastic unpins its slot)
}

func newWorker(x executor, release func()) *worker {
	return &worker{x: x, release: release}
}

func (w *worker) Schedule(task func()) Disposable {
	if w.disposed.Load() {
		return disposed{}
	}
	return w.x.submit(task, 0, 0, w)
}

func (w *worker) ScheduleAfter(delay time.Duration, task func()) Disposable {
	if w.disposed.Load() {
		return disposed{}
	}
	return w.x.submit(task, delay, 0, w)
}

func (w *worker) SchedulePeriodically(initialDelay, period time.Duration, task func()) Disposable {
	checkPeriod(period)
	if w.disposed.Load() {
		return disposed{}
	}
	return w.x.submit(task, initialDelay, period, w)
}

// Dispose cancels the worker's delayed and periodic tasks at once; its
// immediate tasks still queued are dropped when the goroutine reaches them.
func (w *worker) Dispose() {
	h := w.x.shared()
	h.mu.Lock()
	if w.disposed.Load() {
		h.mu.Unlock()
		return
	}
	w.disposed.Store(true)
	ts := w.tasks
	w.tasks = nil
	for t := range ts {
		h.delayed.remove(t.index)
		t.cancel()
	}
	h.mu.Unlock()
	h.load.Add(-int64(len(ts)))
	if w.release != nil {
		w.release()
	}
}

func (w *worker) IsDisposed() bool { return w.disposed.Load() || w.x.closed() }

// rejecting is the executor of a worker obtained from a disposed scheduler
// that has no goroutine left to pin it to: it rejects every task.
type rejecting struct {
	h    home
	name string
	hook func(error)
}

func (r *rejecting) submit(func(), time.Duration, time.Duration, *worker) Disposable {
	report(r.hook, rejectedDisposed(r.name))
	return disposed{}
}

func (r *rejecting) shared() *home { return &r.h }
func (r *rejecting) closed() bool  { return true }
