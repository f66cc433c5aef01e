package operators_test

import (
	"testing"

	"github.com/sluicego/sluice"
	"github.com/sluicego/sluice/flux"
	"github.com/sluicego/sluice/internal/fuse"
	"github.com/sluicego/sluice/operators"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func isEven(x int) bool { return x%2 == 0 }

func TestFilterCases(t *testing.T) {
	cases := []struct {
		name    string
		src     *sliceSource[int]
		initial int64
		perNext int64
		want    []int
		err     error
	}{
		{"unbounded", ints(10), sluice.Unbounded, 0, []int{0, 2, 4, 6, 8}, nil},
		{"request 1 from OnNext", ints(10), 1, 1, []int{0, 2, 4, 6, 8}, nil},
		{"batch of 2", ints(10), 2, 0, []int{0, 2}, nil},
		{"empty", items[int](), 1, 0, nil, nil},
		{"upstream error", failing(errBoomOps, 1, 2, 3, 4), sluice.Unbounded, 0, []int{2, 4}, errBoomOps},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := subscribe(operators.Filter(c.src, isEven), c.initial, c.perNext)
			assert.Equal(t, c.want, r.values())
			if c.err != nil {
				assert.ErrorIs(t, r.err, c.err)
			}
		})
	}
}

func TestFilterRequestsOneMorePerRejected(t *testing.T) {
	src := ints(10)
	r := subscribe(operators.Filter(src, isEven), 2, 0)
	assert.Equal(t, []int{0, 2}, r.values())
	// 0 taken, 1 rejected (+1), 2 taken: 3 requested in total, no more.
	assert.Equal(t, int64(3), src.requested.Load())
}

func TestFilterConditionalAvoidsRoundTrip(t *testing.T) {
	// flux.Range emits through TryOnNext: rejected elements cost no
	// Request(1) and the subscriber sees exactly what it asked for.
	r := subscribe(operators.Filter(flux.Range(0, 100), func(x int) bool { return x%10 == 0 }), 3, 0)
	assert.Equal(t, []int{0, 10, 20}, r.values())
	r.request(sluice.Unbounded)
	assert.Len(t, r.values(), 10)
	assert.True(t, r.completed)
}

func TestFilterChainOfConditionals(t *testing.T) {
	p := operators.Filter(operators.Map(operators.Filter(flux.Range(0, 30), isEven), func(x int) int { return x / 2 }),
		func(x int) bool { return x%3 == 0 })
	r := subscribe(p, 1, 1)
	assert.Equal(t, []int{0, 3, 6, 9, 12}, r.values())
	assert.True(t, r.completed)
}

func TestFilterPanic(t *testing.T) {
	src := ints(5)
	r := all(operators.Filter(src, func(x int) bool {
		if x == 3 {
			panic("pred")
		}
		return true
	}))
	assert.Equal(t, []int{0, 1, 2}, r.values())
	var pe *sluice.PanicError
	require.ErrorAs(t, r.err, &pe)
	assert.Equal(t, int64(1), src.cancelled.Load())
}

func TestFilterCancel(t *testing.T) {
	src := ints(100)
	r := &rec[int]{initial: sluice.Unbounded, cancelAfter: 2}
	operators.Filter(src, isEven).Subscribe(r)
	assert.Equal(t, []int{0, 2}, r.values())
	assert.Equal(t, int64(1), src.cancelled.Load())
	assert.Equal(t, 0, r.terminals)
}

func TestFilterFusedWithMap(t *testing.T) {
	p := operators.Filter(operators.Map(flux.Range(0, 10), func(x int) int { return x * 3 }), isEven)
	seq, ok := fuse.AsSeq(p)
	require.True(t, ok)
	var got []int
	require.NoError(t, seq.ForEach(func(v int) bool { got = append(got, v); return true }))
	assert.Equal(t, []int{0, 6, 12, 18, 24}, got)
	// And the non-fused path agrees.
	assert.Equal(t, got, all(p).values())
}
