package flux

import (
	"github.com/sluicego/sluice/operators"
	"github.com/sluicego/sluice/scheduler"
)

// PublishOn delivers f's signals on one worker of sched through a bounded
// queue (see operators.PublishOn). Option: WithPrefetch (default 256).
func (f Flux[T]) PublishOn(sched scheduler.Scheduler, opts ...AsyncOption) Flux[T] {
	c := asyncConfig{prefetch: 256}
	for _, o := range opts {
		o(&c)
	}
	return Flux[T]{pub: operators.PublishOn[T](f, sched, c.prefetch)}
}

// SubscribeOn subscribes to f, and requests from it, on one worker of sched.
func (f Flux[T]) SubscribeOn(sched scheduler.Scheduler) Flux[T] {
	return Flux[T]{pub: operators.SubscribeOn[T](f, sched)}
}

// LimitRate requests from f at most highTide elements ahead, then lowTide
// at a time (see operators.LimitRate). lowTide <= 0 means 75 % of highTide.
func (f Flux[T]) LimitRate(highTide, lowTide int) Flux[T] {
	return Flux[T]{pub: operators.LimitRate[T](f, highTide, lowTide)}
}
