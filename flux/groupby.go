package flux

import (
	"github.com/sluicego/sluice"
	"github.com/sluicego/sluice/operators"
)

// GroupedFlux is one group emitted by GroupBy: a unicast Flux of the
// elements whose key is Key.
type GroupedFlux[K comparable, T any] struct {
	Flux[T]
	key K
}

// Key returns the key shared by the group's elements.
func (g GroupedFlux[K, T]) Key() K { return g.key }

// GroupBy splits f into one GroupedFlux per key that keyFn computes
// (Reactor's groupBy); WithPrefetch sets how many elements are requested
// ahead from f (default operators.DefaultGroupPrefetch, 256).
//
// Subscribe to each group inside the OnNext that emits it (FlatMap does,
// which is the common way to consume groups). A group that is not
// subscribed then is abandoned: its elements go to sluice.NextDropped and
// later elements with its key open a new group (see operators.GroupBy).
// Cancelling the outer Flux keeps the live groups running.
func GroupBy[T any, K comparable](f sluice.Publisher[T], keyFn func(T) K, opts ...AsyncOption) Flux[GroupedFlux[K, T]] {
	c := asyncConfig{prefetch: operators.DefaultGroupPrefetch}
	for _, o := range opts {
		o(&c)
	}
	groups := operators.GroupBy(f, keyFn, c.prefetch)
	return Flux[GroupedFlux[K, T]]{pub: operators.Map(groups, func(g operators.Grouped[K, T]) GroupedFlux[K, T] {
		return GroupedFlux[K, T]{Flux: From[T](g), key: g.Key()}
	})}
}
