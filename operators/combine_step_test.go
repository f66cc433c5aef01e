package operators

import (
	"testing"

	"github.com/sluicego/sluice"
	"github.com/sluicego/sluice/internal/probe"
)

// Combining operators with the counted source as one input and a plain
// second input.

func TestStepCombine(t *testing.T) {
	pair := func(a int, b string) string { return b + string(rune('0'+a)) }
	panicPair := func(a int, b string) string {
		if a == 2 {
			panic(errStepPanic)
		}
		return pair(a, b)
	}
	runStepSuite(t,
		stepCase[int, int]{
			name: "MergeSequential",
			op: plain(func(src sluice.Publisher[int]) sluice.Publisher[int] {
				return MergeSequential(2, src, probe.Just(8, 9))
			}),
			in: ints123, want: []int{1, 2, 3, 8, 9}, errWant: ints123, cancelWant: []int{1},
			emptyWant: []int{8, 9},
		},
		stepCase[int, int]{
			name: "Merge",
			op: plain(func(src sluice.Publisher[int]) sluice.Publisher[int] {
				return Merge(2, src, probe.Empty[int]())
			}),
			in: ints123, want: ints123, errWant: ints123, cancelWant: []int{1},
		},
		stepCase[int, int]{
			name: "MergeDelayError",
			op: plain(func(src sluice.Publisher[int]) sluice.Publisher[int] {
				return MergeDelayError(2, src, probe.Empty[int]())
			}),
			in: ints123, want: ints123, errWant: ints123, cancelWant: []int{1},
		},
		stepCase[int, int]{
			name: "TakeUntilOther",
			op: plain(func(src sluice.Publisher[int]) sluice.Publisher[int] {
				return TakeUntilOther[int, int](src, &probe.Never[int]{})
			}),
			in: ints123, want: ints123, errWant: ints123, cancelWant: []int{1}, upstream: exactUpstream,
		},
		stepCase[int, int]{
			name: "SkipUntilOther",
			op: plain(func(src sluice.Publisher[int]) sluice.Publisher[int] {
				return SkipUntilOther[int, int](src, probe.Just(0))
			}),
			in: ints123, want: ints123, errWant: ints123, cancelWant: []int{1},
		},
		stepCase[int, int]{
			name: "FirstWithSignal",
			op: plain(func(src sluice.Publisher[int]) sluice.Publisher[int] {
				return FirstWithSignal[int](src, &probe.Never[int]{})
			}),
			in: ints123, want: ints123, errWant: ints123, cancelWant: []int{1}, upstream: exactUpstream,
		},
	)
	runStepSuite(t,
		stepCase[int, string]{
			name: "Zip2",
			op: plain(func(src sluice.Publisher[int]) sluice.Publisher[string] {
				return Zip2(src, probe.Just("a", "b", "c", "d"), pair, 2)
			}),
			// An error ends the zip at once: 3, still queued, is dropped.
			in: ints123, want: []string{"a1", "b2", "c3"}, errWant: []string{"a1", "b2"},
			cancelWant: []string{"a1"},
			panicOp: plain(func(src sluice.Publisher[int]) sluice.Publisher[string] {
				return Zip2(src, probe.Just("a", "b", "c", "d"), panicPair, 2)
			}),
			panicWant: []string{"a1"},
			upstream:  atMostUpstream(2),
		},
		stepCase[int, string]{
			name: "CombineLatest2",
			op: plain(func(src sluice.Publisher[int]) sluice.Publisher[string] {
				return CombineLatest2(probe.Just("a"), src, func(b string, a int) string { return pair(a, b) }, 2)
			}),
			in: ints123, want: []string{"a1", "a2", "a3"}, errWant: []string{"a1", "a2", "a3"},
			cancelWant: []string{"a1"},
			panicOp: plain(func(src sluice.Publisher[int]) sluice.Publisher[string] {
				return CombineLatest2(probe.Just("a"), src, func(b string, a int) string { return panicPair(a, b) }, 2)
			}),
			panicWant: []string{"a1"},
		},
		stepCase[int, string]{
			name: "WithLatestFrom",
			op: plain(func(src sluice.Publisher[int]) sluice.Publisher[string] {
				return WithLatestFrom(src, probe.Just("a"), pair)
			}),
			in: ints123, want: []string{"a1", "a2", "a3"}, errWant: []string{"a1", "a2", "a3"},
			cancelWant: []string{"a1"},
			panicOp: plain(func(src sluice.Publisher[int]) sluice.Publisher[string] {
				return WithLatestFrom(src, probe.Just("a"), panicPair)
			}),
			panicWant: []string{"a1"},
		},
	)
}
