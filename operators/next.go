package operators

import "github.com/sluicego/sluice"

// Next emits the first element of src, requesting only one and cancelling
// upstream once it arrives; an empty source completes empty.
func Next[T any](src sluice.Publisher[T]) sluice.Publisher[T] {
	return newFold(src, &fold[T, opt[T], T]{
		name:     "Next",
		prefetch: 1,
		step:     func(_ opt[T], v T) (opt[T], bool) { return opt[T]{v: v, ok: true}, false },
		finish:   func(a opt[T]) (T, bool, error) { return a.v, a.ok, nil },
	})
}
