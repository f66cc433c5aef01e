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
