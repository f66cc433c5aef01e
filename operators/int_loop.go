package operators

import "sync/atomic"

// intLooper is implemented by a fused Map over a range of ints
// (fuse.IntRange), optionally followed by a Filter. It hands out the parts
// of the loop (the bounds, the mapper and the predicate, nil when there is
// no filter) so that a consumer that folds every element can run the range
// loop itself: mapper, predicate and reducer are then called from one loop
// body, with no closure between them.
type intLooper[T any] interface {
	intLoop() (start, end int, fn func(int) T, pred func(T) bool, ok bool)
}

// neverStop is the stop flag of a loop that cannot be cancelled; it is never
// set, so that reduceInts polls one flag whatever the caller.
var neverStop atomic.Bool

// stopCheckEvery is how many range values reduceInts folds between two
// polls of its stop flag: cancellation only has to be seen eventually (rule
// 3.13), and a poll per element costs a load and a branch in the hot loop.
const stopCheckEvery = 256

// reduceInts folds fn(v) for v in [start, end) into acc with red, skipping
// the values that pred (when not nil) rejects. stop is polled every
// stopCheckEvery values; stopped reports that it was seen set. A panic in
// fn, pred or red propagates to the caller.
func reduceInts[T, A any](acc A, start, end int, fn func(int) T, pred func(T) bool, red func(A, T) A, stop *atomic.Bool) (_ A, stopped bool) {
	return blocksOfInts(acc, start, end, stop, func(acc A, lo, hi int) A {
		if pred == nil {
			return mapReduceInts(acc, lo, hi, fn, red)
		}
		return filterReduceInts(acc, lo, hi, fn, pred, red)
	})
}

// sumInts is reduceInts with addition as the reducer, done in the loop body
// instead of through a call: one indirect call less per element.
func sumInts[T Number](acc T, start, end int, fn func(int) T, pred func(T) bool, stop *atomic.Bool) (_ T, stopped bool) {
	return blocksOfInts(acc, start, end, stop, func(acc T, lo, hi int) T {
		if pred == nil {
			return mapSumInts(acc, lo, hi, fn)
		}
		return filterSumInts(acc, lo, hi, fn, pred)
	})
}

// blocksOfInts runs block over [start, end) in blocks of at most
// stopCheckEvery values, polling stop (nil for never) after each block.
func blocksOfInts[A any](acc A, start, end int, stop *atomic.Bool, block func(acc A, lo, hi int) A) (_ A, stopped bool) {
	if stop == nil {
		stop = &neverStop
	}
	for lo := start; lo < end; {
		hi := end
		if end-lo > stopCheckEvery {
			hi = lo + stopCheckEvery
		}
		acc = block(acc, lo, hi)
		if stop.Load() {
			return acc, true
		}
		lo = hi
	}
	return acc, false
}

// mapReduceInts is reduceInts' inner loop without a predicate. Go keeps no
// register across a call, so every value live in a loop that calls user
// functions is reloaded from the stack after each call: a loop of its own
// has fewer of them (the outer bounds and the stop flag stay out).
//
//go:noinline
func mapReduceInts[T, A any](acc A, lo, hi int, fn func(int) T, red func(A, T) A) A {
	for v := lo; v < hi; v++ {
		acc = red(acc, fn(v))
	}
	return acc
}

// filterReduceInts is reduceInts' inner loop with a predicate (see
// mapReduceInts).
//
//go:noinline
func filterReduceInts[T, A any](acc A, lo, hi int, fn func(int) T, pred func(T) bool, red func(A, T) A) A {
	for v := lo; v < hi; v++ {
		if r := fn(v); pred(r) {
			acc = red(acc, r)
		}
	}
	return acc
}

// mapSumInts is sumInts' inner loop without a predicate (see
// mapReduceInts).
//
//go:noinline
func mapSumInts[T Number](acc T, lo, hi int, fn func(int) T) T {
	for v := lo; v < hi; v++ {
		acc += fn(v)
	}
	return acc
}

// filterSumInts is sumInts' inner loop with a predicate (see
// mapReduceInts).
//
//go:noinline
func filterSumInts[T Number](acc T, lo, hi int, fn func(int) T, pred func(T) bool) T {
	for v := lo; v < hi; v++ {
		if r := fn(v); pred(r) {
			acc += r
		}
	}
	return acc
}
