package flux

import (
	"fmt"

	"github.com/sluicego/sluice"
	"github.com/sluicego/sluice/operators"
)

// Transform applies a reusable same-type pipeline built with operators.Pipe.
func (f Flux[T]) Transform(op operators.Op[T, T]) Flux[T] { return From(op.Apply(f)) }

// Transform applies a reusable pipeline that may change the element type
// (built with operators.Compose).
func Transform[T, R any](f sluice.Publisher[T], op operators.Op[T, R]) Flux[R] {
	return From(op.Apply(f))
}

// String prints the assembly of the flux: each operator after its parent,
// e.g. "Range(0, 10).Map.Filter.Take(3)".
func (f Flux[T]) String() string {
	if s, ok := f.Unwrap().(interface{ String() string }); ok {
		return s.String()
	}
	return fmt.Sprintf("%T", f.Unwrap())
}
