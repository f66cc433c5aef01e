package operators

import "github.com/sluicego/sluice"

// IgnoreElements drops every element and relays only the terminal signal:
// the publisher emits nothing and can be typed as a Mono.
func IgnoreElements[T any](src sluice.Publisher[T]) sluice.Publisher[T] {
	return newFold(src, &fold[T, struct{}, T]{
		name:     "IgnoreElements",
		prefetch: sluice.Unbounded,
		step:     func(struct{}, T) (struct{}, bool) { return struct{}{}, true },
		finish: func(struct{}) (T, bool, error) {
			var zero T
			return zero, false, nil
		},
	})
}
