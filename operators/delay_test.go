package operators_test

import (
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

func TestDelayEmitsZeroAfterTheDelay(t *testing.T) {
	v := vt(t)
	step.Create(operators.Delay(time.Second, v), step.WithVirtualTime(v)).
		ExpectNoEvent(999 * time.Millisecond).
		ThenAdvance(time.Millisecond).
		ExpectNext(0).
		ExpectComplete().
		Verify(t)
	noTimers(t, v)
}

func TestDelayHoldsTheValueUntilRequested(t *testing.T) {
	v := vt(t)
	step.Create(operators.Delay(time.Second, v), step.WithVirtualTime(v), step.WithInitialRequest(0)).
		ExpectNoEvent(2 * time.Second).
		ThenRequest(1).
		ExpectNext(0).
		ExpectComplete().
		Verify(t)
	noTimers(t, v)
}

func TestDelayCancelDisposesTheTimer(t *testing.T) {
	v := vt(t)
	step.Create(operators.Delay(time.Second, v), step.WithVirtualTime(v)).
		ThenAdvance(500 * time.Millisecond).
		ThenCancel().
		Verify(t)
	noTimers(t, v)
	v.Advance(time.Second)
}

func TestDelayInvalidDemand(t *testing.T) {
	v := vt(t)
	step.Create(operators.Delay(time.Second, v), step.WithInitialRequest(0)).
		ThenRequest(0).
		ExpectErrorIs(sluice.ErrInvalidDemand).
		Verify(t)
	v.Advance(time.Second) // the timer may still fire: its value is dropped
	noTimers(t, v)
}

func TestDelaySubscription(t *testing.T) {
	v := vt(t)
	src := ints(3)
	step.Create(operators.DelaySubscription[int](src, time.Second, v), step.WithVirtualTime(v), step.WithInitialRequest(2)).
		ExpectNoEvent(time.Second-1).
		Then(func() { require.Zero(t, src.subs.Load()) }).
		ThenAdvance(1).
		ExpectNext(0, 1).
		ThenRequest(5).
		ExpectNext(2).
		ExpectComplete().
		Verify(t)
	require.Equal(t, int64(7), src.requested.Load())
	noTimers(t, v)
}

func TestDelaySubscriptionErrorEmptyAndCancel(t *testing.T) {
	v := vt(t)
	step.Create(operators.DelaySubscription[int](failing[int](errBoom, 1), time.Second, v), step.WithVirtualTime(v)).
		ThenAdvance(time.Second).
		ExpectNext(1).
		ExpectErrorIs(errBoom).
		Verify(t)
	step.Create(operators.DelaySubscription[int](items[int](), time.Second, v), step.WithVirtualTime(v)).
		ThenAdvance(time.Second).
		ExpectComplete().
		Verify(t)
	src := ints(3)
	step.Create(operators.DelaySubscription[int](src, time.Second, v), step.WithVirtualTime(v)).
		ThenAdvance(time.Millisecond).
		ThenCancel().
		Verify(t)
	noTimers(t, v)
	v.Advance(time.Hour)
	require.Zero(t, src.subs.Load())
	step.Create(operators.DelaySubscription[int](src, time.Second, v), step.WithInitialRequest(0)).
		ThenRequest(-2).
		ExpectErrorIs(sluice.ErrInvalidDemand).
		Verify(t)
	noTimers(t, v)
}

func TestDelayTCK(t *testing.T) {
	tck.VerifyPublisher(t, tck.PublisherOptions[int64]{
		Create: func(n int64) sluice.Publisher[int64] {
			if n == 0 {
				return operators.IgnoreElements[int64](operators.Delay(0, scheduler.Immediate()))
			}
			return operators.Delay(0, scheduler.Immediate())
		},
		MaxElements: 1,
	})
}

func TestDelaySubscriptionTCK(t *testing.T) {
	tck.VerifyPublisher(t, tck.PublisherOptions[int]{
		Create: func(n int64) sluice.Publisher[int] {
			return operators.DelaySubscription[int](rangeN(n), 0, scheduler.Immediate())
		},
		CreateFailed: func() sluice.Publisher[int] {
			return operators.DelaySubscription[int](probe.Error[int](errBoom), 0, scheduler.Immediate())
		},
	})
}
