package operators_test

import (
	"fmt"
	"time"

	"github.com/sluicego/sluice"
	"github.com/sluicego/sluice/flux"
	"github.com/sluicego/sluice/operators"
	"github.com/sluicego/sluice/scheduler"
)

// WindowTime cuts a stream into one-second windows; here each window is
// collected into a slice (ConcatMap subscribes the windows in order). The
// virtual clock makes the run deterministic: 1 to 7 arrive 300 ms apart.
func ExampleWindowTime() {
	v := scheduler.NewVirtual()
	defer v.Dispose()
	src := flux.Range(1, 7).DelayElements(300*time.Millisecond, v)
	windows := operators.WindowTime[int](src, time.Second, v)
	lists := operators.ConcatMap(windows, func(w sluice.Publisher[int]) sluice.Publisher[[]int] {
		return operators.CollectList(w)
	}, 1)
	lists.Subscribe(&listPrinter{})
	v.Advance(3 * time.Second)
	// Output:
	// [1 2 3]
	// [4 5 6]
	// [7]
	// done
}

type listPrinter struct{}

func (listPrinter) OnSubscribe(s sluice.Subscription) { s.Request(sluice.Unbounded) }
func (listPrinter) OnNext(l []int)                    { fmt.Println(l) }
func (listPrinter) OnError(err error)                 { fmt.Println(err) }
func (listPrinter) OnComplete()                       { fmt.Println("done") }
