package operators

import (
	"testing"

	"github.com/sluicego/sluice"
)

// Window, seen through its windows' contents: each window is collected
// (ConcatMap with prefetch 1, so one window is requested at a time).
func TestStepWindow(t *testing.T) {
	collected := func(size, skip int) func(src sluice.Publisher[int]) sluice.Publisher[[]int] {
		return func(src sluice.Publisher[int]) sluice.Publisher[[]int] {
			return ConcatMap(Window(src, size, skip), func(w sluice.Publisher[int]) sluice.Publisher[[]int] {
				return CollectList(w)
			}, 1)
		}
	}
	in := []int{1, 2, 3, 4, 5}
	runStepSuite(t,
		stepCase[int, []int]{
			name: "Window",
			op:   plain(collected(2, 2)),
			in:   in, want: [][]int{{1, 2}, {3, 4}, {5}}, errWant: [][]int{{1, 2}, {3, 4}},
			cancelWant: [][]int{{1, 2}},
		},
		stepCase[int, []int]{
			name: "Window with gaps",
			op:   plain(collected(1, 2)),
			in:   in, want: [][]int{{1}, {3}, {5}}, errWant: [][]int{{1}, {3}, {5}},
			cancelWant: [][]int{{1}},
		},
	)
}
