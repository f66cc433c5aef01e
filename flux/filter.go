package flux

import (
	"github.com/sluicego/sluice"
	"github.com/sluicego/sluice/operators"
)

// Filter relays the elements for which pred is true (see operators.Filter).
func (f Flux[T]) Filter(pred func(T) bool) Flux[T] { return From(operators.Filter[T](f, pred)) }

// Distinct relays each element not seen before in the subscription.
func Distinct[T comparable](f sluice.Publisher[T]) Flux[T] {
	return From(operators.Distinct(f, operators.Identity[T]))
}

// DistinctBy relays each element whose key was not seen before.
func DistinctBy[T any, K comparable](f sluice.Publisher[T], key func(T) K) Flux[T] {
	return From(operators.Distinct(f, key))
}

// DistinctUntilChanged drops an element equal to the previous one.
func DistinctUntilChanged[T comparable](f sluice.Publisher[T]) Flux[T] {
	return From(operators.DistinctUntilChanged(f, operators.Identity[T]))
}

// DistinctUntilChangedBy drops an element whose key equals the previous
// element's key.
func DistinctUntilChangedBy[T any, K comparable](f sluice.Publisher[T], key func(T) K) Flux[T] {
	return From(operators.DistinctUntilChanged(f, key))
}
