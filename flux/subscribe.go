package flux

import (
	"context"

	"github.com/sluicego/sluice"
	"github.com/sluicego/sluice/internal/lambda"
)

// Callbacks are the functions SubscribeWith calls for each signal. Any may
// be nil; an error with no OnError goes to sluice.ErrorDropped.
//
// Callbacks run serially on whatever goroutine the flux signals on (for a
// synchronous source, the goroutine that called SubscribeWith). A panic in
// OnNext cancels the subscription and is passed to OnError as a
// *sluice.PanicError.
type Callbacks[T any] struct {
	// OnNext receives each element.
	OnNext func(T)
	// OnError receives the error that ends the stream.
	OnError func(error)
	// OnComplete is called when the stream ends without error.
	OnComplete func()
}

// Demand is the request policy of SubscribeWith: Unbounded or Batches.
type Demand struct{ batch int64 }

// Unbounded requests every element at once (Request(math.MaxInt64)).
func Unbounded() Demand { return Demand{batch: sluice.Unbounded} }

// Batches requests n elements first and n - n/4 more each time 75 % of a
// batch has been consumed (Reactor's limitRate), so at most n are ever
// outstanding. It panics if n <= 0.
func Batches(n int) Demand {
	if n <= 0 {
		panic("flux.Batches: n must be positive")
	}
	return Demand{batch: int64(n)}
}

// SubscribeWith subscribes with callbacks and the given demand policy and
// returns a function that cancels the subscription. Cancelling ctx cancels
// it too. After cancellation no callback is called (a panic raised by
// OnNext itself still reaches OnError); in particular cancelling does not
// call OnError, so code waiting for OnComplete or OnError should also watch
// ctx.Done().
//
// The zero Demand means Unbounded.
func (f Flux[T]) SubscribeWith(ctx context.Context, cb Callbacks[T], d Demand) (cancel func()) {
	if d.batch == 0 {
		d.batch = sluice.Unbounded
	}
	l := lambda.New(ctx, lambda.Callbacks[T](cb), d.batch)
	f.Subscribe(l)
	return l.Dispose
}
