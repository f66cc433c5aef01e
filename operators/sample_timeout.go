package operators

import (
	"fmt"
	"time"

	"github.com/sluicego/sluice"
	"github.com/sluicego/sluice/scheduler"
)

// SampleTimeout emits an element of src only once d has passed on sched
// (nil: DefaultTimer) without a newer element (a debounce; Reactor's
// sampleTimeout with a fixed delay). When src completes, the pending element
// is emitted at once, before completion; an error is delivered at once and
// the pending element dropped. src is requested without bound; an element
// due while the subscriber has no demand ends the stream with an error
// wrapping ErrOverflow.
func SampleTimeout[T any](src sluice.Publisher[T], d time.Duration, sched scheduler.Scheduler) sluice.Publisher[T] {
	return &sampleTimeoutPublisher[T]{src: src, d: d, sched: sched}
}

type sampleTimeoutPublisher[T any] struct {
	src   sluice.Publisher[T]
	d     time.Duration
	sched scheduler.Scheduler
}

func (p *sampleTimeoutPublisher[T]) String() string {
	return describe(p.src, fmt.Sprintf("SampleTimeout(%v)", p.d))
}

func (p *sampleTimeoutPublisher[T]) Subscribe(s sluice.Subscriber[T]) {
	checkSubscriber(s)
	m := &sampleTimeoutSubscriber[T]{d: p.d}
	m.init(s, p.sched)
	p.src.Subscribe(m)
}

type sampleTimeoutSubscriber[T any] struct {
	timedEmitter[T]
	d     time.Duration
	last  latest[T]
	timer scheduler.Disposable // upstream side only
}

func (m *sampleTimeoutSubscriber[T]) OnSubscribe(s sluice.Subscription) {
	if m.upstream.Set(s) {
		m.down.OnSubscribe(m)
		s.Request(sluice.Unbounded)
	}
}

func (m *sampleTimeoutSubscriber[T]) OnNext(v T) {
	g := m.last.put(v)
	if m.timer != nil {
		m.timer.Dispose()
	}
	m.timer = m.worker.ScheduleAfter(m.d, func() {
		if v, ok := m.last.take(g); ok {
			m.emitOrOverflow(v, "value")
		}
	})
}

func (m *sampleTimeoutSubscriber[T]) OnError(err error) { m.fail(err) }
func (m *sampleTimeoutSubscriber[T]) OnComplete()       { finishWith(&m.timedEmitter, &m.last) }
