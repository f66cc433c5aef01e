package sinks_test

import (
	"errors"
	"fmt"

	"github.com/sluicego/sluice"
	"github.com/sluicego/sluice/sinks"
)

// printer prints what it receives, requesting everything.
type printer[T any] struct{ name string }

func (p printer[T]) OnSubscribe(s sluice.Subscription) { s.Request(sluice.Unbounded) }
func (p printer[T]) OnNext(v T)                        { fmt.Println(p.name, "next", v) }
func (p printer[T]) OnError(err error)                 { fmt.Println(p.name, "error", err) }
func (p printer[T]) OnComplete()                       { fmt.Println(p.name, "complete") }

func ExampleOne() {
	s := sinks.One[string]()
	s.Mono().Subscribe(printer[string]{"early"})
	fmt.Println(s.TryEmitValue("hello"))
	fmt.Println(s.TryEmitValue("again"))
	s.Mono().Subscribe(printer[string]{"late"})
	// Output:
	// early next hello
	// early complete
	// EmitOK
	// EmitFailTerminated
	// late next hello
	// late complete
}

func ExampleUnicast() {
	s := sinks.Unicast[int]()
	s.TryEmitNext(1) // buffered until the subscriber comes
	s.TryEmitNext(2)
	s.Flux().Subscribe(printer[int]{"only"})
	s.TryEmitNext(3)
	s.TryEmitComplete()

	second := s.Flux()
	second.Subscribe(printer[int]{"second"})
	// Output:
	// only next 1
	// only next 2
	// only next 3
	// only complete
	// second error publisher allows only one subscriber
}

func ExampleMulticast() {
	s := sinks.Multicast[int](2)
	s.TryEmitNext(1) // warm-up: kept for the first subscriber
	s.TryEmitNext(2)
	r := s.TryEmitNext(3)
	fmt.Println(r, errors.Is(r.Err(), sinks.ErrZeroSubscriber))

	s.Flux().Subscribe(printer[int]{"a"})
	s.TryEmitNext(3)
	s.TryEmitComplete()
	// Output:
	// EmitFailZeroSubscriber true
	// a next 1
	// a next 2
	// a next 3
	// a complete
}

func ExampleMulticastBestEffort() {
	s := sinks.MulticastBestEffort[string]()
	fmt.Println(s.TryEmitNext("nobody listens"))
	s.Flux().Subscribe(printer[string]{"a"})
	fmt.Println(s.TryEmitNext("hi"), s.CurrentSubscriberCount())
	// Output:
	// EmitFailZeroSubscriber
	// a next hi
	// EmitOK 1
}

func ExampleReplayLimit() {
	s := sinks.ReplayLimit[int](2)
	for i := range 5 {
		s.TryEmitNext(i)
	}
	s.TryEmitComplete()
	s.Flux().Subscribe(printer[int]{"late"})
	// Output:
	// late next 3
	// late next 4
	// late complete
}

func ExampleMany_TryEmitNext() {
	s := sinks.Unicast[int](sinks.UnicastOptions{Capacity: 1})
	s.TryEmitNext(1)
	if err := s.TryEmitNext(2).Err(); errors.Is(err, sinks.ErrOverflow) {
		fmt.Println("full:", err)
	}
	// Output:
	// full: sinks: overflow: no buffer room or no demand
}
