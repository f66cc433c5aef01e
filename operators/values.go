package operators

import (
	"github.com/sluicego/sluice"
	"github.com/sluicego/sluice/internal/pull"
)

// values is a fusable publisher of fixed elements, used by StartWith,
// DefaultIfEmpty, OnErrorReturn and ThenReturn.
type values[T any] []T

func (v values[T]) String() string { return "Values" }

func (v values[T]) Subscribe(s sluice.Subscriber[T]) {
	checkSubscriber(s)
	pull.Subscribe[T](s, &valuesCursor[T]{vs: v})
}

// ForEach runs the fused loop.
func (v values[T]) ForEach(yield func(T) bool) error {
	for _, x := range v {
		if !yield(x) {
			return nil
		}
	}
	return nil
}

type valuesCursor[T any] struct {
	vs values[T]
	i  int
}

func (c *valuesCursor[T]) Next() (T, bool, error) {
	if c.i == len(c.vs) {
		var zero T
		return zero, false, nil
	}
	c.i++
	return c.vs[c.i-1], true, nil
}

func (c *valuesCursor[T]) Exhausted() bool { return c.i == len(c.vs) }
