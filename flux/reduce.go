package flux

import (
	"github.com/sluicego/sluice"
	"github.com/sluicego/sluice/mono"
	"github.com/sluicego/sluice/operators"
)

// Reduce folds the elements into an accumulator starting at seed and emits
// it when the flux completes. With a fusable source (Range, FromSlice, and
// synchronous operators over them) the whole chain runs as one loop.
func Reduce[T, A any](f sluice.Publisher[T], seed A, fn func(acc A, v T) A) mono.Mono[A] {
	return mono.From(operators.ReduceSeed(f, seed, fn))
}

// ReduceWith is Reduce with a seed made per subscription (for mutable
// accumulators).
func ReduceWith[T, A any](f sluice.Publisher[T], seed func() A, fn func(acc A, v T) A) mono.Mono[A] {
	return mono.From(operators.ReduceWith(f, seed, fn))
}

// Reduce folds the elements with fn starting from the first one; an empty
// flux gives an empty mono.
func (f Flux[T]) Reduce(fn func(acc, v T) T) mono.Mono[T] {
	return mono.From(operators.Reduce[T](f, fn))
}

// Sum emits the sum of the elements of f, 0 for an empty flux (see
// operators.Sum). Over Range → Map [→ Filter] the chain runs as one loop
// with no call for the addition.
func Sum[T operators.Number](f sluice.Publisher[T]) mono.Mono[T] {
	return mono.From(operators.Sum(f))
}

// Count emits the number of elements.
func (f Flux[T]) Count() mono.Mono[int64] { return mono.From(operators.Count[T](f)) }

// CollectList emits all elements as one slice.
func (f Flux[T]) CollectList() mono.Mono[[]T] { return mono.From(operators.CollectList[T](f)) }

// CollectMap emits a map from key(v) to value(v).
func CollectMap[T any, K comparable, V any](f sluice.Publisher[T], key func(T) K, value func(T) V) mono.Mono[map[K]V] {
	return mono.From(operators.CollectMap(f, key, value))
}

// AllMatch emits whether every element satisfies pred (Reactor's all; the
// name All is taken by range-over-func iteration).
func (f Flux[T]) AllMatch(pred func(T) bool) mono.Mono[bool] {
	return mono.From(operators.All[T](f, pred))
}

// AnyMatch emits whether some element satisfies pred (Reactor's any).
func (f Flux[T]) AnyMatch(pred func(T) bool) mono.Mono[bool] {
	return mono.From(operators.Any[T](f, pred))
}

// HasElements emits whether the flux has at least one element.
func (f Flux[T]) HasElements() mono.Mono[bool] { return mono.From(operators.HasElements[T](f)) }

// Next emits the first element (requesting only one).
func (f Flux[T]) Next() mono.Mono[T] { return mono.From(operators.Next[T](f)) }

// Last emits the last element; an empty flux fails with
// operators.ErrNoElements.
func (f Flux[T]) Last() mono.Mono[T] { return mono.From(operators.Last[T](f)) }

// LastOrDefault emits the last element, or def.
func (f Flux[T]) LastOrDefault(def T) mono.Mono[T] {
	return mono.From(operators.LastOrDefault[T](f, def))
}

// Single emits the only element; zero or several elements fail.
func (f Flux[T]) Single() mono.Mono[T] { return mono.From(operators.Single[T](f)) }

// SingleOrDefault is Single that emits def for an empty flux.
func (f Flux[T]) SingleOrDefault(def T) mono.Mono[T] {
	return mono.From(operators.SingleOrDefault[T](f, def))
}

// SingleOrEmpty is Single that completes empty for an empty flux.
func (f Flux[T]) SingleOrEmpty() mono.Mono[T] { return mono.From(operators.SingleOrEmpty[T](f)) }

// ElementAt emits the element at index i.
func (f Flux[T]) ElementAt(i int64) mono.Mono[T] { return mono.From(operators.ElementAt[T](f, i)) }

// ElementAtOrDefault emits the element at index i, or def.
func (f Flux[T]) ElementAtOrDefault(i int64, def T) mono.Mono[T] {
	return mono.From(operators.ElementAtOrDefault[T](f, i, def))
}

// IgnoreElements relays only the terminal signal.
func (f Flux[T]) IgnoreElements() mono.Mono[T] { return mono.From(operators.IgnoreElements[T](f)) }

// Then relays only the terminal signal, as an empty Mono (Reactor's then()).
func (f Flux[T]) Then() mono.Mono[struct{}] { return mono.From(operators.ThenEmpty[T](f)) }

// Then ignores the elements of f and relays other once f completes.
func Then[T, R any](f sluice.Publisher[T], other mono.Mono[R]) mono.Mono[R] {
	return mono.From(operators.Then[T, R](f, other))
}

// ThenMany ignores the elements of f and relays other once f completes.
func ThenMany[T, R any](f sluice.Publisher[T], other sluice.Publisher[R]) Flux[R] {
	return From(operators.Then(f, other))
}
