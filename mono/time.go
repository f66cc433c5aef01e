package mono

import (
	"time"

	"github.com/sluicego/sluice/operators"
	"github.com/sluicego/sluice/scheduler"
)

func schedulerOf(on []scheduler.Scheduler) scheduler.Scheduler {
	switch len(on) {
	case 0:
		return nil
	case 1:
		return on[0]
	}
	panic("mono: at most one scheduler may be given")
}

// Delay emits 0 after d on the given scheduler (default
// operators.DefaultTimer) and completes (Reactor's Mono.delay).
func Delay(d time.Duration, on ...scheduler.Scheduler) Mono[int64] {
	return From(operators.Delay(d, schedulerOf(on)))
}

// DelayElement delays the value (and the completion) by d.
func (m Mono[T]) DelayElement(d time.Duration, on ...scheduler.Scheduler) Mono[T] {
	return From(operators.DelayElements(m, d, schedulerOf(on)))
}

// DelaySubscription subscribes to m after d.
func (m Mono[T]) DelaySubscription(d time.Duration, on ...scheduler.Scheduler) Mono[T] {
	return From(operators.DelaySubscription(m, d, schedulerOf(on)))
}

// Timeout ends the mono with an error wrapping operators.ErrTimeout when
// its value or completion does not arrive within d.
func (m Mono[T]) Timeout(d time.Duration, on ...scheduler.Scheduler) Mono[T] {
	return From(operators.TimeoutFirst(m, d, 0, nil, schedulerOf(on)))
}

// TimeoutFallback is Timeout that switches to fallback instead of failing.
func (m Mono[T]) TimeoutFallback(d time.Duration, fallback Mono[T], on ...scheduler.Scheduler) Mono[T] {
	return From(operators.TimeoutFirst(m, d, 0, fallback, schedulerOf(on)))
}
