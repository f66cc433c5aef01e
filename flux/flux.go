// Package flux provides Flux, a Publisher of 0..N elements with Reactor's
// sources, operators and bridges to plain Go.
//
// Same-type operators are methods, so chains read left to right:
//
//	flux.Range(1, 100).Filter(isPrime).Take(10)
//
// Operators that change the element type are generic functions, because Go
// methods cannot take type parameters:
//
//	flux.Map(flux.Range(1, 3), strconv.Itoa)
//
// A Flux is a recipe: nothing happens until something subscribes, and every
// subscription runs the recipe again (unless an operator such as Share makes
// it hot).
package flux

import "github.com/sluicego/sluice"

// Flux is a Publisher of 0..N elements of T. The zero Flux completes without
// emitting.
type Flux[T any] struct {
	pub sluice.Publisher[T]
}

// From wraps any Publisher as a Flux.
func From[T any](p sluice.Publisher[T]) Flux[T] {
	if f, ok := p.(Flux[T]); ok {
		return f
	}
	return Flux[T]{pub: p}
}

// Subscribe subscribes s to the flux. It panics with an error wrapping
// sluice.ErrNilSubscriber if s is nil.
func (f Flux[T]) Subscribe(s sluice.Subscriber[T]) {
	if s == nil {
		panic(sluice.ErrNilSubscriber)
	}
	if f.pub == nil {
		Empty[T]().Subscribe(s)
		return
	}
	f.pub.Subscribe(s)
}

// Unwrap returns the publisher the flux wraps, so that fusion can see
// through the facade.
func (f Flux[T]) Unwrap() sluice.Publisher[T] {
	if f.pub == nil {
		return Empty[T]().pub
	}
	return f.pub
}
