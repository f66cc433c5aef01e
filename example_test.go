package sluice_test

import (
	"context"
	"fmt"
	"strconv"
	"time"

	"github.com/sluicego/sluice/flux"
	"github.com/sluicego/sluice/mono"
	"github.com/sluicego/sluice/scheduler"
	"github.com/sluicego/sluice/sinks"
)

// Example runs the package tour's snippets (everything but the tests and
// the network).
func Example() {
	ctx := context.Background()

	evens := flux.Range(1, 10).Filter(func(n int) bool { return n%2 == 0 })
	words, err := flux.Map(evens, strconv.Itoa).Collect(ctx)
	fmt.Println(words, err)

	for v, err := range flux.Range(0, 1_000_000).All(ctx) {
		if err != nil || v == 3 {
			break
		}
	}

	done := make(chan struct{})
	cancel := flux.Range(1, 3).SubscribeWith(ctx, flux.Callbacks[int]{
		OnNext:     func(v int) { fmt.Println("got", v) },
		OnComplete: func() { close(done) },
	}, flux.Batches(16))
	<-done
	cancel()

	greeting, ok, err := mono.FromFunc(func(ctx context.Context) (string, error) {
		return "hello", nil
	}).Block(ctx)
	fmt.Println(greeting, ok, err)

	s := sinks.ReplayAll[string]()
	fmt.Println(s.TryEmitNext("a") == sinks.EmitOK)
	s.TryEmitComplete()
	replayed, err := s.Flux().Collect(ctx)
	fmt.Println(replayed, err)

	par := scheduler.NewParallel()
	defer par.Dispose()
	total, ok, err := flux.Reduce(flux.Range(1, 100).PublishOn(par), 0,
		func(acc, v int) int { return acc + v }).Block(ctx)
	fmt.Println(total, ok, err)

	clock := scheduler.NewVirtual()
	defer clock.Dispose()
	start := clock.Now()
	stop := flux.Interval(time.Second, clock).Take(3).SubscribeWith(ctx, flux.Callbacks[int64]{
		OnNext:     func(tick int64) { fmt.Println("tick", tick, "at", clock.Now().Sub(start)) },
		OnComplete: func() { fmt.Println("ticks done") },
	}, flux.Unbounded())
	defer stop()
	clock.Advance(3 * time.Second) // runs the three ticks now, on this goroutine

	// Output:
	// [2 4 6 8 10] <nil>
	// got 1
	// got 2
	// got 3
	// hello true <nil>
	// true
	// [a] <nil>
	// 5050 true <nil>
	// tick 0 at 1s
	// tick 1 at 2s
	// tick 2 at 3s
	// ticks done
}
