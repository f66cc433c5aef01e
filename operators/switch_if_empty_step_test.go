package operators

import (
	"testing"

	"github.com/sluicego/sluice"
	"github.com/sluicego/sluice/internal/probe"
)

func TestStepSwitchIfEmpty(t *testing.T) {
	runStepSuite(t,
		stepCase[int, int]{
			name: "SwitchIfEmpty",
			op: plain(func(src sluice.Publisher[int]) sluice.Publisher[int] {
				return SwitchIfEmpty(src, probe.Just(8, 9))
			}),
			in: ints123, want: ints123, errWant: ints123, cancelWant: []int{1},
			emptyWant: []int{8, 9},
			upstream:  exactUpstream,
		},
		stepCase[int, int]{
			name: "DefaultIfEmpty",
			op:   plain(func(src sluice.Publisher[int]) sluice.Publisher[int] { return DefaultIfEmpty(src, -1) }),
			in:   ints123, want: ints123, errWant: ints123, cancelWant: []int{1},
			emptyWant: []int{-1},
			upstream:  exactUpstream,
		},
	)
}

// The fallback's own bounded demand: one at a time into the alternative.
func TestStepSwitchIfEmptyAlternativeDemand(t *testing.T) {
	alt := newStepSource(endComplete, 7, 8, 9)
	runStepSuite(t, stepCase[int, int]{
		name: "SwitchIfEmpty into a counted alternative",
		op:   plain(func(src sluice.Publisher[int]) sluice.Publisher[int] { return SwitchIfEmpty(src, alt) }),
		in:   nil, want: []int{7, 8, 9}, errWant: nil, emptyWant: []int{7, 8, 9},
		cancelEmpty: true,
	})
}
