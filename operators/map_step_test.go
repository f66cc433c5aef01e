package operators

import (
	"testing"

	"github.com/sluicego/sluice"
)

func TestStepMap(t *testing.T) {
	times10 := func(v int) int { return v * 10 }
	runStepSuite(t, stepCase[int, int]{
		name: "Map",
		op: func(_ *stepEnv, src sluice.Publisher[int]) sluice.Publisher[int] {
			return Map(src, times10)
		},
		in: ints123, want: []int{10, 20, 30}, errWant: []int{10, 20, 30},
		panicOp: func(_ *stepEnv, src sluice.Publisher[int]) sluice.Publisher[int] {
			return Map(src, panicAt2(times10))
		},
		panicWant: []int{10}, cancelWant: []int{10},
		upstream: exactUpstream,
	})
}
