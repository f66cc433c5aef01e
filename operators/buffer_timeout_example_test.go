package operators_test

import (
	"fmt"
	"time"

	"github.com/sluicego/sluice"
	"github.com/sluicego/sluice/flux"
	"github.com/sluicego/sluice/operators"
	"github.com/sluicego/sluice/scheduler"
)

// With FairBackpressure a slice whose time is up while nothing is
// requested waits for demand (and keeps the elements already requested)
// instead of failing the stream with ErrOverflow.
func ExampleFairBackpressure() {
	v := scheduler.NewVirtual()
	defer v.Dispose()
	start := v.Now()
	// 1, 2, 3, one every 1.5 s
	src := flux.Range(1, 3).DelayElements(1500*time.Millisecond, v)
	slices := operators.BufferTimeout[int](src, 3, time.Second, v, operators.FairBackpressure())

	p := &slicePrinter{since: func() time.Duration { return v.Now().Sub(start) }}
	slices.Subscribe(p)
	p.sub.Request(1)            // the source is asked for 3 elements
	v.Advance(10 * time.Second) // [1] at 2.5 s; [2] is due at 4 s, without demand
	p.sub.Request(1)            // [2 3] goes out at once, then the completion
	// Output:
	// 2.5s [1]
	// 10s [2 3]
	// 10s done
}

type slicePrinter struct {
	sub   sluice.Subscription
	since func() time.Duration
}

func (p *slicePrinter) OnSubscribe(s sluice.Subscription) { p.sub = s }
func (p *slicePrinter) OnNext(b []int)                    { fmt.Println(p.since(), b) }
func (p *slicePrinter) OnError(err error)                 { fmt.Println(p.since(), err) }
func (p *slicePrinter) OnComplete()                       { fmt.Println(p.since(), "done") }
