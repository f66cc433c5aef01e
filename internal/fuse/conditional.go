package fuse

import "github.com/sluicego/sluice"

// Conditional is a Subscriber that may reject an element (a filter whose
// predicate fails). TryOnNext reports whether the element was taken; a
// rejected element does not count against the demand, so a source or an
// operator that emits through TryOnNext simply emits the next one instead of
// waiting for a Request(1) round trip.
type Conditional[T any] interface {
	sluice.Subscriber[T]
	TryOnNext(v T) bool
}
