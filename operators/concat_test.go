package operators_test

import (
	"errors"
	"testing"

	"github.com/sluicego/sluice"
	"github.com/sluicego/sluice/flux"
	"github.com/sluicego/sluice/internal/fuse"
	"github.com/sluicego/sluice/operators"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestConcatFamily(t *testing.T) {
	cases := []struct {
		name string
		pub  func() sluice.Publisher[int]
		want []int
		err  error
	}{
		{"Concat", func() sluice.Publisher[int] { return operators.Concat[int](items(1, 2), items[int](), items(3)) }, []int{1, 2, 3}, nil},
		{"Concat none", func() sluice.Publisher[int] { return operators.Concat[int]() }, nil, nil},
		{"Concat error stops", func() sluice.Publisher[int] { return operators.Concat[int](failing(errBoomOps, 1), items(3)) }, []int{1}, errBoomOps},
		{"ConcatWith", func() sluice.Publisher[int] { return operators.ConcatWith[int](items(1), items(2)) }, []int{1, 2}, nil},
		{"StartWith", func() sluice.Publisher[int] { return operators.StartWith[int](items(3), 1, 2) }, []int{1, 2, 3}, nil},
		{"SwitchIfEmpty empty", func() sluice.Publisher[int] { return operators.SwitchIfEmpty[int](items[int](), items(7, 8)) }, []int{7, 8}, nil},
		{"SwitchIfEmpty not empty", func() sluice.Publisher[int] { return operators.SwitchIfEmpty[int](items(1), items(7, 8)) }, []int{1}, nil},
		{"DefaultIfEmpty", func() sluice.Publisher[int] { return operators.DefaultIfEmpty[int](items[int](), 9) }, []int{9}, nil},
		{"OnErrorReturn", func() sluice.Publisher[int] { return operators.OnErrorReturn[int](failing(errBoomOps, 1), 9) }, []int{1, 9}, nil},
		{"OnErrorResume", func() sluice.Publisher[int] {
			return operators.OnErrorResume[int](failing(errBoomOps, 1), func(error) sluice.Publisher[int] { return items(5, 6) })
		}, []int{1, 5, 6}, nil},
		{"OnErrorResume fallback fails", func() sluice.Publisher[int] {
			return operators.OnErrorResume[int](failing[int](errors.New("first")), func(error) sluice.Publisher[int] { return failing[int](errBoomOps) })
		}, nil, errBoomOps},
		{"OnErrorComplete", func() sluice.Publisher[int] { return operators.OnErrorComplete[int](failing(errBoomOps, 1), nil) }, []int{1}, nil},
		{"OnErrorComplete no match", func() sluice.Publisher[int] {
			return operators.OnErrorComplete[int](failing(errBoomOps, 1), func(error) bool { return false })
		}, []int{1}, errBoomOps},
		{"OnErrorMap", func() sluice.Publisher[int] {
			return operators.OnErrorMap[int](failing[int](errors.New("x")), func(error) error { return errBoomOps })
		}, nil, errBoomOps},
		{"Retry", func() sluice.Publisher[int] { return operators.Retry[int](failing(errBoomOps, 1), 2) }, []int{1, 1, 1}, errBoomOps},
		{"Repeat", func() sluice.Publisher[int] { return operators.Repeat[int](items(1, 2), 2) }, []int{1, 2, 1, 2, 1, 2}, nil},
		{"Then", func() sluice.Publisher[int] { return operators.Then[int, int](items(1, 2), items(5)) }, []int{5}, nil},
		{"Then error", func() sluice.Publisher[int] { return operators.Then[int, int](failing(errBoomOps, 1), items(5)) }, nil, errBoomOps},
		{"ThenReturn", func() sluice.Publisher[int] { return operators.ThenReturn[int](items(1, 2), 7) }, []int{7}, nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			for _, d := range []struct{ initial, each int64 }{{sluice.Unbounded, 0}, {1, 1}} {
				r := subscribe(c.pub(), d.initial, d.each)
				assert.Equal(t, c.want, r.values())
				if c.err != nil {
					assert.ErrorIs(t, r.err, c.err)
				} else {
					assert.NoError(t, r.err)
					assert.True(t, r.completed)
				}
				assert.Equal(t, 1, r.terminals)
			}
		})
	}
}

func TestConcatCarriesDemandOver(t *testing.T) {
	a, b := ints(2), ints(5)
	r := subscribe(operators.Concat[int](a, b), 4, 0)
	assert.Equal(t, []int{0, 1, 0, 1}, r.values())
	assert.Equal(t, int64(2), b.requested.Load())
	r.cancel()
	assert.Equal(t, int64(1), b.cancelled.Load())
}

func TestDefaultIfEmptyWaitsForDemand(t *testing.T) {
	r := subscribe(operators.DefaultIfEmpty[int](items[int](), 9), 0, 0)
	assert.Empty(t, r.values())
	assert.False(t, r.completed)
	r.request(1)
	assert.Equal(t, []int{9}, r.values())
	assert.True(t, r.completed)
}

func TestRepeatDoesNotGrowStack(t *testing.T) {
	r := all(operators.Count(operators.Repeat[int](items(1), 100_000)))
	assert.Equal(t, []int64{100_001}, r.values())
	n := 0
	r2 := all(operators.Count(operators.RepeatWhile[int](items(1, 2), func() bool { n++; return n < 3 })))
	assert.Equal(t, []int64{6}, r2.values())
}

func TestConcatFused(t *testing.T) {
	p := operators.StartWith(operators.Concat(flux.Range(0, 2), flux.Range(5, 2)), -1)
	seq, ok := fuse.AsSeq(p)
	require.True(t, ok)
	var got []int
	require.NoError(t, seq.ForEach(func(v int) bool { got = append(got, v); return len(got) < 4 }))
	assert.Equal(t, []int{-1, 0, 1, 5}, got)
	assert.Equal(t, []int{-1, 0, 1, 5, 6}, subscribe(p, 1, 1).values())
}

func TestResumePanics(t *testing.T) {
	r := all(operators.OnErrorResume[int](failing[int](errBoomOps), func(error) sluice.Publisher[int] { panic("f") }))
	var pe *sluice.PanicError
	require.ErrorAs(t, r.err, &pe)
	assert.ErrorIs(t, r.err, errBoomOps)
}
