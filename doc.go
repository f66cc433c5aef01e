// Package sluice is a toolkit for Reactive Streams in Go: publishers that
// deliver elements only as fast as their subscribers ask for them.
//
// # The contract
//
// Four small interfaces, the Go reading of the Reactive Streams
// specification, are all that the layers of sluice share:
//
//	type Publisher[T any] interface  { Subscribe(Subscriber[T]) }
//	type Subscriber[T any] interface { OnSubscribe(Subscription); OnNext(T); OnError(error); OnComplete() }
//	type Subscription interface      { Request(n int64); Cancel() }
//	type Processor[T, R any] interface { Subscriber[T]; Publisher[R] }
//
// A subscriber receives nothing until it calls Request(n) on the subscription
// it was handed in OnSubscribe, and never more elements than it requested in
// total. Demand is an int64; Unbounded (math.MaxInt64) asks for everything,
// and adding demand saturates instead of wrapping. Request(n) with n <= 0
// ends the stream with an error wrapping ErrInvalidDemand (an
// *InvalidDemandError). Signals to one subscriber never overlap, and a
// Request made from inside OnNext never deepens the stack. A panic in user
// code (a mapper, a generator, a callback) ends the stream with a
// *PanicError carrying the panic value and stack, and cancels upstream,
// instead of crashing the process.
//
// Signals that cannot be delivered (an element after cancellation, an error
// after termination, a panic inside a subscriber's own method) go to the
// hooks installed with SetDroppedHooks instead of vanishing.
//
// You rarely implement these interfaces yourself: the packages below build
// publishers and subscribers for you. The rest of this page is a walk
// through them; Example (in this package's tests) runs the same code.
//
// # flux: 0..N elements
//
// A flux.Flux is a recipe: nothing runs until something subscribes, and every
// subscription runs it again. Sources follow Reactor's names (Just,
// FromSlice, Range, Empty, Error, Never, Defer, FromIter, FromChannel,
// Generate, Create, Using). Same-type operators are methods; operators that
// change the element type are functions, because Go methods cannot take
// type parameters:
//
//	ctx := context.Background()
//	evens := flux.Range(1, 10).Filter(func(n int) bool { return n%2 == 0 })
//	words, err := flux.Map(evens, strconv.Itoa).Collect(ctx) // [2 4 6 8 10], <nil>
//
// The bridges to plain Go all take a context.Context, and cancelling it
// cancels the subscription: Collect, BlockFirst and BlockLast wait for the
// result; All is a range-over-func iterator that requests in prefetch
// batches and cancels upstream when the loop breaks; ToChannel delivers into
// a channel; SubscribeWith runs callbacks with a demand policy (Unbounded,
// or Batches(n), refilled when 75% of a batch is consumed):
//
//	for v, err := range flux.Range(0, 1_000_000).All(ctx) {
//		if err != nil || v == 3 {
//			break // cancels the range: the other 999,996 are never produced
//		}
//	}
//	cancel := flux.Range(1, 100).SubscribeWith(ctx, flux.Callbacks[int]{
//		OnNext: func(v int) { fmt.Println(v) },
//	}, flux.Batches(16))
//	defer cancel()
//
// # mono: 0..1 element
//
// mono.Mono is the same for at most one element, with Block(ctx) as its
// bridge; FromFunc turns a plain Go call into a Mono whose ctx is cancelled
// when the subscriber cancels:
//
//	greeting, ok, err := mono.FromFunc(func(ctx context.Context) (string, error) {
//		return "hello", nil
//	}).Block(ctx) // "hello", true, <nil>
//
// # sinks: pushing from plain Go code
//
// Package sinks holds hot publishers that any goroutine can push into:
// One, Unicast (buffers until its single subscriber arrives), Multicast
// (paced by the slowest subscriber, bounded buffer), MulticastBestEffort
// (drops for subscribers without demand) and ReplayAll/ReplayLimit/
// ReplayLatest. Every emission reports an EmitResult instead of silently
// dropping:
//
//	s := sinks.ReplayAll[string]()
//	s.TryEmitNext("a") // sinks.EmitOK
//	s.TryEmitComplete()
//	replayed, err := s.Flux().Collect(ctx) // [a], <nil>
//
// # scheduler: where work runs
//
// Synchronous chains run on the goroutine that requests. PublishOn and
// SubscribeOn move work onto a scheduler.Scheduler (Immediate, Single,
// Parallel, BoundedElastic); time operators take one too, and
// scheduler.NewVirtual is a clock that tests advance by hand:
//
//	par := scheduler.NewParallel()
//	defer par.Dispose()
//	total, ok, err := flux.Reduce(flux.Range(1, 100).PublishOn(par), 0,
//		func(acc, v int) int { return acc + v }).Block(ctx) // 5050, true, <nil>
//
//	clock := scheduler.NewVirtual()
//	ticks := flux.Interval(time.Second, clock).Take(3) // emits only as clock.Advance moves time
//
// # tck and tck/step: proving it
//
// Package tck is a Go port of the Reactive Streams TCK that any Go
// implementation can run in its tests; package tck/step is a step verifier
// (Reactor's StepVerifier) for operator tests, on real or virtual time. In a
// _test.go file:
//
//	func TestRange(t *testing.T) {
//		tck.VerifyPublisher(t, tck.PublisherOptions[int]{
//			Create: func(n int64) sluice.Publisher[int] { return flux.Range(0, int(n)) },
//		})
//		step.Create[int](flux.Range(1, 3), step.WithInitialRequest(1)).
//			ExpectNext(1).
//			ThenRequest(2).
//			ExpectNext(2, 3).
//			ExpectComplete().
//			Verify(t)
//	}
//
// # rsocket: demand across the network
//
// Package rsocket carries these streams over TCP, WebSocket or QUIC
// (rsocket/transport/...): a subscriber's Request(n) on one machine becomes a
// REQUEST_N frame that throttles the producer on the other. A requester's
// streams are ordinary Flux and Mono values:
//
//	conn, err := rsocket.Connect(ctx, tcp.NewDialer("127.0.0.1:7878", tcp.Options{}), rsocket.SetupOptions{})
//	stream := conn.RequestStream(rsocket.PayloadString("hello", "")).LimitRate(4, 0)
//	for p, err := range stream.All(ctx) { // REQUEST_N(4), then 3 more each time 3 are consumed
//		...
//	}
//
// Package operators is the engine room behind the flux and mono facades (one
// operator per file); examples/ holds runnable programs.
package sluice
