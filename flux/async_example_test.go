package flux_test

import (
	"context"
	"fmt"
	"slices"

	"github.com/sluicego/sluice"
	"github.com/sluicego/sluice/flux"
	"github.com/sluicego/sluice/scheduler"
)

func ExampleFlatMap() {
	words := flux.FlatMap(flux.Range(1, 3), func(n int) sluice.Publisher[int] {
		return flux.Range(n*10, 2)
	}, flux.WithConcurrency(2))
	got, err := words.Collect(context.Background())
	slices.Sort(got) // FlatMap interleaves inners as they arrive
	fmt.Println(got, err)
	// Output: [10 11 20 21 30 31] <nil>
}

func ExampleConcatMap() {
	got, _ := flux.ConcatMap(flux.Range(1, 3), func(n int) sluice.Publisher[int] {
		return flux.Range(n*10, 2)
	}).Collect(context.Background())
	fmt.Println(got)
	// Output: [10 11 20 21 30 31]
}

func ExampleZip2() {
	sums := flux.Zip2(flux.Range(0, 3), flux.Range(100, 5), func(a, b int) string {
		return fmt.Sprintf("%d+%d", a, b)
	})
	got, _ := sums.Collect(context.Background())
	fmt.Println(got)
	// Output: [0+100 1+101 2+102]
}

func ExampleFlux_MergeWith() {
	got, _ := flux.Range(0, 2).MergeWith(flux.Range(10, 2)).Collect(context.Background())
	slices.Sort(got)
	fmt.Println(got)
	// Output: [0 1 10 11]
}

func ExampleFlux_PublishOn() {
	single := scheduler.NewSingle()
	defer single.Dispose()
	got, err := flux.Range(0, 5).PublishOn(single, flux.WithPrefetch(2)).Collect(context.Background())
	fmt.Println(got, err)
	// Output: [0 1 2 3 4] <nil>
}
