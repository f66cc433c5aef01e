package operators

import "github.com/sluicego/sluice"

// Count emits the number of elements of src when it completes.
func Count[T any](src sluice.Publisher[T]) sluice.Publisher[int64] {
	return newFold(src, &fold[T, int64, int64]{
		name:     "Count",
		prefetch: sluice.Unbounded,
		step:     func(n int64, _ T) (int64, bool) { return n + 1, true },
		finish:   func(n int64) (int64, bool, error) { return n, true, nil },
	})
}
