package operators_test

import (
	"errors"
	"fmt"
	"sync"
	"testing"

	"github.com/sluicego/sluice"
	"github.com/sluicego/sluice/flux"
	"github.com/sluicego/sluice/operators"
	"github.com/sluicego/sluice/tck"
	"github.com/sluicego/sluice/tck/step"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func mod3(i int) int { return i % 3 }

// flatGroups subscribes every group as it is emitted and labels its
// elements "key:value".
func flatGroups(src sluice.Publisher[int], key func(int) int, prefetch int) sluice.Publisher[string] {
	return operators.FlatMap(operators.GroupBy(src, key, prefetch), func(g operators.Grouped[int, int]) sluice.Publisher[string] {
		k := g.Key()
		return operators.Map[int](g, func(v int) string { return fmt.Sprintf("%d:%d", k, v) })
	}, 64, 8)
}

func TestGroupByNormalFlow(t *testing.T) {
	step.Create(flatGroups(ints(7), mod3, 0)).
		ExpectNext("0:0", "1:1", "2:2", "0:3", "1:4", "2:5", "0:6").
		ExpectComplete().
		Verify(t)
}

func TestGroupByEmitsOneGroupPerKey(t *testing.T) {
	r := &rec[operators.Grouped[int, int]]{initial: sluice.Unbounded}
	var mu sync.Mutex
	got := map[int][]int{}
	r.onNext = func(r *rec[operators.Grouped[int, int]]) {
		g := r.values()[len(r.values())-1]
		gr := &rec[int]{initial: sluice.Unbounded, onNext: func(x *rec[int]) {
			mu.Lock()
			got[g.Key()] = x.values()
			mu.Unlock()
		}}
		g.Subscribe(gr)
	}
	operators.GroupBy[int](ints(7), mod3, 0).Subscribe(r)
	require.True(t, r.completed)
	require.Len(t, r.values(), 3)
	assert.Equal(t, map[int][]int{0: {0, 3, 6}, 1: {1, 4}, 2: {2, 5}}, got)
}

func TestGroupByUpstreamError(t *testing.T) {
	boom := errors.New("boom")
	step.Create(flatGroups(failing(boom, 1, 2, 3), mod3, 0)).
		ExpectNext("1:1", "2:2", "0:3").
		ExpectErrorIs(boom).
		Verify(t)
}

func TestGroupByPanicInKeyFn(t *testing.T) {
	src := ints(10)
	var pe *sluice.PanicError
	step.Create(flatGroups(src, func(i int) int {
		if i == 2 {
			panic("bad key")
		}
		return i
	}, 0)).
		ExpectNext("0:0", "1:1").
		ExpectErrorAs(&pe).
		Verify(t)
	assert.Equal(t, int64(1), src.cancelled.Load())
}

func TestGroupByCancelMidStream(t *testing.T) {
	src := ints(100)
	step.Create(flatGroups(src, mod3, 0), step.WithInitialRequest(0)).
		ThenRequest(2).
		ExpectNextCount(2).
		ThenCancel().
		Verify(t)
	assert.Equal(t, int64(1), src.cancelled.Load())
}

func TestGroupByEmpty(t *testing.T) {
	step.Create(operators.GroupBy[int](flux.Empty[int](), mod3, 0)).ExpectComplete().Verify(t)
}

func TestGroupByBoundedDemandOneAtATime(t *testing.T) {
	// One key, prefetch 4: src is asked for 4 up front and then in batches
	// of 3 as the group consumes one element at a time; never more than
	// prefetch elements are outstanding.
	src := ints(20)
	var g operators.Grouped[int, int]
	outer := &rec[operators.Grouped[int, int]]{initial: 1}
	gr := &rec[int]{}
	outer.onNext = func(r *rec[operators.Grouped[int, int]]) {
		g = r.values()[0]
		g.Subscribe(gr)
	}
	operators.GroupBy[int](src, func(int) int { return 0 }, 4).Subscribe(outer)
	require.NotNil(t, g)
	assert.Equal(t, int64(4), src.requested.Load())
	for i := 1; i <= 20; i++ {
		gr.request(1)
		require.Len(t, gr.values(), i)
		outstanding := src.requested.Load() - int64(i)
		assert.LessOrEqual(t, outstanding, int64(4), "after %d", i)
		assert.GreaterOrEqual(t, outstanding, int64(1), "after %d", i)
	}
	assert.True(t, gr.completed)
	assert.True(t, outer.completed)
}

func TestGroupByBoundedDemandInBatches(t *testing.T) {
	src := ints(30)
	groups := &rec[operators.Grouped[int, int]]{initial: sluice.Unbounded}
	var subs []*rec[int]
	groups.onNext = func(r *rec[operators.Grouped[int, int]]) {
		gr := &rec[int]{}
		subs = append(subs, gr)
		r.values()[len(r.values())-1].Subscribe(gr)
	}
	operators.GroupBy[int](src, func(i int) int { return i % 2 }, 8).Subscribe(groups)
	require.Len(t, subs, 2)
	assert.Equal(t, int64(8), src.requested.Load())
	for range 3 {
		subs[0].request(5)
		subs[1].request(5)
	}
	assert.Len(t, subs[0].values(), 15)
	assert.Len(t, subs[1].values(), 15)
	assert.True(t, subs[0].completed)
	assert.True(t, subs[1].completed)
	assert.True(t, groups.completed)
	assert.LessOrEqual(t, src.requested.Load(), int64(30+8))
}

func TestGroupByAbandonsUnsubscribedGroups(t *testing.T) {
	var mu sync.Mutex
	var dropped []int
	prev := sluice.SetDroppedHooks(sluice.DroppedHooks{OnNextDropped: func(v any) {
		mu.Lock()
		dropped = append(dropped, v.(int))
		mu.Unlock()
	}})
	defer sluice.SetDroppedHooks(prev)
	// prefetch 2 and a single key: without the rule, the source would
	// stall with two elements queued in a group nobody consumes.
	r := all(operators.GroupBy[int](ints(10), func(int) int { return 0 }, 2))
	require.True(t, r.completed)
	require.Len(t, r.values(), 10, "every element opens a new group")
	assert.Equal(t, []int{0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, dropped)
	late := &rec[int]{initial: 1}
	r.values()[0].Subscribe(late)
	assert.ErrorIs(t, late.err, operators.ErrGroupAbandoned)
}

func TestGroupByCancelledGroupReplenishesAndReopens(t *testing.T) {
	src := ints(10)
	var groups []operators.Grouped[int, int]
	var subs []*rec[int]
	outer := &rec[operators.Grouped[int, int]]{initial: sluice.Unbounded}
	outer.onNext = func(r *rec[operators.Grouped[int, int]]) {
		g := r.values()[len(r.values())-1]
		groups = append(groups, g)
		s := &rec[int]{}
		subs = append(subs, s)
		g.Subscribe(s)
	}
	operators.GroupBy[int](src, func(int) int { return 0 }, 4).Subscribe(outer)
	require.Len(t, groups, 1)
	assert.Equal(t, int64(4), src.requested.Load())
	subs[0].cancel() // 4 elements queued: given back
	require.Len(t, groups, 2, "the key opens a new group")
	assert.Greater(t, src.requested.Load(), int64(4))
	subs[1].request(sluice.Unbounded)
	assert.True(t, subs[1].completed)
	assert.True(t, outer.completed)
	assert.Equal(t, []int{4, 5, 6, 7, 8, 9}, subs[1].values())
}

func TestGroupByOuterCancelKeepsGroups(t *testing.T) {
	src := &hot[int]{}
	var g *rec[int]
	outer := &rec[operators.Grouped[int, int]]{initial: sluice.Unbounded, cancelAfter: 0}
	outer.onNext = func(r *rec[operators.Grouped[int, int]]) {
		if g == nil {
			g = &rec[int]{initial: sluice.Unbounded}
			r.values()[0].Subscribe(g)
		}
	}
	operators.GroupBy[int](src, mod3, 0).Subscribe(outer)
	src.next(0)
	outer.cancel()
	require.False(t, src.isCancelled())
	src.next(3, 1, 6) // 1 opens no group: dropped
	assert.Equal(t, []int{0, 3, 6}, g.values())
	assert.Len(t, outer.values(), 1)
	g.cancel()
	assert.True(t, src.isCancelled(), "the outer and every group are gone")
}

func TestGroupByInvalidDemand(t *testing.T) {
	step.Create(operators.GroupBy[int](ints(3), mod3, 0), step.WithInitialRequest(0)).
		ThenRequest(-1).
		ExpectErrorIs(sluice.ErrInvalidDemand).
		Verify(t)
}

func TestGroupByTCK(t *testing.T) {
	failed := func() sluice.Publisher[int] { return flux.Error[int](errors.New("tck failure")) }
	t.Run("Groups", func(t *testing.T) {
		tck.VerifyPublisher(t, tck.PublisherOptions[operators.Grouped[int, int]]{
			Create: func(n int64) sluice.Publisher[operators.Grouped[int, int]] {
				return operators.GroupBy(asyncTCKRange(n), func(i int) int { return i }, 0)
			},
			CreateFailed: func() sluice.Publisher[operators.Grouped[int, int]] {
				return operators.GroupBy(failed(), func(i int) int { return i }, 0)
			},
			StochasticIterations: 20,
		})
	})
	t.Run("Flattened", func(t *testing.T) {
		tck.VerifyPublisher(t, tck.PublisherOptions[int]{
			Create: func(n int64) sluice.Publisher[int] {
				return operators.FlatMap(operators.GroupBy(asyncTCKRange(n), func(i int) int { return i % 4 }, 16),
					func(g operators.Grouped[int, int]) sluice.Publisher[int] { return g }, 8, 8)
			},
			CreateFailed:         failed,
			StochasticIterations: 20,
		})
	})
}
