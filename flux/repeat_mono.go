package flux

import (
	"github.com/sluicego/sluice"
	"github.com/sluicego/sluice/operators"
)

// RepeatMono subscribes to m again each time it completes, n more times, and
// emits every value as one Flux (Reactor's Mono.repeat(n)); n < 0 repeats
// until cancelled. It lives in flux because mono cannot import flux. An
// error ends the Flux.
func RepeatMono[T any](m sluice.Publisher[T], n int64) Flux[T] {
	if n < 0 {
		return From(operators.RepeatWhile[T](m, func() bool { return true }))
	}
	return From(operators.Repeat[T](m, n))
}
