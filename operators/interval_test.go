package operators_test

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/sluicego/sluice"
	"github.com/sluicego/sluice/operators"
	"github.com/sluicego/sluice/tck/step"
	"github.com/stretchr/testify/require"
)

func TestIntervalTicksOnTheVirtualClock(t *testing.T) {
	v := vt(t)
	step.Create(operators.Interval(time.Second, time.Second, v), step.WithVirtualTime(v)).
		ExpectNoEvent(999*time.Millisecond).
		ThenAdvance(time.Millisecond).
		ExpectNext(0).
		ThenAdvance(2*time.Second).
		ExpectNext(1, 2).
		ThenCancel().
		Verify(t)
	noTimers(t, v)
}

func TestIntervalInitialDelay(t *testing.T) {
	v := vt(t)
	step.Create(operators.Interval(5*time.Second, time.Second, v), step.WithVirtualTime(v)).
		ExpectNoEvent(4 * time.Second).
		ThenAdvance(time.Second).
		ExpectNext(0).
		ThenAdvance(time.Second).
		ExpectNext(1).
		ThenCancel().
		Verify(t)
	noTimers(t, v)
}

func TestIntervalBoundedDemandOverflows(t *testing.T) {
	v := vt(t)
	step.Create(operators.Interval(0, time.Second, v), step.WithVirtualTime(v), step.WithInitialRequest(2)).
		ThenAdvance(time.Second). // ticks at 0s and 1s
		ExpectNext(0, 1).
		ThenAdvance(time.Second).
		ExpectErrorMatches(func(err error) bool {
			return errors.Is(err, operators.ErrOverflow) &&
				err.Error() != "" &&
				containsAll(err.Error(), "tick 2", "lack of requests")
		}).
		Verify(t)
	noTimers(t, v)
}

func TestIntervalRequestMoreKeepsTicking(t *testing.T) {
	v := vt(t)
	step.Create(operators.Interval(time.Second, time.Second, v), step.WithVirtualTime(v), step.WithInitialRequest(1)).
		ThenAdvance(time.Second).
		ExpectNext(0).
		ThenRequest(1).
		ThenAdvance(time.Second).
		ExpectNext(1).
		ThenCancel().
		Verify(t)
	noTimers(t, v)
}

func TestIntervalInvalidDemand(t *testing.T) {
	v := vt(t)
	step.Create(operators.Interval(time.Second, time.Second, v), step.WithInitialRequest(0)).
		ThenRequest(-1).
		ExpectErrorIs(sluice.ErrInvalidDemand).
		Verify(t)
	noTimers(t, v)
}

func TestIntervalPanicsOnNonPositivePeriod(t *testing.T) {
	require.Panics(t, func() { operators.Interval(0, 0, nil) })
}

func TestIntervalPanicInSubscriberIsContained(t *testing.T) {
	// A panic in the downstream's OnNext ends the stream: it goes to the
	// dropped-error hook as a *sluice.PanicError, the periodic timer is
	// cancelled at once (not only when the subscriber cancels), and no
	// further signal reaches the subscriber.
	v := vt(t)
	var got []error
	prev := sluice.SetDroppedHooks(sluice.DroppedHooks{OnErrorDropped: func(err error) { got = append(got, err) }})
	defer sluice.SetDroppedHooks(prev)
	r := &rec[int64]{initial: sluice.Unbounded, onNext: func(*rec[int64]) { panic("boom") }}
	operators.Interval(time.Second, time.Second, v).Subscribe(r)
	v.Advance(3 * time.Second)
	require.Equal(t, []int64{0}, r.values())
	require.Len(t, got, 1)
	var pe *sluice.PanicError
	require.ErrorAs(t, got[0], &pe)
	noTimers(t, v)
	r.cancel()
	r.request(5) // no stuck state: later calls are no-ops
	v.Advance(3 * time.Second)
	require.Equal(t, []int64{0}, r.values())
	require.Len(t, got, 1)
}

func TestSamplePanicInSubscriberCancelsUpstreamAndTimer(t *testing.T) {
	v := vt(t)
	var got []error
	prev := sluice.SetDroppedHooks(sluice.DroppedHooks{OnErrorDropped: func(err error) { got = append(got, err) }})
	defer sluice.SetDroppedHooks(prev)
	src := &hot[int]{}
	r := &rec[int]{initial: sluice.Unbounded, onNext: func(*rec[int]) { panic("boom") }}
	operators.Sample[int](src, time.Second, v).Subscribe(r)
	src.next(1)
	v.Advance(time.Second)
	require.Equal(t, []int{1}, r.values())
	require.Len(t, got, 1)
	require.True(t, src.isCancelled())
	noTimers(t, v)
}

func containsAll(s string, subs ...string) bool {
	for _, sub := range subs {
		if !strings.Contains(s, sub) {
			return false
		}
	}
	return true
}
