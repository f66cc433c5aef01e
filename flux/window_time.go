package flux

import (
	"time"

	"github.com/sluicego/sluice"
	"github.com/sluicego/sluice/operators"
	"github.com/sluicego/sluice/scheduler"
)

// WindowTime splits f into consecutive windows of duration d, each a
// unicast Flux opened at subscription and every d after it, on the
// scheduler (default the wall-clock timer; see operators.WindowTime).
func WindowTime[T any](f sluice.Publisher[T], d time.Duration, on ...scheduler.Scheduler) Flux[Flux[T]] {
	return Flux[Flux[T]]{pub: operators.Map(operators.WindowTime(f, d, schedulerOf(on)), From[T])}
}
