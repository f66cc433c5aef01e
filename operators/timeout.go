package operators

import (
	"errors"
	"fmt"
	"math"
	"sync/atomic"
	"time"

	"github.com/sluicego/sluice"
	"github.com/sluicego/sluice/internal/serial"
	"github.com/sluicego/sluice/scheduler"
)

// ErrTimeout is wrapped by the error that ends a Timeout without fallback.
var ErrTimeout = errors.New("timeout")

// Timeout ends the stream with an error wrapping ErrTimeout when the first
// element, or any later one, does not arrive within d of the previous
// signal (the subscription, or the previous element) on sched (nil:
// DefaultTimer). With a fallback, the timed-out source is cancelled and the
// subscriber continues with fallback instead, keeping its outstanding
// demand. Timeout also applies to a Mono.
func Timeout[T any](src sluice.Publisher[T], d time.Duration, fallback sluice.Publisher[T], sched scheduler.Scheduler) sluice.Publisher[T] {
	return TimeoutFirst(src, d, d, fallback, sched)
}

// TimeoutFirst is Timeout with a separate bound for the first element:
// first from the subscription to the first element, then each between
// elements; each <= 0 means no timeout after the first element.
func TimeoutFirst[T any](src sluice.Publisher[T], first, each time.Duration, fallback sluice.Publisher[T], sched scheduler.Scheduler) sluice.Publisher[T] {
	return &timeoutPublisher[T]{src: src, first: first, each: each, fallback: fallback, sched: sched}
}

type timeoutPublisher[T any] struct {
	src         sluice.Publisher[T]
	first, each time.Duration
	fallback    sluice.Publisher[T]
	sched       scheduler.Scheduler
}

func (p *timeoutPublisher[T]) String() string {
	return describe(p.src, fmt.Sprintf("Timeout(%v)", p.each))
}

const timedOut = math.MinInt64

func (p *timeoutPublisher[T]) Subscribe(s sluice.Subscriber[T]) {
	checkSubscriber(s)
	m := &timeoutSubscriber[T]{down: serial.New[T](s), p: p, worker: timerOf(p.sched).NewWorker()}
	s.OnSubscribe(m)
	if m.isCancelled() {
		return
	}
	m.arm(0, p.first)
	p.src.Subscribe(m)
}

type timeoutSubscriber[T any] struct {
	arbiter
	down   *serial.Subscriber[T]
	p      *timeoutPublisher[T]
	worker scheduler.Worker
	index  atomic.Int64         // elements seen; timedOut once a timer won or the source ended
	timer  scheduler.Disposable // the current timer; upstream side only
}

func (m *timeoutSubscriber[T]) arm(i int64, d time.Duration) {
	m.timer = m.worker.ScheduleAfter(d, func() { m.fire(i, d) })
}

func (m *timeoutSubscriber[T]) fire(i int64, d time.Duration) {
	if !m.index.CompareAndSwap(i, timedOut) {
		return
	}
	m.mu.Lock()
	cur := m.cur
	m.mu.Unlock()
	if cur != nil {
		cur.Cancel()
	}
	if m.p.fallback == nil {
		m.worker.Dispose()
		m.down.OnError(fmt.Errorf("%w: no element within %v", ErrTimeout, d))
		return
	}
	m.p.fallback.Subscribe(&timeoutFallback[T]{m})
}

// Cancel cancels the source (or fallback) and the timer.
func (m *timeoutSubscriber[T]) Cancel() {
	m.index.Store(timedOut)
	m.arbiter.Cancel()
	m.worker.Dispose()
}

func (m *timeoutSubscriber[T]) OnSubscribe(s sluice.Subscription) {
	if s == nil {
		panic(sluice.ErrNilSubscription)
	}
	if m.index.Load() == timedOut {
		s.Cancel() // timed out before the source subscribed
		return
	}
	m.set(s)
}

func (m *timeoutSubscriber[T]) OnNext(v T) {
	i := m.index.Load()
	if i == timedOut || !m.index.CompareAndSwap(i, i+1) {
		sluice.NextDropped(v)
		return
	}
	m.timer.Dispose()
	m.produced++
	m.down.OnNext(v)
	if m.p.each > 0 {
		m.arm(i+1, m.p.each)
	}
}

func (m *timeoutSubscriber[T]) end() bool {
	if m.index.Swap(timedOut) == timedOut {
		return false
	}
	m.worker.Dispose()
	return true
}

func (m *timeoutSubscriber[T]) OnError(err error) {
	if !m.end() {
		sluice.ErrorDropped(err)
		return
	}
	m.down.OnError(err)
}

func (m *timeoutSubscriber[T]) OnComplete() {
	if m.end() {
		m.down.OnComplete()
	}
}

// timeoutFallback relays the fallback's signals.
type timeoutFallback[T any] struct{ m *timeoutSubscriber[T] }

func (f *timeoutFallback[T]) OnSubscribe(s sluice.Subscription) {
	if s == nil {
		panic(sluice.ErrNilSubscription)
	}
	f.m.set(s)
}
func (f *timeoutFallback[T]) OnNext(v T) { f.m.down.OnNext(v) }
func (f *timeoutFallback[T]) OnError(err error) {
	f.m.worker.Dispose()
	f.m.down.OnError(err)
}
func (f *timeoutFallback[T]) OnComplete() {
	f.m.worker.Dispose()
	f.m.down.OnComplete()
}
