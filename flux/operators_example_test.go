package flux_test

import (
	"context"
	"errors"
	"fmt"
	"strconv"

	"github.com/sluicego/sluice/flux"
	"github.com/sluicego/sluice/operators"
)

func ExampleMap() {
	out, _ := flux.Map(flux.Range(1, 3), strconv.Itoa).Collect(context.Background())
	fmt.Printf("%q\n", out)
	// Output: ["1" "2" "3"]
}

func ExampleFlux_Filter() {
	out, _ := flux.Range(1, 10).Filter(func(x int) bool { return x%3 == 0 }).Collect(context.Background())
	fmt.Println(out)
	// Output: [3 6 9]
}

func ExampleReduce() {
	// Range → Map → Filter → Reduce runs as one fused loop.
	doubled := flux.Map(flux.Range(0, 10), func(x int) int { return x * 2 })
	sum, _, _ := flux.Reduce(doubled.Filter(func(x int) bool { return x%3 == 0 }), 0,
		func(acc, x int) int { return acc + x }).Block(context.Background())
	fmt.Println(sum)
	// Output: 36
}

func ExampleSum() {
	// Range → Map → Filter → Sum runs as one fused loop.
	doubled := flux.Map(flux.Range(0, 10), func(x int) int { return x * 2 })
	sum, _, _ := flux.Sum(doubled.Filter(func(x int) bool { return x%3 == 0 })).Block(context.Background())
	fmt.Println(sum)
	// Output: 36
}

func ExampleFlux_Take() {
	out, _ := flux.Range(0, 1_000_000).Skip(2).Take(3).Collect(context.Background())
	fmt.Println(out)
	// Output: [2 3 4]
}

func ExampleBuffer() {
	out, _ := flux.Buffer(flux.Range(1, 5), 2).Collect(context.Background())
	fmt.Println(out)
	// Output: [[1 2] [3 4] [5]]
}

func ExampleFlux_OnErrorReturn() {
	src := flux.Just(1, 2).ConcatWith(flux.Error[int](errors.New("boom")))
	out, err := src.OnErrorReturn(-1).Collect(context.Background())
	fmt.Println(out, err)
	// Output: [1 2 -1] <nil>
}

func ExampleFlux_Transform() {
	evens := operators.Pipe(
		operators.FilterOp(func(x int) bool { return x%2 == 0 }),
		operators.TakeOp[int](3),
	)
	out, _ := flux.Range(0, 100).Transform(evens).Collect(context.Background())
	fmt.Println(out)
	// Output: [0 2 4]
}

func ExampleFlux_String() {
	chain := flux.Map(flux.Just(1, 2, 3), strconv.Itoa).Filter(func(s string) bool { return s != "2" }).Take(1)
	fmt.Println(chain)
	// Output: flux.slicePublisher[int].Map.Filter.Take(1)
}

func ExampleFlux_DoFinally() {
	_, _ = flux.Range(0, 3).
		DoOnNext(func(x int) { fmt.Println("next", x) }).
		DoFinally(func(s flux.SignalType) { fmt.Println("finally", s) }).
		Collect(context.Background())
	// Output:
	// next 0
	// next 1
	// next 2
	// finally onComplete
}

func ExampleFlux_Next() {
	v, ok, err := flux.Range(7, 100).Next().Block(context.Background())
	fmt.Println(v, ok, err)
	// Output: 7 true <nil>
}
