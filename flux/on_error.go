package flux

import (
	"github.com/sluicego/sluice"
	"github.com/sluicego/sluice/operators"
)

// OnErrorResume relays the fallback publisher for the error if f fails.
func (f Flux[T]) OnErrorResume(fallback func(error) sluice.Publisher[T]) Flux[T] {
	return From(operators.OnErrorResume[T](f, fallback))
}

// OnErrorReturn emits v and completes if f fails.
func (f Flux[T]) OnErrorReturn(v T) Flux[T] { return From(operators.OnErrorReturn[T](f, v)) }

// OnErrorMap replaces the error of f with fn(err).
func (f Flux[T]) OnErrorMap(fn func(error) error) Flux[T] {
	return From(operators.OnErrorMap[T](f, fn))
}

// OnErrorComplete turns an error into completion; with a match function,
// only the errors it accepts.
func (f Flux[T]) OnErrorComplete(match ...func(error) bool) Flux[T] {
	var m func(error) bool
	if len(match) > 0 {
		m = match[0]
	}
	return From(operators.OnErrorComplete[T](f, m))
}
