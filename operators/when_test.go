package operators_test

import (
	"errors"
	"sync/atomic"
	"testing"
	"time"

	"github.com/sluicego/sluice"
	"github.com/sluicego/sluice/internal/probe"
	"github.com/sluicego/sluice/operators"
	"github.com/sluicego/sluice/tck/step"
	"github.com/stretchr/testify/require"
)

// flaky fails its first `fails` subscriptions after emitting 1, then emits
// 1, 2 and completes.
func flaky(fails int64, subs *atomic.Int64) sluice.Publisher[int] {
	return probe.PublisherFunc[int](func(s sluice.Subscriber[int]) {
		if subs.Add(1) <= fails {
			failing[int](errBoom, 1).Subscribe(s)
			return
		}
		items(1, 2).Subscribe(s)
	})
}

// takeN lets n signals through as retries, then completes.
func takeN[S any](n int) func(sluice.Publisher[S]) sluice.Publisher[S] {
	return func(sig sluice.Publisher[S]) sluice.Publisher[S] { return operators.Take(sig, int64(n)) }
}

func TestRetryWhenResubscribesOnEachCompanionElement(t *testing.T) {
	var subs atomic.Int64
	var seen []operators.RetrySignal
	comp := func(sig sluice.Publisher[operators.RetrySignal]) sluice.Publisher[operators.RetrySignal] {
		return operators.DoOnNext(sig, func(s operators.RetrySignal) { seen = append(seen, s) })
	}
	step.Create(operators.RetryWhen(flaky(2, &subs), comp)).
		ExpectNext(1, 1, 1, 2).
		ExpectComplete().
		Verify(t)
	require.Equal(t, int64(3), subs.Load())
	require.Len(t, seen, 2)
	require.Equal(t, int64(1), seen[1].TotalRetries)
	require.Equal(t, int64(0), seen[1].TotalRetriesInARow, "the source emitted before failing again")
	require.ErrorIs(t, seen[0].Failure, errBoom)
}

func TestRetryWhenCompanionCompletesOrFails(t *testing.T) {
	var subs atomic.Int64
	// The companion's completion completes the stream at once, even when
	// the resubscription its last element asked for has not happened yet.
	step.Create(operators.RetryWhen(flaky(5, &subs), takeN[operators.RetrySignal](1))).
		ExpectNext(1).
		ExpectComplete().
		Verify(t)
	errStop := errors.New("stop")
	subs.Store(0)
	step.Create(operators.RetryWhen(flaky(5, &subs), func(sig sluice.Publisher[operators.RetrySignal]) sluice.Publisher[int] {
		return operators.Map(sig, func(s operators.RetrySignal) int {
			if s.TotalRetries == 1 {
				panic(errStop)
			}
			return 0
		})
	})).
		ExpectNext(1, 1).
		ExpectErrorIs(errStop).
		Verify(t)
	step.Create(operators.RetryWhen(items(1), func(sluice.Publisher[operators.RetrySignal]) sluice.Publisher[int] {
		panic("no companion")
	})).
		ExpectErrorMatches(func(err error) bool { var pe *sluice.PanicError; return errors.As(err, &pe) }).
		Verify(t)
}

func TestRetryWhenBoundedDemandCarriesOver(t *testing.T) {
	var subs atomic.Int64
	step.Create(operators.RetryWhen(flaky(1, &subs), takeN[operators.RetrySignal](5)), step.WithInitialRequest(2)).
		ExpectNext(1, 1).
		ThenRequest(1).
		ExpectNext(2).
		ExpectComplete().
		Verify(t)
}

func TestRetryWhenSynchronousFailuresDoNotGrowTheStack(t *testing.T) {
	src := failing[int](errBoom)
	step.Create(operators.RetryWhen[int](src, takeN[operators.RetrySignal](100000))).
		ExpectComplete().
		Verify(t)
	require.Equal(t, int64(100000), src.subs.Load())
}

func TestRetryWhenWithDelayCancelLeavesNoTimer(t *testing.T) {
	v := vt(t)
	src := failing[int](errBoom)
	comp := func(sig sluice.Publisher[operators.RetrySignal]) sluice.Publisher[operators.RetrySignal] {
		return operators.DelayElements(sig, time.Second, v)
	}
	step.Create(operators.RetryWhen[int](src, comp), step.WithVirtualTime(v)).
		ExpectNoEvent(time.Second - 1).
		Then(func() { require.Equal(t, int64(1), src.subs.Load()) }).
		ThenAdvance(1).
		Then(func() { require.Equal(t, int64(2), src.subs.Load()) }).
		ThenCancel().
		Verify(t)
	noTimers(t, v)
}

func TestRepeatWhen(t *testing.T) {
	var counts []int64
	comp := func(c sluice.Publisher[int64]) sluice.Publisher[int64] {
		return operators.DoOnNext(c, func(n int64) { counts = append(counts, n) })
	}
	step.Create(operators.Take(operators.RepeatWhen[int](items(1, 2), comp), 5)).
		ExpectNext(1, 2, 1, 2, 1).
		ExpectComplete().
		Verify(t)
	require.Equal(t, []int64{2, 2}, counts)
	step.Create(operators.RepeatWhen[int](failing[int](errBoom, 1), comp)).
		ExpectNext(1).
		ExpectErrorIs(errBoom).
		Verify(t)
	step.Create(operators.RepeatWhen[int](items[int](), takeN[int64](3))).
		ExpectComplete().
		Verify(t)
}

func TestRepeatWhenDelayedAndCancelled(t *testing.T) {
	v := vt(t)
	comp := func(c sluice.Publisher[int64]) sluice.Publisher[int64] {
		return operators.DelayElements(c, time.Second, v)
	}
	step.Create(operators.RepeatWhen[int](items(7), comp), step.WithVirtualTime(v), step.WithInitialRequest(2)).
		ExpectNext(7).
		ExpectNoEvent(time.Second - 1).
		ThenAdvance(1).
		ExpectNext(7).
		ThenAdvance(time.Second).
		ThenCancel().
		Verify(t)
	noTimers(t, v)
	step.Create(operators.RepeatWhen[int](items(7), comp), step.WithInitialRequest(0)).
		ThenRequest(-1).
		ExpectErrorIs(sluice.ErrInvalidDemand).
		Verify(t)
	noTimers(t, v)
}

// An invalid Request is the subscriber's error, reported by the source as
// a failure: RetryWhen must end the stream with it (rule 3.9), not retry
// it. Found by the TCK audit (TestTCKRetryRepeatWhen): the companion
// resubscribed and the error never arrived.
func TestRetryWhenInvalidDemandIsNotRetried(t *testing.T) {
	var subs atomic.Int64
	src := probe.PublisherFunc[int](func(s sluice.Subscriber[int]) {
		subs.Add(1)
		items(1, 2, 3).Subscribe(s)
	})
	for _, n := range []int64{0, -1} {
		subs.Store(0)
		step.Create(operators.RetryWhen(src, takeN[operators.RetrySignal](5)), step.WithInitialRequest(0)).
			ThenRequest(1).
			ExpectNext(1).
			ThenRequest(n).
			ExpectErrorIs(sluice.ErrInvalidDemand).
			Verify(t)
		require.Equal(t, int64(1), subs.Load(), "the source was not resubscribed")
	}
}
