package operators

import (
	"fmt"
	"sync/atomic"
	"time"

	"github.com/sluicego/sluice"
	"github.com/sluicego/sluice/scheduler"
)

// SampleFirst emits an element of src and then ignores src for period on
// sched (nil: DefaultTimer) before letting the next one through (a
// throttle). src is requested without bound; an element let through while
// the subscriber has no demand ends the stream with an error wrapping
// ErrOverflow, as in Reactor.
func SampleFirst[T any](src sluice.Publisher[T], period time.Duration, sched scheduler.Scheduler) sluice.Publisher[T] {
	return &sampleFirstPublisher[T]{src: src, period: period, sched: sched}
}

type sampleFirstPublisher[T any] struct {
	src    sluice.Publisher[T]
	period time.Duration
	sched  scheduler.Scheduler
}

func (p *sampleFirstPublisher[T]) String() string {
	return describe(p.src, fmt.Sprintf("SampleFirst(%v)", p.period))
}

func (p *sampleFirstPublisher[T]) Subscribe(s sluice.Subscriber[T]) {
	checkSubscriber(s)
	m := &sampleFirstSubscriber[T]{period: p.period}
	m.init(s, p.sched)
	m.reopen = func() { m.gateClosed.Store(false) }
	p.src.Subscribe(m)
}

type sampleFirstSubscriber[T any] struct {
	timedEmitter[T]
	period     time.Duration
	gateClosed atomic.Bool
	reopen     func()
}

func (m *sampleFirstSubscriber[T]) OnSubscribe(s sluice.Subscription) {
	if m.upstream.Set(s) {
		m.down.OnSubscribe(m)
		s.Request(sluice.Unbounded)
	}
}

func (m *sampleFirstSubscriber[T]) OnNext(v T) {
	if m.gateClosed.Load() {
		return
	}
	m.gateClosed.Store(true)
	m.emitOrOverflow(v, "value")
	m.worker.ScheduleAfter(m.period, m.reopen)
}

func (m *sampleFirstSubscriber[T]) OnError(err error) { m.fail(err) }
func (m *sampleFirstSubscriber[T]) OnComplete()       { m.complete() }
