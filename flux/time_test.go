package flux_test

import (
	"fmt"

	"github.com/sluicego/sluice"
	"testing"
	"time"

	"github.com/sluicego/sluice/flux"
	"github.com/sluicego/sluice/operators"
	"github.com/sluicego/sluice/retry"
	"github.com/sluicego/sluice/scheduler"
	"github.com/sluicego/sluice/tck/step"
	"github.com/stretchr/testify/require"
)

func TestTimeFacades(t *testing.T) {
	v := scheduler.NewVirtual()
	defer v.Dispose()
	step.Create[int64](flux.Interval(time.Second, v).Take(3).DelayElements(time.Second, v), step.WithVirtualTime(v)).
		ThenAdvance(2*time.Second).
		ExpectNext(0).
		ThenAdvance(10*time.Second).
		ExpectNext(1, 2).
		ExpectComplete().
		Verify(t)
	step.Create[int](flux.Never[int]().Timeout(time.Second, v), step.WithVirtualTime(v)).
		ThenAdvance(time.Second).
		ExpectErrorIs(operators.ErrTimeout).
		Verify(t)
	step.Create[[]int](flux.BufferTimeout(flux.Range(0, 5), 2, time.Second, v)).
		ExpectNext([]int{0, 1}, []int{2, 3}, []int{4}).
		ExpectComplete().
		Verify(t)
	step.Create[int](flux.Error[int](errTCK).RetryWhen(retry.Max(2))).
		ExpectErrorIs(retry.ErrRetryExhausted).
		Verify(t)
	require.Zero(t, v.Pending())
	require.Panics(t, func() { flux.Interval(time.Second, v, v) })
}

func ExampleFlux_Sample() {
	v := scheduler.NewVirtual()
	defer v.Dispose()
	ticks := flux.Interval(100*time.Millisecond, v).Sample(time.Second, v).Take(2)
	var got []int64
	ticks.Subscribe(&timeCollector{out: &got})
	v.Advance(2 * time.Second)
	fmt.Println(got)
	// Output: [8 18]
}

type timeCollector struct{ out *[]int64 }

func (c *timeCollector) OnSubscribe(s sluice.Subscription) { s.Request(sluice.Unbounded) }
func (c *timeCollector) OnNext(v int64)                    { *c.out = append(*c.out, v) }
func (c *timeCollector) OnError(error)                     {}
func (c *timeCollector) OnComplete()                       {}
