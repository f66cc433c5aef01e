package flux

import (
	"github.com/sluicego/sluice"
	"github.com/sluicego/sluice/operators"
)

// Map transforms each element with fn (see operators.Map). Fused with a
// fusable source such as Range or FromSlice.
func Map[T, R any](f sluice.Publisher[T], fn func(T) R) Flux[R] {
	return From(operators.Map(f, fn))
}

// Handle calls fn with each element and a sink through which fn emits at
// most one element, an error or completion (see operators.Handle).
func Handle[T, R any](f sluice.Publisher[T], fn func(v T, sink SynchronousSink[R])) Flux[R] {
	return From(operators.Handle(f, func(v T, k operators.SynchronousSink[R]) { fn(v, k) }))
}

// Indexed pairs an element with its position (see Index).
type Indexed[T any] = operators.Indexed[T]

// Index pairs each element with its 0-based position.
func Index[T any](f sluice.Publisher[T]) Flux[Indexed[T]] { return From(operators.Index(f)) }

// Scan emits the first element, then each accumulation of the next element
// into the previous result.
func (f Flux[T]) Scan(fn func(acc, v T) T) Flux[T] { return From(operators.Scan[T](f, fn)) }

// Scan emits seed, then each accumulation of an element into the previous
// result.
func Scan[T, A any](f sluice.Publisher[T], seed A, fn func(acc A, v T) A) Flux[A] {
	return From(operators.ScanSeed(f, seed, fn))
}
