package operators

import (
	"sync/atomic"

	"github.com/sluicego/sluice"
	"github.com/sluicego/sluice/internal/demand"
	"github.com/sluicego/sluice/internal/inner"
	"github.com/sluicego/sluice/internal/queue"
)

// Window splits src into windows of size elements, a new window starting
// every skip elements (skip == size: contiguous; skip > size: gaps are
// dropped; skip < size: overlapping). Each window is a unicast publisher
// that buffers its (at most size) elements until it is subscribed. A
// request for n windows asks src for just enough elements to open them, as
// Reactor does. Cancelling the outer stream lets the open windows finish;
// src is cancelled once the outer and every open window are cancelled or
// done. skip <= 0 means size.
func Window[T any](src sluice.Publisher[T], size, skip int) sluice.Publisher[sluice.Publisher[T]] {
	if size < 1 {
		size = 1
	}
	if skip <= 0 {
		skip = size
	}
	return &windowPublisher[T]{src: src, size: int64(size), skip: int64(skip)}
}

type windowPublisher[T any] struct {
	src        sluice.Publisher[T]
	size, skip int64
}

func (p *windowPublisher[T]) Subscribe(s sluice.Subscriber[sluice.Publisher[T]]) {
	checkSubscriber(s)
	m := &windowMain[T]{down: s, size: p.size, skip: p.skip, wins: queue.NewMPSC[*window[T]]()}
	m.refs.Store(1)
	p.src.Subscribe(m)
}

func windowMul(a, b int64) int64 {
	if a == 0 || b == 0 {
		return 0
	}
	if a > sluice.Unbounded/b {
		return sluice.Unbounded
	}
	return a * b
}

type windowMain[T any] struct {
	down       sluice.Subscriber[sluice.Publisher[T]]
	size, skip int64
	up         inner.Slot
	refs       atomic.Int64 // the outer plus the open windows
	cancelled  atomic.Bool
	firstDone  atomic.Bool
	index      int64        // signal-owned
	open       []*window[T] // signal-owned
	done       bool         // signal-owned

	// windows wait in wins until the outer subscriber has demand for them
	// (overlapping windows open ahead of it)
	wins  *queue.MPSC[*window[T]]
	owip  demand.WIP
	owed  atomic.Int64
	ended atomic.Bool
	err   error // written before ended
}

func (m *windowMain[T]) OnSubscribe(s sluice.Subscription) {
	if m.up.Set(s) {
		m.down.OnSubscribe(m)
	}
}

func (m *windowMain[T]) Request(n int64) {
	if m.cancelled.Load() {
		return
	}
	if n <= 0 {
		m.up.Request(n) // the source reports the invalid demand
		return
	}
	var u int64
	switch first := !m.firstDone.Swap(true); {
	case m.skip == m.size:
		u = windowMul(n, m.size)
	case !first:
		u = windowMul(n, m.skip)
	case m.skip > m.size:
		u = demand.Add(windowMul(n, m.size), windowMul(n-1, m.skip-m.size))
	default:
		u = demand.Add(m.size, windowMul(n-1, m.skip))
	}
	demand.AddAtomic(&m.owed, n)
	m.emit()
	m.up.Request(u)
}

func (m *windowMain[T]) Cancel() {
	if !m.cancelled.Swap(true) {
		m.release()
		m.emit()
	}
}

// emit hands the waiting windows, then the terminal signal, downstream.
func (m *windowMain[T]) emit() {
	if !m.owip.Enter() {
		return
	}
	missed := int32(1)
	for {
		for {
			if m.cancelled.Load() {
				for w, ok := m.wins.Poll(); ok; w, ok = m.wins.Poll() {
					w.Cancel() // never handed out: give its reference back
				}
				break
			}
			if m.owed.Load() == 0 {
				break
			}
			w, ok := m.wins.Poll()
			if !ok {
				break
			}
			demand.ProducedAtomic(&m.owed, 1)
			m.down.OnNext(w)
		}
		if m.ended.Load() && m.wins.IsEmpty() && !m.cancelled.Swap(true) {
			if m.err != nil {
				m.down.OnError(m.err)
			} else {
				m.down.OnComplete()
			}
			return
		}
		if missed = m.owip.Leave(missed); missed == 0 {
			return
		}
	}
}

func (m *windowMain[T]) release() {
	if m.refs.Add(-1) == 0 {
		m.up.Cancel()
	}
}

func (m *windowMain[T]) OnNext(v T) {
	if m.done {
		sluice.NextDropped(v)
		return
	}
	i := m.index
	m.index++
	if i%m.skip == 0 && !m.cancelled.Load() {
		w := newWindow[T](queue.NewSPSC[T](int(m.size)), m)
		m.refs.Add(1)
		m.open = append(m.open, w)
		m.wins.Offer(w)
		m.emit()
	}
	keep := m.open[:0]
	for _, w := range m.open {
		w.push(v)
		if w.count++; w.count == m.size {
			w.end(nil)
			continue
		}
		keep = append(keep, w)
	}
	clear(m.open[len(keep):])
	m.open = keep
}

func (m *windowMain[T]) OnError(err error) {
	if m.done {
		sluice.ErrorDropped(err)
		return
	}
	m.done = true
	for _, w := range m.open {
		w.end(err)
	}
	m.open = nil
	m.err = err
	m.ended.Store(true)
	m.emit()
}

func (m *windowMain[T]) OnComplete() {
	if m.done {
		return
	}
	m.done = true
	for _, w := range m.open {
		w.end(nil)
	}
	m.open = nil
	m.ended.Store(true)
	m.emit()
}

// window is one unicast window: it buffers until its subscriber arrives
// and then honours that subscriber's demand.
type window[T any] struct {
	unicastBuffer[T]
	count int64 // owned by the producer
}

func newWindow[T any](q windowBuf[T], parent interface{ release() }) *window[T] {
	w := &window[T]{}
	w.q = q // never full: a Window gets at most size elements
	w.parent = parent
	w.name = "window"
	return w
}
