package operators_test

import (
	"errors"
	"testing"
	"time"

	"github.com/sluicego/sluice"
	"github.com/sluicego/sluice/internal/probe"
	"github.com/sluicego/sluice/operators"
	"github.com/sluicego/sluice/scheduler"
	"github.com/sluicego/sluice/tck"
	"github.com/sluicego/sluice/tck/step"
	"github.com/stretchr/testify/require"
)

func TestDelayElementsNormalFlow(t *testing.T) {
	v := vt(t)
	src := ints(3)
	step.Create(operators.DelayElements[int](src, time.Second, v), step.WithVirtualTime(v)).
		ExpectNoEvent(999 * time.Millisecond).
		ThenAdvance(time.Millisecond).
		ExpectNext(0).
		ExpectNoEvent(999 * time.Millisecond).
		ThenAdvance(time.Millisecond).
		ExpectNext(1).
		ThenAdvance(time.Second).
		ExpectNext(2).
		ExpectComplete().
		Verify(t)
	noTimers(t, v)
	require.Equal(t, int64(3), src.requested.Load(), "one at a time")
}

func TestDelayElementsBoundedDemand(t *testing.T) {
	v := vt(t)
	src := ints(5)
	step.Create(operators.DelayElements[int](src, time.Second, v), step.WithVirtualTime(v), step.WithInitialRequest(1)).
		ThenAdvance(time.Second).
		ExpectNext(0).
		ExpectNoEvent(10 * time.Second).
		Then(func() { require.Equal(t, int64(1), src.requested.Load()) }).
		ThenRequest(1).
		ThenAdvance(time.Second).
		ExpectNext(1).
		ThenCancel().
		Verify(t)
	noTimers(t, v)
}

func TestDelayElementsErrorWaitsForThePendingElement(t *testing.T) {
	v := vt(t)
	step.Create(operators.DelayElements[int](failing[int](errBoom, 7), time.Second, v), step.WithVirtualTime(v)).
		ExpectNoEvent(time.Second - 1).
		ThenAdvance(1).
		ExpectNext(7).
		ExpectErrorIs(errBoom).
		Verify(t)
	step.Create(operators.DelayElements[int](failing[int](errBoom), time.Second, v)).
		ExpectErrorIs(errBoom).
		Verify(t)
	step.Create(operators.DelayElements[int](items[int](), time.Second, v)).
		ExpectComplete().
		Verify(t)
	noTimers(t, v)
}

func TestDelayElementsCancelMidStream(t *testing.T) {
	v := vt(t)
	src := ints(10)
	step.Create(operators.DelayElements[int](src, time.Second, v), step.WithVirtualTime(v)).
		ThenAdvance(time.Second).
		ExpectNext(0).
		ThenAdvance(500 * time.Millisecond).
		ThenCancel().
		Verify(t)
	noTimers(t, v)
	require.NotZero(t, src.cancelled.Load())
}

func TestDelayElementsByAndPanic(t *testing.T) {
	v := vt(t)
	by := func(x int) (time.Duration, error) {
		if x == 2 {
			return 0, errBoom
		}
		return time.Duration(x+1) * time.Second, nil
	}
	src := ints(5)
	step.Create(operators.DelayElementsBy[int](src, by, v), step.WithVirtualTime(v)).
		ThenAdvance(time.Second).
		ExpectNext(0).
		ExpectNoEvent(2*time.Second - 1).
		ThenAdvance(1).
		ExpectNext(1).
		ExpectErrorIs(errBoom).
		Verify(t)
	require.NotZero(t, src.cancelled.Load())
	panicky := func(int) (time.Duration, error) { panic("bad delay") }
	step.Create(operators.DelayElementsBy[int](ints(3), panicky, v)).
		ExpectErrorMatches(func(err error) bool {
			var pe *sluice.PanicError
			return errors.As(err, &pe) && pe.Value == "bad delay"
		}).
		Verify(t)
	noTimers(t, v)
}

func TestDelayElementsInvalidDemand(t *testing.T) {
	v := vt(t)
	step.Create(operators.DelayElements[int](ints(3), time.Second, v), step.WithInitialRequest(0)).
		ThenRequest(-1).
		ExpectErrorIs(sluice.ErrInvalidDemand).
		Verify(t)
	noTimers(t, v)
}

func TestDelayElementsTCK(t *testing.T) {
	tck.VerifyPublisher(t, tck.PublisherOptions[int]{
		Create: func(n int64) sluice.Publisher[int] {
			return operators.DelayElements[int](rangeN(n), 0, scheduler.Immediate())
		},
		CreateFailed: func() sluice.Publisher[int] {
			return operators.DelayElements[int](probe.Error[int](errBoom), 0, scheduler.Immediate())
		},
	})
}
