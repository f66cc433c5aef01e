package scheduler

import (
	"context"
	"runtime/pprof"
	"sync/atomic"
	"time"
)

// loop is one goroutine that runs tasks one at a time: a FIFO of immediate
// tasks and a heap of delayed ones driven by a single time.Timer. Single is
// one loop, Parallel N loops, BoundedElastic a pool of them.
type loop struct {
	home
	name     string
	hook     func(error)
	queueCap int64 // 0: unbounded

	// guarded by mu
	q        []*task // immediate tasks, FIFO
	parked   bool    // the goroutine waits in select and needs a wake
	closedMu bool    // no more tasks accepted (disposed or retired)

	wake    chan struct{} // capacity 1
	quit    chan struct{} // closed by dispose
	done    chan struct{} // closed when the goroutine exits
	timer   *time.Timer
	stopped atomic.Bool // disposed: stop before the next task
	inTask  atomic.Bool // the goroutine is between "about to run" and "ran"

	// BoundedElastic only
	ttl    time.Duration    // > 0: retire after being idle this long
	refs   atomic.Int32     // workers pinned to this loop
	retire func(*loop) bool // asks the pool to retire the idle loop; true: exit
}

func newLoop(name string, hook func(error), queueCap int) *loop {
	t := time.NewTimer(time.Hour)
	t.Stop()
	return &loop{
		name:     name,
		hook:     hook,
		queueCap: int64(queueCap),
		wake:     make(chan struct{}, 1),
		quit:     make(chan struct{}),
		done:     make(chan struct{}),
		timer:    t,
	}
}

// start launches the goroutine, labelled for pprof with the scheduler name.
func (l *loop) start() {
	go pprof.Do(context.Background(), pprof.Labels("sluice.scheduler", l.name), func(context.Context) {
		l.run()
	})
}

func (l *loop) shared() *home { return &l.home }

func (l *loop) closed() bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.closedMu
}

// signal wakes the parked goroutine; the caller holds mu and saw parked.
func (l *loop) signal() {
	l.parked = false
	select {
	case l.wake <- struct{}{}:
	default:
	}
}

func (l *loop) submit(fn func(), delay, period time.Duration, w *worker) Disposable {
	return l.submitTask(fn, delay, period, w, false)
}

// submitTask queues fn. reserved means the caller already counted the task
// in load (BoundedElastic reserves a slot under its pool lock so that the
// slot cannot retire in between) and checked the queue cap.
func (l *loop) submitTask(fn func(), delay, period time.Duration, w *worker, reserved bool) Disposable {
	if fn == nil {
		panic("scheduler: nil task")
	}
	t := &task{fn: fn, period: period, index: -1, h: &l.home, w: w}
	delayed := delay > 0 || period > 0
	if delayed {
		t.due = time.Now().Add(max(delay, 0))
	}
	l.mu.Lock()
	if w != nil && w.disposed.Load() {
		l.mu.Unlock()
		if reserved {
			l.load.Add(-1)
		}
		return disposed{}
	}
	if l.closedMu {
		l.mu.Unlock()
		report(l.hook, rejectedDisposed(l.name))
		return disposed{}
	}
	if !reserved {
		if l.queueCap > 0 && l.load.Load() >= l.queueCap {
			l.mu.Unlock()
			report(l.hook, rejectedFull(l.name, int(l.queueCap)))
			return disposed{}
		}
		l.load.Add(1)
	}
	if delayed {
		l.push(t)
		if l.parked && t.index == 0 {
			l.signal()
		}
	} else {
		l.q = append(l.q, t)
		if l.parked {
			l.signal()
		}
	}
	l.mu.Unlock()
	return t
}

// run is the goroutine's body.
func (l *loop) run() {
	defer close(l.done)
	var (
		batch     []*task
		armed     time.Time // when the timer fires; zero: stopped
		armedIdle bool      // the timer counts the idle TTL, not a task
		worked    = true    // ran tasks since the idle timer was armed
	)
	for {
		l.mu.Lock()
		l.parked = false
		if l.closedMu {
			l.mu.Unlock()
			return
		}
		batch, l.q = l.q, batch
		if len(l.delayed) > 0 {
			now := time.Now()
			for len(l.delayed) > 0 && !l.delayed[0].due.After(now) {
				batch = append(batch, l.pop())
			}
		}
		if len(batch) == 0 {
			var want time.Time
			idle := false
			switch {
			case len(l.delayed) > 0:
				want = l.delayed[0].due
			case l.ttl > 0 && l.load.Load() == 0 && l.refs.Load() == 0:
				idle = true
				if armedIdle && !worked {
					want = armed
				} else {
					want = time.Now().Add(l.ttl)
				}
			}
			switch {
			case want.IsZero():
				if !armed.IsZero() {
					l.timer.Stop()
					armed = time.Time{}
				}
			case !want.Equal(armed):
				l.timer.Reset(time.Until(want))
				armed = want
			}
			armedIdle = idle
			if idle {
				worked = false
			}
			l.parked = true
			l.mu.Unlock()
			select {
			case <-l.wake:
			case <-l.timer.C:
				armed = time.Time{}
				if armedIdle {
					armedIdle = false
					worked = true // re-arm a full TTL if the loop stays
					if l.retire(l) {
						return
					}
				}
			case <-l.quit:
				return
			}
			continue
		}
		l.mu.Unlock()
		worked = true
		for i, t := range batch {
			batch[i] = nil
			if !l.runOne(t) {
				for _, rest := range batch[i+1:] {
					rest.cancel()
				}
				return
			}
		}
		batch = batch[:0]
	}
}

// runOne runs t unless the loop was disposed, in which case it reports
// false. It keeps load and the task state up to date and reschedules a
// periodic task.
func (l *loop) runOne(t *task) bool {
	l.inTask.Store(true)
	defer l.inTask.Store(false)
	if l.stopped.Load() {
		t.cancel()
		return false
	}
	if t.w != nil && t.w.disposed.Load() {
		t.cancel()
		l.load.Add(-1)
		return true
	}
	if !t.state.CompareAndSwap(statePending, stateRunning) {
		l.load.Add(-1) // cancelled while queued
		return true
	}
	ok := safeRun(t.fn, l.hook)
	if ok && t.period > 0 {
		t.due = t.due.Add(t.period)
		l.mu.Lock()
		if !l.closedMu && (t.w == nil || !t.w.disposed.Load()) &&
			t.state.CompareAndSwap(stateRunning, statePending) {
			l.push(t)
			l.mu.Unlock()
			return true
		}
		l.mu.Unlock()
		t.cancel()
	} else {
		t.state.CompareAndSwap(stateRunning, stateDone)
	}
	l.load.Add(-1)
	return true
}

// dispose closes the loop for good and reports whether the caller may wait
// for the goroutine to exit: not when the goroutine is inside a task, which
// may be the very task calling Dispose.
func (l *loop) dispose() (wait bool) {
	l.mu.Lock()
	if l.closedMu {
		l.mu.Unlock()
		return false
	}
	l.closedMu = true
	q, heap := l.q, l.delayed
	l.q, l.delayed = nil, nil
	for _, t := range heap {
		t.index = -1
		if t.w != nil {
			delete(t.w.tasks, t)
		}
	}
	l.mu.Unlock()
	l.stopped.Store(true)
	close(l.quit)
	for _, t := range q {
		t.cancel()
	}
	for _, t := range heap {
		t.cancel()
	}
	l.load.Add(-int64(len(q) + len(heap)))
	return !l.inTask.Load()
}
