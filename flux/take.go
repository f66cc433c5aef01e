package flux

import (
	"github.com/sluicego/sluice"
	"github.com/sluicego/sluice/operators"
)

// Take relays the first n elements and completes, never requesting more
// than n upstream.
func (f Flux[T]) Take(n int64) Flux[T] { return From(operators.Take[T](f, n)) }

// LimitRequest caps the total demand sent upstream at n.
func (f Flux[T]) LimitRequest(n int64) Flux[T] { return From(operators.LimitRequest[T](f, n)) }

// TakeWhile relays elements while pred holds, then completes.
func (f Flux[T]) TakeWhile(pred func(T) bool) Flux[T] {
	return From(operators.TakeWhile[T](f, pred))
}

// TakeUntil relays elements up to and including the first one that
// satisfies pred, then completes.
func (f Flux[T]) TakeUntil(pred func(T) bool) Flux[T] {
	return From(operators.TakeUntil[T](f, pred))
}

// TakeUntilOther relays elements until other emits or completes.
func TakeUntilOther[T, U any](f sluice.Publisher[T], other sluice.Publisher[U]) Flux[T] {
	return From(operators.TakeUntilOther(f, other))
}

// TakeLast emits the last n elements once the flux completes.
func (f Flux[T]) TakeLast(n int) Flux[T] { return From(operators.TakeLast[T](f, n)) }
