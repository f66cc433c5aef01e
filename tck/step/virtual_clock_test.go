package step_test

import (
	"errors"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/sluicego/sluice"
	"github.com/sluicego/sluice/flux"
	"github.com/sluicego/sluice/scheduler"
	"github.com/sluicego/sluice/tck/step"
)

// TestSchedulerVirtualClock drives a real time operator (flux.Interval) on
// scheduler.NewVirtual: no event before the period elapses on the virtual
// clock, values as it advances, bounded requests, cancel, all verified with
// a timeout.
func TestSchedulerVirtualClock(t *testing.T) {
	v := scheduler.NewVirtual()
	defer v.Dispose()
	step.Create[int64](flux.Interval(time.Second, v), step.WithVirtualTime(v), step.WithInitialRequest(2)).
		ExpectSubscription().
		ExpectNoEvent(999*time.Millisecond).
		ThenAdvance(time.Millisecond).
		ExpectNext(0).
		ExpectNoEvent(time.Second-time.Millisecond).
		ThenAdvance(time.Millisecond).
		ExpectNext(1).
		ThenRequest(1).
		ThenAdvance(time.Second).
		ExpectNextMatches(func(n int64) bool { return n == 2 }).
		ThenCancel().
		VerifyTimeout(t, 5*time.Second)
	require.Zero(t, v.Pending(), "cancel removed the periodic task")

	// Interval without demand fails with an overflow error: match it with a
	// predicate.
	step.Create[int64](flux.Interval(time.Second, v), step.WithVirtualTime(v), step.WithInitialRequest(1)).
		ThenAdvance(time.Second).
		ExpectNext(0).
		ExpectNoEvent(500*time.Millisecond).
		ThenAdvance(500*time.Millisecond).
		ExpectErrorMatches(func(err error) bool { return err != nil && !errors.Is(err, sluice.ErrInvalidDemand) }).
		VerifyTimeout(t, 5*time.Second)
}
