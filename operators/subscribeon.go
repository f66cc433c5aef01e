package operators

import (
	"fmt"
	"sync/atomic"

	"github.com/sluicego/sluice"
	"github.com/sluicego/sluice/internal/inner"
	"github.com/sluicego/sluice/internal/serial"
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
	// Downstream signals go through a serializer: a Request task dropped
	// by a disposed scheduler fails the stream from whatever goroutine
	// disposed it, while the source may still be signalling on the worker.
	m := &subscribeOnMain[T]{down: serial.New(s), worker: p.sched.NewWorker()}
	m.notifier, _ = m.worker.(scheduler.DropNotifier)
	s.OnSubscribe(m)
	src := p.src
	subscribe := func() { src.Subscribe(m) }
	if m.notifier != nil {
		// A subscription task that will never run ends the stream here.
		m.notifier.ScheduleNotify(subscribe, m.rejected)
		return
	}
	m.worker.Schedule(subscribe)
}

// rejected ends the stream when the subscription task or a Request task was
// refused or dropped by a disposed scheduler (not after Cancel, nor after
// the stream ended and released the worker itself). It may run on any
// goroutine, concurrently with the source: the source is cancelled and the
// error goes through the same serializer as the source's signals.
func (m *subscribeOnMain[T]) rejected() {
	if m.cancelled.Load() || m.done.Swap(true) {
		return
	}
	m.upstream.Cancel()
	m.worker.Dispose()
	m.down.OnError(fmt.Errorf("subscribeOn: %w", scheduler.ErrRejected))
}

type subscribeOnMain[T any] struct {
	down      *serial.Subscriber[T]
	worker    scheduler.Worker
	notifier  scheduler.DropNotifier // the worker, when it reports dropped tasks
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

// Request forwards n to the source from the worker. A Request task that the
// scheduler drops (disposed under a live stream) fails the stream instead of
// leaving the demand, and the subscriber, waiting forever.
func (m *subscribeOnMain[T]) Request(n int64) {
	task := func() {
		if n <= 0 {
			if s := m.upstream.Get(); s != nil {
				s.Request(n)
			}
			return
		}
		m.upstream.Request(n)
	}
	if m.notifier != nil {
		m.notifier.ScheduleNotify(task, m.rejected)
		return
	}
	m.worker.Schedule(task)
}

// Cancel cancels the source and releases the worker.
func (m *subscribeOnMain[T]) Cancel() {
	m.cancelled.Store(true)
	m.upstream.Cancel()
	m.worker.Dispose()
}
