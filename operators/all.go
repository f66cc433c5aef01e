package operators

import "github.com/sluicego/sluice"

// All emits whether every element satisfies pred (true for an empty source),
// cancelling upstream at the first element that does not.
func All[T any](src sluice.Publisher[T], pred func(T) bool) sluice.Publisher[bool] {
	return newFold(src, &fold[T, bool, bool]{
		name:     "All",
		prefetch: sluice.Unbounded,
		init:     func() bool { return true },
		step: func(_ bool, v T) (bool, bool) {
			ok := pred(v)
			return ok, ok
		},
		finish: func(ok bool) (bool, bool, error) { return ok, true, nil },
	})
}

// Any emits whether some element satisfies pred (false for an empty source),
// cancelling upstream at the first one that does.
func Any[T any](src sluice.Publisher[T], pred func(T) bool) sluice.Publisher[bool] {
	return newFold(src, &fold[T, bool, bool]{
		name:     "Any",
		prefetch: sluice.Unbounded,
		step: func(_ bool, v T) (bool, bool) {
			ok := pred(v)
			return ok, !ok
		},
		finish: func(ok bool) (bool, bool, error) { return ok, true, nil },
	})
}

// HasElements emits whether src emits at least one element, requesting only
// one and cancelling upstream once it arrives.
func HasElements[T any](src sluice.Publisher[T]) sluice.Publisher[bool] {
	return newFold(src, &fold[T, bool, bool]{
		name:     "HasElements",
		prefetch: 1,
		step:     func(bool, T) (bool, bool) { return true, false },
		finish:   func(ok bool) (bool, bool, error) { return ok, true, nil },
	})
}
