// Package sinks provides hot publishers that plain Go code pushes into from
// any goroutine: Reactor's Sinks for sluice.
//
//   - One caches a single value, an empty completion or an error and hands it
//     to every subscriber, early or late; Mono views it as a mono.Mono.
//   - Unicast buffers until its single subscriber arrives, then honours that
//     subscriber's demand.
//   - Multicast buffers a bounded number of elements and advances at the pace
//     of its slowest subscriber.
//   - MulticastBestEffort delivers to the subscribers that have demand and
//     drops for the others.
//   - ReplayAll, ReplayLimit and ReplayLatest replay history to late
//     subscribers, then continue live.
//
// Every emission returns an EmitResult saying whether it was accepted and, if
// not, why; nothing is dropped silently. Emission is safe from any number of
// goroutines at once: the sinks serialize it. Each subscriber is driven by its
// own drain loop on the goroutines that emit or request; no sink starts a
// goroutine, and no lock is held while a subscriber is called.
//
// The many-subscriber sinks are also sluice.Processor values: subscribed to an
// upstream publisher, they relay its signals and request from it as their
// subscribers' demand (or their buffer) allows. Once an upstream is attached,
// let it be the only source of signals.
package sinks
