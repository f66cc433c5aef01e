package operators

import (
	"fmt"
	"sync/atomic"
	"time"

	"github.com/sluicego/sluice"
	"github.com/sluicego/sluice/internal/demand"
	"github.com/sluicego/sluice/internal/queue"
	"github.com/sluicego/sluice/scheduler"
)

// WindowTime splits src into consecutive windows of duration d on sched
// (nil: DefaultTimer): a window opens at subscription and every d after
// it, and completes when the next one opens (or when src ends; an error of
// src ends the open window with it). Each window is a unicast publisher
// like Window's, buffering its elements until it is subscribed. src is
// requested without bound, as in Reactor. A window is handed downstream as
// soon as there is demand for it; when a window is due while the previous
// one still waits for demand, the stream ends with an error wrapping
// ErrOverflow. Cancelling the outer stream lets the open window run until
// its time is up; src is cancelled once the outer and every window are
// cancelled or done. d must be positive.
func WindowTime[T any](src sluice.Publisher[T], d time.Duration, sched scheduler.Scheduler) sluice.Publisher[sluice.Publisher[T]] {
	if d <= 0 {
		panic("operators: WindowTime duration must be positive")
	}
	return &windowTimePublisher[T]{src: src, d: d, sched: sched}
}

// windowBuf is the element buffer of a window: bounded for Window,
// unbounded for WindowTime.
type windowBuf[T any] interface {
	Offer(v T) bool
	Poll() (T, bool)
	IsEmpty() bool
	Clear()
}

// unboundedBuf adapts an MPSC queue (used by one producer) to windowBuf.
type unboundedBuf[T any] struct{ *queue.MPSC[T] }

func (b unboundedBuf[T]) Offer(v T) bool { b.MPSC.Offer(v); return true }

type windowTimePublisher[T any] struct {
	src   sluice.Publisher[T]
	d     time.Duration
	sched scheduler.Scheduler
}

func (p *windowTimePublisher[T]) String() string {
	return describe(p.src, fmt.Sprintf("WindowTime(%v)", p.d))
}

func (p *windowTimePublisher[T]) Subscribe(s sluice.Subscriber[sluice.Publisher[T]]) {
	checkSubscriber(s)
	m := &windowTimeMain[T]{d: p.d, events: queue.NewMPSC[wtEvent[T]]()}
	m.init(s, p.sched)
	m.refs.Store(1)
	p.src.Subscribe(m)
}

// wtEvent kinds.
const (
	wtNext uint8 = iota
	wtTick
	wtEnd
)

type wtEvent[T any] struct {
	kind uint8
	v    T
	err  error
}

// windowTimeMain serializes the upstream signals, the timer ticks and the
// outer demand through one drain loop, which alone pushes into and ends
// the windows.
type windowTimeMain[T any] struct {
	timedEmitter[sluice.Publisher[T]]
	d         time.Duration
	events    *queue.MPSC[wtEvent[T]]
	wip       demand.WIP
	refs      atomic.Int64 // the outer plus the open windows
	cancelled atomic.Bool  // the outer was cancelled

	// owned by the drain loop (set up in OnSubscribe before it runs)
	cur     *window[T] // the open window
	pending *window[T] // the open window, not handed downstream yet
	ended   bool
}

func (m *windowTimeMain[T]) OnSubscribe(s sluice.Subscription) {
	if !m.upstream.Set(s) {
		return
	}
	m.open()
	m.worker.SchedulePeriodically(m.d, m.d, func() {
		m.events.Offer(wtEvent[T]{kind: wtTick})
		m.drain()
	})
	m.down.OnSubscribe(m)
	m.drain()
	s.Request(sluice.Unbounded)
}

// open starts a new window, to be handed downstream by the drain loop.
func (m *windowTimeMain[T]) open() {
	w := newWindow[T](unboundedBuf[T]{queue.NewMPSC[T]()}, m)
	m.refs.Add(1)
	m.cur, m.pending = w, w
}

// release gives back one reference (the outer's or a window's); the last
// one stops the timer and cancels src.
func (m *windowTimeMain[T]) release() {
	if m.refs.Add(-1) == 0 {
		m.timedEmitter.Cancel()
	}
}

// Request adds demand for windows.
func (m *windowTimeMain[T]) Request(n int64) {
	m.timedEmitter.Request(n)
	m.drain()
}

// Cancel stops opening windows; the open one runs until its time is up.
func (m *windowTimeMain[T]) Cancel() {
	if !m.cancelled.Swap(true) {
		m.release()
		m.drain()
	}
}

func (m *windowTimeMain[T]) OnNext(v T) {
	m.events.Offer(wtEvent[T]{kind: wtNext, v: v})
	m.drain()
}

func (m *windowTimeMain[T]) OnError(err error) {
	m.events.Offer(wtEvent[T]{kind: wtEnd, err: err})
	m.drain()
}

func (m *windowTimeMain[T]) OnComplete() {
	m.events.Offer(wtEvent[T]{kind: wtEnd})
	m.drain()
}

func (m *windowTimeMain[T]) drain() {
	if !m.wip.Enter() {
		return
	}
	missed := int32(1)
	for {
		m.drainOnce()
		if missed = m.wip.Leave(missed); missed == 0 {
			return
		}
	}
}

func (m *windowTimeMain[T]) drainOnce() {
	for {
		if !m.ended && m.done.Load() {
			// ended from outside the loop: invalid demand, a broken
			// subscriber, or every reference released
			m.ended = true
			m.closeCur(sluice.ErrCancelled)
		}
		if p := m.pending; p != nil && !m.ended {
			if m.cancelled.Load() {
				m.pending = nil
				p.Cancel() // never handed out: give its reference back
			} else if m.tryEmit(p) {
				m.pending = nil
			}
		}
		ev, ok := m.events.Poll()
		if !ok {
			return
		}
		if m.ended {
			if ev.kind == wtNext {
				sluice.NextDropped(ev.v)
			} else if ev.err != nil {
				sluice.ErrorDropped(ev.err)
			}
			continue
		}
		switch ev.kind {
		case wtNext:
			if m.cur != nil {
				m.cur.push(ev.v)
			} else {
				sluice.NextDropped(ev.v)
			}
		case wtTick:
			m.tick()
		case wtEnd:
			m.ended = true
			if ev.err != nil {
				m.pending = nil
				m.closeCur(ev.err)
				m.fail(ev.err)
				continue
			}
			p := m.pending
			m.pending = nil
			m.closeCur(nil)
			if p != nil {
				m.finish(p)
			} else {
				m.complete()
			}
		}
	}
}

// tick closes the open window and opens the next one.
func (m *windowTimeMain[T]) tick() {
	if m.pending != nil {
		m.ended = true
		m.pending = nil
		err := fmt.Errorf("%w: could not emit window due to lack of requests", ErrOverflow)
		m.closeCur(err)
		m.fail(err)
		return
	}
	m.closeCur(nil)
	if !m.cancelled.Load() {
		m.open()
	}
}

func (m *windowTimeMain[T]) closeCur(err error) {
	if w := m.cur; w != nil {
		m.cur = nil
		w.end(err)
	}
}
