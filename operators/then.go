package operators

import "github.com/sluicego/sluice"

// Then ignores the elements of src and, when it completes, relays other;
// an error of src ends the stream.
func Then[T, R any](src sluice.Publisher[T], other sluice.Publisher[R]) sluice.Publisher[R] {
	return Concat(ignoreAs[T, R](src), other)
}

// ThenReturn ignores the elements of src and emits v when it completes.
func ThenReturn[T, R any](src sluice.Publisher[T], v R) sluice.Publisher[R] {
	return Concat[R](ignoreAs[T, R](src), values[R]{v})
}

// ThenEmpty ignores the elements of src and relays only its terminal
// signal, as an empty publisher of struct{} (Reactor's then()).
func ThenEmpty[T any](src sluice.Publisher[T]) sluice.Publisher[struct{}] {
	return ignoreAs[T, struct{}](src)
}

func ignoreAs[T, R any](src sluice.Publisher[T]) sluice.Publisher[R] {
	return newFold(src, &fold[T, struct{}, R]{
		name:     "Then",
		prefetch: sluice.Unbounded,
		step:     func(struct{}, T) (struct{}, bool) { return struct{}{}, true },
		finish: func(struct{}) (R, bool, error) {
			var zero R
			return zero, false, nil
		},
	})
}
