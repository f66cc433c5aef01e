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

// collectWindows subscribes to every window as it arrives, unbounded.
func collectWindows[T any](t *testing.T, p sluice.Publisher[sluice.Publisher[T]], initial int64) (*probe.Recorder[sluice.Publisher[T]], *[]*probe.Recorder[T]) {
	t.Helper()
	var wins []*probe.Recorder[T]
	outer := probe.NewRecorder[sluice.Publisher[T]](initial)
	outer.OnNextHook = func(_ *probe.Recorder[sluice.Publisher[T]], w sluice.Publisher[T]) {
		r := probe.NewRecorder[T](sluice.Unbounded)
		wins = append(wins, r)
		w.Subscribe(r)
	}
	p.Subscribe(outer)
	return outer, &wins
}

func TestWindowCountAndSkip(t *testing.T) {
	cases := []struct {
		name       string
		size, skip int
		want       [][]int
	}{
		{"exact", 3, 3, [][]int{{0, 1, 2}, {3, 4, 5}, {6}}},
		{"gaps", 2, 3, [][]int{{0, 1}, {3, 4}, {6}}},
		{"overlap", 3, 2, [][]int{{0, 1, 2}, {2, 3, 4}, {4, 5, 6}, {6}}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			outer, wins := collectWindows[int](t, Window(probe.Range(0, 7), c.size, c.skip), sluice.Unbounded)
			require.True(t, outer.Completed())
			var got [][]int
			for _, w := range *wins {
				assert.True(t, w.Completed())
				got = append(got, w.Values())
			}
			assert.Equal(t, c.want, got)
			assert.Empty(t, outer.Violations())
		})
	}
}

func TestWindowBoundedDemand(t *testing.T) {
	for _, c := range []struct{ size, skip int }{{3, 3}, {2, 3}, {3, 2}} {
		spy := probe.NewSpy(probe.Range(0, 1000))
		outer, wins := collectWindows[int](t, Window[int](spy, c.size, c.skip), 0)
		outer.Request(1)
		require.Len(t, *wins, 1)
		outer.Request(2)
		require.Len(t, *wins, 3)
		// only what the requested windows need (the last may wait for more)
		assert.LessOrEqual(t, spy.Emitted.Load(), int64(c.size+2*c.skip), "size %d skip %d", c.size, c.skip)
		outer.Cancel()
	}
}

func TestWindowCancelKeepsOpenWindows(t *testing.T) {
	src := &manual[int]{}
	outer, wins := collectWindows[int](t, Window[int](src, 3, 3), 1)
	src.down.OnNext(1)
	outer.Cancel()
	assert.False(t, src.cancelled, "the open window still runs")
	src.down.OnNext(2)
	src.down.OnNext(3)
	assert.True(t, src.cancelled, "last window done: source cancelled")
	assert.Equal(t, []int{1, 2, 3}, (*wins)[0].Values())
	assert.True(t, (*wins)[0].Completed())
}

func TestWindowStep(t *testing.T) {
	boom := errors.New("boom")
	step.Create(Window(probe.Range(0, 5), 2, 0)).ExpectNextCount(3).ExpectComplete().Verify(t)
	step.Create(Window(probe.Empty[int](), 2, 2)).ExpectComplete().Verify(t)
	step.Create(Window(probe.Error[int](boom), 2, 2)).ExpectErrorIs(boom).Verify(t)
	step.Create(Window(probe.Range(0, 100), 3, 2), step.WithInitialRequest(0)).
		ThenRequest(1).ExpectNextCount(1).ThenRequest(2).ExpectNextCount(2).ThenCancel().Verify(t)

	// a window buffers until subscribed, then honours its demand; an error
	// reaches it after its buffered elements
	var w sluice.Publisher[int]
	r := probe.NewRecorder[sluice.Publisher[int]](1)
	r.OnNextHook = func(_ *probe.Recorder[sluice.Publisher[int]], p sluice.Publisher[int]) { w = p }
	Window(Concat[int](probe.Range(0, 2), probe.Error[int](boom)), 5, 5).Subscribe(r)
	require.ErrorIs(t, r.Err(), boom)
	step.Create(w, step.WithInitialRequest(1)).ExpectNext(0).ThenRequest(1).ExpectNext(1).ExpectErrorIs(boom).Verify(t)
	second := probe.NewRecorder[int](1)
	w.Subscribe(second)
	assert.ErrorIs(t, second.Err(), sluice.ErrAlreadySubscribed, "unicast")
}
