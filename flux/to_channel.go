package flux

import (
	"context"
	"sync/atomic"

	"github.com/sluicego/sluice"
)

// ToChannel subscribes on a new goroutine and sends the elements of the flux
// to the returned channel, which has capacity size and is closed when the
// stream ends. The returned function reports how it ended: nil after
// completion, the stream's error, or ctx.Err() if ctx was done first. Call it
// after the channel is closed; before that it returns nil.
//
// The goroutine belongs to ctx: it stops, cancelling the subscription and
// closing the channel, when ctx is done. A consumer that stops reading
// before the channel is closed must cancel ctx, or the goroutine stays
// blocked on the send. Elements are requested in batches of size (at least
// 1), so at most about 2*size elements are in flight.
func (f Flux[T]) ToChannel(ctx context.Context, size int) (<-chan T, func() error) {
	if size < 0 {
		size = 0
	}
	ch := make(chan T, size)
	var errp atomic.Pointer[error]
	prefetch := max(size, 1)
	go func() {
		defer close(ch)
		defer func() {
			if r := recover(); r != nil {
				err := error(sluice.NewPanicError(r))
				errp.Store(&err)
			}
		}()
		for v, err := range f.all(ctx, prefetch) {
			if err != nil {
				errp.Store(&err)
				return
			}
			select {
			case ch <- v:
			case <-ctx.Done():
				err := ctx.Err()
				errp.Store(&err)
				return
			}
		}
	}()
	return ch, func() error {
		if p := errp.Load(); p != nil {
			return *p
		}
		return nil
	}
}
