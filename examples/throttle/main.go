// Command throttle shows Reactive Streams demand at work: a generator that
// could produce without end produces only what a slow subscriber requests,
// a few elements at a time.
//
//	go run ./examples/throttle
package main

import (
	"fmt"
	"time"

	"github.com/sluicego/sluice"
	"github.com/sluicego/sluice/flux"
)

// slowSubscriber requests batch elements, takes its time over each one, and
// asks for the next batch only when the current one is done.
type slowSubscriber struct {
	sub      sluice.Subscription
	batch    int64
	left     int64
	received int
	limit    int
	done     chan struct{}
}

func (s *slowSubscriber) OnSubscribe(sub sluice.Subscription) {
	s.sub = sub
	s.request()
}

func (s *slowSubscriber) request() {
	s.left = s.batch
	fmt.Printf("subscriber: request(%d)\n", s.batch)
	s.sub.Request(s.batch)
}

func (s *slowSubscriber) OnNext(v int) {
	s.received++
	fmt.Printf("subscriber:   got %d, working on it...\n", v)
	time.Sleep(50 * time.Millisecond) // a slow consumer
	if s.received == s.limit {
		fmt.Println("subscriber: that is enough, cancel")
		s.sub.Cancel()
		close(s.done)
		return
	}
	if s.left--; s.left == 0 {
		s.request()
	}
}

func (s *slowSubscriber) OnError(err error) { fmt.Println("subscriber: error:", err); close(s.done) }
func (s *slowSubscriber) OnComplete()       { fmt.Println("subscriber: complete"); close(s.done) }

func main() {
	produced := 0
	naturals := flux.Generate(
		func() int { return 0 },
		func(n int, sink flux.SynchronousSink[int]) int {
			produced++
			fmt.Printf("producer: emit %d\n", n)
			sink.Next(n)
			return n + 1
		},
		func(last int) { fmt.Printf("producer: stopped after %d elements\n", last) },
	)

	s := &slowSubscriber{batch: 3, limit: 10, done: make(chan struct{})}
	naturals.Subscribe(s)
	<-s.done
	fmt.Printf("the producer made %d elements for a subscriber that asked for %d\n", produced, s.received)
}
