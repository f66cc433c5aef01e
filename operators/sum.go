package operators

import "github.com/sluicego/sluice"

// Number is the set of types Sum adds: Go's integer and floating-point
// types and the types defined over them.
type Number interface {
	~int | ~int8 | ~int16 | ~int32 | ~int64 |
		~uint | ~uint8 | ~uint16 | ~uint32 | ~uint64 | ~uintptr |
		~float32 | ~float64
}

// Sum emits the sum of the elements of src when it completes; an empty
// source emits 0. Integers wrap around on overflow, as Go's + does. It
// requests everything upstream at the first downstream request. Over
// flux.Range → Map [→ Filter] the whole chain runs as one loop in which the
// addition needs no call (Reactor's MathFlux.sumInt and sumLong do the
// same job).
func Sum[T Number](src sluice.Publisher[T]) sluice.Publisher[T] {
	return newFold(src, &fold[T, T, T]{
		name:     "Sum",
		prefetch: sluice.Unbounded,
		step:     func(a, v T) (T, bool) { return a + v, true },
		reduce:   func(a, v T) T { return a + v },
		loopInts: sumInts[T],
		finish:   func(a T) (T, bool, error) { return a, true, nil },
	})
}
