package operators

import (
	"sync"
	"sync/atomic"

	"github.com/sluicego/sluice/scheduler"
)

var defaultTimer struct {
	once  sync.Once
	sched scheduler.Scheduler
}

// DefaultTimer returns the scheduler the time operators use when they are
// given a nil one: a Parallel scheduler named "sluice-timer", created on
// first use and shared by the whole process. Its goroutines live as long as
// the process; tests pass a *scheduler.Virtual instead.
func DefaultTimer() scheduler.Scheduler {
	defaultTimer.once.Do(func() {
		defaultTimer.sched = scheduler.NewParallel(scheduler.WithName("sluice-timer"))
	})
	return defaultTimer.sched
}

// timerOf returns s, or DefaultTimer when s is nil.
func timerOf(s scheduler.Scheduler) scheduler.Scheduler {
	if s != nil {
		return s
	}
	return DefaultTimer()
}

// disposableBox lets a Disposable live in an atomic.Pointer.
type disposableBox struct{ d scheduler.Disposable }

// atomicDisposable holds the Disposable of a subscription's one timer.
type atomicDisposable = atomic.Pointer[disposableBox]
