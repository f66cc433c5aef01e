package operators

import (
	"testing"

	"github.com/sluicego/sluice"
)

func TestStepFilter(t *testing.T) {
	odd := func(v int) bool { return v%2 == 1 }
	runStepSuite(t, stepCase[int, int]{
		name: "Filter",
		op: func(_ *stepEnv, src sluice.Publisher[int]) sluice.Publisher[int] {
			return Filter(src, odd)
		},
		in: []int{1, 2, 3, 4, 5}, want: []int{1, 3, 5}, errWant: []int{1, 3, 5},
		panicOp: func(_ *stepEnv, src sluice.Publisher[int]) sluice.Publisher[int] {
			return Filter(src, panicAt2(odd))
		},
		panicWant: []int{1}, cancelReq: 2, cancelWant: []int{1, 3},
		// A rejected element is replaced by one more upstream request.
		upstream: func(t *testing.T, down, up int64) {
			t.Helper()
			if up > 2*down {
				t.Fatalf("upstream demand %d for %d requested", up, down)
			}
		},
	})
}
