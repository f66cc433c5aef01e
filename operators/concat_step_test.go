package operators

import (
	"testing"

	"github.com/sluicego/sluice"
	"github.com/sluicego/sluice/internal/probe"
)

func TestStepConcat(t *testing.T) {
	runStepSuite(t,
		stepCase[int, int]{
			name: "Concat",
			op:   plain(func(src sluice.Publisher[int]) sluice.Publisher[int] { return Concat(src, probe.Just(8, 9)) }),
			in:   ints123, want: []int{1, 2, 3, 8, 9}, errWant: ints123,
			cancelWant: []int{1}, emptyWant: []int{8, 9},
			upstream: atMostUpstream(0),
		},
		stepCase[int, int]{
			name: "ConcatWith",
			op:   plain(func(src sluice.Publisher[int]) sluice.Publisher[int] { return ConcatWith(src, probe.Just(8, 9)) }),
			in:   ints123, want: []int{1, 2, 3, 8, 9}, errWant: ints123,
			cancelWant: []int{1}, emptyWant: []int{8, 9},
			upstream: atMostUpstream(0),
		},
		stepCase[int, int]{
			name: "StartWith",
			op:   plain(func(src sluice.Publisher[int]) sluice.Publisher[int] { return StartWith(src, 0) }),
			in:   ints123, want: []int{0, 1, 2, 3}, errWant: []int{0, 1, 2, 3},
			cancelReq: 2, cancelWant: []int{0, 1}, emptyWant: []int{0},
			upstream: atMostUpstream(0),
		},
	)
}
