package operators

import "testing"

// The declarative forms (Op values, Pipe, Compose) through the same
// scripts as the operators they wrap.
func TestStepPipe(t *testing.T) {
	times10 := func(v int) int { return v * 10 }
	odd := func(v int) bool { return v%2 == 1 }
	in := []int{1, 2, 3, 4, 5}
	runStepSuite(t,
		stepCase[int, int]{
			name: "Pipe(FilterOp, TakeOp, SkipOp, DoOnNextOp, LogOp, DistinctOp, TakeWhileOp)",
			op: plain(Pipe(FilterOp(odd), SkipOp[int](1), TakeOp[int](5), DoOnNextOp(func(int) {}),
				LogOp[int]("step", WithLogger(discardLogger())), DistinctOp(Identity[int]),
				TakeWhileOp(func(int) bool { return true }))),
			in: in, want: []int{3, 5}, errWant: []int{3, 5}, cancelWant: []int{3},
			panicOp:   plain(Pipe(FilterOp(panicPred(odd)))),
			panicWant: []int{1},
		},
		stepCase[int, int]{
			name: "Compose(MapOp, HandleOp)",
			op:   plain(Compose(MapOp(times10), HandleOp(func(v int, sink SynchronousSink[int]) { sink.Next(v + 1) }))),
			in:   ints123, want: []int{11, 21, 31}, errWant: []int{11, 21, 31}, cancelWant: []int{11},
			panicOp:   plain(Compose(MapOp(panicAt2(times10)), HandleOp(func(v int, sink SynchronousSink[int]) { sink.Next(v + 1) }))),
			panicWant: []int{11},
			upstream:  exactUpstream,
		},
		stepCase[int, int]{
			name: "ReduceOp",
			op:   plain(ReduceOp(0, func(acc, v int) int { return acc + v })),
			in:   ints123, want: []int{6}, emptyWant: []int{0},
			panicOp: plain(ReduceOp(0, func(acc, v int) int { return acc + panicAt2(times10)(v) })),
		},
	)
	runStepSuite(t, stepCase[int, []int]{
		name: "BufferOp",
		op:   plain(BufferOp[int](2)),
		in:   ints123, want: [][]int{{1, 2}, {3}}, errWant: [][]int{{1, 2}}, cancelWant: [][]int{{1, 2}},
	})
}
