// Package mono provides Mono, a Publisher of at most one element, with
// Reactor's sources, operators and bridges to plain Go.
//
// Package flux imports mono (Flux.Next, Reduce and Count return a Mono);
// conversions from Mono to Flux (FlatMapMany, Flux) therefore live in package
// flux.
package mono

import (
	"github.com/sluicego/sluice"
	"github.com/sluicego/sluice/internal/pull"
)

// Mono is a Publisher of 0 or 1 element of T, followed by completion, or of
// an error. The zero Mono completes without emitting.
type Mono[T any] struct {
	pub sluice.Publisher[T]
}

// From wraps a Publisher as a Mono. The publisher must emit at most one
// element; use flux operators such as Next or Single to adapt one that may
// emit more.
func From[T any](p sluice.Publisher[T]) Mono[T] {
	if m, ok := p.(Mono[T]); ok {
		return m
	}
	return Mono[T]{pub: p}
}

// Subscribe subscribes s to the mono. It panics with an error wrapping
// sluice.ErrNilSubscriber if s is nil.
func (m Mono[T]) Subscribe(s sluice.Subscriber[T]) {
	if s == nil {
		panic(sluice.ErrNilSubscriber)
	}
	if m.pub == nil {
		pull.Terminate[T](s, nil)
		return
	}
	m.pub.Subscribe(s)
}

// Unwrap returns the publisher the mono wraps, so that fusion can see
// through the facade.
func (m Mono[T]) Unwrap() sluice.Publisher[T] { return m.pub }
