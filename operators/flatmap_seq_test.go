package operators_test

import (
	"errors"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/sluicego/sluice"
	"github.com/sluicego/sluice/flux"
	"github.com/sluicego/sluice/operators"
)

// The tests below cover FlatMap's synchronous-inner fast path: inners that
// are fuse.Seq run as loops straight into the downstream while its demand
// is unbounded, and go through the prefetching inner subscriber otherwise.

func seqInners(x int) sluice.Publisher[int] { return flux.Range(x*100, 10) }

func seqInnersWant(outer int) []int {
	var want []int
	for x := range outer {
		for k := range 10 {
			want = append(want, x*100+k)
		}
	}
	return want
}

func TestFlatMapSeqInners(t *testing.T) {
	cases := []struct {
		name             string
		initial, perNext int64
	}{
		{"unbounded (fast path)", sluice.Unbounded, 0},
		{"request(1) (queued path)", 1, 1},
		{"request(7) then one per element", 7, 1},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			for _, conc := range []int{1, 3, operators.DefaultConcurrency} {
				src := ints(50)
				r := subscribe(operators.FlatMap[int, int](src, seqInners, conc, 4), c.initial, c.perNext)
				assert.Equal(t, seqInnersWant(50), r.values(), "concurrency %d", conc)
				assert.True(t, r.completed)
				assert.Equal(t, 1, r.terminals)
				assert.NoError(t, r.err)
			}
		})
	}
}

func TestFlatMapSeqInnersRequestsSourceOneByOne(t *testing.T) {
	src := ints(20)
	r := all(operators.FlatMap[int, int](src, seqInners, 2, 4))
	require.True(t, r.completed)
	assert.Len(t, r.values(), 200)
	// 2 up front, then one more for each inner that ran to its end (the
	// last few requests find the source already exhausted).
	assert.Equal(t, int64(2+20), src.requested.Load())
}

func TestFlatMapSeqInnersCancelInsideInner(t *testing.T) {
	src := ints(50)
	r := &rec[int]{initial: sluice.Unbounded, cancelAfter: 15}
	operators.FlatMap[int, int](src, seqInners, 4, 4).Subscribe(r)
	assert.Equal(t, seqInnersWant(2)[:15], r.values())
	assert.Equal(t, 0, r.terminals)
	assert.Equal(t, int64(1), src.cancelled.Load())
}

func TestFlatMapSeqInnerErrorFailFast(t *testing.T) {
	boom := errors.New("boom")
	src := ints(10)
	r := all(operators.FlatMap[int, int](src, func(x int) sluice.Publisher[int] {
		if x == 2 {
			return fused[int]()
		}
		return fused(x, x)
	}, 4, 4))
	assert.Equal(t, []int{0, 0, 1, 1, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9}, r.values())
	assert.True(t, r.completed, "an empty fused inner just ends")

	src = ints(10)
	r = all(operators.FlatMap[int, int](src, func(x int) sluice.Publisher[int] {
		if x == 2 {
			return seqOf[int]{failing(boom, 7)}
		}
		return fused(x, x)
	}, 4, 4))
	assert.Equal(t, []int{0, 0, 1, 1, 7}, r.values(), "nothing after the failing inner")
	assert.ErrorIs(t, r.err, boom)
	assert.Equal(t, 1, r.terminals)
	assert.Equal(t, int64(1), src.cancelled.Load())
}

func TestFlatMapSeqInnerErrorDelayed(t *testing.T) {
	boom := errors.New("boom")
	r := all(operators.FlatMapDelayError[int, int](ints(4), func(x int) sluice.Publisher[int] {
		if x%2 == 1 {
			return seqOf[int]{failing(boom, x)}
		}
		return fused(x)
	}, 2, 4))
	assert.Equal(t, []int{0, 1, 2, 3}, r.values(), "every inner runs to its end")
	assert.ErrorIs(t, r.err, boom)
	assert.Equal(t, 1, r.terminals)
}

func TestFlatMapSeqInnerPanicInUserCode(t *testing.T) {
	src := ints(10)
	r := all(operators.FlatMap[int, int](src, func(x int) sluice.Publisher[int] {
		return operators.Map(flux.Range(0, 3), func(v int) int {
			if x == 1 && v == 1 {
				panic("mapper")
			}
			return v
		})
	}, 4, 4))
	assert.Equal(t, []int{0, 1, 2, 0}, r.values())
	var pe *sluice.PanicError
	require.ErrorAs(t, r.err, &pe)
	assert.Equal(t, 1, r.terminals)
}

func TestFlatMapSeqInnerDownstreamPanic(t *testing.T) {
	var dropped []error
	prev := sluice.SetDroppedHooks(sluice.DroppedHooks{OnErrorDropped: func(err error) { dropped = append(dropped, err) }})
	defer sluice.SetDroppedHooks(prev)
	src := ints(10)
	r := &rec[int]{initial: sluice.Unbounded, onNext: func(r *rec[int]) {
		if len(r.items) == 2 {
			panic("downstream")
		}
	}}
	// The inner's own recovery (Map's fused loop) catches the downstream
	// panic; it must not come back to the downstream as OnError.
	operators.FlatMap[int, int](src, func(int) sluice.Publisher[int] {
		return operators.Map(flux.Range(0, 3), func(v int) int { return v })
	}, 4, 4).Subscribe(r)
	assert.Equal(t, []int{0, 1}, r.values())
	assert.Equal(t, 0, r.terminals)
	require.Len(t, dropped, 1)
	assert.Equal(t, int64(1), src.cancelled.Load())
}
