package operators

import (
	"testing"

	"github.com/sluicego/sluice"
)

func TestStepDistinct(t *testing.T) {
	key := func(v int) int { return v % 10 }
	in := []int{1, 11, 2, 2, 3, 1}
	runStepSuite(t,
		stepCase[int, int]{
			name: "Distinct",
			op:   plain(func(src sluice.Publisher[int]) sluice.Publisher[int] { return Distinct(src, key) }),
			in:   in, want: []int{1, 2, 3}, errWant: []int{1, 2, 3},
			panicOp:   plain(func(src sluice.Publisher[int]) sluice.Publisher[int] { return Distinct(src, panicAt2(key)) }),
			panicWant: []int{1}, cancelReq: 2, cancelWant: []int{1, 2},
			upstream: atMostUpstream(int64(len(in))),
			finalReq: 1, // the trailing 1 is a duplicate: one more request finds the end
		},
		stepCase[int, int]{
			name: "DistinctUntilChanged",
			op:   plain(func(src sluice.Publisher[int]) sluice.Publisher[int] { return DistinctUntilChanged(src, key) }),
			in:   in, want: []int{1, 2, 3, 1}, errWant: []int{1, 2, 3, 1},
			panicOp:   plain(func(src sluice.Publisher[int]) sluice.Publisher[int] { return DistinctUntilChanged(src, panicAt2(key)) }),
			panicWant: []int{1}, cancelReq: 2, cancelWant: []int{1, 2},
			upstream: atMostUpstream(int64(len(in))),
		},
	)
}
