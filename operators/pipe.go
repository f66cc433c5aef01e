package operators

import "github.com/sluicego/sluice"

// Op is an operator as a value: a function from a publisher of T to a
// publisher of R, not yet applied to a source. Ops compose into reusable
// pipelines with Pipe (same type) and Compose (changing type) and run on
// any publisher with Apply:
//
//	clean := operators.Pipe(operators.FilterOp(valid), operators.DistinctOp(operators.Identity[int]))
//	labels := operators.Compose(clean, operators.MapOp(strconv.Itoa))
//	out := labels.Apply(src)
type Op[T, R any] func(sluice.Publisher[T]) sluice.Publisher[R]

// Apply runs the pipeline on src.
func (o Op[T, R]) Apply(src sluice.Publisher[T]) sluice.Publisher[R] { return o(src) }

// Pipe chains same-type steps left to right; Pipe() is the identity.
func Pipe[T any](steps ...Op[T, T]) Op[T, T] {
	return func(src sluice.Publisher[T]) sluice.Publisher[T] {
		for _, s := range steps {
			src = s(src)
		}
		return src
	}
}

// Compose runs first, then second: the way a pipeline changes type.
func Compose[A, B, C any](first Op[A, B], second Op[B, C]) Op[A, C] {
	return func(src sluice.Publisher[A]) sluice.Publisher[C] { return second(first(src)) }
}

// MapOp is Map as a pipeline step.
func MapOp[T, R any](fn func(T) R) Op[T, R] {
	return func(s sluice.Publisher[T]) sluice.Publisher[R] { return Map(s, fn) }
}

// FilterOp is Filter as a pipeline step.
func FilterOp[T any](pred func(T) bool) Op[T, T] {
	return func(s sluice.Publisher[T]) sluice.Publisher[T] { return Filter(s, pred) }
}

// TakeOp is Take as a pipeline step.
func TakeOp[T any](n int64) Op[T, T] {
	return func(s sluice.Publisher[T]) sluice.Publisher[T] { return Take(s, n) }
}

// SkipOp is Skip as a pipeline step.
func SkipOp[T any](n int64) Op[T, T] {
	return func(s sluice.Publisher[T]) sluice.Publisher[T] { return Skip(s, n) }
}

// TakeWhileOp is TakeWhile as a pipeline step.
func TakeWhileOp[T any](pred func(T) bool) Op[T, T] {
	return func(s sluice.Publisher[T]) sluice.Publisher[T] { return TakeWhile(s, pred) }
}

// DistinctOp is Distinct as a pipeline step.
func DistinctOp[T any, K comparable](key func(T) K) Op[T, T] {
	return func(s sluice.Publisher[T]) sluice.Publisher[T] { return Distinct(s, key) }
}

// DoOnNextOp is DoOnNext as a pipeline step.
func DoOnNextOp[T any](fn func(T)) Op[T, T] {
	return func(s sluice.Publisher[T]) sluice.Publisher[T] { return DoOnNext(s, fn) }
}

// HandleOp is Handle as a pipeline step.
func HandleOp[T, R any](fn func(T, SynchronousSink[R])) Op[T, R] {
	return func(s sluice.Publisher[T]) sluice.Publisher[R] { return Handle(s, fn) }
}

// BufferOp is Buffer as a pipeline step.
func BufferOp[T any](size int) Op[T, []T] {
	return func(s sluice.Publisher[T]) sluice.Publisher[[]T] { return Buffer(s, size) }
}

// ReduceOp is ReduceSeed as a pipeline step (a 0..1 result).
func ReduceOp[T, A any](seed A, fn func(A, T) A) Op[T, A] {
	return func(s sluice.Publisher[T]) sluice.Publisher[A] { return ReduceSeed(s, seed, fn) }
}

// LogOp is Log as a pipeline step.
func LogOp[T any](category string, opts ...LogOption) Op[T, T] {
	return func(s sluice.Publisher[T]) sluice.Publisher[T] { return Log(s, category, opts...) }
}
