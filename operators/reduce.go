package operators

import "github.com/sluicego/sluice"

type opt[T any] struct {
	v  T
	ok bool
}

// Reduce folds the elements with fn, starting from the first element, and
// emits the result when the source completes; an empty source completes
// empty. It requests everything upstream at the first downstream request.
// Fused when src is a fuse.Seq.
func Reduce[T any](src sluice.Publisher[T], fn func(acc, v T) T) sluice.Publisher[T] {
	return newFold(src, &fold[T, opt[T], T]{
		name:     "Reduce",
		prefetch: sluice.Unbounded,
		step: func(a opt[T], v T) (opt[T], bool) {
			if !a.ok {
				return opt[T]{v: v, ok: true}, true
			}
			return opt[T]{v: fn(a.v, v), ok: true}, true
		},
		finish: func(a opt[T]) (T, bool, error) { return a.v, a.ok, nil },
	})
}

// ReduceSeed folds the elements into an accumulator that starts at seed and
// emits it when the source completes (seed itself for an empty source).
func ReduceSeed[T, A any](src sluice.Publisher[T], seed A, fn func(acc A, v T) A) sluice.Publisher[A] {
	return ReduceWith(src, func() A { return seed }, fn)
}

// ReduceWith is ReduceSeed with a seed computed per subscription, for
// mutable accumulators.
func ReduceWith[T, A any](src sluice.Publisher[T], seed func() A, fn func(acc A, v T) A) sluice.Publisher[A] {
	return newFold(src, &fold[T, A, A]{
		name:     "Reduce",
		prefetch: sluice.Unbounded,
		init:     seed,
		step:     func(a A, v T) (A, bool) { return fn(a, v), true },
		reduce:   fn,
		finish:   func(a A) (A, bool, error) { return a, true, nil },
	})
}
