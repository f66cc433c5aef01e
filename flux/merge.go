package flux

import (
	"github.com/sluicego/sluice"
	"github.com/sluicego/sluice/operators"
)

// Merge subscribes to every source at once and interleaves their elements
// as they arrive (see operators.Merge).
func Merge[T any](sources ...sluice.Publisher[T]) Flux[T] {
	return Flux[T]{pub: operators.Merge(operators.DefaultPrefetch, sources...)}
}

// MergeDelayError is Merge that fails only after every source finished.
func MergeDelayError[T any](sources ...sluice.Publisher[T]) Flux[T] {
	return Flux[T]{pub: operators.MergeDelayError(operators.DefaultPrefetch, sources...)}
}

// MergeSequential subscribes to every source at once and emits them in
// order, one source after another.
func MergeSequential[T any](sources ...sluice.Publisher[T]) Flux[T] {
	return Flux[T]{pub: operators.MergeSequential(operators.DefaultPrefetch, sources...)}
}

// MergeWith merges f with others, interleaving their elements as they
// arrive.
func (f Flux[T]) MergeWith(others ...sluice.Publisher[T]) Flux[T] {
	return Merge(append([]sluice.Publisher[T]{f}, others...)...)
}
