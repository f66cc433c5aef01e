package scheduler

import (
	"fmt"
	"slices"
	"sync"
	"sync/atomic"
	"time"
)

// boundedElastic is a capped pool of loops created on demand and retired
// when idle.
type boundedElastic struct {
	name     string
	hook     func(error)
	max      int
	queueCap int64
	ttl      time.Duration

	mu       sync.Mutex
	slots    []*loop // live loops, at most max
	created  int     // for goroutine names
	disposed atomic.Bool
}

// NewBoundedElastic returns a Scheduler for blocking work, Reactor's
// boundedElastic: at most WithMaxThreads goroutines (default
// 10*runtime.GOMAXPROCS(0)), created on demand, each with its own queue of
// at most WithQueueCap pending tasks (default 100000); a goroutine idle for
// WithTTL (default 60s) retires. A task goes to an idle goroutine if there
// is one, else to a new goroutine while under the cap, else to the least
// busy goroutine; when that one's queue is full the task is rejected with
// ErrRejected. NewWorker pins a Worker to one goroutine with the same
// choice; a goroutine with pinned Workers does not retire. It accepts
// WithName, WithErrorHook, WithMaxThreads, WithQueueCap and WithTTL.
func NewBoundedElastic(opts ...Option) Scheduler {
	c := newConfig("BoundedElastic", optName|optHook|optQueueCap|optMaxThreads|optTTL, opts)
	if c.set&optQueueCap == 0 {
		c.queueCap = 100000
	}
	return &boundedElastic{
		name:     c.name,
		hook:     c.hook,
		max:      c.maxThreads,
		queueCap: int64(c.queueCap),
		ttl:      c.ttl,
	}
}

// pickLocked chooses a slot: an idle one, else a new one under the cap,
// else the least busy one. The caller holds b.mu.
func (b *boundedElastic) pickLocked() *loop {
	var best *loop
	var bestBusy int64
	for _, l := range b.slots {
		busy := l.load.Load() + int64(l.refs.Load())
		if busy == 0 {
			return l
		}
		if best == nil || busy < bestBusy {
			best, bestBusy = l, busy
		}
	}
	if len(b.slots) < b.max {
		b.created++
		l := newLoop(fmt.Sprintf("%s-%d", b.name, b.created), b.hook, int(b.queueCap))
		l.ttl = b.ttl
		l.retire = b.retire
		b.slots = append(b.slots, l)
		l.start()
		return l
	}
	return best
}

// notFullLocked returns a slot whose queue has room, or nil. The caller
// holds b.mu.
func (b *boundedElastic) notFullLocked() *loop {
	for _, l := range b.slots {
		if l.load.Load() < b.queueCap {
			return l
		}
	}
	return nil
}

func (b *boundedElastic) submit(fn func(), delay, period time.Duration) Disposable {
	if fn == nil {
		panic("scheduler: nil task")
	}
	b.mu.Lock()
	if b.disposed.Load() {
		b.mu.Unlock()
		report(b.hook, rejectedDisposed(b.name))
		return disposed{}
	}
	l := b.pickLocked()
	if l.load.Load() >= b.queueCap {
		l = b.notFullLocked()
	}
	if l == nil {
		b.mu.Unlock()
		report(b.hook, rejectedFull(b.name, int(b.queueCap)))
		return disposed{}
	}
	l.load.Add(1) // reserved: the slot cannot retire before the task is queued
	b.mu.Unlock()
	return l.submitTask(fn, delay, period, nil, true)
}

// retire is called by an idle loop whose TTL elapsed; it reports whether
// the loop is removed from the pool and must exit.
func (b *boundedElastic) retire(l *loop) bool {
	b.mu.Lock()
	defer b.mu.Unlock()
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.closedMu {
		return true
	}
	if l.load.Load() != 0 || l.refs.Load() != 0 || len(l.q) > 0 || len(l.delayed) > 0 {
		return false
	}
	l.closedMu = true
	if i := slices.Index(b.slots, l); i >= 0 {
		b.slots = slices.Delete(b.slots, i, i+1)
	}
	return true
}

// unpin releases a Worker's hold on l and lets an idle l count its TTL.
func (b *boundedElastic) unpin(l *loop) {
	if l.refs.Add(-1) != 0 {
		return
	}
	l.mu.Lock()
	if l.parked {
		l.signal()
	}
	l.mu.Unlock()
}

func (b *boundedElastic) Schedule(task func()) Disposable { return b.submit(task, 0, 0) }

func (b *boundedElastic) ScheduleAfter(delay time.Duration, task func()) Disposable {
	return b.submit(task, delay, 0)
}

func (b *boundedElastic) SchedulePeriodically(initialDelay, period time.Duration, task func()) Disposable {
	checkPeriod(period)
	return b.submit(task, initialDelay, period)
}

func (b *boundedElastic) NewWorker() Worker {
	b.mu.Lock()
	if b.disposed.Load() {
		b.mu.Unlock()
		return newWorker(&rejecting{name: b.name, hook: b.hook}, nil)
	}
	l := b.pickLocked()
	l.refs.Add(1)
	b.mu.Unlock()
	return newWorker(l, func() { b.unpin(l) })
}

func (b *boundedElastic) Now() time.Time { return time.Now() }

func (b *boundedElastic) Dispose() {
	b.mu.Lock()
	if b.disposed.Load() {
		b.mu.Unlock()
		return
	}
	b.disposed.Store(true)
	slots := b.slots
	b.slots = nil
	b.mu.Unlock()
	var wait []*loop
	for _, l := range slots {
		if l.dispose() {
			wait = append(wait, l)
		}
	}
	for _, l := range wait {
		<-l.done
	}
}

func (b *boundedElastic) IsDisposed() bool { return b.disposed.Load() }

// liveGoroutines returns the number of live slots (for tests).
func (b *boundedElastic) liveGoroutines() int {
	b.mu.Lock()
	defer b.mu.Unlock()
	return len(b.slots)
}
