package operators

import (
	"fmt"
	"sync"
	"time"

	"github.com/sluicego/sluice"
	"github.com/sluicego/sluice/internal/demand"
	"github.com/sluicego/sluice/internal/inner"
	"github.com/sluicego/sluice/internal/serial"
	"github.com/sluicego/sluice/scheduler"
)

// DelayElements delays each element of src by d on sched (nil:
// DefaultTimer). Like Reactor's delayElements it requests src one element
// at a time, only while the subscriber has demand, and delays the next one
// from its own arrival, so elements come out at least d apart. Completion
// and an upstream error wait for the element being delayed, keeping the
// signals in order. Cancelling disposes the pending timer.
func DelayElements[T any](src sluice.Publisher[T], d time.Duration, sched scheduler.Scheduler) sluice.Publisher[T] {
	return &delayElementsPublisher[T]{src: src, sched: sched, fixed: d,
		name: fmt.Sprintf("DelayElements(%v)", d)}
}

// DelayElementsBy is DelayElements with a delay computed for each element.
// An error returned by delay (or a panic in it) cancels src and ends the
// stream with that error instead of the element.
func DelayElementsBy[T any](src sluice.Publisher[T], delay func(T) (time.Duration, error), sched scheduler.Scheduler) sluice.Publisher[T] {
	return &delayElementsPublisher[T]{src: src, sched: sched, delay: delay, name: "DelayElementsBy"}
}

type delayElementsPublisher[T any] struct {
	src   sluice.Publisher[T]
	sched scheduler.Scheduler
	fixed time.Duration
	delay func(T) (time.Duration, error)
	name  string
}

func (p *delayElementsPublisher[T]) String() string { return describe(p.src, p.name) }

func (p *delayElementsPublisher[T]) Subscribe(s sluice.Subscriber[T]) {
	checkSubscriber(s)
	m := &delayElementsSubscriber[T]{down: serial.New[T](s), fixed: p.fixed, delay: p.delay,
		worker: timerOf(p.sched).NewWorker()}
	p.src.Subscribe(m)
}

type delayElementsSubscriber[T any] struct {
	down     *serial.Subscriber[T]
	worker   scheduler.Worker
	upstream inner.Slot
	fixed    time.Duration
	delay    func(T) (time.Duration, error)

	mu        sync.Mutex
	requested int64
	inFlight  bool  // one element requested from upstream or being delayed
	pending   bool  // an element is being delayed
	upDone    bool  // upstream terminated; err is its error
	err       error // upstream error, delivered after the pending element
	done      bool  // downstream terminated or cancelled
}

func (m *delayElementsSubscriber[T]) OnSubscribe(s sluice.Subscription) {
	if m.upstream.Set(s) {
		m.down.OnSubscribe(m)
	}
}

func (m *delayElementsSubscriber[T]) Request(n int64) {
	if n <= 0 {
		m.fail(demand.Invalid(n))
		return
	}
	m.mu.Lock()
	if m.done {
		m.mu.Unlock()
		return
	}
	m.requested = demand.Add(m.requested, n)
	up := m.takeUpLocked()
	m.mu.Unlock()
	if up {
		m.upstream.Request(1)
	}
}

// takeUpLocked reports whether the caller must request one more element.
func (m *delayElementsSubscriber[T]) takeUpLocked() bool {
	if m.inFlight || m.upDone || m.done || m.requested == 0 {
		return false
	}
	m.inFlight = true
	return true
}

func (m *delayElementsSubscriber[T]) Cancel() {
	m.mu.Lock()
	if m.done {
		m.mu.Unlock()
		return
	}
	m.done = true
	m.mu.Unlock()
	m.release()
}

func (m *delayElementsSubscriber[T]) release() {
	m.worker.Dispose()
	m.upstream.Cancel()
}

func (m *delayElementsSubscriber[T]) fail(err error) {
	m.mu.Lock()
	if m.done {
		m.mu.Unlock()
		sluice.ErrorDropped(err)
		return
	}
	m.done = true
	m.mu.Unlock()
	m.release()
	m.down.OnError(err)
}

func (m *delayElementsSubscriber[T]) OnNext(v T) {
	d := m.fixed
	if m.delay != nil {
		var err error
		var perr error
		if perr = try0(func() { d, err = m.delay(v) }); perr != nil {
			err = perr
		}
		if err != nil {
			m.fail(err)
			return
		}
	}
	m.mu.Lock()
	if m.done {
		m.mu.Unlock()
		sluice.NextDropped(v)
		return
	}
	m.pending = true
	m.mu.Unlock()
	m.worker.ScheduleAfter(d, func() { m.emit(v) })
}

func (m *delayElementsSubscriber[T]) emit(v T) {
	m.mu.Lock()
	if m.done {
		m.mu.Unlock()
		sluice.NextDropped(v)
		return
	}
	if m.requested != sluice.Unbounded {
		m.requested--
	}
	m.pending = false
	m.inFlight = false
	term := m.upDone
	if term {
		m.done = true
	}
	up := m.takeUpLocked()
	m.mu.Unlock()
	m.down.OnNext(v)
	switch {
	case term:
		m.terminate()
	case up:
		m.upstream.Request(1)
	}
}

func (m *delayElementsSubscriber[T]) terminate() {
	m.worker.Dispose()
	if m.err != nil {
		m.down.OnError(m.err)
		return
	}
	m.down.OnComplete()
}

func (m *delayElementsSubscriber[T]) OnError(err error) { m.upstreamDone(err) }
func (m *delayElementsSubscriber[T]) OnComplete()       { m.upstreamDone(nil) }

func (m *delayElementsSubscriber[T]) upstreamDone(err error) {
	m.mu.Lock()
	if m.done || m.upDone {
		m.mu.Unlock()
		if err != nil {
			sluice.ErrorDropped(err)
		}
		return
	}
	m.upDone = true
	m.err = err
	now := !m.pending
	if now {
		m.done = true
	}
	m.mu.Unlock()
	if now {
		m.terminate()
	}
}
