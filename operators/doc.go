// Package operators is sluice's engine room: every operator of the flux and
// mono facades, written once as a generic function over the Reactive Streams
// contract, one operator per file with its subscriber types.
//
// # Synchronous operators and fusion
//
// A synchronous operator (Map, Filter, Take, Reduce, ...) runs on the
// goroutine that delivers its upstream's signals: its subscriber is a plain
// method call away from its upstream, with no goroutine and no queue. When
// the source of a chain implements fuse.Seq (flux.Range, flux.FromSlice, ...)
// the operators return publishers that implement fuse.Seq too, so that an
// aggregator at the end of the chain (Reduce, Sum, Count, CollectList, ...)
// runs the whole chain as one loop of nested function calls, with no demand
// accounting and no allocation per element. Over flux.Range followed by Map
// (and optionally Filter), Reduce and Sum run the range loop themselves,
// calling the mapper, the predicate and the reducer from one loop body (Sum
// adds in it, with no call). Subscribing with a bounded demand
// takes the ordinary, backpressured path through the same operators.
//
// Each subscriber guards its terminal state with a done flag: an element or
// error arriving after termination goes to sluice.NextDropped or
// sluice.ErrorDropped. A panic in user code (a mapper, a predicate, a
// callback) cancels the upstream and ends the stream with a
// *sluice.PanicError.
//
// # Declarative pipelines
//
// Op values describe an operator without a source; Pipe chains same-type
// steps, Compose joins a type-changing step, and Apply runs the pipeline on
// any publisher:
//
//	evens := operators.Pipe(operators.FilterOp(isEven), operators.TakeOp[int](10))
//	labels := operators.Compose(evens, operators.MapOp(strconv.Itoa))
//	out := labels.Apply(src) // a sluice.Publisher[string]
//
// # Inspecting a pipeline
//
// Every operator publisher has a String method naming the operator and its
// parent, so fmt.Println(chain) prints the assembly, e.g.
// "Range(0, 10).Map.Filter.Take(3)".
package operators
