package flux

import (
	"github.com/sluicego/sluice"
	"github.com/sluicego/sluice/operators"
)

// Concat relays the sources one after the other.
func Concat[T any](sources ...sluice.Publisher[T]) Flux[T] {
	return From(operators.Concat(sources...))
}

// ConcatWith relays f, then other.
func (f Flux[T]) ConcatWith(other sluice.Publisher[T]) Flux[T] {
	return From(operators.ConcatWith[T](f, other))
}

// StartWith emits vs, then relays f.
func (f Flux[T]) StartWith(vs ...T) Flux[T] { return From(operators.StartWith[T](f, vs...)) }

// SwitchIfEmpty relays alt if f completes without an element.
func (f Flux[T]) SwitchIfEmpty(alt sluice.Publisher[T]) Flux[T] {
	return From(operators.SwitchIfEmpty[T](f, alt))
}

// DefaultIfEmpty emits v if f completes without an element.
func (f Flux[T]) DefaultIfEmpty(v T) Flux[T] { return From(operators.DefaultIfEmpty[T](f, v)) }

// Repeat resubscribes to f n more times after it completes.
func (f Flux[T]) Repeat(n int64) Flux[T] { return From(operators.Repeat[T](f, n)) }

// RepeatWhile resubscribes to f after each completion while pred is true.
func (f Flux[T]) RepeatWhile(pred func() bool) Flux[T] {
	return From(operators.RepeatWhile[T](f, pred))
}

// Retry resubscribes to f after an error, at most n times.
func (f Flux[T]) Retry(n int64) Flux[T] { return From(operators.Retry[T](f, n)) }

// RetryWhile is Retry limited to errors for which match is true.
func (f Flux[T]) RetryWhile(n int64, match func(error) bool) Flux[T] {
	return From(operators.RetryWhile[T](f, n, match))
}
