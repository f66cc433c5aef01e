package operators

import (
	"fmt"

	"github.com/sluicego/sluice"
)

type indexAcc[T any] struct {
	v     T
	seen  int64
	found bool
}

// ElementAt emits the element at index i (0-based), requesting i+1 elements
// and cancelling upstream once it arrives. A source that completes earlier
// fails with an error wrapping ErrIndexOutOfRange. A negative index panics.
func ElementAt[T any](src sluice.Publisher[T], i int64) sluice.Publisher[T] {
	return elementAt(src, i, func() (T, bool, error) {
		var zero T
		return zero, false, fmt.Errorf("%w: index %d", ErrIndexOutOfRange, i)
	})
}

// ElementAtOrDefault is ElementAt that emits def when the source is too
// short.
func ElementAtOrDefault[T any](src sluice.Publisher[T], i int64, def T) sluice.Publisher[T] {
	return elementAt(src, i, func() (T, bool, error) { return def, true, nil })
}

func elementAt[T any](src sluice.Publisher[T], i int64, short func() (T, bool, error)) sluice.Publisher[T] {
	if i < 0 {
		panic("operators.ElementAt: negative index")
	}
	prefetch := i + 1
	if prefetch <= 0 {
		prefetch = sluice.Unbounded
	}
	return newFold(src, &fold[T, indexAcc[T], T]{
		name:     fmt.Sprintf("ElementAt(%d)", i),
		prefetch: prefetch,
		step: func(a indexAcc[T], v T) (indexAcc[T], bool) {
			if a.seen == i {
				return indexAcc[T]{v: v, found: true}, false
			}
			a.seen++
			return a, true
		},
		finish: func(a indexAcc[T]) (T, bool, error) {
			if !a.found {
				return short()
			}
			return a.v, true, nil
		},
	})
}
