package flux

import (
	"context"
	"errors"
	"iter"
	"sync/atomic"

	"github.com/sluicego/sluice"
	"github.com/sluicego/sluice/internal/fuse"
	"github.com/sluicego/sluice/internal/lambda"
	"github.com/sluicego/sluice/internal/queue"
)

// DefaultPrefetch is the demand All keeps outstanding: it requests this many
// elements first and replenishes 75 % of them at a time.
const DefaultPrefetch = 256

// All returns an iterator over the elements of the flux, for use with
// range:
//
//	for v, err := range f.All(ctx) {
//		if err != nil {
//			return err
//		}
//		use(v)
//	}
//
// Each range loop subscribes anew. Elements are requested in batches of
// DefaultPrefetch, replenished when 75 % of a batch has been consumed, and
// buffered between the source and the loop, so the source may run on the
// loop's goroutine (a synchronous source emits inside Request) or on any
// other. The stream's error, or ctx.Err() if ctx is done first, is yielded
// once as (zero, err) and ends the loop. Breaking out of the loop, a panic in
// its body and ctx cancellation all cancel the subscription.
func (f Flux[T]) All(ctx context.Context) iter.Seq2[T, error] {
	return f.all(ctx, DefaultPrefetch)
}

func (f Flux[T]) all(ctx context.Context, prefetch int) iter.Seq2[T, error] {
	return func(yield func(T, error) bool) {
		var zero T
		if err := ctx.Err(); err != nil {
			yield(zero, err)
			return
		}
		if seq, ok := fuse.AsSeq[T](f); ok {
			allFused(ctx, seq, yield)
			return
		}
		it := newIterSubscriber[T](prefetch)
		defer it.cancel()
		f.Subscribe(it)
		limit := lambda.Limit(int64(prefetch))
		var consumed int64
		for {
			v, ok := it.q.Poll()
			if ok {
				if !yield(v, nil) {
					return
				}
				if consumed++; consumed == limit {
					consumed = 0
					// A synchronous source may never let the loop wait,
					// so ctx is also checked once per batch.
					if err := ctx.Err(); err != nil {
						it.cancel()
						yield(zero, err)
						return
					}
					it.request(limit)
				}
				continue
			}
			if it.done.Load() {
				if v, ok := it.q.Poll(); ok { // offered before done was set
					if !yield(v, nil) {
						return
					}
					continue
				}
				if it.err != nil {
					yield(zero, it.err)
				}
				return
			}
			// Nothing ready: announce that we wait, re-check, then sleep.
			it.waiting.Store(true)
			if !it.q.IsEmpty() || it.done.Load() {
				it.waiting.Store(false)
				continue
			}
			select {
			case <-it.wake:
			case <-ctx.Done():
				it.cancel()
				yield(zero, ctx.Err())
				return
			}
		}
	}
}

// iterSubscriber buffers up to prefetch elements between the source and the
// range loop. The source side (OnNext, OnError, OnComplete) is serial; the
// loop polls and, only when it has found nothing, sleeps on wake.
type iterSubscriber[T any] struct {
	q        *queue.SPSC[T]
	sub      atomic.Pointer[iterSubRef]
	prefetch int64
	err      error
	done     atomic.Bool
	waiting  atomic.Bool
	wake     chan struct{}
}

type iterSubRef struct{ s sluice.Subscription }

var iterCancelled = &iterSubRef{}

func newIterSubscriber[T any](prefetch int) *iterSubscriber[T] {
	return &iterSubscriber[T]{
		q:        queue.NewSPSC[T](prefetch),
		prefetch: int64(prefetch),
		wake:     make(chan struct{}, 1),
	}
}

func (it *iterSubscriber[T]) OnSubscribe(s sluice.Subscription) {
	if s == nil {
		panic(sluice.ErrNilSubscription)
	}
	if !it.sub.CompareAndSwap(nil, &iterSubRef{s: s}) {
		s.Cancel()
		return
	}
	s.Request(it.prefetch)
}

func (it *iterSubscriber[T]) OnNext(v T) {
	if it.done.Load() {
		sluice.NextDropped(v)
		return
	}
	if !it.q.Offer(v) {
		// The source sent more than was requested (rule 1.1).
		it.cancel()
		it.terminate(errOverDelivery)
		return
	}
	it.signal()
}

func (it *iterSubscriber[T]) OnError(err error) {
	if err == nil {
		panic(sluice.ErrNilError)
	}
	if it.done.Load() {
		sluice.ErrorDropped(err)
		return
	}
	it.terminate(err)
}

func (it *iterSubscriber[T]) OnComplete() {
	if !it.done.Load() {
		it.terminate(nil)
	}
}

func (it *iterSubscriber[T]) terminate(err error) {
	it.err = err
	it.done.Store(true)
	it.signal()
}

func (it *iterSubscriber[T]) signal() {
	if it.waiting.Load() && it.waiting.CompareAndSwap(true, false) {
		select {
		case it.wake <- struct{}{}:
		default:
		}
	}
}

func (it *iterSubscriber[T]) request(n int64) {
	if r := it.sub.Load(); r != nil && r != iterCancelled {
		r.s.Request(n)
	}
}

func (it *iterSubscriber[T]) cancel() {
	if r := it.sub.Swap(iterCancelled); r != nil && r != iterCancelled {
		r.s.Cancel()
	}
}

// errOverDelivery ends a bridge whose source delivered more elements than
// were requested (a rule 1.1 violation by a foreign publisher).
var errOverDelivery = errors.New("rule 1.1: publisher delivered more elements than requested")

// allFused runs a fused source straight into the loop body: no queue, no
// demand, ctx checked every ctxCheckEvery elements. If the source's ForEach
// swallowed a panic raised by the loop body itself, the panic is raised
// again rather than reported as the stream's error.
func allFused[T any](ctx context.Context, seq fuse.Seq[T], yield func(T, error) bool) {
	var zero T
	inBody, stopped := false, false
	n := 0
	var ctxErr error
	err := seq.ForEach(func(v T) bool {
		if n++; n == ctxCheckEvery {
			n = 0
			if ctxErr = ctx.Err(); ctxErr != nil {
				return false
			}
		}
		inBody = true
		if !yield(v, nil) {
			stopped = true
			inBody = false
			return false
		}
		inBody = false
		return true
	})
	if inBody {
		var pe *sluice.PanicError
		if errors.As(err, &pe) {
			panic(pe.Value)
		}
		panic(err)
	}
	if stopped {
		return
	}
	if ctxErr != nil {
		err = ctxErr
	}
	if err != nil {
		yield(zero, err)
	}
}
