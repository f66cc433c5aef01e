package mono

import (
	"github.com/sluicego/sluice"
	"github.com/sluicego/sluice/operators"
)

// Map transforms the element with fn.
func Map[T, R any](m sluice.Publisher[T], fn func(T) R) Mono[R] {
	return From(operators.Map(m, fn))
}

// FlatMap maps the element to another Mono and relays it (an empty mono
// stays empty). If m signals again after its value (a Flux seen as a Mono),
// the first value wins and the later signals go to the dropped hooks, as
// with Reactor's Mono.flatMap (see operators.MonoFlatMap).
func FlatMap[T, R any](m sluice.Publisher[T], fn func(T) Mono[R]) Mono[R] {
	return From(operators.MonoFlatMap(m, func(v T) sluice.Publisher[R] { return fn(v) }))
}

// Filter relays the element if pred holds, else completes empty.
func (m Mono[T]) Filter(pred func(T) bool) Mono[T] { return From(operators.Filter[T](m, pred)) }

// HasElement emits whether the mono has an element.
func (m Mono[T]) HasElement() Mono[bool] { return From(operators.HasElements[T](m)) }
