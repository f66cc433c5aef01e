package flux_test

import (
	"context"
	"fmt"

	"github.com/sluicego/sluice/flux"
)

func ExampleFlux_Collect() {
	nums, err := flux.Range(1, 5).Collect(context.Background())
	fmt.Println(nums, err)
	// Output: [1 2 3 4 5] <nil>
}

func ExampleFlux_All() {
	for v, err := range flux.Just("a", "b", "c").All(context.Background()) {
		if err != nil {
			fmt.Println("error:", err)
			return
		}
		fmt.Println(v)
	}
	// Output:
	// a
	// b
	// c
}

func ExampleCreate() {
	// A callback-style producer pushes into the sink; OverflowBuffer keeps
	// what the subscriber has not requested yet.
	f := flux.Create(func(sink flux.FluxSink[string]) {
		for _, w := range []string{"hello", "from", "a", "callback"} {
			if err := sink.Next(w); err != nil {
				return // cancelled
			}
		}
		sink.Complete()
	}, flux.OverflowBuffer)
	words, _ := f.Collect(context.Background())
	fmt.Println(words)
	// Output: [hello from a callback]
}

func ExampleGenerate() {
	// Fibonacci numbers, one per unit of demand, state carried between rounds.
	fib := flux.Generate(func() [2]int { return [2]int{0, 1} },
		func(s [2]int, sink flux.SynchronousSink[int]) [2]int {
			if s[0] > 50 {
				sink.Complete()
				return s
			}
			sink.Next(s[0])
			return [2]int{s[1], s[0] + s[1]}
		})
	nums, _ := fib.Collect(context.Background())
	fmt.Println(nums)
	// Output: [0 1 1 2 3 5 8 13 21 34]
}

func ExampleFlux_SubscribeWith() {
	done := make(chan struct{})
	flux.Range(1, 3).SubscribeWith(context.Background(), flux.Callbacks[int]{
		OnNext:     func(v int) { fmt.Println("got", v) },
		OnComplete: func() { fmt.Println("done"); close(done) },
	}, flux.Batches(2))
	<-done
	// Output:
	// got 1
	// got 2
	// got 3
	// done
}

func ExampleFromChannel() {
	ch := make(chan int, 3)
	ch <- 1
	ch <- 2
	ch <- 3
	close(ch)
	last, ok, err := flux.FromChannel(ch).BlockLast(context.Background())
	fmt.Println(last, ok, err)
	// Output: 3 true <nil>
}
