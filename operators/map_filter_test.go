package operators_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/sluicego/sluice"
	"github.com/sluicego/sluice/flux"
	"github.com/sluicego/sluice/operators"
)

// Map directly followed by Filter subscribes upstream with one combined
// subscriber; these tests pin down that it behaves as the two stages do.

func TestMapThenFilterCombined(t *testing.T) {
	cases := []struct {
		name             string
		initial, perNext int64
	}{
		{"unbounded", sluice.Unbounded, 0},
		{"request(1) from OnNext", 1, 1},
		{"request(3) then one per element", 3, 1},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			src := ints(10)
			p := operators.Filter(operators.Map(src, func(x int) int { return x * 2 }), func(x int) bool { return x%3 == 0 })
			r := subscribe(p, c.initial, c.perNext)
			assert.Equal(t, []int{0, 6, 12, 18}, r.values())
			assert.True(t, r.completed)
			assert.Equal(t, 1, r.terminals)
		})
	}
}

func TestMapThenFilterCombinedThroughFacade(t *testing.T) {
	r := subscribe[int](flux.Map(flux.Range(0, 10), func(x int) int { return x + 1 }).Filter(func(x int) bool { return x%2 == 0 }), 2, 1)
	assert.Equal(t, []int{2, 4, 6, 8, 10}, r.values())
	assert.True(t, r.completed)
}

func TestMapThenFilterCombinedPanics(t *testing.T) {
	for _, where := range []string{"mapper", "predicate"} {
		t.Run(where, func(t *testing.T) {
			src := ints(10)
			p := panickingMapFilter(src, where)
			r := subscribe(p, 1, 1)
			assert.Equal(t, []int{0, 2}, r.values())
			var pe *sluice.PanicError
			require.ErrorAs(t, r.err, &pe)
			assert.Equal(t, 1, r.terminals)
			assert.Equal(t, int64(1), src.cancelled.Load())
		})
	}
}

func TestMapThenFilterCombinedCancel(t *testing.T) {
	src := ints(100)
	r := &rec[int]{initial: 1, perNext: 1, cancelAfter: 3}
	operators.Filter(operators.Map(src, func(x int) int { return x }), func(x int) bool { return x%2 == 1 }).Subscribe(r)
	assert.Equal(t, []int{1, 3, 5}, r.values())
	assert.Equal(t, 0, r.terminals)
	assert.Equal(t, int64(1), src.cancelled.Load())
}

// Over flux.Range the fused Map (and Map+Filter) runs the range loop itself.
func TestMapOverRangeFused(t *testing.T) {
	sum := func(p sluice.Publisher[int]) *rec[int] {
		return all(operators.ReduceSeed(p, 0, func(a, v int) int { return a + v }))
	}
	r := sum(operators.Map(flux.Range(3, 4), func(x int) int { return x * 10 }))
	assert.Equal(t, []int{30 + 40 + 50 + 60}, r.values())
	r = sum(operators.Filter(operators.Map(flux.Range(3, 4), func(x int) int { return x * 10 }), func(x int) bool { return x != 40 }))
	assert.Equal(t, []int{30 + 50 + 60}, r.values())

	var seen []int
	for _, p := range []sluice.Publisher[int]{
		operators.Map(flux.Range(0, 100), func(x int) int { return x }),
		operators.Filter(operators.Map(flux.Range(0, 100), func(x int) int { return x }), func(int) bool { return true }),
	} {
		seen = seen[:0]
		p := operators.Map(p, func(x int) int { seen = append(seen, x); return x })
		r = all(operators.ReduceSeed(operators.Filter(p, func(x int) bool { return x < 5 }), 0, func(a, v int) int { return a + v }))
		assert.Equal(t, []int{0 + 1 + 2 + 3 + 4}, r.values())
		assert.Len(t, seen, 100)
	}

	r = sum(operators.Map(flux.Range(0, 10), func(x int) int {
		if x == 5 {
			panic("boom")
		}
		return x
	}))
	var pe *sluice.PanicError
	require.ErrorAs(t, r.err, &pe)
}

// panickingMapFilter is Filter(Map(src, identity), even) whose mapper or
// predicate (as where says) panics at the value 4.
func panickingMapFilter(src sluice.Publisher[int], where string) sluice.Publisher[int] {
	return operators.Filter(operators.Map(src, func(x int) int {
		if where == "mapper" && x == 4 {
			panic(where)
		}
		return x
	}), func(x int) bool {
		if where == "predicate" && x == 4 {
			panic(where)
		}
		return x%2 == 0
	})
}
