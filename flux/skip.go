package flux

import (
	"github.com/sluicego/sluice"
	"github.com/sluicego/sluice/operators"
)

// Skip drops the first n elements.
func (f Flux[T]) Skip(n int64) Flux[T] { return From(operators.Skip[T](f, n)) }

// SkipWhile drops elements while pred holds.
func (f Flux[T]) SkipWhile(pred func(T) bool) Flux[T] {
	return From(operators.SkipWhile[T](f, pred))
}

// SkipUntil drops elements until one satisfies pred (that one is relayed).
func (f Flux[T]) SkipUntil(pred func(T) bool) Flux[T] {
	return From(operators.SkipUntil[T](f, pred))
}

// SkipUntilOther drops elements until other emits or completes.
func SkipUntilOther[T, U any](f sluice.Publisher[T], other sluice.Publisher[U]) Flux[T] {
	return From(operators.SkipUntilOther(f, other))
}

// SkipLast drops the last n elements.
func (f Flux[T]) SkipLast(n int) Flux[T] { return From(operators.SkipLast[T](f, n)) }
