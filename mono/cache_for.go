package mono

import (
	"time"

	"github.com/sluicego/sluice/operators"
	"github.com/sluicego/sluice/scheduler"
)

// CacheFor is Cache with an expiry (Reactor's cache(Duration)): the result
// of m (value, completion or error) is replayed to every subscriber until
// ttl has passed, on the given scheduler's clock (default
// operators.DefaultTimer), since it was produced; the first subscriber after
// that subscribes to m again, and subscribers arriving meanwhile share that
// new subscription.
func (m Mono[T]) CacheFor(ttl time.Duration, sched ...scheduler.Scheduler) Mono[T] {
	return Mono[T]{pub: operators.CacheTTL[T](m, ttl, schedulerOf(sched))}
}
