// Package interop holds the interoperability tests of sluice's RSocket
// binding against independent implementations: rsocket-js (npm
// rsocket-core, rsocket-tcp-client, rsocket-tcp-server and
// rsocket-composite-metadata 1.0.0-alpha.3, driven by the node scripts in
// js/) and rsocket-go v0.8.12 (driven by the gopeer command). It is a
// module of its own so that the main module does not depend on the peers.
//
// The tests build the sluice command and the gopeer command, and run every
// peer as a separate process on 127.0.0.1, in both directions: sluice as
// client of the peer's server, and the peer as client of `sluice serve`.
// Run ./setup.sh once (npm ci) before `go test ./...`.
package interop
