// Package demand holds the Reactive Streams demand arithmetic that every
// sluice publisher and operator uses: saturating addition (rule 3.17),
// produced-count accounting, request validation (rule 3.9) and the
// work-in-progress counter that trampolines drain loops (rule 3.3).
package demand

import (
	"sync/atomic"

	"github.com/sluicego/sluice"
)

// Unbounded is the demand meaning "everything": math.MaxInt64.
const Unbounded = sluice.Unbounded

// Add returns a+b for non-negative a and b, saturating at Unbounded instead
// of wrapping.
func Add(a, b int64) int64 {
	s := a + b
	if s < 0 {
		return Unbounded
	}
	return s
}

// AddAtomic adds n > 0 to the demand held in p, saturating at Unbounded, and
// returns the value before the addition. A previous value of 0 tells the
// caller that no drain loop was running and it now owns one.
func AddAtomic(p *atomic.Int64, n int64) int64 {
	for {
		r := p.Load()
		if r == Unbounded {
			return Unbounded
		}
		if p.CompareAndSwap(r, Add(r, n)) {
			return r
		}
	}
}

// ProducedAtomic subtracts n delivered elements from the demand held in p,
// unless the demand is Unbounded, and returns the new value.
func ProducedAtomic(p *atomic.Int64, n int64) int64 {
	for {
		r := p.Load()
		if r == Unbounded {
			return Unbounded
		}
		u := r - n
		if u < 0 {
			u = 0
		}
		if p.CompareAndSwap(r, u) {
			return u
		}
	}
}

// Valid reports whether n is a legal Request argument (n > 0).
func Valid(n int64) bool { return n > 0 }

// Invalid returns the error that ends a stream after Request(n <= 0).
func Invalid(n int64) error { return sluice.NewInvalidDemandError(n) }
