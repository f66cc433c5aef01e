package operators

import (
	"testing"

	"github.com/sluicego/sluice"
)

// The OnBackpressure operators request the source without bound; with a
// synchronous source and no demand yet, the whole source has arrived
// before the first request, so the bounded scripts show each strategy.
func TestStepOnBackpressure(t *testing.T) {
	nop := func(int) {}
	panicking := func(int) { panic(errStepPanic) }
	runStepSuite(t,
		stepCase[int, int]{
			name: "OnBackpressureBuffer",
			op: plain(func(src sluice.Publisher[int]) sluice.Publisher[int] {
				return OnBackpressureBuffer(src, 10, OverflowError, nop)
			}),
			in: ints123, want: ints123, errWant: ints123, cancelWant: []int{1},
			// onOverflow panics on the element that overflows a buffer of 1.
			panicOp: plain(func(src sluice.Publisher[int]) sluice.Publisher[int] {
				return OnBackpressureBuffer(src, 1, OverflowDropLatest, panicking)
			}),
			panicNoDemand: true,
		},
		stepCase[int, int]{
			name: "OnBackpressureBuffer drop oldest",
			op: plain(func(src sluice.Publisher[int]) sluice.Publisher[int] {
				return OnBackpressureBuffer(src, 2, OverflowDropOldest, nop)
			}),
			in: ints123, want: ints123, errWant: ints123, cancelWant: []int{2},
			boundedWant: []int{2, 3},
		},
		stepCase[int, int]{
			name: "OnBackpressureLatest",
			op:   plain(func(src sluice.Publisher[int]) sluice.Publisher[int] { return OnBackpressureLatest(src) }),
			in:   ints123, want: ints123, errWant: ints123, cancelWant: []int{3},
			boundedWant: []int{3},
		},
		stepCase[int, int]{
			name: "OnBackpressureDrop",
			op:   plain(func(src sluice.Publisher[int]) sluice.Publisher[int] { return OnBackpressureDrop(src, nop) }),
			in:   ints123, want: ints123, errWant: ints123,
			boundedWant: []int{}, // everything arrived without demand: dropped
			panicOp: plain(func(src sluice.Publisher[int]) sluice.Publisher[int] {
				return OnBackpressureDrop(src, panicking)
			}),
			panicNoDemand: true,
		},
		stepCase[int, int]{
			name: "OnBackpressureError",
			op:   plain(func(src sluice.Publisher[int]) sluice.Publisher[int] { return OnBackpressureError(src) }),
			in:   ints123, want: ints123, errWant: ints123,
			cancelEmpty: true,
			noBounded:   "an element without demand fails the stream with ErrOverflow (contract); see TestStepOnBackpressureErrorOverflow",
		},
	)
}

func TestStepOnBackpressureErrorOverflow(t *testing.T) {
	src := newStepSource(endHang, ints123...)
	runOverflowScript(t, OnBackpressureError[int](src), src)
}
