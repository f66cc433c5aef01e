package mono

import (
	"github.com/sluicego/sluice"
	"github.com/sluicego/sluice/operators"
)

// DoOnNext calls fn with the element before relaying it.
func (m Mono[T]) DoOnNext(fn func(T)) Mono[T] { return From(operators.DoOnNext[T](m, fn)) }

// DoOnSuccess calls fn when m succeeds: with the element and true, or the
// zero value and false if it completed empty.
func (m Mono[T]) DoOnSuccess(fn func(v T, ok bool)) Mono[T] {
	return From(operators.DoOnSuccess[T](m, fn))
}

// DoOnError calls fn with the error before relaying it.
func (m Mono[T]) DoOnError(fn func(error)) Mono[T] { return From(operators.DoOnError[T](m, fn)) }

// DoOnSubscribe calls fn with the upstream subscription.
func (m Mono[T]) DoOnSubscribe(fn func(sluice.Subscription)) Mono[T] {
	return From(operators.DoOnSubscribe[T](m, fn))
}

// DoOnRequest calls fn with each downstream request.
func (m Mono[T]) DoOnRequest(fn func(int64)) Mono[T] { return From(operators.DoOnRequest[T](m, fn)) }

// DoOnCancel calls fn when the downstream cancels.
func (m Mono[T]) DoOnCancel(fn func()) Mono[T] { return From(operators.DoOnCancel[T](m, fn)) }

// DoFinally calls fn once after success, error or cancellation.
func (m Mono[T]) DoFinally(fn func(operators.SignalType)) Mono[T] {
	return From(operators.DoFinally[T](m, fn))
}

// Log records every signal with log/slog (see operators.Log).
func (m Mono[T]) Log(category string, opts ...operators.LogOption) Mono[T] {
	return From(operators.Log[T](m, category, opts...))
}
