package flux

import (
	"context"
	"time"

	"github.com/sluicego/sluice/operators"
	"github.com/sluicego/sluice/scheduler"
)

// ConnectableFlux is a hot Flux: subscribers register at any time, the
// source is subscribed once, by Connect, and multicast to all of them (see
// operators.Connectable).
type ConnectableFlux[T any] struct {
	Flux[T]
	c *operators.Connectable[T]
}

func multicastPrefetch(opts []AsyncOption) int {
	c := asyncConfig{prefetch: operators.DefaultPrefetch * 8}
	for _, o := range opts {
		o(&c)
	}
	return c.prefetch
}

// Publish turns f into a ConnectableFlux without history (Reactor's
// publish()). Option: WithPrefetch (default 256), the number of elements
// requested ahead of the slowest subscriber.
func (f Flux[T]) Publish(opts ...AsyncOption) ConnectableFlux[T] {
	c := operators.Publish[T](f, multicastPrefetch(opts))
	return ConnectableFlux[T]{Flux: Flux[T]{pub: c}, c: c}
}

// Replay turns f into a ConnectableFlux that replays the last history
// elements (history <= 0: all) and the terminal signal to late subscribers.
// Option: WithPrefetch (default 256).
func (f Flux[T]) Replay(history int, opts ...AsyncOption) ConnectableFlux[T] {
	c := operators.Replay[T](f, history, multicastPrefetch(opts))
	return ConnectableFlux[T]{Flux: Flux[T]{pub: c}, c: c}
}

// Share multicasts f to its current subscribers, subscribing on the first
// and cancelling when the last leaves: Publish().RefCount(1).
func (f Flux[T]) Share(opts ...AsyncOption) Flux[T] {
	return f.Publish(opts...).RefCount(1)
}

// Cache subscribes to f once, on the first subscription, and replays all of
// its elements and its terminal signal to every subscriber.
func (f Flux[T]) Cache(opts ...AsyncOption) Flux[T] {
	return Flux[T]{pub: operators.Cache[T](f, multicastPrefetch(opts))}
}

// Connect subscribes the source (once per connection) and returns the
// connection; disposing it cancels the source and fails the subscribers
// with operators.ErrDisconnected.
func (c ConnectableFlux[T]) Connect() operators.Disposable { return c.c.Connect() }

// ConnectCtx is Connect whose connection is also disposed when ctx is done.
func (c ConnectableFlux[T]) ConnectCtx(ctx context.Context) operators.Disposable {
	return c.c.ConnectCtx(ctx)
}

// RefCount connects when minSubscribers have subscribed and disconnects
// when they have all left (see operators.RefCount).
func (c ConnectableFlux[T]) RefCount(minSubscribers int) Flux[T] {
	return Flux[T]{pub: operators.RefCount(c.c, minSubscribers, 0, nil)}
}

// RefCountGrace is RefCount that waits grace on sched's clock before
// disconnecting, so that a subscriber arriving meanwhile reuses the
// connection.
func (c ConnectableFlux[T]) RefCountGrace(minSubscribers int, grace time.Duration, sched scheduler.Scheduler) Flux[T] {
	return Flux[T]{pub: operators.RefCount(c.c, minSubscribers, grace, sched)}
}

// AutoConnect connects once the n-th subscriber arrived and never
// disconnects.
func (c ConnectableFlux[T]) AutoConnect(n int) Flux[T] {
	return Flux[T]{pub: operators.AutoConnect(c.c, n)}
}
