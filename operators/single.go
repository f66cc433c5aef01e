package operators

import "github.com/sluicego/sluice"

type singleAcc[T any] struct {
	v    T
	n    int
	over bool
}

// Single emits the only element of src. An empty source fails with
// ErrNoElements, a second element cancels upstream and fails with
// ErrTooManyElements. It requests two elements: enough to tell.
func Single[T any](src sluice.Publisher[T]) sluice.Publisher[T] {
	return single(src, "Single", func() (T, bool, error) {
		var zero T
		return zero, false, ErrNoElements
	})
}

// SingleOrDefault is Single that emits def for an empty source.
func SingleOrDefault[T any](src sluice.Publisher[T], def T) sluice.Publisher[T] {
	return single(src, "SingleOrDefault", func() (T, bool, error) { return def, true, nil })
}

// SingleOrEmpty is Single that completes empty for an empty source.
func SingleOrEmpty[T any](src sluice.Publisher[T]) sluice.Publisher[T] {
	return single(src, "SingleOrEmpty", func() (T, bool, error) {
		var zero T
		return zero, false, nil
	})
}

func single[T any](src sluice.Publisher[T], name string, empty func() (T, bool, error)) sluice.Publisher[T] {
	return newFold(src, &fold[T, singleAcc[T], T]{
		name:     name,
		prefetch: 2,
		step: func(a singleAcc[T], v T) (singleAcc[T], bool) {
			if a.n == 1 {
				return singleAcc[T]{over: true}, false
			}
			return singleAcc[T]{v: v, n: 1}, true
		},
		finish: func(a singleAcc[T]) (T, bool, error) {
			switch {
			case a.over:
				var zero T
				return zero, false, ErrTooManyElements
			case a.n == 0:
				return empty()
			}
			return a.v, true, nil
		},
	})
}
