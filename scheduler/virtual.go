package scheduler

import "time"

// Virtual is a Scheduler on a virtual clock that only moves when a test
// calls Advance, AdvanceTo or RunPending. Tasks run on the goroutine making
// that call, one at a time, in due order; tasks due at the same instant run
// in scheduling order. Schedule queues a task for the current instant: it
// runs at the next Advance or RunPending, never inline.
//
// Any goroutine may call Schedule*, Now, Pending and Dispose at any time,
// including concurrently with Advance; the internal lock is never held while
// a task runs. Advance, AdvanceTo and RunPending themselves should be called
// from one goroutine at a time (a task may call them re-entrantly). Virtual
// starts no goroutine.
type Virtual struct {
	h        home // h.mu also guards the fields below
	name     string
	hook     func(error)
	now      time.Time
	disposed bool
}

var _ Scheduler = (*Virtual)(nil)

// NewVirtual returns a Virtual scheduler whose clock starts at WithStart
// (default time.Unix(0, 0).UTC()). It accepts WithName, WithErrorHook and
// WithStart.
func NewVirtual(opts ...Option) *Virtual {
	c := newConfig("Virtual", optName|optHook|optStart, opts)
	return &Virtual{name: c.name, hook: c.hook, now: c.start}
}

func (v *Virtual) shared() *home { return &v.h }

func (v *Virtual) closed() bool {
	v.h.mu.Lock()
	defer v.h.mu.Unlock()
	return v.disposed
}

func (v *Virtual) submit(fn func(), delay, period time.Duration, w *worker) Disposable {
	if fn == nil {
		panic("scheduler: nil task")
	}
	t := &task{fn: fn, period: period, index: -1, h: &v.h, w: w}
	v.h.mu.Lock()
	if w != nil && w.disposed.Load() {
		v.h.mu.Unlock()
		return disposed{}
	}
	if v.disposed {
		v.h.mu.Unlock()
		report(v.hook, rejectedDisposed(v.name))
		return disposed{}
	}
	t.due = v.now.Add(max(delay, 0))
	v.h.push(t)
	v.h.mu.Unlock()
	return t
}

// Schedule queues task for the current virtual instant.
func (v *Virtual) Schedule(task func()) Disposable { return v.submit(task, 0, 0, nil) }

// ScheduleAfter queues task for Now()+delay.
func (v *Virtual) ScheduleAfter(delay time.Duration, task func()) Disposable {
	return v.submit(task, delay, 0, nil)
}

// SchedulePeriodically queues task for Now()+initialDelay and then every
// period of virtual time.
func (v *Virtual) SchedulePeriodically(initialDelay, period time.Duration, task func()) Disposable {
	checkPeriod(period)
	return v.submit(task, initialDelay, period, nil)
}

// NewWorker returns a Worker on the virtual clock. All tasks of a Virtual
// scheduler already run one at a time; disposing the Worker cancels its own.
func (v *Virtual) NewWorker() Worker { return newWorker(v, nil) }

// Now returns the virtual time. While a task runs, it is the task's due time.
func (v *Virtual) Now() time.Time {
	v.h.mu.Lock()
	defer v.h.mu.Unlock()
	return v.now
}

// Advance moves the clock forward by d, running on the caller's goroutine
// every task due up to Now()+d, including tasks scheduled by those tasks,
// in due order; Now() steps to each task's due time before it runs and ends
// at Now()+d. A d <= 0 runs the tasks due now, like RunPending.
func (v *Virtual) Advance(d time.Duration) {
	v.h.mu.Lock()
	target := v.now.Add(max(d, 0))
	v.h.mu.Unlock()
	v.AdvanceTo(target)
}

// AdvanceTo is Advance up to the instant t. The clock never moves back: a t
// before Now() runs the tasks due now.
func (v *Virtual) AdvanceTo(t time.Time) {
	for {
		v.h.mu.Lock()
		if len(v.h.delayed) == 0 || v.h.delayed[0].due.After(t) {
			if t.After(v.now) {
				v.now = t
			}
			v.h.mu.Unlock()
			return
		}
		next := v.h.pop()
		if next.due.After(v.now) {
			v.now = next.due
		}
		v.h.mu.Unlock()
		v.runOne(next)
	}
}

// RunPending runs every task due at the current instant, including tasks
// they schedule for it, without moving the clock.
func (v *Virtual) RunPending() { v.AdvanceTo(v.Now()) }

// Pending returns the number of scheduled tasks that have not run yet; a
// periodic task counts as one until it is disposed.
func (v *Virtual) Pending() int {
	v.h.mu.Lock()
	defer v.h.mu.Unlock()
	return len(v.h.delayed)
}

func (v *Virtual) runOne(t *task) {
	if t.w != nil && t.w.disposed.Load() {
		t.cancel()
		return
	}
	if !t.state.CompareAndSwap(statePending, stateRunning) {
		return
	}
	ok := safeRun(t.fn, v.hook)
	if ok && t.period > 0 {
		v.h.mu.Lock()
		if !v.disposed && (t.w == nil || !t.w.disposed.Load()) &&
			t.state.CompareAndSwap(stateRunning, statePending) {
			t.due = t.due.Add(t.period)
			v.h.push(t)
			v.h.mu.Unlock()
			return
		}
		v.h.mu.Unlock()
		t.cancel()
		return
	}
	t.state.CompareAndSwap(stateRunning, stateDone)
}

// Dispose cancels every pending task; later Schedule calls are rejected.
func (v *Virtual) Dispose() {
	v.h.mu.Lock()
	if v.disposed {
		v.h.mu.Unlock()
		return
	}
	v.disposed = true
	ts := v.h.delayed
	v.h.delayed = nil
	for _, t := range ts {
		t.index = -1
		if t.w != nil {
			delete(t.w.tasks, t)
		}
	}
	v.h.mu.Unlock()
	for _, t := range ts {
		t.cancel()
	}
}

// IsDisposed reports whether Dispose was called.
func (v *Virtual) IsDisposed() bool { return v.closed() }
