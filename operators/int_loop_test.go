package operators_test

import (
	"errors"
	"strconv"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/sluicego/sluice"
	"github.com/sluicego/sluice/flux"
	"github.com/sluicego/sluice/operators"
)

// A reducing fold over flux.Range → Map [→ Filter] runs the range loop
// itself (mapper, predicate and reducer in one loop body); these tests pin
// down that it behaves as the stage-by-stage chain does.

func TestReduceOverMappedRange(t *testing.T) {
	double := func(x int) int { return 2 * x }
	even3 := func(x int) bool { return x%3 == 0 }
	add := func(a, v int) int { return a + v }
	cases := []struct {
		name string
		p    sluice.Publisher[int]
		want int
	}{
		{"map", operators.ReduceSeed(operators.Map(flux.Range(1, 5), double), 100, add), 100 + 2 + 4 + 6 + 8 + 10},
		{"map then filter", operators.ReduceSeed(operators.Filter(operators.Map(flux.Range(0, 10), double), even3), 0, add), 0 + 6 + 12 + 18},
		{"empty range", operators.ReduceSeed(operators.Filter(operators.Map(flux.Range(5, 0), double), even3), 7, add), 7},
		{"nothing kept", operators.ReduceSeed(operators.Filter(operators.Map(flux.Range(0, 10), double), func(int) bool { return false }), 7, add), 7},
		{"through the facades", flux.Reduce(flux.Map(flux.Range(0, 10), double).Filter(even3), 0, add).Unwrap(), 36},
		// The outer fold runs the inner one as a fuse.Seq (no stop flag).
		{"fold of a fold", operators.ReduceSeed(operators.Map(operators.ReduceSeed(operators.Filter(operators.Map(flux.Range(0, 10), double), even3), 0, add), double), 1, add), 1 + 72},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) { assertOneValue(t, c.p, c.want) })
	}
}

func TestReduceOverMappedRangeOtherTypes(t *testing.T) {
	// Elements of another type than int, and an accumulator of a third.
	strs := operators.Filter(operators.Map(flux.Range(8, 5), strconv.Itoa), func(s string) bool { return len(s) == 2 })
	r := all(operators.ReduceSeed(strs, 0.5, func(a float64, s string) float64 { return a + float64(len(s)) }))
	assert.Equal(t, []float64{0.5 + 2 + 2 + 2}, r.values())
	r2 := all(operators.ReduceWith(operators.Map(flux.Range(0, 3), strconv.Itoa), func() []string { return nil }, func(a []string, s string) []string { return append(a, s) }))
	assert.Equal(t, [][]string{{"0", "1", "2"}}, r2.values())
}

func TestReduceOverMappedRangePanics(t *testing.T) {
	for _, where := range []string{"mapper", "predicate", "reducer"} {
		t.Run(where, func(t *testing.T) {
			calls := 0
			p := operators.ReduceSeed(panickingMapFilter(flux.Range(0, 10), where), 0, func(a, v int) int {
				if calls++; where == "reducer" && v == 4 {
					panic(where)
				}
				return a + v
			})
			r := all(p)
			assert.Empty(t, r.values())
			var pe *sluice.PanicError
			require.ErrorAs(t, r.err, &pe)
			assert.Equal(t, where, pe.Value)
			assert.Equal(t, 1, r.terminals)
			want := 2 // 0 and 2 folded, then the panic at 4
			if where == "reducer" {
				want = 3
			}
			assert.Equal(t, want, calls, "the loop stops at the panic")
		})
	}
}

func TestReduceOverMappedRangeCancelledWhileLooping(t *testing.T) {
	r := &rec[int]{}
	mapped := 0
	src := operators.Filter(operators.Map(flux.Range(0, 100_000), func(x int) int {
		if mapped++; mapped == 4 {
			r.cancel()
		}
		return x
	}), func(x int) bool { return x%3 == 0 })
	operators.ReduceSeed(src, 0, func(a, v int) int { return a + v }).Subscribe(r)
	r.request(1)
	// Cancelled while mapping 3: the loop polls the flag once per block of
	// 256 range values, so it stops at the end of the first block.
	assert.Equal(t, 256, mapped, "the loop stops at the end of the block in which Cancel came")
	assert.Empty(t, r.values())
	assert.Equal(t, 0, r.terminals)
}

func TestSum(t *testing.T) {
	double := func(x int) int { return 2 * x }
	div3 := func(x int) bool { return x%3 == 0 }
	type ints = sluice.Publisher[int]
	cases := []struct {
		name string
		p    ints
		want int
	}{
		{"range", operators.Sum(flux.Range(1, 4)), 1 + 2 + 3 + 4},
		{"map", operators.Sum(operators.Map(flux.Range(1, 5), double)), 2 + 4 + 6 + 8 + 10},
		{"map then filter", operators.Sum(operators.Filter(operators.Map(flux.Range(0, 10), double), div3)), 0 + 6 + 12 + 18},
		// More than one block of the fused loop (stopCheckEvery values).
		{"long range", operators.Sum(operators.Filter(operators.Map(flux.Range(0, 1000), double), div3)), 3 * 334 * 333},
		{"empty range", operators.Sum(operators.Map(flux.Range(5, 0), double)), 0},
		{"nothing kept", operators.Sum(operators.Filter(operators.Map(flux.Range(0, 10), double), func(int) bool { return false })), 0},
		{"not fused", operators.Sum[int](nonFused{flux.Range(1, 4)}), 10},
		{"not fused, empty", operators.Sum[int](nonFused{flux.Range(0, 0)}), 0},
		{"slice", operators.Sum(flux.FromSlice([]int{5, -2, 7})), 10},
		{"through the facade", flux.Sum(flux.Map(flux.Range(0, 10), double).Filter(div3)).Unwrap(), 36},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) { assertOneValue(t, c.p, c.want) })
	}
}

func TestSumOtherNumbers(t *testing.T) {
	half := func(x int) float64 { return float64(x) / 2 }
	f := all(operators.Sum(operators.Map(flux.Range(1, 3), half)))
	assert.Equal(t, []float64{0.5 + 1 + 1.5}, f.values())

	// Integers wrap around on overflow, as + does.
	u := all(operators.Sum(flux.FromSlice([]uint8{200, 100})))
	assert.Equal(t, []uint8{44}, u.values())

	type celsius int32
	c := all(operators.Sum(operators.Map(flux.Range(0, 4), func(x int) celsius { return celsius(x) })))
	assert.Equal(t, []celsius{6}, c.values())
}

func TestSumFailures(t *testing.T) {
	boom := errors.New("boom")
	r := all(operators.Sum[int](nonFused{flux.Error[int](boom)}))
	assert.Empty(t, r.values())
	assert.ErrorIs(t, r.err, boom)
	assert.Equal(t, 1, r.terminals)

	for _, where := range []string{"mapper", "predicate"} {
		t.Run(where, func(t *testing.T) {
			r := all(operators.Sum(panickingMapFilter(flux.Range(0, 10), where)))
			assert.Empty(t, r.values())
			var pe *sluice.PanicError
			require.ErrorAs(t, r.err, &pe)
			assert.Equal(t, where, pe.Value)
			assert.Equal(t, 1, r.terminals)
		})
	}
}

func TestSumCancelledWhileLooping(t *testing.T) {
	r := &rec[int]{}
	mapped := 0
	src := operators.Map(flux.Range(0, 100_000), func(x int) int {
		if mapped++; mapped == 4 {
			r.cancel()
		}
		return x
	})
	operators.Sum(src).Subscribe(r)
	r.request(1)
	assert.Equal(t, 256, mapped, "the loop stops at the end of the block in which Cancel came")
	assert.Empty(t, r.values())
	assert.Equal(t, 0, r.terminals)
}

// assertOneValue checks that p emits want and completes.
func assertOneValue(t *testing.T, p sluice.Publisher[int], want int) {
	t.Helper()
	r := all(p)
	assert.Equal(t, []int{want}, r.values())
	assert.True(t, r.completed)
	assert.Equal(t, 1, r.terminals)
}
