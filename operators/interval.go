package operators

import (
	"fmt"
	"time"

	"github.com/sluicego/sluice"
	"github.com/sluicego/sluice/scheduler"
)

// Interval emits 0, 1, 2, ... on sched (nil: DefaultTimer), the first tick
// after initialDelay and then one every period, until cancelled. A tick that
// falls due while the subscriber has no outstanding demand ends the stream
// with an error wrapping ErrOverflow, as Reactor's interval does: time does
// not wait for a slow subscriber (put OnBackpressureDrop or a buffer in
// between if it must). Interval panics if period <= 0.
func Interval(initialDelay, period time.Duration, sched scheduler.Scheduler) sluice.Publisher[int64] {
	if period <= 0 {
		panic("operators: Interval period must be positive")
	}
	return &intervalPublisher{delay: initialDelay, period: period, sched: sched}
}

type intervalPublisher struct {
	delay, period time.Duration
	sched         scheduler.Scheduler
}

func (p *intervalPublisher) String() string {
	return fmt.Sprintf("Interval(%v, %v)", p.delay, p.period)
}

func (p *intervalPublisher) Subscribe(s sluice.Subscriber[int64]) {
	checkSubscriber(s)
	t := &intervalTicker{}
	t.init(s, p.sched)
	s.OnSubscribe(t)
	if t.done.Load() {
		return
	}
	t.worker.SchedulePeriodically(p.delay, p.period, t.tick)
}

type intervalTicker struct {
	timedEmitter[int64]
	count int64 // owned by the periodic task
}

func (t *intervalTicker) tick() {
	n := t.count
	t.count++
	t.emitOrOverflow(n, fmt.Sprintf("tick %d", n))
}
