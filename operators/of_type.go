package operators

import "github.com/sluicego/sluice"

// OfType keeps the elements of src whose dynamic type is (or, for an
// interface R, implements) R and emits them as R; the others are skipped,
// one more being requested for each (Reactor's ofType). It is the cast-free
// way from a sluice.Publisher[any] (say, one bridged from rxgo) to a typed
// stream. Fused when src is.
func OfType[T, R any](src sluice.Publisher[T]) sluice.Publisher[R] {
	return Handle(src, func(v T, sink SynchronousSink[R]) {
		if r, ok := any(v).(R); ok {
			sink.Next(r)
		}
	})
}
