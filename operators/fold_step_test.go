package operators

import (
	"testing"

	"github.com/sluicego/sluice"
)

// Reduce, Count, Sum, CollectList and CollectMap: one value when the source
// completes, nothing before; cancelling while the source is still open
// cancels it.

func TestStepReduce(t *testing.T) {
	add := func(acc, v int) int { return acc + v }
	panicAdd := func(acc, v int) int {
		if v == 2 {
			panic(errStepPanic)
		}
		return acc + v
	}
	runStepSuite(t,
		stepCase[int, int]{
			name: "Reduce",
			op:   plain(func(src sluice.Publisher[int]) sluice.Publisher[int] { return Reduce(src, add) }),
			in:   ints123, want: []int{6},
			panicOp: plain(func(src sluice.Publisher[int]) sluice.Publisher[int] { return Reduce(src, panicAdd) }),
		},
		stepCase[int, int]{
			name: "ReduceSeed",
			op:   plain(func(src sluice.Publisher[int]) sluice.Publisher[int] { return ReduceSeed(src, 100, add) }),
			in:   ints123, want: []int{106},
			panicOp:   plain(func(src sluice.Publisher[int]) sluice.Publisher[int] { return ReduceSeed(src, 100, panicAdd) }),
			emptyWant: []int{100},
		},
		stepCase[int, int]{
			name: "ReduceWith",
			op: plain(func(src sluice.Publisher[int]) sluice.Publisher[int] {
				return ReduceWith(src, func() int { return 100 }, add)
			}),
			in: ints123, want: []int{106},
			panicOp: plain(func(src sluice.Publisher[int]) sluice.Publisher[int] {
				return ReduceWith(src, func() int { return 100 }, panicAdd)
			}),
			emptyWant: []int{100},
		},
	)
}

func TestStepCount(t *testing.T) {
	runStepSuite(t, stepCase[int, int64]{
		name: "Count",
		op:   plain(func(src sluice.Publisher[int]) sluice.Publisher[int64] { return Count(src) }),
		in:   ints123, want: []int64{3}, emptyWant: []int64{0},
	})
}

func TestStepSum(t *testing.T) {
	runStepSuite(t, stepCase[int, int]{
		name: "Sum",
		op:   plain(func(src sluice.Publisher[int]) sluice.Publisher[int] { return Sum(src) }),
		in:   ints123, want: []int{6}, emptyWant: []int{0},
	})
}

func TestStepCollectList(t *testing.T) {
	runStepSuite(t, stepCase[int, []int]{
		name: "CollectList",
		op:   plain(func(src sluice.Publisher[int]) sluice.Publisher[[]int] { return CollectList(src) }),
		in:   ints123, want: [][]int{{1, 2, 3}}, emptyWant: [][]int{{}},
	})
}

func TestStepCollectMap(t *testing.T) {
	key := func(v int) int { return v % 2 }
	val := func(v int) int { return v * 10 }
	runStepSuite(t,
		stepCase[int, map[int]int]{
			name: "CollectMap",
			op: plain(func(src sluice.Publisher[int]) sluice.Publisher[map[int]int] {
				return CollectMap(src, key, val)
			}),
			in: ints123, want: []map[int]int{{1: 30, 0: 20}}, emptyWant: []map[int]int{{}},
			panicOp: plain(func(src sluice.Publisher[int]) sluice.Publisher[map[int]int] {
				return CollectMap(src, panicAt2(key), val)
			}),
		},
		stepCase[int, map[int]int]{
			name: "CollectMap value panics",
			op: plain(func(src sluice.Publisher[int]) sluice.Publisher[map[int]int] {
				return CollectMap(src, key, val)
			}),
			in: ints123, want: []map[int]int{{1: 30, 0: 20}}, emptyWant: []map[int]int{{}},
			panicOp: plain(func(src sluice.Publisher[int]) sluice.Publisher[map[int]int] {
				return CollectMap(src, key, panicAt2(val))
			}),
		},
	)
}
