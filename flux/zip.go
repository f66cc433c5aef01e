package flux

import (
	"github.com/sluicego/sluice"
	"github.com/sluicego/sluice/operators"
)

const zipPrefetch = operators.DefaultPrefetch

// Zip2 pairs the elements of a and b one to one through fn and completes
// when either source is exhausted (see operators.ZipSlice).
func Zip2[A, B, R any](a sluice.Publisher[A], b sluice.Publisher[B], fn func(A, B) R) Flux[R] {
	return Flux[R]{pub: operators.Zip2(a, b, fn, zipPrefetch)}
}

// Zip3 combines three sources one to one through fn.
func Zip3[A, B, C, R any](a sluice.Publisher[A], b sluice.Publisher[B], c sluice.Publisher[C], fn func(A, B, C) R) Flux[R] {
	return Flux[R]{pub: operators.Zip3(a, b, c, fn, zipPrefetch)}
}

// Zip4 combines four sources one to one through fn.
func Zip4[A, B, C, D, R any](a sluice.Publisher[A], b sluice.Publisher[B], c sluice.Publisher[C], d sluice.Publisher[D], fn func(A, B, C, D) R) Flux[R] {
	return Flux[R]{pub: operators.Zip4(a, b, c, d, fn, zipPrefetch)}
}

// Zip5 combines five sources one to one through fn.
func Zip5[A, B, C, D, E, R any](a sluice.Publisher[A], b sluice.Publisher[B], c sluice.Publisher[C], d sluice.Publisher[D], e sluice.Publisher[E], fn func(A, B, C, D, E) R) Flux[R] {
	return Flux[R]{pub: operators.Zip5(a, b, c, d, e, fn, zipPrefetch)}
}

// Zip6 combines six sources one to one through fn.
func Zip6[A, B, C, D, E, F, R any](a sluice.Publisher[A], b sluice.Publisher[B], c sluice.Publisher[C], d sluice.Publisher[D], e sluice.Publisher[E], f sluice.Publisher[F], fn func(A, B, C, D, E, F) R) Flux[R] {
	return Flux[R]{pub: operators.Zip6(a, b, c, d, e, f, fn, zipPrefetch)}
}

// Zip7 combines seven sources one to one through fn.
func Zip7[A, B, C, D, E, F, G, R any](a sluice.Publisher[A], b sluice.Publisher[B], c sluice.Publisher[C], d sluice.Publisher[D], e sluice.Publisher[E], f sluice.Publisher[F], g sluice.Publisher[G], fn func(A, B, C, D, E, F, G) R) Flux[R] {
	return Flux[R]{pub: operators.Zip7(a, b, c, d, e, f, g, fn, zipPrefetch)}
}

// Zip8 combines eight sources one to one through fn.
func Zip8[A, B, C, D, E, F, G, H, R any](a sluice.Publisher[A], b sluice.Publisher[B], c sluice.Publisher[C], d sluice.Publisher[D], e sluice.Publisher[E], f sluice.Publisher[F], g sluice.Publisher[G], h sluice.Publisher[H], fn func(A, B, C, D, E, F, G, H) R) Flux[R] {
	return Flux[R]{pub: operators.Zip8(a, b, c, d, e, f, g, h, fn, zipPrefetch)}
}

// ZipSlice combines any number of same-typed sources one to one: fn gets a
// new slice with the i-th element of each source.
func ZipSlice[T, R any](sources []sluice.Publisher[T], fn func([]T) R) Flux[R] {
	return Flux[R]{pub: operators.ZipSlice(sources, fn, zipPrefetch)}
}

// ZipWith pairs f's elements with other's one to one through fn. For
// another element type use Zip2.
func (f Flux[T]) ZipWith(other sluice.Publisher[T], fn func(T, T) T) Flux[T] {
	return Zip2[T, T, T](f, other, fn)
}
