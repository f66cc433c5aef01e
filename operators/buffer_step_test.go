package operators

import (
	"testing"

	"github.com/sluicego/sluice"
)

func TestStepBuffer(t *testing.T) {
	in := []int{1, 2, 3, 4, 5}
	lt3 := func(v int) bool { return v != 3 }
	isEven := func(v int) bool { return v%2 == 0 }
	runStepSuite(t,
		stepCase[int, []int]{
			name: "Buffer",
			op:   plain(func(src sluice.Publisher[int]) sluice.Publisher[[]int] { return Buffer(src, 2) }),
			in:   in, want: [][]int{{1, 2}, {3, 4}, {5}}, errWant: [][]int{{1, 2}, {3, 4}},
			cancelWant: [][]int{{1, 2}},
			upstream:   func(t *testing.T, down, up int64) { t.Helper(); atMostUpstream(0)(t, 2*down, up) },
		},
		stepCase[int, []int]{
			name: "BufferSkip overlapping",
			op:   plain(func(src sluice.Publisher[int]) sluice.Publisher[[]int] { return BufferSkip(src, 2, 1) }),
			in:   []int{1, 2, 3}, want: [][]int{{1, 2}, {2, 3}, {3}}, errWant: [][]int{{1, 2}, {2, 3}},
			cancelWant: [][]int{{1, 2}},
		},
		stepCase[int, []int]{
			name: "BufferSkip dropping",
			op:   plain(func(src sluice.Publisher[int]) sluice.Publisher[[]int] { return BufferSkip(src, 1, 2) }),
			in:   in, want: [][]int{{1}, {3}, {5}}, errWant: [][]int{{1}, {3}, {5}},
			cancelWant: [][]int{{1}},
		},
		stepCase[int, []int]{
			name: "BufferUntil",
			op:   plain(func(src sluice.Publisher[int]) sluice.Publisher[[]int] { return BufferUntil(src, isEven) }),
			in:   in, want: [][]int{{1, 2}, {3, 4}, {5}}, errWant: [][]int{{1, 2}, {3, 4}},
			panicOp: plain(func(src sluice.Publisher[int]) sluice.Publisher[[]int] {
				return BufferUntil(src, panicPred(isEven))
			}),
			cancelWant: [][]int{{1, 2}},
		},
		stepCase[int, []int]{
			name: "BufferWhile",
			op:   plain(func(src sluice.Publisher[int]) sluice.Publisher[[]int] { return BufferWhile(src, lt3) }),
			in:   in, want: [][]int{{1, 2}, {4, 5}}, errWant: [][]int{{1, 2}},
			panicOp: plain(func(src sluice.Publisher[int]) sluice.Publisher[[]int] {
				return BufferWhile(src, panicPred(lt3))
			}),
			cancelWant: [][]int{{1, 2}},
		},
	)
}
