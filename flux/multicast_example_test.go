package flux_test

import (
	"context"
	"fmt"

	"github.com/sluicego/sluice"
	"github.com/sluicego/sluice/flux"
)

func ExampleFlux_Share() {
	ticks := flux.Range(1, 3).Publish()
	shared := ticks.RefCount(2) // connect once two subscribers are there
	first := make(chan []int, 1)
	go func() {
		got, _ := shared.Collect(context.Background())
		first <- got
	}()
	got, _ := shared.Collect(context.Background())
	fmt.Println(got, <-first)
	// Output: [1 2 3] [1 2 3]
}

func ExampleFlux_Cache() {
	calls := 0
	src := flux.Defer(func() sluice.Publisher[int] { calls++; return flux.Just(calls) })
	cached := src.Cache()
	a, _ := cached.Collect(context.Background())
	b, _ := cached.Collect(context.Background())
	fmt.Println(a, b, calls)
	// Output: [1] [1] 1
}
