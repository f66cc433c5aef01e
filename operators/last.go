package operators

import "github.com/sluicego/sluice"

// Last emits the last element of src; an empty source fails with
// ErrNoElements.
func Last[T any](src sluice.Publisher[T]) sluice.Publisher[T] {
	return last(src, "Last", func() (T, bool, error) {
		var zero T
		return zero, false, ErrNoElements
	})
}

// LastOrDefault emits the last element of src, or def if it is empty.
func LastOrDefault[T any](src sluice.Publisher[T], def T) sluice.Publisher[T] {
	return last(src, "LastOrDefault", func() (T, bool, error) { return def, true, nil })
}

func last[T any](src sluice.Publisher[T], name string, empty func() (T, bool, error)) sluice.Publisher[T] {
	return newFold(src, &fold[T, opt[T], T]{
		name:     name,
		prefetch: sluice.Unbounded,
		step:     func(_ opt[T], v T) (opt[T], bool) { return opt[T]{v: v, ok: true}, true },
		finish: func(a opt[T]) (T, bool, error) {
			if !a.ok {
				return empty()
			}
			return a.v, true, nil
		},
	})
}
