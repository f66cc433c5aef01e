package scheduler

import (
	"errors"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/sluicego/sluice"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The behaviour every goroutine-backed scheduler shares, run against each.

type factory struct {
	name string
	new  func(hook func(error)) Scheduler
}

var goroutineSchedulers = []factory{
	{"Single", func(h func(error)) Scheduler { return NewSingle(WithErrorHook(h)) }},
	{"Parallel", func(h func(error)) Scheduler { return NewParallel(WithErrorHook(h), WithParallelism(3)) }},
	{"BoundedElastic", func(h func(error)) Scheduler { return NewBoundedElastic(WithErrorHook(h), WithMaxThreads(3)) }},
}

// allSchedulers adds Immediate to the goroutine-backed ones.
var allSchedulers = append([]factory{
	{"Immediate", func(h func(error)) Scheduler { return &immediate{hook: h} }},
}, goroutineSchedulers...)

func forEach(t *testing.T, fs []factory, test func(t *testing.T, s Scheduler, errs errSink)) {
	for _, f := range fs {
		t.Run(f.name, func(t *testing.T) {
			errs := newErrSink()
			s := f.new(errs.hook)
			defer s.Dispose()
			test(t, s, errs)
		})
	}
}

func TestWorkerRunsTasksInSubmissionOrder(t *testing.T) {
	forEach(t, goroutineSchedulers, func(t *testing.T, s Scheduler, errs errSink) {
		w := s.NewWorker()
		defer w.Dispose()
		const n = 10000
		var got []int // touched only by the worker's tasks
		done := make(chan struct{})
		for i := range n {
			w.Schedule(func() {
				got = append(got, i)
				if i == n-1 {
					close(done)
				}
			})
		}
		wait(t, done, "the last task")
		require.Len(t, got, n)
		for i, v := range got {
			require.Equal(t, i, v)
		}
		errs.empty(t)
	})
}

func TestWorkerRunsDelayedTasksInDueOrder(t *testing.T) {
	forEach(t, goroutineSchedulers, func(t *testing.T, s Scheduler, errs errSink) {
		w := s.NewWorker()
		defer w.Dispose()
		var got []int
		done := make(chan struct{})
		// Scheduled in reverse due order, far enough apart that the due
		// order cannot depend on how fast these calls are made.
		w.ScheduleAfter(90*time.Millisecond, func() { got = append(got, 3); close(done) })
		w.ScheduleAfter(50*time.Millisecond, func() { got = append(got, 2) })
		w.ScheduleAfter(10*time.Millisecond, func() { got = append(got, 1) })
		w.Schedule(func() { got = append(got, 0) })
		wait(t, done, "the last delayed task")
		assert.Equal(t, []int{0, 1, 2, 3}, got)
	})
}

func TestScheduleAfterRunsLater(t *testing.T) {
	forEach(t, allSchedulers, func(t *testing.T, s Scheduler, errs errSink) {
		done := make(chan struct{})
		d := s.ScheduleAfter(time.Millisecond, func() { close(done) })
		wait(t, done, "the delayed task")
		require.Eventually(t, d.IsDisposed, waitBound, time.Millisecond, "a completed task reports disposed")
	})
}

func TestDisposedDelayedTaskDoesNotRun(t *testing.T) {
	forEach(t, goroutineSchedulers, func(t *testing.T, s Scheduler, errs errSink) {
		w := s.NewWorker()
		defer w.Dispose()
		var ran atomic.Bool
		d := w.ScheduleAfter(20*time.Millisecond, func() { ran.Store(true) })
		d.Dispose()
		d.Dispose() // idempotent
		assert.True(t, d.IsDisposed())
		done := make(chan struct{})
		// Due after the cancelled task: had it not been cancelled it would
		// have run first on this worker.
		w.ScheduleAfter(60*time.Millisecond, func() { close(done) })
		wait(t, done, "the marker task")
		assert.False(t, ran.Load())
	})
}

func TestPeriodicRunsUntilDisposed(t *testing.T) {
	forEach(t, goroutineSchedulers, func(t *testing.T, s Scheduler, errs errSink) {
		w := s.NewWorker()
		defer w.Dispose()
		const period = 2 * time.Millisecond
		var runs atomic.Int32
		var periodic Disposable
		reached := make(chan struct{})
		periodic = w.SchedulePeriodically(0, period, func() {
			if runs.Add(1) == 3 {
				close(reached)
			}
		})
		wait(t, reached, "three periodic runs")
		periodic.Dispose()
		assert.True(t, periodic.IsDisposed())
		stopped := runs.Load()
		done := make(chan struct{})
		w.ScheduleAfter(10*period, func() { close(done) })
		wait(t, done, "the marker task")
		assert.Equal(t, stopped, runs.Load(), "no run after Dispose")
		errs.empty(t)
	})
}

func TestPeriodicDisposedFromItsOwnTask(t *testing.T) {
	forEach(t, allSchedulers, func(t *testing.T, s Scheduler, errs errSink) {
		var runs atomic.Int32
		holder := make(chan Disposable, 1)
		done := make(chan struct{})
		d := s.SchedulePeriodically(time.Millisecond, time.Millisecond, func() {
			if runs.Add(1) == 2 {
				(<-holder).Dispose()
				close(done)
			}
		})
		holder <- d
		wait(t, done, "the second run")
		require.Eventually(t, d.IsDisposed, waitBound, time.Millisecond)
		assert.Equal(t, int32(2), runs.Load())
	})
}

func TestPanicIsReportedAndWorkerKeepsServing(t *testing.T) {
	forEach(t, allSchedulers, func(t *testing.T, s Scheduler, errs errSink) {
		w := s.NewWorker()
		defer w.Dispose()
		boom := errors.New("boom")
		w.Schedule(func() { panic(boom) })
		err := errs.next(t)
		var pe *sluice.PanicError
		require.ErrorAs(t, err, &pe)
		assert.ErrorIs(t, err, boom)
		assert.NotEmpty(t, pe.Stack)

		done := make(chan struct{})
		w.Schedule(func() { close(done) })
		wait(t, done, "the task after the panic")

		s.Schedule(func() { panic("plain value") })
		err = errs.next(t)
		require.ErrorAs(t, err, &pe)
		assert.Equal(t, "plain value", pe.Value)
	})
}

func TestPanicCancelsPeriodicTask(t *testing.T) {
	forEach(t, goroutineSchedulers, func(t *testing.T, s Scheduler, errs errSink) {
		w := s.NewWorker()
		defer w.Dispose()
		var runs atomic.Int32
		d := w.SchedulePeriodically(0, time.Millisecond, func() {
			runs.Add(1)
			panic("periodic")
		})
		var pe *sluice.PanicError
		require.ErrorAs(t, errs.next(t), &pe)
		done := make(chan struct{})
		w.ScheduleAfter(20*time.Millisecond, func() { close(done) })
		wait(t, done, "the marker task")
		assert.Equal(t, int32(1), runs.Load())
		assert.True(t, d.IsDisposed())
		errs.empty(t)
	})
}

func TestScheduleAfterDisposeIsRejected(t *testing.T) {
	forEach(t, allSchedulers, func(t *testing.T, s Scheduler, errs errSink) {
		w := s.NewWorker()
		s.Dispose()
		s.Dispose() // idempotent
		assert.True(t, s.IsDisposed())
		assert.True(t, w.IsDisposed(), "a worker of a disposed scheduler is disposed")

		var ran atomic.Bool
		task := func() { ran.Store(true) }
		for name, schedule := range map[string]func() Disposable{
			"Schedule":                    func() Disposable { return s.Schedule(task) },
			"ScheduleAfter":               func() Disposable { return s.ScheduleAfter(time.Millisecond, task) },
			"SchedulePeriodically":        func() Disposable { return s.SchedulePeriodically(0, time.Millisecond, task) },
			"Worker.Schedule":             func() Disposable { return w.Schedule(task) },
			"Worker.ScheduleAfter":        func() Disposable { return w.ScheduleAfter(time.Millisecond, task) },
			"NewWorker().Schedule":        func() Disposable { return s.NewWorker().Schedule(task) },
			"Worker.SchedulePeriodically": func() Disposable { return w.SchedulePeriodically(0, time.Millisecond, task) },
		} {
			d := schedule()
			assert.True(t, d.IsDisposed(), name)
			assert.ErrorIs(t, errs.next(t), ErrRejected, name)
		}
		assert.False(t, ran.Load())
	})
}

func TestDisposeCancelsPendingTasks(t *testing.T) {
	forEach(t, allSchedulers, func(t *testing.T, s Scheduler, errs errSink) {
		w := s.NewWorker()
		var ran atomic.Bool
		d1 := s.ScheduleAfter(time.Hour, func() { ran.Store(true) })
		d2 := w.SchedulePeriodically(time.Hour, time.Hour, func() { ran.Store(true) })
		s.Dispose()
		assert.True(t, d1.IsDisposed())
		assert.True(t, d2.IsDisposed())
		assert.False(t, ran.Load())
		errs.empty(t)
	})
}

func TestDisposeFromInsideATask(t *testing.T) {
	forEach(t, allSchedulers, func(t *testing.T, s Scheduler, errs errSink) {
		returned := make(chan struct{})
		var later atomic.Bool
		s.ScheduleAfter(time.Millisecond, func() {
			s.ScheduleAfter(time.Hour, func() { later.Store(true) })
			s.Dispose()
			close(returned)
		})
		wait(t, returned, "Dispose called from a task to return")
		assert.True(t, s.IsDisposed())
		assert.False(t, later.Load())
		// goleak in TestMain checks that the goroutines are gone.
	})
}

func TestWorkerDisposeCancelsOnlyItsTasks(t *testing.T) {
	forEach(t, goroutineSchedulers, func(t *testing.T, s Scheduler, errs errSink) {
		w1, w2 := s.NewWorker(), s.NewWorker()
		defer w2.Dispose()
		var ran atomic.Bool
		d := w1.ScheduleAfter(10*time.Millisecond, func() { ran.Store(true) })
		p := w1.SchedulePeriodically(10*time.Millisecond, time.Millisecond, func() { ran.Store(true) })
		w1.Dispose()
		w1.Dispose()
		assert.True(t, w1.IsDisposed())
		assert.True(t, d.IsDisposed())
		assert.True(t, p.IsDisposed())
		assert.True(t, w1.Schedule(func() { ran.Store(true) }).IsDisposed())

		done := make(chan struct{})
		w2.ScheduleAfter(50*time.Millisecond, func() { close(done) })
		wait(t, done, "the other worker's task")
		assert.False(t, ran.Load())
		assert.False(t, s.IsDisposed())
		errs.empty(t) // a disposed worker rejects silently
	})
}

func TestConcurrentScheduleFromManyGoroutines(t *testing.T) {
	forEach(t, allSchedulers, func(t *testing.T, s Scheduler, errs errSink) {
		const goroutines, perGoroutine = 8, 500
		var ran atomic.Int64
		done := make(chan struct{})
		task := func() {
			if ran.Add(1) == 3*goroutines*perGoroutine {
				close(done)
			}
		}
		workers := make([]Worker, goroutines)
		for i := range workers {
			workers[i] = s.NewWorker()
		}
		var wg sync.WaitGroup
		for g := range goroutines {
			wg.Go(func() {
				for range perGoroutine {
					s.Schedule(task)
					s.ScheduleAfter(time.Microsecond, task)
					workers[g].Schedule(task)
				}
			})
		}
		wg.Wait()
		wait(t, done, "every task")
		for _, w := range workers {
			w.Dispose()
		}
		errs.empty(t)
	})
}

func TestNowIsWallClock(t *testing.T) {
	forEach(t, allSchedulers, func(t *testing.T, s Scheduler, errs errSink) {
		before := time.Now()
		now := s.Now()
		assert.False(t, now.Before(before))
		assert.False(t, now.After(time.Now()))
	})
}

func TestNonPositivePeriodPanics(t *testing.T) {
	v := NewVirtual()
	forEach(t, append(allSchedulers, factory{"Virtual", func(func(error)) Scheduler { return v }}),
		func(t *testing.T, s Scheduler, errs errSink) {
			assert.Panics(t, func() { s.SchedulePeriodically(0, 0, func() {}) })
			assert.Panics(t, func() { s.NewWorker().SchedulePeriodically(0, -1, func() {}) })
		})
}

func TestWorkerDisposedFromItsOwnTask(t *testing.T) {
	forEach(t, allSchedulers, func(t *testing.T, s Scheduler, errs errSink) {
		w := s.NewWorker()
		var later atomic.Bool
		returned := make(chan struct{})
		w.ScheduleAfter(time.Millisecond, func() {
			w.ScheduleAfter(time.Hour, func() { later.Store(true) })
			w.Dispose()
			close(returned)
		})
		wait(t, returned, "Worker.Dispose called from its task to return")
		assert.True(t, w.IsDisposed())
		assert.False(t, s.IsDisposed())
		done := make(chan struct{})
		s.Schedule(func() { close(done) })
		wait(t, done, "the scheduler to keep serving")
		assert.False(t, later.Load())
		errs.empty(t)
	})
}
