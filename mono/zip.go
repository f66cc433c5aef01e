package mono

import (
	"github.com/sluicego/sluice"
	"github.com/sluicego/sluice/operators"
)

// Zip2 waits for both monos and emits fn of their values; it is empty if
// either is empty and fails with the first error.
func Zip2[A, B, R any](a Mono[A], b Mono[B], fn func(A, B) R) Mono[R] {
	return Mono[R]{pub: operators.Zip2[A, B, R](a, b, fn, 1)}
}

// Zip3 waits for three monos and emits fn of their values.
func Zip3[A, B, C, R any](a Mono[A], b Mono[B], c Mono[C], fn func(A, B, C) R) Mono[R] {
	return Mono[R]{pub: operators.Zip3[A, B, C, R](a, b, c, fn, 1)}
}

// Zip4 waits for four monos and emits fn of their values.
func Zip4[A, B, C, D, R any](a Mono[A], b Mono[B], c Mono[C], d Mono[D], fn func(A, B, C, D) R) Mono[R] {
	return Mono[R]{pub: operators.Zip4[A, B, C, D, R](a, b, c, d, fn, 1)}
}

// ZipSlice waits for every mono and emits fn of their values, in order.
func ZipSlice[T, R any](monos []Mono[T], fn func([]T) R) Mono[R] {
	pubs := make([]sluice.Publisher[T], len(monos))
	for i, m := range monos {
		pubs[i] = m
	}
	return Mono[R]{pub: operators.ZipSlice(pubs, fn, 1)}
}

// ZipWhen waits for m's value t, then for the value u of fn(t), and emits
// combine(t, u). It is FlatMap of fn(t) mapped by combine, so it treats a
// source that signals again after its value the same way: the first value
// wins, later signals go to the dropped hooks.
func ZipWhen[T, U, R any](m Mono[T], fn func(T) Mono[U], combine func(T, U) R) Mono[R] {
	return Mono[R]{pub: operators.ZipWhen[T, U, R](m, func(t T) sluice.Publisher[U] { return fn(t) }, combine)}
}
