package flux

import (
	"github.com/sluicego/sluice"
	"github.com/sluicego/sluice/operators"
)

// Signal is a materialized signal (see Materialize).
type Signal[T any] = operators.Signal[T]

// Materialize turns each element and the terminal signal into Signal
// elements.
func Materialize[T any](f sluice.Publisher[T]) Flux[Signal[T]] {
	return From(operators.Materialize(f))
}

// Dematerialize turns Signal elements back into signals.
func Dematerialize[T any](f sluice.Publisher[Signal[T]]) Flux[T] {
	return From(operators.Dematerialize(f))
}
