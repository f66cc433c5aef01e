package scheduler

import "time"

// single runs every task on one goroutine.
type single struct {
	l *loop
}

// NewSingle returns a Scheduler that runs every task, and the tasks of all
// its Workers, on one goroutine, in order. It accepts WithName,
// WithErrorHook and WithQueueCap (default: unbounded).
func NewSingle(opts ...Option) Scheduler {
	c := newConfig("Single", optName|optHook|optQueueCap, opts)
	l := newLoop(c.name, c.hook, c.queueCap)
	l.start()
	return &single{l: l}
}

func (s *single) Schedule(task func()) Disposable { return s.l.submit(task, 0, 0, nil) }

func (s *single) ScheduleAfter(delay time.Duration, task func()) Disposable {
	return s.l.submit(task, delay, 0, nil)
}

func (s *single) SchedulePeriodically(initialDelay, period time.Duration, task func()) Disposable {
	checkPeriod(period)
	return s.l.submit(task, initialDelay, period, nil)
}

// NewWorker returns a Worker sharing the scheduler's goroutine; disposing it
// cancels only its own tasks.
func (s *single) NewWorker() Worker { return newWorker(s.l, nil) }

func (s *single) Now() time.Time { return time.Now() }

func (s *single) Dispose() {
	if s.l.dispose() {
		<-s.l.done
	}
}

func (s *single) IsDisposed() bool { return s.l.stopped.Load() }
