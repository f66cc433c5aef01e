package flux

import (
	"time"

	"github.com/sluicego/sluice/operators"
	"github.com/sluicego/sluice/scheduler"
)

// schedulerOf returns the optional scheduler of a time operator: nil (the
// shared operators.DefaultTimer) when none is given. More than one panics.
func schedulerOf(on []scheduler.Scheduler) scheduler.Scheduler {
	switch len(on) {
	case 0:
		return nil
	case 1:
		return on[0]
	}
	panic("flux: at most one scheduler may be given")
}

// Interval emits 0, 1, 2, ... every period, the first after one period, on
// the given scheduler (default operators.DefaultTimer). A tick due without
// demand ends the stream with an error wrapping operators.ErrOverflow.
func Interval(period time.Duration, on ...scheduler.Scheduler) Flux[int64] {
	return From(operators.Interval(period, period, schedulerOf(on)))
}

// IntervalDelayed is Interval with the first tick after initialDelay.
func IntervalDelayed(initialDelay, period time.Duration, on ...scheduler.Scheduler) Flux[int64] {
	return From(operators.Interval(initialDelay, period, schedulerOf(on)))
}

// DelayElements delays each element by d (see operators.DelayElements).
func (f Flux[T]) DelayElements(d time.Duration, on ...scheduler.Scheduler) Flux[T] {
	return From(operators.DelayElements(f.Unwrap(), d, schedulerOf(on)))
}

// DelaySubscription subscribes to f after d.
func (f Flux[T]) DelaySubscription(d time.Duration, on ...scheduler.Scheduler) Flux[T] {
	return From(operators.DelaySubscription(f.Unwrap(), d, schedulerOf(on)))
}

// Timeout ends the stream with an error wrapping operators.ErrTimeout when
// an element (the first included) does not arrive within d.
func (f Flux[T]) Timeout(d time.Duration, on ...scheduler.Scheduler) Flux[T] {
	return From(operators.Timeout(f.Unwrap(), d, nil, schedulerOf(on)))
}

// TimeoutFallback is Timeout that switches to fallback instead of failing.
func (f Flux[T]) TimeoutFallback(d time.Duration, fallback Flux[T], on ...scheduler.Scheduler) Flux[T] {
	return From(operators.Timeout(f.Unwrap(), d, fallback.Unwrap(), schedulerOf(on)))
}

// Sample emits the latest element of each period.
func (f Flux[T]) Sample(period time.Duration, on ...scheduler.Scheduler) Flux[T] {
	return From(operators.Sample(f.Unwrap(), period, schedulerOf(on)))
}

// SampleFirst emits an element and then ignores the source for period.
func (f Flux[T]) SampleFirst(period time.Duration, on ...scheduler.Scheduler) Flux[T] {
	return From(operators.SampleFirst(f.Unwrap(), period, schedulerOf(on)))
}

// SampleTimeout emits an element once d passes without a newer one.
func (f Flux[T]) SampleTimeout(d time.Duration, on ...scheduler.Scheduler) Flux[T] {
	return From(operators.SampleTimeout(f.Unwrap(), d, schedulerOf(on)))
}

// Debounce is SampleTimeout.
func (f Flux[T]) Debounce(d time.Duration, on ...scheduler.Scheduler) Flux[T] {
	return f.SampleTimeout(d, on...)
}

// BufferTimeout collects elements into slices of at most maxSize, each
// emitted when full or d after its first element.
func BufferTimeout[T any](f Flux[T], maxSize int, d time.Duration, on ...scheduler.Scheduler) Flux[[]T] {
	return From(operators.BufferTimeout(f.Unwrap(), maxSize, d, schedulerOf(on)))
}

// BufferTimeoutFair is BufferTimeout that follows the subscriber's demand
// (operators.FairBackpressure, Reactor's bufferTimeout(maxSize, maxTime,
// true)): f is requested maxSize elements per requested slice, and a slice
// due without demand waits for it instead of failing the stream.
func BufferTimeoutFair[T any](f Flux[T], maxSize int, d time.Duration, on ...scheduler.Scheduler) Flux[[]T] {
	return From(operators.BufferTimeout(f.Unwrap(), maxSize, d, schedulerOf(on), operators.FairBackpressure()))
}

// BufferTime collects elements into slices emitted d after their first
// element.
func BufferTime[T any](f Flux[T], d time.Duration, on ...scheduler.Scheduler) Flux[[]T] {
	return From(operators.BufferTime(f.Unwrap(), d, schedulerOf(on)))
}

// Timestamp pairs each element with its arrival time and the time elapsed
// since the previous one (on the scheduler's clock, default the wall clock).
func Timestamp[T any](f Flux[T], on ...scheduler.Scheduler) Flux[operators.Timed[T]] {
	return From(operators.Timestamp(f.Unwrap(), schedulerOf(on)))
}

// Elapsed is Timestamp under Reactor's other name.
func Elapsed[T any](f Flux[T], on ...scheduler.Scheduler) Flux[operators.Timed[T]] {
	return From(operators.Elapsed(f.Unwrap(), schedulerOf(on)))
}
