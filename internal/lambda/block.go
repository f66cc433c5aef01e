package lambda

import (
	"context"
	"sync/atomic"

	"github.com/sluicego/sluice"
	"github.com/sluicego/sluice/internal/fuse"
)

// Mode selects which element Block returns.
type Mode int

const (
	// First requests one element and cancels upstream once it arrives.
	First Mode = iota
	// Last requests everything and keeps the last element.
	Last
)

type blocker[T any] struct {
	mode  Mode
	sub   atomic.Pointer[subRef]
	v     T
	has   bool
	err   error
	done  chan struct{}
	fired bool
}

func (b *blocker[T]) OnSubscribe(s sluice.Subscription) {
	if s == nil {
		panic(sluice.ErrNilSubscription)
	}
	if !b.sub.CompareAndSwap(nil, &subRef{s: s}) {
		s.Cancel()
		return
	}
	if b.mode == First {
		s.Request(1)
	} else {
		s.Request(Unbounded)
	}
}

func (b *blocker[T]) OnNext(v T) {
	if b.fired {
		sluice.NextDropped(v)
		return
	}
	b.v, b.has = v, true
	if b.mode == First {
		if r := b.sub.Swap(cancelled); r != nil && r != cancelled {
			r.s.Cancel()
		}
		b.finish(nil)
	}
}

func (b *blocker[T]) OnError(err error) {
	if err == nil {
		panic(sluice.ErrNilError)
	}
	if b.fired {
		sluice.ErrorDropped(err)
		return
	}
	b.finish(err)
}

func (b *blocker[T]) OnComplete() {
	if !b.fired {
		b.finish(nil)
	}
}

func (b *blocker[T]) finish(err error) {
	b.fired = true
	b.err = err
	b.sub.Store(cancelled)
	close(b.done)
}

func (b *blocker[T]) cancel() {
	if r := b.sub.Swap(cancelled); r != nil && r != cancelled {
		r.s.Cancel()
	}
}

// OneBlocker is implemented by publishers of at most one element that can
// wait for it without a subscriber (an RSocket request-response): Block
// calls BlockOne, whatever the mode, instead of subscribing. BlockOne has
// Block's contract.
type OneBlocker[T any] interface {
	BlockOne(ctx context.Context) (T, bool, error)
}

// Block subscribes to p and waits for the element selected by mode (First
// or Last) and the end of the stream. It returns (v, true, nil) if an
// element arrived, (zero, false, nil) if the stream completed empty,
// (zero, false, err) if it failed, and (zero, false, ctx.Err()) after
// cancelling the subscription if ctx is done first. A synchronous source
// runs to completion on the calling goroutine; ctx cancellation still
// reaches it through Cancel.
func Block[T any](ctx context.Context, p sluice.Publisher[T], mode Mode) (T, bool, error) {
	var zero T
	if err := ctx.Err(); err != nil {
		return zero, false, err
	}
	if ob, ok := fuse.Unwrap(p).(OneBlocker[T]); ok {
		return ob.BlockOne(ctx)
	}
	b := &blocker[T]{mode: mode, done: make(chan struct{})}
	stop := context.AfterFunc(ctx, b.cancel)
	defer stop()
	p.Subscribe(b)
	select {
	case <-b.done:
	case <-ctx.Done():
		b.cancel()
		select {
		case <-b.done: // a terminal that raced with ctx wins if it is there
		default:
			return zero, false, ctx.Err()
		}
	}
	if b.err != nil {
		return zero, false, b.err
	}
	if !b.has {
		return zero, false, nil
	}
	return b.v, true, nil
}
