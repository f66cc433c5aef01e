package operators

import (
	"time"

	"github.com/sluicego/sluice"
	"github.com/sluicego/sluice/scheduler"
)

// Timed is an element with the time it was observed: Time is the clock's
// reading when it arrived and Elapsed the time since the previous element
// (for the first element: since the subscription).
type Timed[T any] struct {
	Value   T
	Time    time.Time
	Elapsed time.Duration
}

// Timestamp pairs each element of src with the time it arrived on sched's
// clock (nil: the wall clock) and the time elapsed since
// the previous one. It runs on the upstream's goroutine, schedules nothing,
// and forwards demand and cancellation unchanged. Elapsed is the same
// operator under Reactor's other name.
func Timestamp[T any](src sluice.Publisher[T], sched scheduler.Scheduler) sluice.Publisher[Timed[T]] {
	return &timedPublisher[T]{src: src, sched: sched, name: "Timestamp"}
}

// Elapsed is Timestamp: each element with its arrival time and the time
// elapsed since the previous element (the first: since the subscription).
func Elapsed[T any](src sluice.Publisher[T], sched scheduler.Scheduler) sluice.Publisher[Timed[T]] {
	return &timedPublisher[T]{src: src, sched: sched, name: "Elapsed"}
}

type timedPublisher[T any] struct {
	src   sluice.Publisher[T]
	sched scheduler.Scheduler
	name  string
}

func (p *timedPublisher[T]) String() string { return describe(p.src, p.name) }

func (p *timedPublisher[T]) Subscribe(s sluice.Subscriber[Timed[T]]) {
	checkSubscriber(s)
	now := time.Now
	if p.sched != nil {
		now = p.sched.Now
	}
	sub := &timedSubscriber[T]{now: now, last: now()}
	sub.down = s
	p.src.Subscribe(sub)
}

type timedSubscriber[T any] struct {
	base[Timed[T]]
	now  func() time.Time
	last time.Time
}

func (s *timedSubscriber[T]) OnNext(v T) {
	if s.done {
		sluice.NextDropped(v)
		return
	}
	now := s.now()
	d := now.Sub(s.last)
	s.last = now
	s.down.OnNext(Timed[T]{Value: v, Time: now, Elapsed: d})
}
