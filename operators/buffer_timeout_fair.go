package operators

import (
	"fmt"
	"sync"
	"sync/atomic"
	"time"

	"github.com/sluicego/sluice"
	"github.com/sluicego/sluice/internal/demand"
	"github.com/sluicego/sluice/scheduler"
)

// bufferTimeoutFair is BufferTimeout with FairBackpressure. The upstream
// signals, the timer and the subscriber's requests only change the state
// under mu and then run the drain loop, which alone emits slices and
// terminates the stream (timedEmitter serializes the signals with the ones
// of Request and Cancel). The demand for src is counted by the loop but
// requested after it, by one caller at a time (rule 2.7): a synchronous src
// then emits into a loop it can enter, instead of queueing behind a loop
// that waits for its Request to return (which, for an unbounded request of
// an endless src, would never happen).
type bufferTimeoutFair[T any] struct {
	timedEmitter[[]T]
	max int
	d   time.Duration
	wip demand.WIP

	toRequest  atomic.Int64 // counted by the drain loop, not requested yet
	requesting atomic.Bool  // a caller is requesting src

	mu sync.Mutex
	// chunks holds the elements received and not emitted, as the slices
	// they will be emitted as: every one but the last is full.
	chunks [][]T
	queued int64
	// outstanding is what src was asked for and has not sent yet
	// (sluice.Unbounded: src was asked for everything).
	outstanding int64
	gen         int64                // the head slice's generation
	armed       bool                 // a timer was started for the head slice
	timedOut    bool                 // the head slice's time is up
	timer       scheduler.Disposable // the head slice's timer
	srcDone     bool                 // src completed or failed
	srcErr      error                // the error src failed with
}

func (m *bufferTimeoutFair[T]) OnSubscribe(s sluice.Subscription) {
	if m.upstream.Set(s) {
		m.down.OnSubscribe(m)
	}
}

// Request adds demand for slices and requests src accordingly.
func (m *bufferTimeoutFair[T]) Request(n int64) {
	if m.done.Load() {
		return
	}
	if n <= 0 {
		m.fail(demand.Invalid(n))
		return
	}
	demand.AddAtomic(&m.requested, n)
	m.drain()
}

// Cancel stops the timer and src, and drops the held elements.
func (m *bufferTimeoutFair[T]) Cancel() {
	m.timedEmitter.Cancel()
	m.drain()
}

func (m *bufferTimeoutFair[T]) OnNext(v T) {
	if m.done.Load() {
		sluice.NextDropped(v)
		return
	}
	m.mu.Lock()
	if m.outstanding != sluice.Unbounded {
		if m.outstanding == 0 {
			m.mu.Unlock()
			sluice.NextDropped(v)
			m.fail(fmt.Errorf("%w: BufferTimeout source sent more than requested", ErrOverflow))
			m.drain()
			return
		}
		m.outstanding--
	}
	if n := len(m.chunks); n == 0 || len(m.chunks[n-1]) >= m.max {
		m.chunks = append(m.chunks, nil)
	}
	last := len(m.chunks) - 1
	m.chunks[last] = append(m.chunks[last], v)
	m.queued++
	g, arm := m.armLocked()
	m.mu.Unlock()
	if arm {
		m.arm(g)
	}
	m.drain()
}

// OnError ends the stream without waiting for demand: the slices already
// due (full or timed out) go out first as far as the current demand allows,
// the others are dropped.
func (m *bufferTimeoutFair[T]) OnError(err error) { m.end(err) }

// OnComplete ends the stream once every held element has gone out.
func (m *bufferTimeoutFair[T]) OnComplete() { m.end(nil) }

func (m *bufferTimeoutFair[T]) end(err error) {
	m.mu.Lock()
	if m.srcDone {
		m.mu.Unlock()
		if err != nil {
			sluice.ErrorDropped(err)
		}
		return
	}
	m.srcDone, m.srcErr = true, err
	t := m.timer
	m.timer = nil
	m.mu.Unlock()
	if t != nil {
		t.Dispose()
	}
	m.drain()
}

// armLocked reports whether the head slice needs its timer, and marks it
// started (mu held). The caller then calls arm outside mu: a scheduler may
// run a task inline.
func (m *bufferTimeoutFair[T]) armLocked() (gen int64, arm bool) {
	if m.armed || m.queued == 0 || m.srcDone {
		return 0, false
	}
	m.armed = true
	return m.gen, true
}

// arm starts the timer of the head slice of generation g.
func (m *bufferTimeoutFair[T]) arm(g int64) {
	t := m.worker.ScheduleAfter(m.d, func() { m.timeout(g) })
	m.mu.Lock()
	if g == m.gen && !m.srcDone && !m.timedOut {
		m.timer, t = t, nil
	}
	m.mu.Unlock()
	if t != nil {
		t.Dispose()
	}
}

// timeout marks the head slice of generation g due.
func (m *bufferTimeoutFair[T]) timeout(g int64) {
	m.mu.Lock()
	if g != m.gen {
		m.mu.Unlock()
		return
	}
	m.timedOut = true
	m.timer = nil
	m.mu.Unlock()
	m.drain()
}

func (m *bufferTimeoutFair[T]) drain() {
	if !m.wip.Enter() {
		return
	}
	missed := int32(1)
	for {
		m.drainOnce()
		if missed = m.wip.Leave(missed); missed == 0 {
			break
		}
	}
	m.requestSrc()
}

// requestSrc requests what the drain loop counted, unless another caller
// is doing so: that caller then requests it too before it stops.
func (m *bufferTimeoutFair[T]) requestSrc() {
	for m.toRequest.Load() != 0 && m.requesting.CompareAndSwap(false, true) {
		if n := m.toRequest.Swap(0); n != 0 && !m.done.Load() {
			m.upstream.Request(n)
		}
		m.requesting.Store(false)
	}
}

// drainOnce emits the due slices demand allows, completes when src has
// completed and nothing is held, and otherwise counts the demand src needs.
func (m *bufferTimeoutFair[T]) drainOnce() {
	for {
		if m.done.Load() {
			m.mu.Lock()
			m.chunks, m.queued = nil, 0
			m.mu.Unlock()
			return
		}
		m.mu.Lock()
		if len(m.chunks) > 0 && m.requested.Load() > 0 &&
			(len(m.chunks[0]) >= m.max || m.timedOut || (m.srcDone && m.srcErr == nil)) {
			b := m.chunks[0]
			m.chunks[0] = nil
			m.chunks = m.chunks[1:]
			if len(m.chunks) == 0 {
				m.chunks = nil
			}
			m.queued -= int64(len(b))
			m.gen++
			m.timedOut, m.armed = false, false
			t := m.timer
			m.timer = nil
			g, arm := m.armLocked()
			m.mu.Unlock()
			if t != nil {
				t.Dispose()
			}
			if arm {
				m.arm(g)
			}
			m.tryEmit(b) // only this loop consumes demand: it is there
			continue
		}
		if err := m.srcErr; err != nil {
			m.chunks, m.queued = nil, 0
			m.mu.Unlock()
			m.fail(err)
			return
		}
		if m.srcDone && len(m.chunks) == 0 {
			m.mu.Unlock()
			m.complete()
			return
		}
		if n := m.wantLocked(); n != 0 {
			demand.AddAtomic(&m.toRequest, n)
		}
		m.mu.Unlock()
		return
	}
}

// wantLocked returns what src must be asked for so that what is requested
// from it and held here covers max elements per requested slice, and counts
// it as outstanding (mu held).
func (m *bufferTimeoutFair[T]) wantLocked() int64 {
	if m.srcDone || m.outstanding == sluice.Unbounded {
		return 0
	}
	r := m.requested.Load()
	if r == 0 {
		return 0
	}
	target := mulCap(r, int64(m.max))
	if target == sluice.Unbounded {
		m.outstanding = sluice.Unbounded
		return sluice.Unbounded
	}
	have := demand.Add(m.outstanding, m.queued)
	if target <= have {
		return 0
	}
	n := target - have
	m.outstanding += n
	return n
}
