package scheduler

import (
	"errors"
	"time"
)

// Disposable cancels a scheduled task or releases a resource. Dispose is
// idempotent and safe to call from any goroutine.
type Disposable interface {
	// Dispose cancels the task if it has not started yet; a periodic task
	// runs no more after its current run.
	Dispose()
	// IsDisposed reports whether the task was cancelled or has completed
	// (a periodic task completes only by being cancelled).
	IsDisposed() bool
}

// Worker runs its tasks one at a time, in submission order: FIFO for
// immediate tasks, due order for delayed ones (equal due times in submission
// order). Obtain one from Scheduler.NewWorker when a sequence of tasks must
// not overlap, as publishOn does for its drain loop.
type Worker interface {
	// Schedule runs task as soon as the worker is free.
	Schedule(task func()) Disposable
	// ScheduleAfter runs task once delay has elapsed on the scheduler's
	// clock. A delay <= 0 behaves like Schedule.
	ScheduleAfter(delay time.Duration, task func()) Disposable
	// SchedulePeriodically runs task after initialDelay and then at a fixed
	// rate of one run per period (Reactor's schedulePeriodically): each run
	// is due period after the previous one was due, so a late run is
	// followed by catch-up runs, never by overlapping ones. It panics if
	// period <= 0, as time.NewTicker does. Disposing the returned
	// Disposable stops it; a panic in task cancels it.
	SchedulePeriodically(initialDelay, period time.Duration, task func()) Disposable
	// Dispose cancels the worker's pending tasks; a running task finishes.
	// Later Schedule calls return an already-disposed Disposable and do not
	// run the task (silently: the worker's owner asked for this).
	Dispose()
	// IsDisposed reports whether Dispose was called.
	IsDisposed() bool
}

// Scheduler schedules tasks now, later and periodically, and hands out
// Workers. Tasks scheduled directly on a Scheduler may run concurrently with
// one another (except on Single and Virtual); use a Worker for ordering.
type Scheduler interface {
	// Schedule runs task as soon as possible.
	Schedule(task func()) Disposable
	// ScheduleAfter runs task once delay has elapsed on the scheduler's
	// clock. A delay <= 0 behaves like Schedule.
	ScheduleAfter(delay time.Duration, task func()) Disposable
	// SchedulePeriodically runs task after initialDelay and then at a fixed
	// rate; see Worker.SchedulePeriodically.
	SchedulePeriodically(initialDelay, period time.Duration, task func()) Disposable
	// NewWorker returns a Worker whose tasks run one at a time, in order.
	NewWorker() Worker
	// Now returns the scheduler's clock. Time operators read the time only
	// through Now, so that they also run on virtual time.
	Now() time.Time
	// Dispose cancels every pending task and stops every goroutine the
	// scheduler started; a running task finishes. Later Schedule calls
	// return an already-disposed Disposable, do not run the task, and
	// report an error wrapping ErrRejected to the error hook. Dispose is
	// idempotent and may be called from inside a task of the scheduler.
	// It waits for idle goroutines to exit; a goroutine running a task
	// exits as soon as that task returns (Dispose does not wait for it,
	// since that task may be the caller).
	Dispose()
	// IsDisposed reports whether Dispose was called.
	IsDisposed() bool
}

// ErrRejected is wrapped by the error reported to the error hook when a task
// is refused: its scheduler is disposed or (BoundedElastic) its queue is full.
var ErrRejected = errors.New("scheduler: task rejected")

// disposed is the Disposable returned for a task that was rejected or has
// already run to completion on the caller's goroutine.
type disposed struct{}

func (disposed) Dispose()         {}
func (disposed) IsDisposed() bool { return true }

// Disposed returns a Disposable that is already disposed. Schedulers return
// it for rejected tasks; operators can use it as a placeholder.
func Disposed() Disposable { return disposed{} }

func checkPeriod(period time.Duration) {
	if period <= 0 {
		panic("scheduler: non-positive period for SchedulePeriodically")
	}
}
