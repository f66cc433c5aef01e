package operators

import (
	"github.com/sluicego/sluice"
	"github.com/sluicego/sluice/internal/inner"
	"github.com/sluicego/sluice/internal/pull"
)

// Merge subscribes to every source at once and emits their elements as they
// arrive, interleaved; it completes when all complete and fails with the
// first error (cancelling the others). Each source is asked for prefetch
// elements ahead and replenished in batches.
func Merge[T any](prefetch int, sources ...sluice.Publisher[T]) sluice.Publisher[T] {
	if len(sources) == 0 {
		return mergeEmpty[T]{}
	}
	return FlatMap[sluice.Publisher[T], T](mergeSources[T](sources), mergeIdentity[T], len(sources), prefetch)
}

// MergeDelayError is Merge that lets every source finish before failing with
// the errors met (joined with errors.Join).
func MergeDelayError[T any](prefetch int, sources ...sluice.Publisher[T]) sluice.Publisher[T] {
	if len(sources) == 0 {
		return mergeEmpty[T]{}
	}
	return FlatMapDelayError[sluice.Publisher[T], T](mergeSources[T](sources), mergeIdentity[T], len(sources), prefetch)
}

// MergeSequential subscribes to every source at once but emits all of the
// first source's elements, then all of the second's, and so on.
func MergeSequential[T any](prefetch int, sources ...sluice.Publisher[T]) sluice.Publisher[T] {
	if len(sources) == 0 {
		return mergeEmpty[T]{}
	}
	return FlatMapSequential[sluice.Publisher[T], T](mergeSources[T](sources), mergeIdentity[T], len(sources), prefetch)
}

func mergeIdentity[T any](p sluice.Publisher[T]) sluice.Publisher[T] { return p }

type mergeEmpty[T any] struct{}

func (mergeEmpty[T]) Subscribe(s sluice.Subscriber[T]) {
	if s == nil {
		panic(sluice.ErrNilSubscriber)
	}
	s.OnSubscribe(inner.Noop{})
	s.OnComplete()
}

// mergeSources emits the sources themselves.
type mergeSources[T any] []sluice.Publisher[T]

func (m mergeSources[T]) Subscribe(s sluice.Subscriber[sluice.Publisher[T]]) {
	pull.Subscribe[sluice.Publisher[T]](s, &mergeCursor[T]{srcs: m})
}

type mergeCursor[T any] struct {
	srcs []sluice.Publisher[T]
	i    int
}

func (c *mergeCursor[T]) Next() (sluice.Publisher[T], bool, error) {
	if c.i == len(c.srcs) {
		return nil, false, nil
	}
	p := c.srcs[c.i]
	c.i++
	return p, true, nil
}

func (c *mergeCursor[T]) Exhausted() bool { return c.i == len(c.srcs) }
