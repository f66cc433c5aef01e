package operators_test

import (
	"testing"

	"github.com/sluicego/sluice"
	"github.com/sluicego/sluice/internal/fuse"
	"github.com/sluicego/sluice/operators"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestPredicateGates(t *testing.T) {
	lt3 := func(x int) bool { return x < 3 }
	eq3 := func(x int) bool { return x == 3 }
	cases := []struct {
		name      string
		op        func(sluice.Publisher[int]) sluice.Publisher[int]
		want      []int
		cancelled bool
	}{
		{"TakeWhile", func(s sluice.Publisher[int]) sluice.Publisher[int] { return operators.TakeWhile(s, lt3) }, []int{0, 1, 2}, true},
		{"TakeUntil", func(s sluice.Publisher[int]) sluice.Publisher[int] { return operators.TakeUntil(s, eq3) }, []int{0, 1, 2, 3}, true},
		{"SkipWhile", func(s sluice.Publisher[int]) sluice.Publisher[int] { return operators.SkipWhile(s, lt3) }, []int{3, 4, 5}, false},
		{"SkipUntil", func(s sluice.Publisher[int]) sluice.Publisher[int] { return operators.SkipUntil(s, eq3) }, []int{3, 4, 5}, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			for _, demand := range []struct{ initial, each int64 }{{sluice.Unbounded, 0}, {1, 1}} {
				src := ints(6)
				r := subscribe(c.op(src), demand.initial, demand.each)
				assert.Equal(t, c.want, r.values())
				assert.True(t, r.completed)
				assert.Equal(t, c.cancelled, src.cancelled.Load() == 1)
			}
			// fused
			seq, ok := fuse.AsSeq(c.op(fused(0, 1, 2, 3, 4, 5)))
			require.True(t, ok)
			var got []int
			require.NoError(t, seq.ForEach(func(v int) bool { got = append(got, v); return true }))
			assert.Equal(t, c.want, got)
			// empty and error
			assert.True(t, all(c.op(items[int]())).completed)
			assert.ErrorIs(t, all(c.op(failing[int](errBoomOps))).err, errBoomOps)
		})
	}
}

func TestPredicateGatePanic(t *testing.T) {
	src := ints(5)
	r := all(operators.TakeWhile(src, func(int) bool { panic("p") }))
	var pe *sluice.PanicError
	require.ErrorAs(t, r.err, &pe)
	assert.Equal(t, int64(1), src.cancelled.Load())
}

func TestSkipWhileDemand(t *testing.T) {
	src := ints(10)
	r := subscribe(operators.SkipWhile(src, func(x int) bool { return x < 4 }), 2, 0)
	assert.Equal(t, []int{4, 5}, r.values())
	assert.Equal(t, int64(6), src.requested.Load(), "one more per skipped element")
}
