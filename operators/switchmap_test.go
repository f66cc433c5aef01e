package operators

import (
	"errors"
	"testing"

	"github.com/sluicego/sluice"
	"github.com/sluicego/sluice/internal/probe"
	"github.com/sluicego/sluice/tck/step"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// manual is a publisher driven by hand from the test goroutine.
type manual[T any] struct {
	down      sluice.Subscriber[T]
	requested int64
	cancelled bool
}

func (m *manual[T]) Subscribe(s sluice.Subscriber[T]) { m.down = s; s.OnSubscribe(m) }
func (m *manual[T]) Request(n int64)                  { m.requested += n }
func (m *manual[T]) Cancel()                          { m.cancelled = true }

func TestSwitchMapSwitchesToLatest(t *testing.T) {
	outer := &manual[int]{}
	inners := map[int]*manual[string]{1: {}, 2: {}}
	r := probe.NewRecorder[string](sluice.Unbounded)
	SwitchMap[int, string](outer, func(i int) sluice.Publisher[string] { return inners[i] }, 4).Subscribe(r)
	assert.Equal(t, sluice.Unbounded, outer.requested)
	outer.down.OnNext(1)
	assert.Equal(t, int64(4), inners[1].requested, "prefetch")
	inners[1].down.OnNext("a")
	outer.down.OnNext(2)
	assert.True(t, inners[1].cancelled, "previous inner cancelled")
	inners[1].down.OnNext("stale")
	inners[2].down.OnNext("b")
	outer.down.OnComplete()
	assert.False(t, r.Terminated(), "waits for the last inner")
	inners[2].down.OnComplete()
	assert.Equal(t, []string{"a", "b"}, r.Values())
	assert.True(t, r.Completed())
	assert.Empty(t, r.Violations())
}

func TestSwitchMapStep(t *testing.T) {
	boom := errors.New("boom")
	twice := func(x int) sluice.Publisher[int] { return probe.Just(x, x*10) }
	step.Create(SwitchMap(probe.Range(1, 3), twice, 2)).ExpectNext(1, 10, 2, 20, 3, 30).ExpectComplete().Verify(t)
	step.Create(SwitchMap(probe.Range(1, 3), twice, 2), step.WithInitialRequest(0)).
		// without demand the synchronous outer switches to its last inner at once
		ThenRequest(1).ExpectNext(3).ThenRequest(1).ExpectNext(30).ExpectComplete().Verify(t)
	step.Create(SwitchMap(probe.Range(1, 3), func(x int) sluice.Publisher[int] { return probe.Range(x*100, 50) }, 2),
		step.WithInitialRequest(3)).ExpectNext(100, 101, 102).ThenCancel().Verify(t)
	step.Create(SwitchMap(probe.Empty[int](), twice, 2)).ExpectComplete().Verify(t)
	step.Create(SwitchMap(probe.Error[int](boom), twice, 2)).ExpectErrorIs(boom).Verify(t)
	step.Create(SwitchMap(probe.Range(1, 3), func(x int) sluice.Publisher[int] {
		if x == 2 {
			return probe.Error[int](boom)
		}
		return probe.Just(x)
	}, 2)).ExpectNext(1).ExpectErrorIs(boom).Verify(t)
	step.Create(SwitchMap(probe.Range(1, 3), func(x int) sluice.Publisher[int] {
		if x == 2 {
			panic("bad mapper")
		}
		return probe.Just(x)
	}, 2)).ExpectNext(1).ExpectErrorAs(new(*sluice.PanicError)).Verify(t)
	step.Create(SwitchOnNext[int](probe.Just[sluice.Publisher[int]](probe.Range(0, 2), probe.Range(5, 2)), 1)).
		ExpectNext(0, 1, 5, 6).ExpectComplete().Verify(t)
}

func TestSwitchMapBoundedInnerDemand(t *testing.T) {
	spy := probe.NewSpy(probe.Range(0, 100))
	r := probe.NewRecorder[int](0)
	SwitchMap(probe.Just(1), func(int) sluice.Publisher[int] { return spy }, 8).Subscribe(r)
	for i := 1; i <= 100; i++ {
		r.Request(1)
		require.Equal(t, i, r.Len())
		require.LessOrEqual(t, spy.Emitted.Load()-int64(i), int64(8))
	}
	assert.True(t, r.Completed())
	for _, n := range spy.Requests()[1:] {
		assert.Equal(t, int64(6), n, "batched replenishment")
	}
}

func TestSwitchMapAsyncInners(t *testing.T) {
	r := probe.NewRecorder[int](sluice.Unbounded)
	SwitchMap(probe.Range(0, 50), func(i int) sluice.Publisher[int] {
		return &probe.GoRange{Start: i * 1000, Count: 100}
	}, 8).Subscribe(r)
	require.True(t, r.Await(asyncWait))
	assert.True(t, r.Completed())
	assert.Empty(t, r.Violations())
	vs := r.Values()
	require.NotEmpty(t, vs)
	assert.Equal(t, 49*1000+99, vs[len(vs)-1], "the last inner runs to completion")
}
