package operators

import (
	"fmt"
	"sync/atomic"
	"time"

	"github.com/sluicego/sluice"
	"github.com/sluicego/sluice/internal/demand"
	"github.com/sluicego/sluice/internal/inner"
	"github.com/sluicego/sluice/internal/serial"
	"github.com/sluicego/sluice/scheduler"
)

// DelaySubscription subscribes to src only after d has elapsed on sched
// (nil: DefaultTimer). The subscriber gets its subscription at once; demand
// it signals meanwhile is handed to src when it subscribes. Cancelling
// before then disposes the timer and src is never subscribed.
func DelaySubscription[T any](src sluice.Publisher[T], d time.Duration, sched scheduler.Scheduler) sluice.Publisher[T] {
	return &delaySubscriptionPublisher[T]{src: src, d: d, sched: sched}
}

type delaySubscriptionPublisher[T any] struct {
	src   sluice.Publisher[T]
	d     time.Duration
	sched scheduler.Scheduler
}

func (p *delaySubscriptionPublisher[T]) String() string {
	return describe(p.src, fmt.Sprintf("DelaySubscription(%v)", p.d))
}

func (p *delaySubscriptionPublisher[T]) Subscribe(s sluice.Subscriber[T]) {
	checkSubscriber(s)
	m := &delaySubscriber[T]{down: serial.New[T](s), src: p.src}
	s.OnSubscribe(m)
	if m.done.Load() {
		return
	}
	m.timer.Store(&disposableBox{timerOf(p.sched).ScheduleAfter(p.d, m.subscribe)})
	if m.done.Load() {
		m.disposeTimer()
	}
}

type delaySubscriber[T any] struct {
	down     *serial.Subscriber[T]
	src      sluice.Publisher[T]
	upstream inner.Deferred
	timer    atomicDisposable
	done     atomic.Bool // cancelled or failed by an invalid request
}

func (m *delaySubscriber[T]) subscribe() {
	if !m.done.Load() {
		m.src.Subscribe(m)
	}
}

func (m *delaySubscriber[T]) disposeTimer() {
	if b := m.timer.Load(); b != nil {
		b.d.Dispose()
	}
}

func (m *delaySubscriber[T]) OnSubscribe(s sluice.Subscription) { m.upstream.Set(s) }
func (m *delaySubscriber[T]) OnNext(v T)                        { m.down.OnNext(v) }
func (m *delaySubscriber[T]) OnError(err error)                 { m.down.OnError(err) }
func (m *delaySubscriber[T]) OnComplete()                       { m.down.OnComplete() }

func (m *delaySubscriber[T]) Request(n int64) {
	if m.done.Load() {
		return
	}
	if n <= 0 {
		if s := m.upstream.Get(); s != nil {
			s.Request(n) // the source reports it
			return
		}
		m.Cancel()
		m.down.OnError(demand.Invalid(n))
		return
	}
	m.upstream.Request(n)
}

func (m *delaySubscriber[T]) Cancel() {
	if m.done.Swap(true) {
		return
	}
	m.disposeTimer()
	m.upstream.Cancel()
}
