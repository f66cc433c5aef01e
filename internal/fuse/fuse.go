// Package fuse defines the synchronous fusion contract: a publisher whose
// elements come from a plain loop can hand that loop to a consumer that wants
// every element (unbounded demand), so a chain such as
// range → map → filter → reduce runs as nested function calls with no
// subscription, no demand accounting and no allocation per element.
package fuse

import "github.com/sluicego/sluice"

// Seq is implemented by publishers that can run synchronously to completion
// on the caller's goroutine.
type Seq[T any] interface {
	sluice.Publisher[T]
	// ForEach calls yield with each element in order until the source is
	// exhausted or yield returns false, and returns the error that ends the
	// stream (nil on completion or early stop). A panic in user code inside
	// the chain is returned as a *sluice.PanicError, not propagated.
	ForEach(yield func(T) bool) error
}

// Unwrapper is implemented by facades (flux.Flux, mono.Mono) that wrap
// another publisher.
type Unwrapper[T any] interface {
	Unwrap() sluice.Publisher[T]
}

// Unwrap strips facades from p and returns the publisher underneath.
func Unwrap[T any](p sluice.Publisher[T]) sluice.Publisher[T] {
	for {
		u, ok := p.(Unwrapper[T])
		if !ok {
			return p
		}
		inner := u.Unwrap()
		if inner == nil {
			return p
		}
		p = inner
	}
}

// AsSeq reports whether p, once unwrapped, can be consumed as a fused loop.
func AsSeq[T any](p sluice.Publisher[T]) (Seq[T], bool) {
	s, ok := Unwrap(p).(Seq[T])
	return s, ok
}

// IntRange is implemented by fused sources whose elements are the
// consecutive ints start, start+1, ..., end-1 (flux.Range), so that a fused
// consumer can run that loop itself instead of being called back per
// element.
type IntRange interface {
	IntRange() (start, end int)
}
