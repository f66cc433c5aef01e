package flux_test

import (
	"context"
	"testing"

	"github.com/sluicego/sluice"
	"github.com/sluicego/sluice/flux"
	"github.com/sluicego/sluice/internal/probe"
	"github.com/sluicego/sluice/mono"
	"github.com/sluicego/sluice/scheduler"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestAsyncFacades(t *testing.T) {
	ctx := context.Background()
	par := scheduler.NewParallel()
	defer par.Dispose()
	inner := func(n int) sluice.Publisher[int] { return flux.Range(n*10, 3) }
	cases := []struct {
		name string
		f    flux.Flux[int]
		want []int
		sort bool
	}{
		{"FlatMap", flux.FlatMap(flux.Range(0, 3), inner, flux.WithConcurrency(1), flux.WithPrefetch(1)), []int{0, 1, 2, 10, 11, 12, 20, 21, 22}, false},
		{"FlatMapDelayError", flux.FlatMapDelayError(flux.Range(0, 2), inner), []int{0, 1, 2, 10, 11, 12}, true},
		{"FlatMapSequential", flux.FlatMapSequential(flux.Range(0, 3), inner), []int{0, 1, 2, 10, 11, 12, 20, 21, 22}, false},
		{"ConcatMap", flux.ConcatMap(flux.Range(0, 2), inner), []int{0, 1, 2, 10, 11, 12}, false},
		{"FlatMapMany", flux.FlatMapMany(mono.From[int](probe.Just(4)), inner), []int{40, 41, 42}, false},
		{"Merge", flux.Merge[int](flux.Range(0, 2), flux.Range(5, 2)), []int{0, 1, 5, 6}, true},
		{"MergeDelayError", flux.MergeDelayError[int](flux.Range(0, 2)), []int{0, 1}, false},
		{"MergeSequential", flux.MergeSequential[int](flux.Range(0, 2), flux.Range(5, 2)), []int{0, 1, 5, 6}, false},
		{"ZipWith", flux.Range(0, 3).ZipWith(flux.Range(10, 3), func(a, b int) int { return a * b }), []int{0, 11, 24}, false},
		{"ZipSlice", flux.ZipSlice([]sluice.Publisher[int]{flux.Range(0, 2), flux.Range(1, 2)}, func(r []int) int { return r[0] + r[1] }), []int{1, 3}, false},
		{"PublishOn", flux.Range(0, 100).PublishOn(par).LimitRate(10, 0).SubscribeOn(par), asyncFacadeSeq(100), false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, err := c.f.Collect(ctx)
			require.NoError(t, err)
			if c.sort {
				assert.ElementsMatch(t, c.want, got)
			} else {
				assert.Equal(t, c.want, got)
			}
		})
	}
}

func asyncFacadeSeq(n int) []int {
	out := make([]int, n)
	for i := range out {
		out[i] = i
	}
	return out
}

func TestMonoZipFacades(t *testing.T) {
	one := mono.From[int](probe.Just(1))
	two := mono.From[int](probe.Just(2))
	r := probe.NewRecorder[int](sluice.Unbounded)
	mono.Zip2(one, two, func(a, b int) int { return a + b }).Subscribe(r)
	assert.Equal(t, []int{3}, r.Values())

	r = probe.NewRecorder[int](sluice.Unbounded)
	mono.Zip3(one, two, two, func(a, b, c int) int { return a + b + c }).Subscribe(r)
	assert.Equal(t, []int{5}, r.Values())

	r = probe.NewRecorder[int](sluice.Unbounded)
	mono.Zip4(one, two, two, two, func(a, b, c, d int) int { return a + b + c + d }).Subscribe(r)
	assert.Equal(t, []int{7}, r.Values())

	r = probe.NewRecorder[int](sluice.Unbounded)
	mono.ZipSlice([]mono.Mono[int]{one, two, mono.From[int](probe.Empty[int]())}, func(v []int) int { return len(v) }).Subscribe(r)
	assert.Empty(t, r.Values())
	assert.True(t, r.Completed())

	r = probe.NewRecorder[int](sluice.Unbounded)
	mono.ZipWhen(one, func(x int) mono.Mono[int] { return mono.From[int](probe.Just(x + 1)) }, func(a, b int) int { return a*10 + b }).Subscribe(r)
	assert.Equal(t, []int{12}, r.Values())

	v := scheduler.NewVirtual()
	defer v.Dispose()
	r = probe.NewRecorder[int](sluice.Unbounded)
	two.SubscribeOn(v).PublishOn(v).Subscribe(r)
	v.RunPending()
	v.RunPending()
	assert.Equal(t, []int{2}, r.Values())
	assert.True(t, r.Completed())
}

func TestOnBackpressureFacades(t *testing.T) {
	ctx := context.Background()
	for name, f := range map[string]flux.Flux[int]{
		"buffer": flux.Range(0, 10).OnBackpressureBuffer(4, flux.BufferOverflowError, nil),
		"drop":   flux.Range(0, 10).OnBackpressureDrop(nil),
		"latest": flux.Range(0, 10).OnBackpressureLatest(),
		"error":  flux.Range(0, 10).OnBackpressureError(),
	} {
		got, err := f.Collect(ctx)
		require.NoError(t, err, name)
		assert.Equal(t, asyncFacadeSeq(10), got, name)
	}
}
