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
// ends the stream with an error wrapping ErrInvalidDemand. Signals to one
// subscriber never overlap. A panic in user code (a mapper, a generator, a
// callback) ends the stream with a *PanicError and cancels upstream instead of
// crashing the process.
//
// # The tour
//
//   - flux and mono: Flux[T] (0..N elements) and Mono[T] (0..1) with Reactor's
//     sources (Just, Range, FromSlice, FromIter, FromChannel, Generate, Create,
//     Defer, Using), operators, and bridges to plain Go: callbacks with a
//     demand policy, Block/Collect with a context.Context, range-over-func
//     iteration with All(ctx), and channels.
//   - sinks: hot publishers that plain Go code pushes into from any goroutine
//     (one value, unicast, multicast, replay), each emission reporting whether
//     it was accepted.
//   - operators: the engine room behind the flux and mono facades, one
//     operator per file.
//   - scheduler: where work runs (Immediate, Single, Parallel,
//     BoundedElastic) and a Virtual clock that tests advance by hand.
//   - tck: a Go port of the Reactive Streams TCK that any Go implementation
//     can run in its tests, and a step verifier for operator tests.
//   - rsocket: the RSocket protocol over TCP, in which a subscriber's
//     Request(n) on one machine becomes a REQUEST_N frame that throttles the
//     producer on another.
//
// Signals that cannot be delivered (an element after cancellation, an error
// after termination, a panic inside a subscriber) go to the hooks installed
// with SetDroppedHooks instead of vanishing.
package sluice
