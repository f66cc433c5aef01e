package scheduler

import (
	"sync"
	"sync/atomic"
	"time"
)

// immediate runs tasks on the calling goroutine and delayed tasks on
// runtime timers.
type immediate struct {
	hook     func(error)
	mu       sync.Mutex
	timers   map[*timerTask]struct{} // pending delayed and periodic tasks
	disposed atomic.Bool             // set under mu
}

// Immediate returns a Scheduler that runs a task on the goroutine that calls
// Schedule, before Schedule returns (Reactor's Schedulers.immediate()); the
// returned Disposable is already disposed. A panic in the task is recovered
// and reported to sluice.ErrorDropped.
//
// Unlike Reactor's, which rejects time-based scheduling, this Immediate
// accepts ScheduleAfter and SchedulePeriodically: such a task runs on a
// runtime timer's goroutine (as with time.AfterFunc) when it is due, so it
// does NOT run on the caller's goroutine; Dispose stops every pending timer.
// A Worker of Immediate runs each task where the Scheduler would; it does not
// serialize tasks scheduled from different goroutines or fired by timers.
//
// Each call returns a new, independent instance, cheap to create: disposing
// one does not affect others. It starts no goroutine of its own.
func Immediate() Scheduler {
	return &immediate{hook: defaultHook}
}

func (s *immediate) runNow(task func()) Disposable {
	if task == nil {
		panic("scheduler: nil task")
	}
	if s.disposed.Load() {
		report(s.hook, rejectedDisposed("Immediate"))
		return disposed{}
	}
	safeRun(task, s.hook)
	return disposed{}
}

func (s *immediate) Schedule(task func()) Disposable { return s.runNow(task) }

func (s *immediate) ScheduleAfter(delay time.Duration, task func()) Disposable {
	if delay <= 0 {
		return s.runNow(task)
	}
	return s.after(task, delay, 0, nil)
}

func (s *immediate) SchedulePeriodically(initialDelay, period time.Duration, task func()) Disposable {
	checkPeriod(period)
	return s.after(task, initialDelay, period, nil)
}

func (s *immediate) NewWorker() Worker { return &immediateWorker{s: s} }

func (s *immediate) Now() time.Time { return time.Now() }

func (s *immediate) Dispose() {
	s.mu.Lock()
	if s.disposed.Load() {
		s.mu.Unlock()
		return
	}
	s.disposed.Store(true)
	ts := s.timers
	s.timers = nil
	for t := range ts {
		t.timer.Stop()
		t.cancel()
	}
	s.mu.Unlock()
}

func (s *immediate) IsDisposed() bool { return s.disposed.Load() }

// after arms a runtime timer for task; w is the worker that scheduled it,
// nil when scheduled on s.
func (s *immediate) after(task func(), delay, period time.Duration, w *immediateWorker) Disposable {
	if task == nil {
		panic("scheduler: nil task")
	}
	t := &timerTask{fn: task, period: period, s: s, w: w}
	t.due = time.Now().Add(max(delay, 0))
	s.mu.Lock()
	if w != nil && w.disposed.Load() {
		s.mu.Unlock()
		return disposed{}
	}
	if s.disposed.Load() {
		s.mu.Unlock()
		report(s.hook, rejectedDisposed("Immediate"))
		return disposed{}
	}
	if s.timers == nil {
		s.timers = make(map[*timerTask]struct{})
	}
	s.timers[t] = struct{}{}
	if w != nil {
		if w.timers == nil {
			w.timers = make(map[*timerTask]struct{})
		}
		w.timers[t] = struct{}{}
	}
	t.timer = time.AfterFunc(max(delay, 0), t.fire) // t.timer is read only under s.mu
	s.mu.Unlock()
	return t
}

// timerTask is a delayed or periodic task of Immediate.
type timerTask struct {
	fn     func()
	period time.Duration
	due    time.Time
	timer  *time.Timer // guarded by s.mu
	state  atomic.Int32
	s      *immediate
	w      *immediateWorker
}

func (t *timerTask) cancel() bool {
	for {
		st := t.state.Load()
		if st >= stateDone {
			return false
		}
		if t.state.CompareAndSwap(st, stateCancelled) {
			return true
		}
	}
}

// unregisterLocked forgets t; the caller holds s.mu.
func (t *timerTask) unregisterLocked() {
	delete(t.s.timers, t)
	if t.w != nil {
		delete(t.w.timers, t)
	}
}

func (t *timerTask) fire() {
	if !t.state.CompareAndSwap(statePending, stateRunning) {
		return
	}
	ok := safeRun(t.fn, t.s.hook)
	s := t.s
	s.mu.Lock()
	defer s.mu.Unlock()
	if ok && t.period > 0 && !s.disposed.Load() && (t.w == nil || !t.w.disposed.Load()) &&
		t.state.CompareAndSwap(stateRunning, statePending) {
		t.due = t.due.Add(t.period)
		t.timer.Reset(time.Until(t.due))
		return
	}
	if !t.state.CompareAndSwap(stateRunning, stateDone) {
		t.cancel()
	}
	t.unregisterLocked()
}

func (t *timerTask) Dispose() {
	if !t.cancel() {
		return
	}
	t.s.mu.Lock()
	if t.timer != nil {
		t.timer.Stop()
	}
	t.unregisterLocked()
	t.s.mu.Unlock()
}

func (t *timerTask) IsDisposed() bool { return t.state.Load() >= stateDone }

// immediateWorker is a Worker of Immediate.
type immediateWorker struct {
	s        *immediate
	timers   map[*timerTask]struct{} // guarded by s.mu
	disposed atomic.Bool             // set under s.mu
}

func (w *immediateWorker) Schedule(task func()) Disposable {
	if w.disposed.Load() {
		return disposed{}
	}
	return w.s.runNow(task)
}

func (w *immediateWorker) ScheduleAfter(delay time.Duration, task func()) Disposable {
	if delay <= 0 {
		return w.Schedule(task)
	}
	return w.s.after(task, delay, 0, w)
}

func (w *immediateWorker) SchedulePeriodically(initialDelay, period time.Duration, task func()) Disposable {
	checkPeriod(period)
	return w.s.after(task, initialDelay, period, w)
}

func (w *immediateWorker) Dispose() {
	w.s.mu.Lock()
	defer w.s.mu.Unlock()
	if w.disposed.Load() {
		return
	}
	w.disposed.Store(true)
	for t := range w.timers {
		t.timer.Stop()
		t.cancel()
		delete(w.s.timers, t)
	}
	w.timers = nil
}

func (w *immediateWorker) IsDisposed() bool { return w.disposed.Load() || w.s.disposed.Load() }
