package flux

import (
	"github.com/sluicego/sluice"
	"github.com/sluicego/sluice/mono"
	"github.com/sluicego/sluice/operators"
)

// FlatMap maps each element to an inner publisher and merges the inners'
// elements as they arrive (see operators.FlatMap). Options: WithConcurrency,
// WithPrefetch.
func FlatMap[T, R any](f sluice.Publisher[T], fn func(T) sluice.Publisher[R], opts ...AsyncOption) Flux[R] {
	c := asyncOptions(opts)
	return Flux[R]{pub: operators.FlatMap(f, fn, c.concurrency, c.prefetch)}
}

// FlatMapDelayError is FlatMap that fails only after every inner finished,
// with all the errors met (see operators.FlatMapDelayError).
func FlatMapDelayError[T, R any](f sluice.Publisher[T], fn func(T) sluice.Publisher[R], opts ...AsyncOption) Flux[R] {
	c := asyncOptions(opts)
	return Flux[R]{pub: operators.FlatMapDelayError(f, fn, c.concurrency, c.prefetch)}
}

// FlatMapSequential subscribes to inners eagerly like FlatMap but emits
// them in source order (see operators.FlatMapSequential).
func FlatMapSequential[T, R any](f sluice.Publisher[T], fn func(T) sluice.Publisher[R], opts ...AsyncOption) Flux[R] {
	c := asyncOptions(opts)
	return Flux[R]{pub: operators.FlatMapSequential(f, fn, c.concurrency, c.prefetch)}
}

// ConcatMap maps each element to an inner publisher and emits the inners
// one after another (see operators.ConcatMap). Option: WithPrefetch.
func ConcatMap[T, R any](f sluice.Publisher[T], fn func(T) sluice.Publisher[R], opts ...AsyncOption) Flux[R] {
	c := asyncOptions(opts)
	return Flux[R]{pub: operators.ConcatMap(f, fn, c.prefetch)}
}

// FlatMapMany maps the element of a Mono to a publisher of many and emits
// its elements; an empty Mono gives an empty Flux.
func FlatMapMany[T, R any](m mono.Mono[T], fn func(T) sluice.Publisher[R], opts ...AsyncOption) Flux[R] {
	c := asyncOptions(opts)
	return Flux[R]{pub: operators.ConcatMap[T, R](m, fn, c.prefetch)}
}
