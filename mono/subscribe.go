package mono

import (
	"context"

	"github.com/sluicego/sluice"
	"github.com/sluicego/sluice/internal/fuse"
	"github.com/sluicego/sluice/internal/lambda"
)

// Callbacks are the functions SubscribeWith calls: OnNext with the value (if
// any), then OnComplete, or OnError. Any may be nil; an error with no
// OnError goes to sluice.ErrorDropped. A panic in OnNext cancels the
// subscription and is passed to OnError as a *sluice.PanicError.
type Callbacks[T any] struct {
	// OnNext receives each element.
	OnNext func(T)
	// OnError receives the error that ends the stream.
	OnError func(error)
	// OnComplete is called when the stream ends without error.
	OnComplete func()
}

// SubscribeWith subscribes with callbacks (requesting unbounded demand) and
// returns a function that cancels the subscription. Cancelling ctx cancels
// it too. After cancellation no callback is called.
func (m Mono[T]) SubscribeWith(ctx context.Context, cb Callbacks[T]) (cancel func()) {
	l := lambda.New(ctx, lambda.Callbacks[T](cb), sluice.Unbounded)
	m.Subscribe(l)
	return l.Dispose
}

// Block subscribes and waits for the result: (v, true, nil) for a value,
// (zero, false, nil) for an empty completion, (zero, false, err) for an
// error, and (zero, false, ctx.Err()) if ctx is done first, in which case
// the subscription is cancelled (and the ctx of a FromFunc function with
// it). These are the same results as flux's BlockFirst and BlockLast.
func (m Mono[T]) Block(ctx context.Context) (T, bool, error) {
	ob, ok := m.pub.(lambda.OneBlocker[T]) // the common case, without Unwrap's lookup
	if !ok {
		ob, ok = fuse.Unwrap(m.pub).(lambda.OneBlocker[T])
	}
	if ok {
		// Straight to the publisher that can wait by itself (an RSocket
		// request-response): passing m to lambda.Block would box it.
		if err := ctx.Err(); err != nil {
			var zero T
			return zero, false, err
		}
		return ob.BlockOne(ctx)
	}
	return lambda.Block[T](ctx, m, lambda.Last)
}
