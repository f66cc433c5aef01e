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

// reduceInts folds fn(v) for v in [start, end) into acc with red, skipping
// the values that pred (when not nil) rejects. stop is polled after each
// folded element, as the closure-based fused loop does; stopped reports that
// it was seen set. A panic in fn, pred or red propagates to the caller.
func reduceInts[T, A any](acc A, start, end int, fn func(int) T, pred func(T) bool, red func(A, T) A, stop *atomic.Bool) (_ A, stopped bool) {
	if stop == nil {
		stop = &neverStop
	}
	if pred == nil {
		for v := start; v < end; v++ {
			acc = red(acc, fn(v))
			if stop.Load() {
				return acc, true
			}
		}
		return acc, false
	}
	for v := start; v < end; v++ {
		if r := fn(v); pred(r) {
			acc = red(acc, r)
			if stop.Load() {
				return acc, true
			}
		}
	}
	return acc, false
}
