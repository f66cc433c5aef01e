package mono

import "github.com/sluicego/sluice/operators"

// Cache subscribes to m once, on the first subscription, and hands its
// value (or completion, or error) to every subscriber, early or late.
func (m Mono[T]) Cache() Mono[T] {
	return Mono[T]{pub: operators.Cache[T](m, 1)}
}
