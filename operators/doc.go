// Package operators is the engine room behind the flux and mono facades:
// each Reactor operator is one file here, written as a generic function over
// the sluice contract (Publisher, Subscriber, Subscription), with its
// subscriber types and demand handling, and its tests beside it.
//
// Synchronous operators run as plain calls on the caller's goroutine.
// Asynchronous and combining operators (FlatMap, Merge, Zip, PublishOn, ...)
// cross goroutines only through bounded queues with prefetch and batched
// replenishment, and serialise their output through a work-in-progress drain
// loop, never through a lock held while calling downstream.
package operators
