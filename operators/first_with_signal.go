package operators

import (
	"sync/atomic"

	"github.com/sluicego/sluice"
	"github.com/sluicego/sluice/internal/demand"
	"github.com/sluicego/sluice/internal/inner"
)

// FirstWithSignal subscribes to every source and relays the one that
// signals first (an element, an error or completion), cancelling the others
// (Reactor's firstWithSignal, Rx's amb). Demand made before a winner is
// known goes to every source. No source completes at once.
func FirstWithSignal[T any](sources ...sluice.Publisher[T]) sluice.Publisher[T] {
	if len(sources) == 0 {
		return mergeEmpty[T]{}
	}
	if len(sources) == 1 {
		return sources[0]
	}
	return firstPublisher[T](sources)
}

type firstPublisher[T any] []sluice.Publisher[T]

func (p firstPublisher[T]) Subscribe(s sluice.Subscriber[T]) {
	checkSubscriber(s)
	m := &firstMain[T]{down: s, racers: make([]*firstRacer[T], len(p))}
	m.winner.Store(-1)
	for i := range m.racers {
		m.racers[i] = &firstRacer[T]{m: m, i: int32(i)}
	}
	s.OnSubscribe(m)
	for i, src := range p {
		if m.cancelled.Load() || m.winner.Load() >= 0 {
			return
		}
		src.Subscribe(m.racers[i])
	}
}

type firstMain[T any] struct {
	down      sluice.Subscriber[T]
	racers    []*firstRacer[T]
	winner    atomic.Int32
	cancelled atomic.Bool
}

func (m *firstMain[T]) Request(n int64) {
	if m.cancelled.Load() {
		return
	}
	if n <= 0 {
		// let one racer report it once it wins, or report it ourselves
		if w := m.winner.Load(); w >= 0 {
			m.racers[w].slot.Request(n)
			return
		}
		if m.winner.CompareAndSwap(-1, int32(len(m.racers))) {
			m.Cancel()
			m.down.OnError(demand.Invalid(n))
		}
		return
	}
	if w := m.winner.Load(); w >= 0 && int(w) < len(m.racers) {
		m.racers[w].slot.Request(n)
		return
	}
	for _, r := range m.racers {
		r.slot.Request(n)
	}
}

func (m *firstMain[T]) Cancel() {
	if m.cancelled.Swap(true) {
		return
	}
	for _, r := range m.racers {
		r.slot.Cancel()
	}
}

// firstRacer subscribes to one source and forwards only if it wins.
type firstRacer[T any] struct {
	m    *firstMain[T]
	i    int32
	slot inner.Deferred
	won  bool // set by this racer's own signals
}

func (r *firstRacer[T]) OnSubscribe(s sluice.Subscription) { r.slot.Set(s) }

// win reports whether this racer is (now) the winner; losers cancel.
func (r *firstRacer[T]) win() bool {
	if r.won {
		return true
	}
	if r.m.winner.Load() == r.i || r.m.winner.CompareAndSwap(-1, r.i) {
		r.won = true
		for _, o := range r.m.racers {
			if o != r {
				o.slot.Cancel()
			}
		}
		return true
	}
	r.slot.Cancel()
	return false
}

func (r *firstRacer[T]) OnNext(v T) {
	if r.win() {
		r.m.down.OnNext(v)
	} else {
		sluice.NextDropped(v)
	}
}

func (r *firstRacer[T]) OnError(err error) {
	if r.win() {
		r.m.down.OnError(err)
	} else {
		sluice.ErrorDropped(err)
	}
}

func (r *firstRacer[T]) OnComplete() {
	if r.win() {
		r.m.down.OnComplete()
	}
}
