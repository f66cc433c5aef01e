package scheduler

import (
	"fmt"
	"sync/atomic"
	"time"
)

// parallel spreads tasks over N single-goroutine loops.
type parallel struct {
	loops    []*loop
	next     atomic.Uint64
	disposed atomic.Bool
}

// NewParallel returns a Scheduler of N serial workers (WithParallelism,
// default runtime.GOMAXPROCS(0)), each one goroutine, for CPU-bound work.
// Tasks scheduled on the Scheduler go to the workers round-robin; NewWorker
// pins a Worker to one of them, also round-robin. It accepts WithName,
// WithErrorHook, WithParallelism and WithQueueCap (per goroutine; default
// unbounded).
func NewParallel(opts ...Option) Scheduler {
	c := newConfig("Parallel", optName|optHook|optQueueCap|optParallelism, opts)
	p := &parallel{loops: make([]*loop, c.parallelism)}
	for i := range p.loops {
		p.loops[i] = newLoop(fmt.Sprintf("%s-%d", c.name, i), c.hook, c.queueCap)
		p.loops[i].start()
	}
	return p
}

func (p *parallel) pick() *loop {
	return p.loops[(p.next.Add(1)-1)%uint64(len(p.loops))]
}

func (p *parallel) Schedule(task func()) Disposable { return p.pick().submit(task, 0, 0, nil) }

func (p *parallel) ScheduleAfter(delay time.Duration, task func()) Disposable {
	return p.pick().submit(task, delay, 0, nil)
}

func (p *parallel) SchedulePeriodically(initialDelay, period time.Duration, task func()) Disposable {
	checkPeriod(period)
	return p.pick().submit(task, initialDelay, period, nil)
}

func (p *parallel) NewWorker() Worker { return newWorker(p.pick(), nil) }

func (p *parallel) Now() time.Time { return time.Now() }

func (p *parallel) Dispose() {
	if !p.disposed.CompareAndSwap(false, true) {
		return
	}
	wait := make([]*loop, 0, len(p.loops))
	for _, l := range p.loops {
		if l.dispose() {
			wait = append(wait, l)
		}
	}
	for _, l := range wait {
		<-l.done
	}
}

func (p *parallel) IsDisposed() bool { return p.disposed.Load() }
