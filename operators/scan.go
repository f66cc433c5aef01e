package operators

import "github.com/sluicego/sluice"

// Scan emits the first element, then each accumulation of the next element
// into the previous result: running totals. Fused when src is.
func Scan[T any](src sluice.Publisher[T], fn func(acc, v T) T) sluice.Publisher[T] {
	return newStateful(src, "Scan", func() func(T) (T, bool) {
		var acc T
		started := false
		return func(v T) (T, bool) {
			if !started {
				started = true
				acc = v
			} else {
				acc = fn(acc, v)
			}
			return acc, true
		}
	})
}

// ScanSeed emits seed, then each accumulation of an element into the
// previous result (so one more element than src).
func ScanSeed[T, A any](src sluice.Publisher[T], seed A, fn func(acc A, v T) A) sluice.Publisher[A] {
	acc := newStateful(src, "Scan", func() func(T) (A, bool) {
		acc := seed
		return func(v T) (A, bool) {
			acc = fn(acc, v)
			return acc, true
		}
	})
	return Concat[A](values[A]{seed}, acc)
}
