package flux

import (
	"github.com/sluicego/sluice"
	"github.com/sluicego/sluice/operators"
)

// SignalType names the signal that ended a stream (see DoFinally).
type SignalType = operators.SignalType

// DoOnNext calls fn with each element before relaying it.
func (f Flux[T]) DoOnNext(fn func(T)) Flux[T] { return From(operators.DoOnNext[T](f, fn)) }

// DoOnError calls fn with the error before relaying it.
func (f Flux[T]) DoOnError(fn func(error)) Flux[T] { return From(operators.DoOnError[T](f, fn)) }

// DoOnComplete calls fn before relaying completion.
func (f Flux[T]) DoOnComplete(fn func()) Flux[T] { return From(operators.DoOnComplete[T](f, fn)) }

// DoOnSubscribe calls fn with the upstream subscription.
func (f Flux[T]) DoOnSubscribe(fn func(sluice.Subscription)) Flux[T] {
	return From(operators.DoOnSubscribe[T](f, fn))
}

// DoOnRequest calls fn with each downstream request.
func (f Flux[T]) DoOnRequest(fn func(int64)) Flux[T] { return From(operators.DoOnRequest[T](f, fn)) }

// DoOnCancel calls fn when the downstream cancels.
func (f Flux[T]) DoOnCancel(fn func()) Flux[T] { return From(operators.DoOnCancel[T](f, fn)) }

// DoFinally calls fn once after completion, error or cancellation.
func (f Flux[T]) DoFinally(fn func(SignalType)) Flux[T] { return From(operators.DoFinally[T](f, fn)) }

// Log records every signal with log/slog (see operators.Log).
func (f Flux[T]) Log(category string, opts ...operators.LogOption) Flux[T] {
	return From(operators.Log[T](f, category, opts...))
}
