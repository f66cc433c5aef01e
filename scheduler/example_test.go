package scheduler_test

import (
	"fmt"
	"sync"
	"time"

	"github.com/sluicego/sluice/scheduler"
)

// A test drives time by hand: nothing sleeps, and every run is deterministic.
func ExampleVirtual() {
	v := scheduler.NewVirtual()
	start := v.Now()
	since := func() time.Duration { return v.Now().Sub(start) }

	v.ScheduleAfter(1500*time.Millisecond, func() { fmt.Println("timeout at", since()) })
	tick := v.SchedulePeriodically(time.Second, time.Second, func() { fmt.Println("tick at", since()) })
	v.Schedule(func() { fmt.Println("queued task at", since()) })
	fmt.Println("pending:", v.Pending())

	v.Advance(3 * time.Second)
	tick.Dispose()
	v.Advance(time.Hour)
	fmt.Println("pending:", v.Pending(), "now:", since())
	// Output:
	// pending: 3
	// queued task at 0s
	// tick at 1s
	// timeout at 1.5s
	// tick at 2s
	// tick at 3s
	// pending: 0 now: 1h0m3s
}

// Parallel spreads CPU-bound tasks over GOMAXPROCS goroutines; a Worker keeps
// a sequence of tasks in order on one of them.
func ExampleNewParallel() {
	p := scheduler.NewParallel(scheduler.WithParallelism(4))
	defer p.Dispose()

	var wg sync.WaitGroup
	results := make([]int, 8)
	for i := range results {
		wg.Add(1)
		p.Schedule(func() {
			defer wg.Done()
			results[i] = i * i
		})
	}
	wg.Wait()
	fmt.Println(results)

	w := p.NewWorker()
	defer w.Dispose()
	done := make(chan struct{})
	for i := range 3 {
		w.Schedule(func() { fmt.Println("step", i) })
	}
	w.Schedule(func() { close(done) })
	<-done
	// Output:
	// [0 1 4 9 16 25 36 49]
	// step 0
	// step 1
	// step 2
}

// BoundedElastic runs blocking calls without letting them grow the number of
// goroutines without limit.
func ExampleNewBoundedElastic() {
	io := scheduler.NewBoundedElastic(scheduler.WithName("io"), scheduler.WithMaxThreads(2))
	defer io.Dispose()

	done := make(chan string)
	io.Schedule(func() { done <- "read a file" })
	fmt.Println(<-done)
	// Output: read a file
}
