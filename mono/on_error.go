package mono

import (
	"fmt"

	"github.com/sluicego/sluice"
	"github.com/sluicego/sluice/operators"
)

// OnErrorResume relays the fallback mono for the error if m fails.
func (m Mono[T]) OnErrorResume(fallback func(error) Mono[T]) Mono[T] {
	return From(operators.OnErrorResume[T](m, func(err error) sluice.Publisher[T] { return fallback(err) }))
}

// OnErrorReturn emits v if m fails.
func (m Mono[T]) OnErrorReturn(v T) Mono[T] { return From(operators.OnErrorReturn[T](m, v)) }

// OnErrorMap replaces the error of m with fn(err).
func (m Mono[T]) OnErrorMap(fn func(error) error) Mono[T] {
	return From(operators.OnErrorMap[T](m, fn))
}

// OnErrorComplete turns an error into empty completion; with a match
// function, only the errors it accepts.
func (m Mono[T]) OnErrorComplete(match ...func(error) bool) Mono[T] {
	var f func(error) bool
	if len(match) > 0 {
		f = match[0]
	}
	return From(operators.OnErrorComplete[T](m, f))
}

// Retry resubscribes to m after an error, at most n times.
func (m Mono[T]) Retry(n int64) Mono[T] { return From(operators.Retry[T](m, n)) }

// String prints the assembly of the mono.
func (m Mono[T]) String() string {
	if s, ok := m.Unwrap().(interface{ String() string }); ok {
		return s.String()
	}
	return fmt.Sprintf("%T", m.Unwrap())
}
