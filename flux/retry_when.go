package flux

import (
	"github.com/sluicego/sluice"
	"github.com/sluicego/sluice/operators"
	"github.com/sluicego/sluice/retry"
)

// RetryWhen resubscribes to f on failure as spec decides, e.g.
// f.RetryWhen(retry.Backoff(3, 100*time.Millisecond)).
func (f Flux[T]) RetryWhen(spec retry.Spec) Flux[T] {
	return From(operators.RetryWhen(f.Unwrap(), spec.Companion))
}

// RetryWhenFunc resubscribes to src on failure whenever the companion
// publisher built from the failures emits (see operators.RetryWhen).
func RetryWhenFunc[T, C any](src sluice.Publisher[T], companion func(signals sluice.Publisher[retry.Signal]) sluice.Publisher[C]) Flux[T] {
	return From(operators.RetryWhen(src, companion))
}

// RepeatWhen resubscribes to src (a Flux or a Mono) on completion whenever
// the companion publisher built from the completions emits (see
// operators.RepeatWhen).
func RepeatWhen[T, C any](src sluice.Publisher[T], companion func(completions sluice.Publisher[int64]) sluice.Publisher[C]) Flux[T] {
	return From(operators.RepeatWhen(src, companion))
}
