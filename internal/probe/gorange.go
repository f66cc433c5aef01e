package probe

import (
	"sync/atomic"

	"github.com/sluicego/sluice"
	"github.com/sluicego/sluice/internal/demand"
)

// GoRange emits count integers from start from a goroutine of its own,
// started per subscription, honouring demand; the goroutine ends on
// completion or cancellation. Live counts the goroutines running.
type GoRange struct {
	Start, Count int
	Live         atomic.Int64
}

// Subscribe starts the emitting goroutine for s.
func (p *GoRange) Subscribe(s sluice.Subscriber[int]) {
	sub := &goRangeSub{wake: make(chan struct{}, 1), stop: make(chan struct{})}
	s.OnSubscribe(sub)
	p.Live.Add(1)
	go func() {
		defer p.Live.Add(-1)
		next, end := p.Start, p.Start+p.Count
		for next < end {
			r := sub.requested.Load()
			if r == 0 {
				select {
				case <-sub.wake:
					continue
				case <-sub.stop:
					return
				}
			}
			for r > 0 && next < end {
				if sub.cancelled.Load() {
					return
				}
				s.OnNext(next)
				next++
				r = demand.ProducedAtomic(&sub.requested, 1)
			}
		}
		if !sub.cancelled.Load() {
			s.OnComplete()
		}
	}()
}

type goRangeSub struct {
	requested atomic.Int64
	cancelled atomic.Bool
	wake      chan struct{}
	stop      chan struct{}
}

func (s *goRangeSub) Request(n int64) {
	if n <= 0 || s.cancelled.Load() {
		return
	}
	demand.AddAtomic(&s.requested, n)
	select {
	case s.wake <- struct{}{}:
	default:
	}
}

func (s *goRangeSub) Cancel() {
	if !s.cancelled.Swap(true) {
		close(s.stop)
	}
}
