package operators

import (
	"github.com/sluicego/sluice"
	"github.com/sluicego/sluice/internal/fuse"
)

// Concat relays the sources one after the other, subscribing to each only
// when the previous one completed; an error ends the whole stream. Demand
// not met by one source carries over to the next. Fused when every source
// is a fuse.Seq.
func Concat[T any](sources ...sluice.Publisher[T]) sluice.Publisher[T] {
	if len(sources) == 0 {
		return values[T](nil)
	}
	rest := sources[1:]
	return newSwitch(sources[0], "Concat", allSeq(sources), func() policy[T] {
		return &concatPolicy[T]{rest: rest}
	})
}

// ConcatWith relays src, then other.
func ConcatWith[T any](src, other sluice.Publisher[T]) sluice.Publisher[T] {
	return Concat(src, other)
}

// StartWith emits vs, then relays src.
func StartWith[T any](src sluice.Publisher[T], vs ...T) sluice.Publisher[T] {
	return Concat[T](values[T](vs), src)
}

func allSeq[T any](ps []sluice.Publisher[T]) bool {
	for _, p := range ps {
		if _, ok := fuse.AsSeq(p); !ok {
			return false
		}
	}
	return true
}

type concatPolicy[T any] struct {
	rest []sluice.Publisher[T]
}

func (c *concatPolicy[T]) complete(bool) (sluice.Publisher[T], error) {
	if len(c.rest) == 0 {
		return nil, nil
	}
	next := c.rest[0]
	c.rest = c.rest[1:]
	return next, nil
}

func (c *concatPolicy[T]) fail(err error) (sluice.Publisher[T], error) { return nil, err }
