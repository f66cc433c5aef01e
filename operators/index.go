package operators

import "github.com/sluicego/sluice"

// Indexed pairs an element with its 0-based position in the stream.
type Indexed[T any] struct {
	Index int64
	Value T
}

// Index pairs each element with its position. Fused when src is.
func Index[T any](src sluice.Publisher[T]) sluice.Publisher[Indexed[T]] {
	return newStateful(src, "Index", func() func(T) (Indexed[T], bool) {
		var i int64
		return func(v T) (Indexed[T], bool) {
			i++
			return Indexed[T]{Index: i - 1, Value: v}, true
		}
	})
}
