package flux_test

import (
	"fmt"
	"time"

	"github.com/sluicego/sluice"
	"github.com/sluicego/sluice/flux"
	"github.com/sluicego/sluice/scheduler"
)

// WindowTime cuts a stream into one-second windows, collected here into
// slices; on a virtual clock, 1 to 7 arriving 300 ms apart.
func ExampleWindowTime() {
	v := scheduler.NewVirtual()
	defer v.Dispose()
	src := flux.Range(1, 7).DelayElements(300*time.Millisecond, v)
	lists := flux.ConcatMap(flux.WindowTime(src, time.Second, v), func(w flux.Flux[int]) sluice.Publisher[[]int] {
		return w.CollectList()
	})
	lists.Subscribe(&windowPrinter{})
	v.Advance(3 * time.Second)
	// Output:
	// [1 2 3]
	// [4 5 6]
	// [7]
}

type windowPrinter struct{}

func (windowPrinter) OnSubscribe(s sluice.Subscription) { s.Request(sluice.Unbounded) }
func (windowPrinter) OnNext(l []int)                    { fmt.Println(l) }
func (windowPrinter) OnError(err error)                 { fmt.Println(err) }
func (windowPrinter) OnComplete()                       {}
