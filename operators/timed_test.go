package operators_test

import (
	"errors"
	"testing"
	"time"

	"github.com/sluicego/sluice/operators"
	"github.com/sluicego/sluice/tck/step"
	"github.com/stretchr/testify/require"
)

var errBoom = errors.New("boom")

func TestTimestampAndElapsed(t *testing.T) {
	v := vt(t)
	start := v.Now()
	src := &hot[string]{}
	step.Create(operators.Timestamp[string](src, v), step.WithVirtualTime(v)).
		ThenAdvance(time.Second).
		Then(func() { src.next("a") }).
		ExpectNext(operators.Timed[string]{Value: "a", Time: start.Add(time.Second), Elapsed: time.Second}).
		ThenAdvance(3 * time.Second).
		Then(func() { src.next("b") }).
		ExpectNext(operators.Timed[string]{Value: "b", Time: start.Add(4 * time.Second), Elapsed: 3 * time.Second}).
		Then(src.complete).
		ExpectComplete().
		Verify(t)
	noTimers(t, v)
}

func TestElapsedCasesOnVirtualClock(t *testing.T) {
	v := vt(t)
	step.Create(operators.Elapsed[int](ints(3), v)).
		ExpectNextCount(3).
		ExpectComplete().
		Verify(t)
	step.Create(operators.Elapsed[int](failing[int](errBoom, 1), v)).
		ExpectNextMatches(func(x operators.Timed[int]) bool { return x.Value == 1 && x.Elapsed == 0 }).
		ExpectErrorIs(errBoom).
		Verify(t)
	step.Create(operators.Elapsed[int](items[int](), v)).ExpectComplete().Verify(t)
	src := ints(10)
	step.Create(operators.Timestamp[int](src, v), step.WithInitialRequest(2)).
		ExpectNextCount(2).
		ThenCancel().
		Verify(t)
	require.Equal(t, int64(2), src.requested.Load())
	require.NotZero(t, src.cancelled.Load())
}

func TestTimestampWallClock(t *testing.T) {
	before := time.Now()
	r := all(operators.Timestamp[int](ints(2), nil))
	vs := r.values()
	require.Len(t, vs, 2)
	require.False(t, vs[0].Time.Before(before))
	require.True(t, r.completed)
}
