package operators

import (
	"fmt"
	"sync/atomic"

	"github.com/sluicego/sluice"
	"github.com/sluicego/sluice/internal/demand"
	"github.com/sluicego/sluice/internal/inner"
	"github.com/sluicego/sluice/internal/queue"
	"github.com/sluicego/sluice/scheduler"
)

// PublishOn moves the delivery of src's signals to one worker of sched: the
// source's elements wait in a bounded queue of prefetch elements, and the
// worker drains them downstream as demand allows, replenishing the source in
// batches of prefetch - prefetch/4. An upstream error is delivered after the
// elements queued before it (Reactor's delayError). The worker is released
// on termination and on cancellation.
func PublishOn[T any](src sluice.Publisher[T], sched scheduler.Scheduler, prefetch int) sluice.Publisher[T] {
	if prefetch <= 0 {
		prefetch = DefaultPrefetch * 8
	}
	return &publishOnPublisher[T]{src: src, sched: sched, prefetch: prefetch, lowTide: -1}
}

// LimitRate caps the demand src sees: it requests highTide up front and then
// lowTide each time lowTide elements have been delivered downstream,
// buffering at most highTide elements, whatever the downstream requests.
// lowTide <= 0 or >= highTide means highTide - highTide/4 (Reactor's
// limitRate(highTide, lowTide)).
func LimitRate[T any](src sluice.Publisher[T], highTide, lowTide int) sluice.Publisher[T] {
	if highTide <= 0 {
		highTide = 1
	}
	return &publishOnPublisher[T]{src: src, prefetch: highTide, lowTide: lowTide}
}

type publishOnPublisher[T any] struct {
	src      sluice.Publisher[T]
	sched    scheduler.Scheduler // nil: drain on the signalling goroutine
	prefetch int
	lowTide  int
}

func (p *publishOnPublisher[T]) Subscribe(s sluice.Subscriber[T]) {
	if s == nil {
		panic(sluice.ErrNilSubscriber)
	}
	m := &publishOnMain[T]{down: s, prefetch: int64(p.prefetch)}
	m.limit = m.prefetch - m.prefetch>>2
	if p.lowTide > 0 && p.lowTide < p.prefetch {
		m.limit = int64(p.lowTide)
	}
	if m.limit < 1 {
		m.limit = 1
	}
	m.q = queue.NewSPSC[T](p.prefetch)
	if p.sched != nil {
		m.worker = p.sched.NewWorker()
		m.runFn = func() {
			m.runs.Add(1)
			m.run()
		}
		if dn, ok := m.worker.(scheduler.DropNotifier); ok {
			m.notifier = dn
			m.dropFn = m.rejected
		}
	}
	p.src.Subscribe(m)
}

type publishOnMain[T any] struct {
	down     sluice.Subscriber[T]
	worker   scheduler.Worker
	runFn    func()
	notifier scheduler.DropNotifier // the worker, when it reports dropped tasks
	dropFn   func()
	q        *queue.SPSC[T]
	prefetch int64
	limit    int64

	upstream  inner.Slot
	wip       demand.WIP
	requested atomic.Int64
	cancelled atomic.Bool
	done      atomic.Bool
	err       error // written before done is set
	fatal     inner.Errors
	produced  int64        // drain-owned
	runs      atomic.Int64 // drain tasks started, to tell a refused task apart
}

func (m *publishOnMain[T]) OnSubscribe(s sluice.Subscription) {
	if !m.upstream.Set(s) {
		return
	}
	m.down.OnSubscribe(m)
	s.Request(m.prefetch)
}

func (m *publishOnMain[T]) OnNext(v T) {
	if m.done.Load() {
		sluice.NextDropped(v)
		return
	}
	if !m.q.Offer(v) {
		m.upstream.Cancel()
		m.err = ErrOverflow
		m.done.Store(true)
	}
	m.schedule()
}

func (m *publishOnMain[T]) OnError(err error) {
	if m.done.Load() {
		sluice.ErrorDropped(err)
		return
	}
	m.err = err
	m.done.Store(true)
	m.schedule()
}

func (m *publishOnMain[T]) OnComplete() {
	if m.done.Load() {
		return
	}
	m.done.Store(true)
	m.schedule()
}

func (m *publishOnMain[T]) Request(n int64) {
	if m.cancelled.Load() {
		return
	}
	if n <= 0 {
		m.fatal.SetFirst(demand.Invalid(n))
	} else {
		demand.AddAtomic(&m.requested, n)
	}
	m.schedule()
}

func (m *publishOnMain[T]) Cancel() {
	if m.cancelled.Swap(true) {
		return
	}
	m.upstream.Cancel()
	if m.worker != nil {
		m.worker.Dispose()
	}
	if m.wip.Enter() {
		m.q.Clear() // we own the consumer side now, and keep it
	}
}

func (m *publishOnMain[T]) schedule() {
	if !m.wip.Enter() {
		return
	}
	if m.worker == nil {
		m.run()
		return
	}
	if m.notifier != nil {
		// A task that will never run (refused now, or dropped later by a
		// scheduler disposed while it was queued) still holds the drain
		// loop: dropFn ends the stream from there.
		m.notifier.ScheduleNotify(m.runFn, m.dropFn)
		return
	}
	started := m.runs.Load()
	d := m.worker.Schedule(m.runFn)
	// A disposed task that never started will never run: the worker or
	// its scheduler refused it (disposed, or a full queue) or dropped it.
	// The drain loop is still ours, so end the stream here instead of
	// leaving it hanging.
	if d.IsDisposed() && m.runs.Load() == started {
		m.rejected()
	}
}

// rejected fails the stream after the scheduler refused the drain task;
// the caller owns wip and keeps it.
func (m *publishOnMain[T]) rejected() {
	m.upstream.Cancel()
	m.q.Clear()
	if m.cancelled.Swap(true) {
		return
	}
	m.release()
	m.down.OnError(fmt.Errorf("publishOn: %w", scheduler.ErrRejected))
}

func (m *publishOnMain[T]) release() {
	if m.worker != nil {
		m.worker.Dispose()
	}
}

func (m *publishOnMain[T]) checkTerminated(d, empty bool) bool {
	if m.cancelled.Load() {
		m.q.Clear()
		return true
	}
	if err := m.fatal.Load(); err != nil {
		m.cancelled.Store(true)
		m.upstream.Cancel()
		m.q.Clear()
		m.release()
		m.down.OnError(err)
		return true
	}
	if d && empty {
		m.cancelled.Store(true)
		m.release()
		if m.err != nil {
			m.down.OnError(m.err)
		} else {
			m.down.OnComplete()
		}
		return true
	}
	return false
}

// run is the drain loop; it owns wip on entry.
func (m *publishOnMain[T]) run() {
	missed := int32(1)
	e := m.produced
	for {
		r := m.requested.Load()
		for e != r {
			d := m.done.Load()
			v, ok := m.q.Poll()
			if m.checkTerminated(d, !ok) {
				return
			}
			if !ok {
				break
			}
			m.down.OnNext(v)
			e++
			if e == m.limit {
				if r != sluice.Unbounded {
					r = m.requested.Add(-e)
				}
				m.upstream.Request(e)
				e = 0
			}
		}
		if e == r && m.checkTerminated(m.done.Load(), m.q.IsEmpty()) {
			return
		}
		if m.fatal.Load() != nil || m.cancelled.Load() {
			m.checkTerminated(false, false)
			return
		}
		m.produced = e
		if missed = m.wip.Leave(missed); missed == 0 {
			return
		}
	}
}
