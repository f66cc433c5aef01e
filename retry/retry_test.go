package retry_test

import (
	"errors"
	"fmt"
	"sync/atomic"
	"testing"
	"time"

	"github.com/sluicego/sluice"
	"github.com/sluicego/sluice/flux"
	"github.com/sluicego/sluice/operators"
	"github.com/sluicego/sluice/retry"
	"github.com/sluicego/sluice/scheduler"
	"github.com/sluicego/sluice/tck/step"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var errBoom = errors.New("boom")

// failN fails its first n subscriptions, then emits "ok".
func failN(n int64, subs *atomic.Int64) sluice.Publisher[string] {
	return flux.Defer(func() sluice.Publisher[string] {
		if subs.Add(1) <= n {
			return flux.Error[string](errBoom)
		}
		return flux.Just("ok")
	})
}

func retried(src sluice.Publisher[string], spec retry.Spec) sluice.Publisher[string] {
	return operators.RetryWhen(src, spec.Companion)
}

func TestBackoffDelaysDoubleUpToMax(t *testing.T) {
	v := scheduler.NewVirtual()
	defer v.Dispose()
	var subs atomic.Int64
	spec := retry.Backoff(5, time.Second).MaxBackoff(3 * time.Second).Jitter(0).Scheduler(v)
	step.Create(retried(failN(4, &subs), spec), step.WithVirtualTime(v)).
		ExpectNoEvent(time.Second - 1).
		Then(func() { assert.Equal(t, int64(1), subs.Load()) }).
		ThenAdvance(1). // retry 0 after 1s
		Then(func() { assert.Equal(t, int64(2), subs.Load()) }).
		ThenAdvance(2 * time.Second). // retry 1 after 2s
		Then(func() { assert.Equal(t, int64(3), subs.Load()) }).
		ThenAdvance(3 * time.Second). // retry 2: 4s capped to 3s
		Then(func() { assert.Equal(t, int64(4), subs.Load()) }).
		ExpectNoEvent(3*time.Second - 1).
		ThenAdvance(1).
		ExpectNext("ok").
		ExpectComplete().
		Verify(t)
	require.Zero(t, v.Pending())
}

func TestBackoffExhausted(t *testing.T) {
	var subs atomic.Int64
	step.Create(retried(failN(10, &subs), retry.Max(3))).
		ExpectErrorMatches(func(err error) bool {
			var ex *retry.ExhaustedError
			return errors.Is(err, retry.ErrRetryExhausted) && errors.Is(err, errBoom) &&
				errors.As(err, &ex) && ex.Attempts == 3
		}).
		Verify(t)
	assert.Equal(t, int64(4), subs.Load())
}

func TestBackoffFilter(t *testing.T) {
	var subs atomic.Int64
	spec := retry.Max(3).Filter(func(err error) bool { return !errors.Is(err, errBoom) })
	step.Create(retried(failN(10, &subs), spec)).ExpectErrorIs(errBoom).Verify(t)
	assert.Equal(t, int64(1), subs.Load())
	// A panicking filter ends the stream with the panic.
	spec = retry.Max(3).Filter(func(error) bool { panic("bad filter") })
	step.Create(retried(failN(10, &subs), spec)).
		ExpectErrorMatches(func(err error) bool { var pe *sluice.PanicError; return errors.As(err, &pe) }).
		Verify(t)
}

func TestBackoffTransientCountsInARow(t *testing.T) {
	spec := retry.Max(1).Transient(true)
	sig := retry.Signal{TotalRetries: 10, TotalRetriesInARow: 0, Failure: errBoom}
	d, err := spec.Delay(sig)
	require.NoError(t, err)
	assert.Zero(t, d)
	sig.TotalRetriesInARow = 1
	_, err = spec.Delay(sig)
	require.ErrorIs(t, err, retry.ErrRetryExhausted)
}

func TestBackoffJitterStaysInBounds(t *testing.T) {
	spec := retry.Backoff(100, 100*time.Millisecond).MaxBackoff(10 * time.Second).Jitter(1)
	for n := int64(0); n < 100; n++ {
		d, err := spec.Delay(retry.Signal{TotalRetries: n, Failure: errBoom})
		require.NoError(t, err)
		require.GreaterOrEqual(t, d, 100*time.Millisecond)
		require.LessOrEqual(t, d, 10*time.Second)
	}
	d, _ := retry.Backoff(100, time.Hour).Jitter(0).Delay(retry.Signal{TotalRetries: 99})
	assert.Equal(t, time.Duration(1<<63-1), d, "overflow saturates")
}

func TestBackoffCancelWhileWaiting(t *testing.T) {
	v := scheduler.NewVirtual()
	defer v.Dispose()
	var subs atomic.Int64
	step.Create(retried(failN(10, &subs), retry.FixedDelay(5, time.Second).Scheduler(v)), step.WithVirtualTime(v)).
		ThenAdvance(500 * time.Millisecond).
		ThenCancel().
		Verify(t)
	require.Zero(t, v.Pending())
	assert.Equal(t, int64(1), subs.Load())
}

func TestFuncSpec(t *testing.T) {
	var subs atomic.Int64
	spec := retry.Func(func(s sluice.Publisher[retry.Signal]) sluice.Publisher[retry.Signal] {
		return operators.Take(s, 2)
	})
	step.Create(retried(failN(1, &subs), spec)).ExpectNext("ok").ExpectComplete().Verify(t)
}

func Example() {
	v := scheduler.NewVirtual()
	defer v.Dispose()
	var attempts atomic.Int64
	src := flux.Defer(func() sluice.Publisher[string] {
		if attempts.Add(1) < 3 {
			return flux.Error[string](errBoom)
		}
		return flux.Just("connected")
	})
	spec := retry.Backoff(5, 100*time.Millisecond).Jitter(0).Scheduler(v)
	r := operators.RetryWhen(src, spec.Companion)
	out := make(chan string, 1)
	r.Subscribe(&printer{out: out})
	v.Advance(time.Second)
	fmt.Println(<-out, "after", attempts.Load(), "attempts")
	// Output: connected after 3 attempts
}

type printer struct{ out chan string }

func (p *printer) OnSubscribe(s sluice.Subscription) { s.Request(1) }
func (p *printer) OnNext(v string)                   { p.out <- v }
func (p *printer) OnError(error)                     {}
func (p *printer) OnComplete()                       {}
