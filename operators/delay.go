package operators

import (
	"fmt"
	"time"

	"github.com/sluicego/sluice"
	"github.com/sluicego/sluice/scheduler"
)

// Delay is a Mono source that emits 0 once d has elapsed on sched (nil:
// DefaultTimer) and completes (Reactor's Mono.delay). If the subscriber has
// not requested yet when the timer fires, the value waits for its first
// request. Cancelling disposes the timer.
func Delay(d time.Duration, sched scheduler.Scheduler) sluice.Publisher[int64] {
	return &delayPublisher{d: d, sched: sched}
}

type delayPublisher struct {
	d     time.Duration
	sched scheduler.Scheduler
}

func (p *delayPublisher) String() string { return fmt.Sprintf("Delay(%v)", p.d) }

func (p *delayPublisher) Subscribe(s sluice.Subscriber[int64]) {
	checkSubscriber(s)
	m := &delayMono{}
	m.out.down = s
	s.OnSubscribe(m)
	if m.out.ended() {
		return
	}
	m.timer.Store(&disposableBox{timerOf(p.sched).ScheduleAfter(p.d, m.fire)})
	if m.out.ended() {
		m.timer.Load().d.Dispose()
	}
}

type delayMono struct {
	out   scalarOut[int64]
	timer atomicDisposable
}

func (m *delayMono) fire() { m.out.complete(0, true) }

func (m *delayMono) Request(n int64) { m.out.request(n) }

func (m *delayMono) Cancel() {
	if m.out.cancel() {
		if b := m.timer.Load(); b != nil {
			b.d.Dispose()
		}
	}
}
