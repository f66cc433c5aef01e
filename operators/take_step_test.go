package operators

import (
	"testing"

	"github.com/sluicego/sluice"
)

func TestStepTake(t *testing.T) {
	in := []int{1, 2, 3, 4, 5}
	runStepSuite(t,
		stepCase[int, int]{
			name: "Take",
			op:   plain(func(src sluice.Publisher[int]) sluice.Publisher[int] { return Take(src, 3) }),
			in:   in, want: []int{1, 2, 3},
			// The source fails after its items, but Take has completed by then.
			errWant:    []int{1, 2, 3},
			errEnd:     completes[int],
			cancelWant: []int{1},
			upstream:   cappedUpstream(3),
		},
		stepCase[int, int]{
			name: "LimitRequest",
			op:   plain(func(src sluice.Publisher[int]) sluice.Publisher[int] { return LimitRequest(src, 3) }),
			in:   in, want: []int{1, 2, 3},
			errWant: []int{1, 2, 3}, errEnd: completes[int],
			cancelWant: []int{1},
			upstream:   cappedUpstream(3),
		},
	)
}

func TestStepTakeLast(t *testing.T) {
	in := []int{1, 2, 3, 4, 5}
	runStepSuite(t,
		stepCase[int, int]{
			name: "TakeLast",
			op:   plain(func(src sluice.Publisher[int]) sluice.Publisher[int] { return TakeLast(src, 2) }),
			in:   in, want: []int{4, 5},
			cancelReq: 1,
		},
		stepCase[int, int]{
			name: "SkipLast",
			op:   plain(func(src sluice.Publisher[int]) sluice.Publisher[int] { return SkipLast(src, 2) }),
			in:   in, want: []int{1, 2, 3}, errWant: []int{1, 2, 3},
			cancelWant: []int{1},
		},
	)
}

func TestStepSkip(t *testing.T) {
	runStepSuite(t, stepCase[int, int]{
		name: "Skip",
		op:   plain(func(src sluice.Publisher[int]) sluice.Publisher[int] { return Skip(src, 2) }),
		in:   []int{1, 2, 3, 4, 5}, want: []int{3, 4, 5}, errWant: []int{3, 4, 5},
		cancelWant: []int{3},
		upstream:   atMostUpstream(2),
	})
}

func TestStepTakeWhile(t *testing.T) {
	in := []int{1, 2, 3, 4, 1}
	lt3 := func(v int) bool { return v < 3 }
	ge3 := func(v int) bool { return v >= 3 }
	runStepSuite(t,
		stepCase[int, int]{
			name: "TakeWhile",
			op:   plain(func(src sluice.Publisher[int]) sluice.Publisher[int] { return TakeWhile(src, lt3) }),
			in:   in, want: []int{1, 2},
			errWant: []int{1, 2}, errEnd: completes[int],
			panicOp:   plain(func(src sluice.Publisher[int]) sluice.Publisher[int] { return TakeWhile(src, panicPred(lt3)) }),
			panicWant: []int{1}, cancelWant: []int{1},
			upstream: exactUpstream,
			finalReq: 1, // TakeWhile sees 3 before completing
		},
		stepCase[int, int]{
			// TakeUntil emits the element that matches, then completes.
			name: "TakeUntil",
			op:   plain(func(src sluice.Publisher[int]) sluice.Publisher[int] { return TakeUntil(src, ge3) }),
			in:   in, want: []int{1, 2, 3},
			errWant: []int{1, 2, 3}, errEnd: completes[int],
			panicOp:   plain(func(src sluice.Publisher[int]) sluice.Publisher[int] { return TakeUntil(src, panicPred(ge3)) }),
			panicWant: []int{1}, cancelWant: []int{1},
			upstream: exactUpstream,
		},
		stepCase[int, int]{
			name: "SkipWhile",
			op:   plain(func(src sluice.Publisher[int]) sluice.Publisher[int] { return SkipWhile(src, lt3) }),
			in:   in, want: []int{3, 4, 1}, errWant: []int{3, 4, 1},
			panicOp:   plain(func(src sluice.Publisher[int]) sluice.Publisher[int] { return SkipWhile(src, panicPred(lt3)) }),
			panicWant: nil, cancelWant: []int{3},
			upstream: atMostUpstream(2),
		},
		stepCase[int, int]{
			// SkipUntil starts emitting with the element that matches.
			name: "SkipUntil",
			op:   plain(func(src sluice.Publisher[int]) sluice.Publisher[int] { return SkipUntil(src, ge3) }),
			in:   in, want: []int{3, 4, 1}, errWant: []int{3, 4, 1},
			panicOp:   plain(func(src sluice.Publisher[int]) sluice.Publisher[int] { return SkipUntil(src, panicPred(ge3)) }),
			panicWant: nil, cancelWant: []int{3},
			upstream: atMostUpstream(2),
		},
	)
}
