package operators

import (
	"testing"
	"time"

	"github.com/sluicego/sluice"
)

func TestStepSampleFirstSampleTimeout(t *testing.T) {
	const d = 10 * time.Millisecond
	runStepSuite(t,
		stepCase[int, int]{
			// The first element opens a window of d: the synchronous rest is
			// ignored.
			name: "SampleFirst",
			op: func(env *stepEnv, src sluice.Publisher[int]) sluice.Publisher[int] {
				return SampleFirst(src, d, env.vt)
			},
			in: ints123, want: []int{1}, errWant: []int{1},
			cancelEmpty: true, // an element without demand would overflow
			tick:        d,
			noBounded:   "an element let through without demand fails with ErrOverflow (contract); see TestStepSampleFirstOverflow",
		},
		stepCase[int, int]{
			// The source completes at once: the pending (last) element is
			// emitted before the completion.
			name: "SampleTimeout",
			op: func(env *stepEnv, src sluice.Publisher[int]) sluice.Publisher[int] {
				return SampleTimeout(src, d, env.vt)
			},
			in: ints123, want: []int{3}, cancelWant: []int{3},
			tick: d,
		},
	)
}

func TestStepSampleFirstOverflow(t *testing.T) {
	vt := newVirtualForStep(t)
	src := newStepSource(endHang, ints123...)
	runOverflowScript(t, SampleFirst[int](src, time.Millisecond, vt), src)
}
