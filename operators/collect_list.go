package operators

import "github.com/sluicego/sluice"

// CollectList emits all elements of src as one slice when it completes (an
// empty, non-nil slice for an empty source).
func CollectList[T any](src sluice.Publisher[T]) sluice.Publisher[[]T] {
	return newFold(src, &fold[T, []T, []T]{
		name:     "CollectList",
		prefetch: sluice.Unbounded,
		step:     func(l []T, v T) ([]T, bool) { return append(l, v), true },
		finish: func(l []T) ([]T, bool, error) {
			if l == nil {
				l = []T{}
			}
			return l, true, nil
		},
	})
}
