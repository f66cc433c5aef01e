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

func TestTakeLimitsUpstreamDemand(t *testing.T) {
	cases := []struct {
		name          string
		n             int64
		initial, each int64
		want          int
		requested     int64
	}{
		{"unbounded request", 3, sluice.Unbounded, 0, 3, 3},
		{"request 1 at a time", 3, 1, 1, 3, 3},
		{"batches of 2", 5, 2, 2, 5, 5},
		{"more than source", 20, sluice.Unbounded, 0, 10, 20},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			src := ints(10)
			r := subscribe(operators.Take(src, c.n), c.initial, c.each)
			assert.Len(t, r.values(), c.want)
			assert.True(t, r.completed)
			assert.Equal(t, c.requested, src.requested.Load())
		})
	}
}

func TestTakeZero(t *testing.T) {
	src := ints(3)
	r := subscribe(operators.Take(src, 0), 0, 0)
	assert.True(t, r.completed)
	assert.Equal(t, int64(1), src.cancelled.Load())
	assert.Equal(t, int64(0), src.requested.Load())
}

func TestTakeCancelAndError(t *testing.T) {
	src := ints(10)
	r := &rec[int]{initial: 5, cancelAfter: 2}
	operators.Take(src, 5).Subscribe(r)
	assert.Equal(t, []int{0, 1}, r.values())
	assert.Equal(t, 0, r.terminals)
	assert.Equal(t, int64(1), src.cancelled.Load())

	r2 := all(operators.Take(failing(errBoomOps, 1), 5))
	assert.ErrorIs(t, r2.err, errBoomOps)
}

func TestTakeFusedAndConditional(t *testing.T) {
	p := operators.Take(operators.Filter(flux.Range(0, 100), isEven), 3)
	seq, ok := fuse.AsSeq(p)
	require.True(t, ok)
	var got []int
	require.NoError(t, seq.ForEach(func(v int) bool { got = append(got, v); return true }))
	assert.Equal(t, []int{0, 2, 4}, got)
	assert.Equal(t, got, subscribe(p, 1, 1).values())
	assert.Equal(t, "flux.rangePublisher.Filter.Take(3)", p.(interface{ String() string }).String())
}

func TestLimitRequest(t *testing.T) {
	src := ints(10)
	r := subscribe(operators.LimitRequest(src, 4), sluice.Unbounded, 0)
	assert.Equal(t, []int{0, 1, 2, 3}, r.values())
	assert.Equal(t, int64(4), src.requested.Load())
}
