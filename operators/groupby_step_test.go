package operators

import (
	"testing"

	"github.com/sluicego/sluice"
)

// GroupBy seen through FlatMapSequential (which subscribes each group in
// the OnNext that emits it): the groups' elements, tagged with the key,
// group after group.
func TestStepGroupBy(t *testing.T) {
	parity := func(v int) int { return v % 2 }
	tagged := func(keyFn func(int) int) func(src sluice.Publisher[int]) sluice.Publisher[int] {
		return func(src sluice.Publisher[int]) sluice.Publisher[int] {
			return FlatMapSequential(GroupBy(src, keyFn, 4), func(g Grouped[int, int]) sluice.Publisher[int] {
				return Map[int, int](g, func(v int) int { return g.Key()*100 + v })
			}, 4, 4)
		}
	}
	in := []int{1, 2, 3, 4, 5}
	want := []int{101, 103, 105, 2, 4}
	runStepSuite(t, stepCase[int, int]{
		name: "GroupBy",
		op:   plain(tagged(parity)),
		in:   in, want: want,
		// The error ends every group: the odd group's elements come first,
		// the even group's may be cut.
		errEnd:     prefixThenError(want),
		cancelWant: want[:1],
		panicOp:    plain(tagged(panicAt2(parity))),
		panicWant:  want[:1],
		// No upstream-demand assertion: FlatMapSequential prefetches from
		// the groups whatever the downstream asked, so the source's demand
		// follows the groups' consumption (GroupBy's own demand pacing is
		// probe-counted in groupby_test.go).
	})
}
