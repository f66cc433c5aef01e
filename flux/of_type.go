package flux

import (
	"github.com/sluicego/sluice"
	"github.com/sluicego/sluice/operators"
)

// OfType keeps the elements of f whose dynamic type is (or implements) R,
// as R, skipping the others (see operators.OfType): the cast-free way from a
// Flux[any], such as one bridged from rxgo, to a typed Flux.
func OfType[T, R any](f sluice.Publisher[T]) Flux[R] {
	return Flux[R]{pub: operators.OfType[T, R](f)}
}
