package operators

import (
	"fmt"
	"sync/atomic"

	"github.com/sluicego/sluice"
	"github.com/sluicego/sluice/internal/inner"
	"github.com/sluicego/sluice/scheduler"
)

// SubscribeOn subscribes to src on one worker of sched and makes every
// Request on that worker too, so a source that emits on the goroutine that
// subscribes or requests (a blocking generator, a range) runs there instead
// of on the caller's goroutine. The worker is released on termination and on
// cancellation.
func SubscribeOn[T any](src sluice.Publisher[T], sched scheduler.Scheduler) sluice.Publisher[T] {
	return &subscribeOnPublisher[T]{src: src, sched: sched}
}

type subscribeOnPublisher[T any] struct {
	src   sluice.Publisher[T]
	sched scheduler.Scheduler
}

func (p *subscribeOnPublisher[T]) Subscribe(s sluice.Subscriber[T]) {
	if s == nil {
		panic(sluice.ErrNilSubscriber)
	}
	m := &subscribeOnMain[T]{down: s, worker: p.sched.NewWorker()}
	s.OnSubscribe(m)
	src := p.src
	subscribe := func() { src.Subscribe(m) }
	if dn, ok := m.worker.(scheduler.DropNotifier); ok {
		// Until the source is subscribed nothing else signals m: a
		// subscription task that will never run ends the stream here.
		dn.ScheduleNotify(subscribe, m.rejected)
		return
	}
	m.worker.Schedule(subscribe)
}

// rejected ends the stream when the subscription task was refused or dropped
// by a disposed scheduler (not after Cancel).
func (m *subscribeOnMain[T]) rejected() {
	if m.cancelled.Load() || m.done.Swap(true) {
		return
	}
	m.worker.Dispose()
	m.down.OnError(fmt.Errorf("subscribeOn: %w", scheduler.ErrRejected))
}

type subscribeOnMain[T any] struct {
	down      sluice.Subscriber[T]
	worker    scheduler.Worker
	upstream  inner.Deferred
	done      atomic.Bool
	cancelled atomic.Bool
}

func (m *subscribeOnMain[T]) OnSubscribe(s sluice.Subscription) { m.upstream.Set(s) }
func (m *subscribeOnMain[T]) OnNext(v T)                        { m.down.OnNext(v) }

func (m *subscribeOnMain[T]) OnError(err error) {
	if m.done.Swap(true) {
		sluice.ErrorDropped(err)
		return
	}
	m.worker.Dispose()
	m.down.OnError(err)
}

func (m *subscribeOnMain[T]) OnComplete() {
	if m.done.Swap(true) {
		return
	}
	m.worker.Dispose()
	m.down.OnComplete()
}

// Request forwards n to the source from the worker.
func (m *subscribeOnMain[T]) Request(n int64) {
	m.worker.Schedule(func() {
		if n <= 0 {
			if s := m.upstream.Get(); s != nil {
				s.Request(n)
			}
			return
		}
		m.upstream.Request(n)
	})
}

// Cancel cancels the source and releases the worker.
func (m *subscribeOnMain[T]) Cancel() {
	m.cancelled.Store(true)
	m.upstream.Cancel()
	m.worker.Dispose()
}
