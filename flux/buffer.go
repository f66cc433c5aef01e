package flux

import (
	"github.com/sluicego/sluice"
	"github.com/sluicego/sluice/operators"
)

// Buffer emits the elements in slices of size (the last one may be
// shorter). It is a function, not a method: a method of Flux[T] cannot
// return Flux[[]T] in Go.
func Buffer[T any](f sluice.Publisher[T], size int) Flux[[]T] {
	return From(operators.Buffer(f, size))
}

// BufferSkip starts a buffer every skip elements, each holding up to size.
func BufferSkip[T any](f sluice.Publisher[T], size, skip int) Flux[[]T] {
	return From(operators.BufferSkip(f, size, skip))
}

// BufferUntil closes a buffer after each element for which pred is true.
func BufferUntil[T any](f sluice.Publisher[T], pred func(T) bool) Flux[[]T] {
	return From(operators.BufferUntil(f, pred))
}

// BufferWhile gathers elements while pred holds; a failing element is
// dropped and closes the buffer.
func BufferWhile[T any](f sluice.Publisher[T], pred func(T) bool) Flux[[]T] {
	return From(operators.BufferWhile(f, pred))
}
