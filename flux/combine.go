package flux

import (
	"github.com/sluicego/sluice"
	"github.com/sluicego/sluice/operators"
)

// SwitchMap maps each element to an inner publisher and emits only the
// latest inner's elements, cancelling the previous inner on each new
// element (see operators.SwitchMap). Option: WithPrefetch.
func SwitchMap[T, R any](f sluice.Publisher[T], fn func(T) sluice.Publisher[R], opts ...AsyncOption) Flux[R] {
	c := asyncOptions(opts)
	return Flux[R]{pub: operators.SwitchMap(f, fn, c.prefetch)}
}

// SwitchOnNext emits the elements of the latest publisher that sources has
// emitted, cancelling the previous one. Option: WithPrefetch.
func SwitchOnNext[T any](sources sluice.Publisher[sluice.Publisher[T]], opts ...AsyncOption) Flux[T] {
	c := asyncOptions(opts)
	return Flux[T]{pub: operators.SwitchOnNext(sources, c.prefetch)}
}

// CombineLatest2 emits fn of the latest elements of a and b each time
// either emits, once both have (see operators.CombineLatest). Option:
// WithPrefetch.
func CombineLatest2[A, B, R any](a sluice.Publisher[A], b sluice.Publisher[B], fn func(A, B) R, opts ...AsyncOption) Flux[R] {
	c := asyncOptions(opts)
	return Flux[R]{pub: operators.CombineLatest2(a, b, fn, c.prefetch)}
}

// CombineLatest emits fn of a new slice of the latest element of every
// source each time one emits, once all have. Option: WithPrefetch.
func CombineLatest[T, R any](sources []sluice.Publisher[T], fn func([]T) R, opts ...AsyncOption) Flux[R] {
	c := asyncOptions(opts)
	return Flux[R]{pub: operators.CombineLatest(sources, fn, c.prefetch)}
}

// FirstWithSignal relays whichever source signals first and cancels the
// others (Reactor's firstWithSignal, amb).
func FirstWithSignal[T any](sources ...sluice.Publisher[T]) Flux[T] {
	return Flux[T]{pub: operators.FirstWithSignal(sources...)}
}

// Or races f against other: whichever signals first is relayed.
func (f Flux[T]) Or(other sluice.Publisher[T]) Flux[T] {
	return FirstWithSignal[T](f, other)
}

// WithLatestFrom combines each element of f with the latest element of
// other; elements that arrive before other has emitted are dropped.
func WithLatestFrom[T, U, R any](f sluice.Publisher[T], other sluice.Publisher[U], fn func(T, U) R) Flux[R] {
	return Flux[R]{pub: operators.WithLatestFrom(f, other, fn)}
}

// Window splits f into contiguous windows of size elements, each a unicast
// Flux (see operators.Window).
func Window[T any](f sluice.Publisher[T], size int) Flux[Flux[T]] {
	return WindowSkip(f, size, size)
}

// WindowSkip opens a window of size elements every skip elements (gaps
// when skip > size, overlaps when skip < size).
func WindowSkip[T any](f sluice.Publisher[T], size, skip int) Flux[Flux[T]] {
	return Flux[Flux[T]]{pub: operators.Map(operators.Window(f, size, skip), From[T])}
}
