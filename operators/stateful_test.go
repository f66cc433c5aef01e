package operators_test

import (
	"testing"

	"github.com/sluicego/sluice"
	"github.com/sluicego/sluice/internal/fuse"
	"github.com/sluicego/sluice/operators"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestElementwise covers Index, Scan, ScanSeed, Distinct,
// DistinctUntilChanged and Handle on the plain path (unbounded and one at
// a time) and the fused path.
func TestElementwise(t *testing.T) {
	in := []int{1, 1, 2, 3, 3, 1}
	cases := []struct {
		name string
		op   func(sluice.Publisher[int]) sluice.Publisher[int]
		want []int
	}{
		{"Index", func(s sluice.Publisher[int]) sluice.Publisher[int] {
			return operators.Map(operators.Index(s), func(x operators.Indexed[int]) int { return int(x.Index)*10 + x.Value })
		}, []int{1, 11, 22, 33, 43, 51}},
		{"Scan", func(s sluice.Publisher[int]) sluice.Publisher[int] { return operators.Scan(s, sum) }, []int{1, 2, 4, 7, 10, 11}},
		{"ScanSeed", func(s sluice.Publisher[int]) sluice.Publisher[int] { return operators.ScanSeed(s, 100, sum) }, []int{100, 101, 102, 104, 107, 110, 111}},
		{"Distinct", func(s sluice.Publisher[int]) sluice.Publisher[int] {
			return operators.Distinct(s, operators.Identity[int])
		}, []int{1, 2, 3}},
		{"DistinctUntilChanged", func(s sluice.Publisher[int]) sluice.Publisher[int] {
			return operators.DistinctUntilChanged(s, operators.Identity[int])
		}, []int{1, 2, 3, 1}},
		{"Handle", func(s sluice.Publisher[int]) sluice.Publisher[int] {
			return operators.Handle(s, func(v int, k operators.SynchronousSink[int]) {
				if v != 1 {
					k.Next(v * 2)
				}
			})
		}, []int{4, 6, 6}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			assert.Equal(t, c.want, all(c.op(items(in...))).values())
			r := subscribe(c.op(items(in...)), 1, 1)
			assert.Equal(t, c.want, r.values())
			assert.True(t, r.completed)
			seq, ok := fuse.AsSeq(c.op(fused(in...)))
			require.True(t, ok)
			var got []int
			require.NoError(t, seq.ForEach(func(v int) bool { got = append(got, v); return true }))
			assert.Equal(t, c.want, got)
			assert.ErrorIs(t, all(c.op(failing(errBoomOps, 1))).err, errBoomOps)
		})
	}
}

func TestDistinctDemand(t *testing.T) {
	src := items(1, 1, 1, 2, 3)
	r := subscribe(operators.Distinct(src, operators.Identity[int]), 2, 0)
	assert.Equal(t, []int{1, 2}, r.values())
	assert.Equal(t, int64(4), src.requested.Load())
}

func TestHandleErrorCompleteAndPanic(t *testing.T) {
	src := ints(10)
	r := all(operators.Handle(src, func(v int, k operators.SynchronousSink[string]) {
		k.Next("x")
		if v == 1 {
			k.Complete()
		}
	}))
	assert.Equal(t, []string{"x", "x"}, r.values())
	assert.True(t, r.completed)
	assert.Equal(t, int64(1), src.cancelled.Load())

	r = all(operators.Handle(ints(10), func(v int, k operators.SynchronousSink[string]) { k.Error(errBoomOps) }))
	assert.ErrorIs(t, r.err, errBoomOps)

	r = all(operators.Handle(ints(10), func(v int, k operators.SynchronousSink[string]) { k.Next("a"); k.Next("b") }))
	assert.Equal(t, []string{"a"}, r.values())
	assert.ErrorIs(t, r.err, operators.ErrSinkNextTwice)

	r = all(operators.Handle(ints(10), func(v int, k operators.SynchronousSink[string]) { panic("h") }))
	var pe *sluice.PanicError
	require.ErrorAs(t, r.err, &pe)

	seq, _ := fuse.AsSeq(operators.Handle(fused(1, 2), func(v int, k operators.SynchronousSink[int]) { k.Error(errBoomOps) }))
	assert.ErrorIs(t, seq.ForEach(func(int) bool { return true }), errBoomOps)
}
