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

func TestTimeoutPerItem(t *testing.T) {
	v := vt(t)
	src := &hot[int]{}
	step.Create(operators.Timeout[int](src, time.Second, nil, v), step.WithVirtualTime(v)).
		ThenAdvance(900 * time.Millisecond).
		Then(func() { src.next(1) }).
		ExpectNext(1).
		ThenAdvance(900 * time.Millisecond).
		Then(func() { src.next(2) }).
		ExpectNext(2).
		ExpectNoEvent(999 * time.Millisecond).
		ThenAdvance(time.Millisecond).
		ExpectErrorIs(operators.ErrTimeout).
		Verify(t)
	require.True(t, src.isCancelled())
	noTimers(t, v)
}

func TestTimeoutFallbackKeepsDemand(t *testing.T) {
	v := vt(t)
	src := &hot[int]{}
	fb := ints(10)
	step.Create(operators.Timeout[int](src, time.Second, fb, v), step.WithVirtualTime(v), step.WithInitialRequest(3)).
		Then(func() { src.next(100) }).
		ExpectNext(100).
		ThenAdvance(time.Second).
		ExpectNext(0, 1).
		Then(func() { require.Equal(t, int64(2), fb.requested.Load()) }).
		ThenRequest(10).
		ExpectNextCount(8).
		ExpectComplete().
		Verify(t)
	require.True(t, src.isCancelled())
	noTimers(t, v)
}

func TestTimeoutFirstThenNone(t *testing.T) {
	v := vt(t)
	src := &hot[int]{}
	step.Create(operators.TimeoutFirst[int](src, time.Second, 0, nil, v), step.WithVirtualTime(v)).
		ThenAdvance(999 * time.Millisecond).
		Then(func() { src.next(1) }).
		ExpectNext(1).
		ExpectNoEvent(time.Hour).
		Then(src.complete).
		ExpectComplete().
		Verify(t)
	noTimers(t, v)
}

func TestTimeoutErrorEmptyCancelAndLateSignals(t *testing.T) {
	v := vt(t)
	step.Create(operators.Timeout[int](failing[int](errBoom, 1, 2), time.Second, nil, v)).
		ExpectNext(1, 2).ExpectErrorIs(errBoom).Verify(t)
	step.Create(operators.Timeout[int](items[int](), time.Second, nil, v)).ExpectComplete().Verify(t)
	src := &hot[int]{}
	step.Create(operators.Timeout[int](src, time.Second, nil, v), step.WithVirtualTime(v)).
		ThenAdvance(time.Millisecond).
		ThenCancel().
		Verify(t)
	require.True(t, src.isCancelled())
	noTimers(t, v)
	// A source that ignores cancellation: its late element is dropped.
	var dropped []any
	prev := sluice.SetDroppedHooks(sluice.DroppedHooks{OnNextDropped: func(x any) { dropped = append(dropped, x) }})
	defer sluice.SetDroppedHooks(prev)
	src2 := &hot[int]{}
	r := all(operators.Timeout[int](src2, time.Second, nil, v))
	v.Advance(time.Second)
	src2.next(5)
	require.ErrorIs(t, r.err, operators.ErrTimeout)
	require.Equal(t, []any{5}, dropped)
	noTimers(t, v)
}

func TestTimeoutMono(t *testing.T) {
	v := vt(t)
	step.Create(operators.Timeout[int64](operators.Delay(2*time.Second, v), time.Second, nil, v), step.WithVirtualTime(v)).
		ThenAdvance(time.Second).
		ExpectErrorIs(operators.ErrTimeout).
		Verify(t)
	step.Create(operators.Timeout[int64](operators.Delay(time.Second, v), 2*time.Second, nil, v), step.WithVirtualTime(v)).
		ThenAdvance(time.Second).
		ExpectNext(0).
		ExpectComplete().
		Verify(t)
	noTimers(t, v)
}

func TestTimeoutInvalidDemand(t *testing.T) {
	v := vt(t)
	step.Create(operators.Timeout[int](ints(3), time.Second, nil, v), step.WithInitialRequest(0)).
		ThenRequest(-1).
		ExpectErrorIs(sluice.ErrInvalidDemand).
		Verify(t)
	noTimers(t, v)
}

func TestTimeoutTCK(t *testing.T) {
	// A real scheduler with a generous timeout that never fires in the
	// TCK's runs; the worker's timers are disposed on every termination.
	sched := scheduler.NewSingle()
	defer sched.Dispose()
	tck.VerifyPublisher(t, tck.PublisherOptions[int]{
		Create: func(n int64) sluice.Publisher[int] {
			return operators.Timeout[int](rangeN(n), time.Hour, nil, sched)
		},
		CreateFailed: func() sluice.Publisher[int] {
			return operators.Timeout[int](probe.Error[int](errBoom), time.Hour, nil, sched)
		},
	})
}
