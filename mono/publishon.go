package mono

import (
	"github.com/sluicego/sluice/operators"
	"github.com/sluicego/sluice/scheduler"
)

// PublishOn delivers m's signals on one worker of sched.
func (m Mono[T]) PublishOn(sched scheduler.Scheduler) Mono[T] {
	return Mono[T]{pub: operators.PublishOn[T](m, sched, 1)}
}

// SubscribeOn subscribes to m on one worker of sched.
func (m Mono[T]) SubscribeOn(sched scheduler.Scheduler) Mono[T] {
	return Mono[T]{pub: operators.SubscribeOn[T](m, sched)}
}
