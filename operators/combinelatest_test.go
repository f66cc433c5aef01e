package operators

import (
	"errors"
	"fmt"
	"testing"

	"github.com/sluicego/sluice"
	"github.com/sluicego/sluice/internal/probe"
	"github.com/sluicego/sluice/tck/step"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestCombineLatestInterleaved(t *testing.T) {
	a, b := &manual[int]{}, &manual[string]{}
	r := probe.NewRecorder[string](sluice.Unbounded)
	CombineLatest2[int, string](a, b, func(i int, s string) string { return fmt.Sprint(i, s) }, 4).Subscribe(r)
	assert.Equal(t, int64(4), a.requested)
	a.down.OnNext(1)
	a.down.OnNext(2)
	assert.Empty(t, r.Values(), "waits for every source")
	b.down.OnNext("x")
	a.down.OnNext(3)
	a.down.OnComplete()
	b.down.OnNext("y")
	assert.False(t, r.Terminated())
	b.down.OnComplete()
	assert.Equal(t, []string{"2x", "3x", "3y"}, r.Values())
	assert.True(t, r.Completed())
	assert.Empty(t, r.Violations())
}

// With the elements waiting for demand in one queue per source, the order
// in which the sources emitted still decides the combinations: a's 3
// arrived before b's y, so 3x comes before 3y (taking b's queue first would
// give 2y, 3y).
func TestCombineLatestKeepsArrivalOrderAcrossSources(t *testing.T) {
	for _, typed := range []bool{true, false} {
		a, b := &manual[string]{}, &manual[string]{}
		r := probe.NewRecorder[string](0)
		if typed {
			CombineLatest2[string, string](a, b, func(x, y string) string { return x + y }, 4).Subscribe(r)
		} else {
			CombineLatest([]sluice.Publisher[string]{a, b}, func(row []string) string { return row[0] + row[1] }, 4).Subscribe(r)
		}
		a.down.OnNext("1")
		a.down.OnNext("2")
		b.down.OnNext("x")
		a.down.OnNext("3")
		b.down.OnNext("y")
		a.down.OnComplete()
		b.down.OnComplete()
		assert.Empty(t, r.Values(), "no demand yet")
		r.Request(10)
		assert.Equal(t, []string{"2x", "3x", "3y"}, r.Values())
		assert.True(t, r.Completed())
		assert.Empty(t, r.Violations())
	}
}

func TestCombineLatestStep(t *testing.T) {
	boom := errors.New("boom")
	sum := func(row []int) int { return row[0] + row[1] }
	srcs := func(a, b sluice.Publisher[int]) []sluice.Publisher[int] { return []sluice.Publisher[int]{a, b} }
	// a synchronous first source is over before the second starts
	step.Create(CombineLatest(srcs(probe.Range(0, 3), probe.Range(10, 3)), sum, 2)).
		ExpectNext(12, 13, 14).ExpectComplete().Verify(t)
	step.Create(CombineLatest(srcs(probe.Range(0, 3), probe.Range(10, 50)), sum, 2), step.WithInitialRequest(0)).
		ThenRequest(1).ExpectNext(12).ThenRequest(2).ExpectNext(13, 14).ThenCancel().Verify(t)
	step.Create(CombineLatest(srcs(probe.Empty[int](), probe.Range(10, 3)), sum, 2)).ExpectComplete().Verify(t)
	step.Create(CombineLatest(srcs(probe.Range(0, 3), probe.Error[int](boom)), sum, 2)).ExpectErrorIs(boom).Verify(t)
	step.Create(CombineLatest(srcs(probe.Range(0, 3), probe.Range(0, 3)), func([]int) int { panic("bad") }, 2)).
		ExpectErrorAs(new(*sluice.PanicError)).Verify(t)
	step.Create(CombineLatest([]sluice.Publisher[int]{}, sum, 2)).ExpectComplete().Verify(t)
}

func TestCombineLatestBoundedDemand(t *testing.T) {
	spy := probe.NewSpy(probe.Range(0, 100))
	r := probe.NewRecorder[int](0)
	CombineLatest([]sluice.Publisher[int]{probe.Just(1000), spy}, func(row []int) int { return row[0] + row[1] }, 8).Subscribe(r)
	for i := 1; i <= 100; i++ {
		r.Request(1)
		require.Equal(t, i, r.Len())
		// prefetch, plus the element whose combination waits for demand
		require.LessOrEqual(t, spy.Emitted.Load()-int64(i), int64(8+1))
	}
	assert.Equal(t, 1099, r.Values()[99])
	assert.True(t, r.Completed())
}

func TestCombineLatestAsync(t *testing.T) {
	r := probe.NewRecorder[int](sluice.Unbounded)
	CombineLatest([]sluice.Publisher[int]{&probe.GoRange{Count: 500}, &probe.GoRange{Start: 1000, Count: 500}},
		func(row []int) int { return row[1] }, 8).Subscribe(r)
	require.True(t, r.Await(asyncWait))
	assert.True(t, r.Completed())
	assert.Empty(t, r.Violations())
	vs := r.Values()
	assert.Equal(t, 1499, vs[len(vs)-1])
}

// countAll requests everything and counts the elements.
type countAll[T any] struct {
	n    int
	done bool
}

func (c *countAll[T]) OnSubscribe(s sluice.Subscription) { s.Request(sluice.Unbounded) }
func (c *countAll[T]) OnNext(T)                          { c.n++ }
func (c *countAll[T]) OnError(error)                     { c.done = true }
func (c *countAll[T]) OnComplete()                       { c.done = true }

// CombineLatest2 keeps each source's latest element in a typed slot and
// queues elements in per-source rings: the allocations of a subscription do
// not grow with the number of elements (the []any form boxed every element
// and allocated a node and a row per element).
func TestCombineLatest2AllocationsDoNotGrowWithElements(t *testing.T) {
	allocs := func(n int) float64 {
		a, b := probe.Range(0, n), probe.Range(0, n)
		p := CombineLatest2(a, b, func(x, y int) int { return x + y }, 32)
		return testing.AllocsPerRun(3, func() {
			c := &countAll[int]{}
			p.Subscribe(c)
			require.True(t, c.done)
			require.Equal(t, n, c.n) // a is over before b starts
		})
	}
	small, large := allocs(1_000), allocs(20_000)
	assert.Less(t, large-small, 20.0, "allocations per subscription: %v for 1k elements, %v for 20k", small, large)
}
