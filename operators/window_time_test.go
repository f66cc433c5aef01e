package operators

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/sluicego/sluice"
	"github.com/sluicego/sluice/scheduler"
	"github.com/sluicego/sluice/tck/step"
)

// collectTimeWindows collects each window of WindowTime(src, d) (ConcatMap
// with prefetch 1, so one window is requested at a time).
func collectTimeWindows(src sluice.Publisher[int], d time.Duration, vt *scheduler.Virtual) sluice.Publisher[[]int] {
	return ConcatMap(WindowTime(src, d, vt), func(w sluice.Publisher[int]) sluice.Publisher[[]int] {
		return CollectList(w)
	}, 1)
}

func TestStepWindowTime(t *testing.T) {
	runStepSuite(t,
		stepCase[int, []int]{
			name: "WindowTime",
			op: func(env *stepEnv, src sluice.Publisher[int]) sluice.Publisher[[]int] {
				return collectTimeWindows(src, time.Second, env.vt)
			},
			tick: time.Second,
			in:   ints123, want: [][]int{{1, 2, 3}},
			cancelWant: [][]int{{1, 2, 3}},
			emptyWant:  [][]int{{}},
		},
	)
}

// timedInts emits 0, 1, ... at 500ms, 1.5s, 2.5s, ... and completes after n.
func timedInts(n int64, vt *scheduler.Virtual) sluice.Publisher[int] {
	return Map(Take(Interval(500*time.Millisecond, time.Second, vt), n), func(v int64) int { return int(v) })
}

func TestWindowTimeSplitsByTime(t *testing.T) {
	vt := newVirtualForStep(t)
	step.Create(collectTimeWindows(timedInts(7, vt), 3*time.Second, vt), step.WithVirtualTime(vt)).
		ExpectNoEvent(0).
		ThenAdvance(3 * time.Second).
		ExpectNext([]int{0, 1, 2}).
		ThenAdvance(3 * time.Second).
		ExpectNext([]int{3, 4, 5}).
		ThenAdvance(500 * time.Millisecond).
		ExpectNext([]int{6}).
		ExpectComplete().
		Verify(t)
	require.Zero(t, vt.Pending(), "no timer left")
}

func TestWindowTimeEmptyWindows(t *testing.T) {
	vt := newVirtualForStep(t)
	src := newStepSource[int](endHang)
	step.Create(collectTimeWindows(src, time.Second, vt), step.WithVirtualTime(vt), step.WithInitialRequest(2)).
		ThenAdvance(time.Second).
		ExpectNext([]int{}).
		ThenAdvance(time.Second).
		ExpectNext([]int{}).
		ThenCancel().
		ExpectNoEvent(time.Second).
		Verify(t)
	require.EqualValues(t, 1, src.cancelled.Load(), "source cancelled")
	require.Zero(t, vt.Pending(), "no timer left")
}

func TestWindowTimeOverflow(t *testing.T) {
	vt := newVirtualForStep(t)
	src := newStepSource[int](endHang)
	step.Create(WindowTime(src, time.Second, vt), step.WithVirtualTime(vt), step.WithInitialRequest(1)).
		ExpectNextCount(1).
		ThenAdvance(time.Second). // the second window waits for demand
		ExpectNoEvent(0).
		ThenAdvance(time.Second). // the third one is due: overflow
		ExpectErrorIs(ErrOverflow).
		Verify(t)
	require.EqualValues(t, 1, src.cancelled.Load(), "source cancelled")
	require.Zero(t, vt.Pending(), "no timer left")
}

func TestWindowTimeLateDemandGetsWaitingWindow(t *testing.T) {
	vt := newVirtualForStep(t)
	src := newStepSource[int](endComplete, 1, 2)
	// src completes at once: the only window waits for the first request,
	// then completes.
	step.Create(WindowTime(src, time.Second, vt), step.WithVirtualTime(vt), step.WithInitialRequest(0)).
		ExpectNoEvent(0).
		ThenRequest(1).
		ExpectNextCount(1).
		ExpectComplete().
		Verify(t)
}

func TestWindowTimeErrorEndsOpenWindow(t *testing.T) {
	vt := newVirtualForStep(t)
	src := newStepSource[int](endError, 1)
	var got []int
	var winErr error
	step.Create(WindowTime(src, time.Second, vt), step.WithVirtualTime(vt)).
		ExpectNextMatches(func(w sluice.Publisher[int]) bool {
			step.Create(w).
				ConsumeNextWith(func(v int) { got = append(got, v) }).
				ExpectErrorMatches(func(err error) bool { winErr = err; return true }).
				Verify(t)
			return true
		}).
		ExpectErrorIs(errStep).
		Verify(t)
	require.Equal(t, []int{1}, got)
	require.ErrorIs(t, winErr, errStep)
}

func TestWindowTimeInvalidDuration(t *testing.T) {
	require.Panics(t, func() { WindowTime(newStepSource[int](endHang), 0, nil) })
}
