package operators

import (
	"testing"

	"github.com/sluicego/sluice"
)

func TestStepAllAnyHasElements(t *testing.T) {
	positive := func(v int) bool { return v > 0 }
	isTwo := func(v int) bool { return v == 2 }
	runStepSuite(t,
		stepCase[int, bool]{
			name: "All",
			op:   plain(func(src sluice.Publisher[int]) sluice.Publisher[bool] { return All(src, positive) }),
			in:   ints123, want: []bool{true}, emptyWant: []bool{true},
			panicOp: plain(func(src sluice.Publisher[int]) sluice.Publisher[bool] { return All(src, panicPred(positive)) }),
		},
		stepCase[int, bool]{
			// Any answers at 2: the source's later error is not seen.
			name: "Any",
			op:   plain(func(src sluice.Publisher[int]) sluice.Publisher[bool] { return Any(src, isTwo) }),
			in:   ints123, want: []bool{true}, emptyWant: []bool{false},
			errWant: []bool{true}, errEnd: completes[bool],
			panicOp:  plain(func(src sluice.Publisher[int]) sluice.Publisher[bool] { return Any(src, panicPred(isTwo)) }),
			cancelIn: []int{1}, // no answer yet when cancelled
		},
		stepCase[int, bool]{
			name: "Any none",
			op: plain(func(src sluice.Publisher[int]) sluice.Publisher[bool] {
				return Any(src, func(v int) bool { return v > 5 })
			}),
			in: ints123, want: []bool{false}, emptyWant: []bool{false},
		},
		stepCase[int, bool]{
			name: "HasElements",
			op:   plain(func(src sluice.Publisher[int]) sluice.Publisher[bool] { return HasElements(src) }),
			in:   ints123, want: []bool{true}, emptyWant: []bool{false},
			errWant: []bool{true}, errEnd: completes[bool],
			cancelEmpty: true, // the source has sent nothing yet when cancelled
		},
	)
}
