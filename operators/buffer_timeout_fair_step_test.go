package operators

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/sluicego/sluice"
)

// The six scripts for BufferTimeout with FairBackpressure: unlike the
// default mode it runs the bounded-demand scripts, and the source never
// receives more than maxSize elements per requested slice.
func TestStepBufferTimeoutFair(t *testing.T) {
	const d = 10 * time.Millisecond
	perSlice := func(max int64) func(t *testing.T, down, up int64) {
		return func(t *testing.T, down, up int64) {
			t.Helper()
			require.LessOrEqual(t, up, down*max, "upstream demand")
		}
	}
	runStepSuite(t,
		stepCase[int, []int]{
			name: "BufferTimeoutFair by size",
			op: func(env *stepEnv, src sluice.Publisher[int]) sluice.Publisher[[]int] {
				return BufferTimeout(src, 2, d, env.vt, FairBackpressure())
			},
			in: ints123, want: [][]int{{1, 2}, {3}}, errWant: [][]int{{1, 2}},
			cancelWant: [][]int{{1, 2}},
			tick:       d, upstream: perSlice(2),
		},
		stepCase[int, []int]{
			// A size the source never reaches: every slice is closed by
			// the end of the source.
			name: "BufferTimeoutFair by completion",
			op: func(env *stepEnv, src sluice.Publisher[int]) sluice.Publisher[[]int] {
				return BufferTimeout(src, 5, d, env.vt, FairBackpressure())
			},
			in: ints123, want: [][]int{{1, 2, 3}}, errWant: nil,
			cancelIn: []int{1}, cancelWant: [][]int{{1}}, // closed by its timer
			tick: d, upstream: perSlice(5),
		},
	)
}
