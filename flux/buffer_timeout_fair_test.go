package flux_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/sluicego/sluice"
	"github.com/sluicego/sluice/flux"
	"github.com/sluicego/sluice/scheduler"
	"github.com/sluicego/sluice/tck/step"
)

func TestBufferTimeoutFairFacade(t *testing.T) {
	v := scheduler.NewVirtual()
	defer v.Dispose()
	var asked []int64
	src := flux.Range(0, 5).DoOnRequest(func(n int64) { asked = append(asked, n) })
	step.Create[[]int](flux.BufferTimeoutFair(src, 2, time.Second, v), step.WithVirtualTime(v), step.WithInitialRequest(0)).
		ExpectNoEvent(time.Second).
		ThenRequest(1).
		ExpectNext([]int{0, 1}).
		ExpectNoEvent(time.Second).
		ThenRequest(2).
		ExpectNext([]int{2, 3}, []int{4}).
		ExpectComplete().
		Verify(t)
	require.Equal(t, []int64{2, 4}, asked, "maxSize elements per requested slice")
	require.Zero(t, v.Pending())
}

// BufferTimeoutFair asks its source for maxSize elements per slice the
// subscriber requests.
func ExampleBufferTimeoutFair() {
	v := scheduler.NewVirtual() // the timers' clock; never advanced here
	defer v.Dispose()
	src := flux.Range(1, 7).DoOnRequest(func(n int64) { fmt.Println("source asked for", n) })
	flux.BufferTimeoutFair(src, 3, time.Minute, v).Subscribe(&oneSliceAtATime{})
	// Output:
	// source asked for 3
	// [1 2 3]
	// source asked for 3
	// [4 5 6]
	// source asked for 3
	// [7]
	// done
}

// oneSliceAtATime requests one slice, and the next one after each.
type oneSliceAtATime struct{ sub sluice.Subscription }

func (c *oneSliceAtATime) OnSubscribe(s sluice.Subscription) { c.sub = s; s.Request(1) }
func (c *oneSliceAtATime) OnNext(b []int)                    { fmt.Println(b); c.sub.Request(1) }
func (c *oneSliceAtATime) OnError(err error)                 { fmt.Println(err) }
func (c *oneSliceAtATime) OnComplete()                       { fmt.Println("done") }
