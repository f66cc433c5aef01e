package flux

import (
	"context"

	"github.com/sluicego/sluice"
	"github.com/sluicego/sluice/internal/fuse"
	"github.com/sluicego/sluice/internal/lambda"
)

// Blocking bridges return (v, true, nil) when an element was found,
// (zero, false, nil) when the flux completed empty and (zero, false, err)
// when it failed or ctx was done first (err is then ctx.Err() and the
// subscription has been cancelled).

// BlockFirst subscribes, requests one element, waits for it and cancels the
// rest of the stream. See the note above for the results.
func (f Flux[T]) BlockFirst(ctx context.Context) (T, bool, error) {
	return lambda.Block[T](ctx, f, lambda.First)
}

// BlockLast subscribes with unbounded demand and waits for completion,
// returning the last element.
func (f Flux[T]) BlockLast(ctx context.Context) (T, bool, error) {
	if s, ok := fuse.AsSeq[T](f); ok {
		var last T
		var has bool
		err := forEachCtx(ctx, s, func(v T) { last, has = v, true })
		if err != nil {
			var zero T
			return zero, false, err
		}
		return last, has, nil
	}
	return lambda.Block[T](ctx, f, lambda.Last)
}

// Collect subscribes with unbounded demand and returns every element once
// the flux completes. On error it returns the error and no elements (use
// All to keep the elements that came before an error).
func (f Flux[T]) Collect(ctx context.Context) ([]T, error) {
	var out []T
	if s, ok := fuse.AsSeq[T](f); ok {
		if err := forEachCtx(ctx, s, func(v T) { out = append(out, v) }); err != nil {
			return nil, err
		}
		if out == nil {
			out = []T{}
		}
		return out, nil
	}
	_, _, err := lambda.Block[T](ctx, collector[T]{src: f, out: &out}, lambda.Last)
	if err != nil {
		return nil, err
	}
	if out == nil {
		out = []T{}
	}
	return out, nil
}

// ctxCheckEvery is how many fused elements pass between two ctx checks.
const ctxCheckEvery = 1024

// forEachCtx runs a fused source to its end, checking ctx every
// ctxCheckEvery elements.
func forEachCtx[T any](ctx context.Context, s fuse.Seq[T], fn func(T)) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	if ctx.Done() == nil {
		return s.ForEach(func(v T) bool { fn(v); return true })
	}
	n := 0
	var ctxErr error
	err := s.ForEach(func(v T) bool {
		if n++; n == ctxCheckEvery {
			n = 0
			if ctxErr = ctx.Err(); ctxErr != nil {
				return false
			}
		}
		fn(v)
		return true
	})
	if ctxErr != nil {
		return ctxErr
	}
	return err
}

// collector is a publisher that taps the elements of src into out on their
// way to the blocking subscriber.
type collector[T any] struct {
	src Flux[T]
	out *[]T
}

func (c collector[T]) Subscribe(s sluice.Subscriber[T]) {
	c.src.Subscribe(&collectTap[T]{Subscriber: s, out: c.out})
}

type collectTap[T any] struct {
	sluice.Subscriber[T]
	out *[]T
}

func (t *collectTap[T]) OnNext(v T) { *t.out = append(*t.out, v) }
