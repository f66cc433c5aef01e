package flux_test

import (
	"context"
	"testing"

	"github.com/sluicego/sluice/flux"
	"github.com/sluicego/sluice/mono"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestOperatorFacades(t *testing.T) {
	ctx := context.Background()
	collect := func(f flux.Flux[int]) []int {
		out, err := f.Collect(ctx)
		require.NoError(t, err)
		return out
	}
	r := flux.Range(0, 6)
	assert.Equal(t, []int{0, 1, 3, 6, 10, 15}, collect(r.Scan(func(a, b int) int { return a + b })))
	assert.Equal(t, []int{5}, collect(r.TakeLast(1)))
	assert.Equal(t, []int{0, 1}, collect(r.SkipLast(4)))
	assert.Equal(t, []int{0, 1, 2}, collect(r.TakeWhile(func(x int) bool { return x < 3 })))
	assert.Equal(t, []int{4, 5}, collect(r.SkipUntil(func(x int) bool { return x == 4 })))
	assert.Equal(t, []int{1, 2}, collect(flux.Distinct(flux.Just(1, 1, 2, 1))))
	assert.Equal(t, []int{1, 2, 1}, collect(flux.DistinctUntilChanged(flux.Just(1, 1, 2, 1))))
	assert.Equal(t, []int{9}, collect(flux.Empty[int]().DefaultIfEmpty(9)))
	assert.Equal(t, []int{-1, 0, 1}, collect(flux.Range(0, 2).StartWith(-1)))
	assert.Equal(t, []int{0, 0}, collect(flux.Range(0, 1).Repeat(1)))

	n, _, err := r.Count().Block(ctx)
	require.NoError(t, err)
	assert.Equal(t, int64(6), n)
	l, _, _ := r.CollectList().Block(ctx)
	assert.Equal(t, []int{0, 1, 2, 3, 4, 5}, l)
	ok, _, _ := r.AnyMatch(func(x int) bool { return x == 4 }).Block(ctx)
	assert.True(t, ok)
	ok, _, _ = r.AllMatch(func(x int) bool { return x < 4 }).Block(ctx)
	assert.False(t, ok)
	v, _, _ := r.Reduce(func(a, b int) int { return a*10 + b }).Block(ctx)
	assert.Equal(t, 12345, v)
	last, _, _ := r.Last().Block(ctx)
	assert.Equal(t, 5, last)
	_, _, err = r.Single().Block(ctx)
	assert.Error(t, err)

	m := mono.Map(mono.Just(2), func(x int) int { return x * 21 })
	got, _, err := mono.FlatMap(m, func(x int) mono.Mono[string] { return mono.Just("v") }).Block(ctx)
	require.NoError(t, err)
	assert.Equal(t, "v", got)
	x, _, _ := mono.Just(1).Filter(func(int) bool { return false }).DefaultIfEmpty(7).Block(ctx)
	assert.Equal(t, 7, x)
	s, _, _ := mono.ThenReturn(flux.Range(0, 3), "done").Block(ctx)
	assert.Equal(t, "done", s)
	assert.Equal(t, "flux.rangePublisher.Filter.Take(3)", r.Filter(func(int) bool { return true }).Take(3).String())
}
