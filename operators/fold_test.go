package operators_test

import (
	"testing"

	"github.com/sluicego/sluice"
	"github.com/sluicego/sluice/operators"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

type foldCase struct {
	name string
	pub  func(src sluice.Publisher[int]) sluice.Publisher[int]
	in   []int
	want []int
	err  error
	// prefetch is the upstream demand expected after one downstream request.
	prefetch int64
}

func sum(a, b int) int { return a + b }

// runFoldCases runs each case on a fused and a non-fused source, with the
// result requested before and after the source completes.
func runFoldCases(t *testing.T, cases []foldCase) {
	t.Helper()
	for _, c := range cases {
		t.Run(c.name+"/plain", func(t *testing.T) {
			src := items(c.in...)
			r := subscribe(c.pub(src), 1, 0)
			check(t, c, r)
			if c.prefetch != 0 {
				assert.Equal(t, c.prefetch, src.requested.Load())
			}
		})
		t.Run(c.name+"/fused", func(t *testing.T) {
			r := subscribe(c.pub(fused(c.in...)), 1, 0)
			check(t, c, r)
		})
		t.Run(c.name+"/late request", func(t *testing.T) {
			r := subscribe(c.pub(items(c.in...)), 0, 0)
			if c.err == nil {
				assert.Empty(t, r.values(), "nothing before the request")
			}
			r.request(5)
			check(t, c, r)
		})
	}
}

func check(t *testing.T, c foldCase, r *rec[int]) {
	t.Helper()
	if c.err != nil {
		require.ErrorIs(t, r.err, c.err)
		assert.Empty(t, r.values())
		return
	}
	require.NoError(t, r.err)
	assert.Equal(t, c.want, r.values())
	assert.True(t, r.completed)
	assert.Equal(t, 1, r.terminals)
}

func TestFolds(t *testing.T) {
	runFoldCases(t, []foldCase{
		{name: "Reduce", pub: func(s sluice.Publisher[int]) sluice.Publisher[int] { return operators.Reduce(s, sum) }, in: []int{1, 2, 3}, want: []int{6}, prefetch: sluice.Unbounded},
		{name: "Reduce empty", pub: func(s sluice.Publisher[int]) sluice.Publisher[int] { return operators.Reduce(s, sum) }, want: nil},
		{name: "ReduceSeed", pub: func(s sluice.Publisher[int]) sluice.Publisher[int] { return operators.ReduceSeed(s, 10, sum) }, in: []int{1, 2}, want: []int{13}},
		{name: "ReduceSeed empty", pub: func(s sluice.Publisher[int]) sluice.Publisher[int] { return operators.ReduceSeed(s, 10, sum) }, want: []int{10}},
		{name: "Next", pub: operators.Next[int], in: []int{7, 8, 9}, want: []int{7}, prefetch: 1},
		{name: "Next empty", pub: operators.Next[int], want: nil},
		{name: "Last", pub: operators.Last[int], in: []int{7, 8, 9}, want: []int{9}},
		{name: "Last empty", pub: operators.Last[int], err: operators.ErrNoElements},
		{name: "LastOrDefault empty", pub: func(s sluice.Publisher[int]) sluice.Publisher[int] { return operators.LastOrDefault(s, 4) }, want: []int{4}},
		{name: "Single", pub: operators.Single[int], in: []int{5}, want: []int{5}, prefetch: 2},
		{name: "Single empty", pub: operators.Single[int], err: operators.ErrNoElements},
		{name: "Single two", pub: operators.Single[int], in: []int{1, 2, 3}, err: operators.ErrTooManyElements, prefetch: 2},
		{name: "SingleOrDefault", pub: func(s sluice.Publisher[int]) sluice.Publisher[int] { return operators.SingleOrDefault(s, 3) }, want: []int{3}},
		{name: "SingleOrEmpty", pub: operators.SingleOrEmpty[int], want: nil},
		{name: "ElementAt", pub: func(s sluice.Publisher[int]) sluice.Publisher[int] { return operators.ElementAt(s, 2) }, in: []int{4, 5, 6, 7}, want: []int{6}, prefetch: 3},
		{name: "ElementAt short", pub: func(s sluice.Publisher[int]) sluice.Publisher[int] { return operators.ElementAt(s, 5) }, in: []int{4}, err: operators.ErrIndexOutOfRange},
		{name: "ElementAtOrDefault", pub: func(s sluice.Publisher[int]) sluice.Publisher[int] { return operators.ElementAtOrDefault(s, 5, -1) }, in: []int{4}, want: []int{-1}},
		{name: "IgnoreElements", pub: operators.IgnoreElements[int], in: []int{1, 2}, want: nil},
		{name: "Count", pub: func(s sluice.Publisher[int]) sluice.Publisher[int] {
			return operators.Map(operators.Count(s), func(n int64) int { return int(n) })
		}, in: []int{1, 2, 3}, want: []int{3}},
		{name: "All true", pub: boolOp(func(s sluice.Publisher[int]) sluice.Publisher[bool] { return operators.All(s, isEven) }), in: []int{2, 4}, want: []int{1}},
		{name: "All false", pub: boolOp(func(s sluice.Publisher[int]) sluice.Publisher[bool] { return operators.All(s, isEven) }), in: []int{2, 3, 4}, want: []int{0}},
		{name: "All empty", pub: boolOp(func(s sluice.Publisher[int]) sluice.Publisher[bool] { return operators.All(s, isEven) }), want: []int{1}},
		{name: "Any", pub: boolOp(func(s sluice.Publisher[int]) sluice.Publisher[bool] { return operators.Any(s, isEven) }), in: []int{1, 2, 3}, want: []int{1}},
		{name: "Any empty", pub: boolOp(func(s sluice.Publisher[int]) sluice.Publisher[bool] { return operators.Any(s, isEven) }), want: []int{0}},
		{name: "HasElements", pub: boolOp(operators.HasElements[int]), in: []int{9, 9}, want: []int{1}, prefetch: 1},
		{name: "HasElements empty", pub: boolOp(operators.HasElements[int]), want: []int{0}},
	})
}

func boolOp(f func(sluice.Publisher[int]) sluice.Publisher[bool]) func(sluice.Publisher[int]) sluice.Publisher[int] {
	return func(s sluice.Publisher[int]) sluice.Publisher[int] {
		return operators.Map(f(s), func(b bool) int {
			if b {
				return 1
			}
			return 0
		})
	}
}

func TestFoldCancelsEarlyStop(t *testing.T) {
	src := ints(100)
	r := all(operators.Any(src, func(x int) bool { return x == 3 }))
	assert.Equal(t, []bool{true}, r.values())
	assert.Equal(t, int64(1), src.cancelled.Load())
}

func TestFoldUpstreamError(t *testing.T) {
	for _, fusedSrc := range []bool{false, true} {
		var src sluice.Publisher[int] = failing(errBoomOps, 1, 2)
		if fusedSrc {
			src = seqOf[int]{failing(errBoomOps, 1, 2)}
		}
		r := all(operators.Reduce(src, sum))
		assert.ErrorIs(t, r.err, errBoomOps)
		assert.Empty(t, r.values())
	}
}

func TestFoldPanic(t *testing.T) {
	for _, fusedSrc := range []bool{false, true} {
		var src sluice.Publisher[int] = ints(5)
		if fusedSrc {
			src = fused(0, 1, 2, 3, 4)
		}
		r := all(operators.Reduce(src, func(a, b int) int {
			if b == 3 {
				panic("reducer")
			}
			return a + b
		}))
		var pe *sluice.PanicError
		require.ErrorAs(t, r.err, &pe, "fused=%v", fusedSrc)
		assert.Equal(t, "reducer", pe.Value)
		assert.Empty(t, r.values())
	}
}

func TestFoldInvalidRequest(t *testing.T) {
	for _, src := range []sluice.Publisher[int]{ints(3), fused(1, 2)} {
		r := subscribe(operators.Count(src), 0, 0)
		r.request(0)
		assert.ErrorIs(t, r.err, sluice.ErrInvalidDemand)
		r.request(1)
		assert.Empty(t, r.values())
		assert.Equal(t, 1, r.terminals)
	}
}

func TestFoldCancelBeforeRequest(t *testing.T) {
	src := ints(3)
	r := subscribe(operators.Count(src), 0, 0)
	r.cancel()
	r.request(1)
	assert.Empty(t, r.values())
	assert.Equal(t, 0, r.terminals)
	assert.Equal(t, int64(0), src.requested.Load())
}

func TestCollectListAndMap(t *testing.T) {
	r := all(operators.CollectList[int](ints(3)))
	assert.Equal(t, [][]int{{0, 1, 2}}, r.values())
	r2 := all(operators.CollectList[int](items[int]()))
	assert.Equal(t, [][]int{{}}, r2.values())
	r3 := all(operators.CollectMap(fused(1, 2, 3), func(x int) int { return x % 2 }, func(x int) int { return x }))
	assert.Equal(t, []map[int]int{{0: 2, 1: 3}}, r3.values())
	// Each subscription gets its own map.
	p := operators.CollectMap(ints(2), func(x int) int { return x }, func(x int) int { return x })
	a, b := all(p).values()[0], all(p).values()[0]
	a[9] = 9
	assert.NotContains(t, b, 9)
}

func TestFusedFoldCancelledWhileLooping(t *testing.T) {
	r := &rec[int]{}
	seen := 0
	src := operators.DoOnNext(fused(1, 2, 3, 4, 5, 6), func(int) {
		if seen++; seen == 3 {
			r.cancel()
		}
	})
	operators.ReduceSeed(src, 0, sum).Subscribe(r)
	r.request(1)
	assert.Equal(t, 3, seen, "the loop stops at the next element after Cancel")
	assert.Empty(t, r.values())
	assert.Equal(t, 0, r.terminals)
}
