package mono

import (
	"github.com/sluicego/sluice"
	"github.com/sluicego/sluice/operators"
)

// Then ignores the element of m and relays other once m completes.
func Then[T, R any](m sluice.Publisher[T], other Mono[R]) Mono[R] {
	return From(operators.Then[T, R](m, other))
}

// ThenReturn ignores the element of m and emits v once m completes.
func ThenReturn[T, R any](m sluice.Publisher[T], v R) Mono[R] {
	return From(operators.ThenReturn[T, R](m, v))
}

// Then relays only the terminal signal of m, as an empty Mono.
func (m Mono[T]) Then() Mono[struct{}] { return From(operators.ThenEmpty[T](m)) }

// DefaultIfEmpty emits v if m completes empty.
func (m Mono[T]) DefaultIfEmpty(v T) Mono[T] { return From(operators.DefaultIfEmpty[T](m, v)) }

// SwitchIfEmpty relays alt if m completes empty.
func (m Mono[T]) SwitchIfEmpty(alt Mono[T]) Mono[T] {
	return From(operators.SwitchIfEmpty[T](m, alt))
}
