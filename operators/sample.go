package operators

import (
	"fmt"
	"sync"
	"time"

	"github.com/sluicego/sluice"
	"github.com/sluicego/sluice/scheduler"
)

// Sample emits, every period on sched (nil: DefaultTimer), the latest
// element src emitted during that period, if any. src is requested without
// bound. A sample due while the subscriber has no demand ends the stream
// with an error wrapping ErrOverflow (Reactor's sample). When src completes,
// the latest unsampled element is emitted before completion; an error is
// delivered at once.
func Sample[T any](src sluice.Publisher[T], period time.Duration, sched scheduler.Scheduler) sluice.Publisher[T] {
	if period <= 0 {
		panic("operators: Sample period must be positive")
	}
	return &samplePublisher[T]{src: src, period: period, sched: sched}
}

type samplePublisher[T any] struct {
	src    sluice.Publisher[T]
	period time.Duration
	sched  scheduler.Scheduler
}

func (p *samplePublisher[T]) String() string {
	return describe(p.src, fmt.Sprintf("Sample(%v)", p.period))
}

func (p *samplePublisher[T]) Subscribe(s sluice.Subscriber[T]) {
	checkSubscriber(s)
	m := &sampleSubscriber[T]{}
	m.init(s, p.sched)
	s.OnSubscribe(m)
	if m.done.Load() {
		return
	}
	m.worker.SchedulePeriodically(p.period, p.period, m.tick)
	p.src.Subscribe(m)
}

// latest holds the most recent element of a sampling operator.
type latest[T any] struct {
	mu  sync.Mutex
	v   T
	has bool
	gen int64
}

func (l *latest[T]) put(v T) int64 {
	l.mu.Lock()
	l.v, l.has = v, true
	l.gen++
	g := l.gen
	l.mu.Unlock()
	return g
}

// take removes the element if there is one and, for gen >= 0, only if it
// is still the element of generation gen.
func (l *latest[T]) take(gen int64) (v T, ok bool) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if !l.has || (gen >= 0 && gen != l.gen) {
		return v, false
	}
	v, l.v, l.has = l.v, *new(T), false
	return v, true
}

type sampleSubscriber[T any] struct {
	timedEmitter[T]
	last latest[T]
}

func (m *sampleSubscriber[T]) tick() {
	if v, ok := m.last.take(-1); ok {
		m.emitOrOverflow(v, "sample")
	}
}

func (m *sampleSubscriber[T]) OnSubscribe(s sluice.Subscription) {
	if m.upstream.Set(s) {
		s.Request(sluice.Unbounded)
	}
}

func (m *sampleSubscriber[T]) OnNext(v T) { m.last.put(v) }

func (m *sampleSubscriber[T]) OnError(err error) { m.fail(err) }

func (m *sampleSubscriber[T]) OnComplete() { finishWith(&m.timedEmitter, &m.last) }

// finishWith completes e after the element left in l, if any.
func finishWith[T any](e *timedEmitter[T], l *latest[T]) {
	if v, ok := l.take(-1); ok {
		e.finish(v)
		return
	}
	e.complete()
}
