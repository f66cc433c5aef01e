package operators

import (
	"testing"

	"github.com/sluicego/sluice"
)

func TestStepHandle(t *testing.T) {
	// Odd values are emitted times ten, even ones dropped.
	fn := func(v int, sink SynchronousSink[int]) {
		if v%2 == 1 {
			sink.Next(v * 10)
		}
	}
	runStepSuite(t, stepCase[int, int]{
		name: "Handle",
		op:   plain(func(src sluice.Publisher[int]) sluice.Publisher[int] { return Handle(src, fn) }),
		in:   []int{1, 2, 3, 4, 5}, want: []int{10, 30, 50}, errWant: []int{10, 30, 50},
		panicOp: plain(func(src sluice.Publisher[int]) sluice.Publisher[int] {
			return Handle(src, func(v int, sink SynchronousSink[int]) {
				if v == 2 {
					panic(errStepPanic)
				}
				fn(v, sink)
			})
		}),
		panicWant: []int{10}, cancelReq: 2, cancelWant: []int{10, 30},
		upstream: atMostUpstream(2),
	})
}
