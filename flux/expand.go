package flux

import (
	"github.com/sluicego/sluice"
	"github.com/sluicego/sluice/operators"
)

// Expand emits every element of f, then, breadth first and level by
// level, the elements of the publisher fn returns for each emitted element
// (see operators.Expand); fn may return nil for no expansion.
func Expand[T any](f sluice.Publisher[T], fn func(T) sluice.Publisher[T]) Flux[T] {
	return From(operators.Expand(f, fn, 0))
}
