package operators

import (
	"testing"

	"github.com/sluicego/sluice"
)

func TestStepScan(t *testing.T) {
	add := func(acc, v int) int { return acc + v }
	panicAdd := func(acc, v int) int {
		if v == 2 {
			panic(errStepPanic)
		}
		return acc + v
	}
	runStepSuite(t,
		stepCase[int, int]{
			name: "Scan",
			op:   plain(func(src sluice.Publisher[int]) sluice.Publisher[int] { return Scan(src, add) }),
			in:   ints123, want: []int{1, 3, 6}, errWant: []int{1, 3, 6},
			panicOp:   plain(func(src sluice.Publisher[int]) sluice.Publisher[int] { return Scan(src, panicAdd) }),
			panicWant: []int{1}, cancelWant: []int{1},
			upstream: exactUpstream,
		},
		stepCase[int, int]{
			// ScanSeed emits the seed first.
			name: "ScanSeed",
			op:   plain(func(src sluice.Publisher[int]) sluice.Publisher[int] { return ScanSeed(src, 100, add) }),
			in:   ints123, want: []int{100, 101, 103, 106}, errWant: []int{100, 101, 103, 106},
			panicOp:   plain(func(src sluice.Publisher[int]) sluice.Publisher[int] { return ScanSeed(src, 100, panicAdd) }),
			panicWant: []int{100, 101}, cancelReq: 2, cancelWant: []int{100, 101},
			emptyWant: []int{100},
			upstream:  atMostUpstream(0),
		},
	)
}
