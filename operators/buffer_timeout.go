package operators

import (
	"fmt"
	"math"
	"sync"
	"time"

	"github.com/sluicego/sluice"
	"github.com/sluicego/sluice/scheduler"
)

// BufferTimeout collects the elements of src into slices of at most maxSize
// elements, emitting a slice when it is full or when d has elapsed on sched
// (nil: DefaultTimer) since its first element, whichever comes first. No
// empty slice is emitted. On completion the last partial slice is emitted
// (when requested) before completion; an error drops it.
//
// By default src is requested without bound, as in Reactor; a slice due
// while the subscriber has no demand ends the stream with an error wrapping
// ErrOverflow. With FairBackpressure the operator follows the subscriber's
// demand instead and never overflows (see FairBackpressure).
func BufferTimeout[T any](src sluice.Publisher[T], maxSize int, d time.Duration, sched scheduler.Scheduler, opts ...BufferTimeoutOption) sluice.Publisher[[]T] {
	if maxSize <= 0 {
		panic("operators: BufferTimeout maxSize must be positive")
	}
	p := &bufferTimeoutPublisher[T]{src: src, max: maxSize, d: d, sched: sched}
	for _, o := range opts {
		o(&p.cfg)
	}
	return p
}

// BufferTimeoutOption tunes BufferTimeout.
type BufferTimeoutOption func(*bufferTimeoutConfig)

type bufferTimeoutConfig struct {
	fair bool
}

// FairBackpressure makes BufferTimeout respect the subscriber's demand
// (Reactor's bufferTimeout(maxSize, maxTime, fairBackpressure = true)):
//   - src is requested maxSize elements per slice the subscriber requested
//     (saturating: an unbounded request stays unbounded), minus what is
//     already requested or held, so at most that many elements wait;
//   - a slice is due when it holds maxSize elements or when d has elapsed
//     since it started (its first element arrived, or the previous slice
//     left with elements still held); the timer restarts for every slice;
//   - a due slice is emitted only under demand: without demand it waits,
//     and goes out as soon as demand arrives (no ErrOverflow in this mode;
//     while it waits it may still fill up to maxSize with elements that
//     were already requested);
//   - when src completes, the held elements go out as slices of at most
//     maxSize, one per request, and completion follows the last of them
//     (at once when nothing is held);
//   - an error of src is delivered without waiting for demand: the slices
//     already due (full, or timed out) go out first as far as the current
//     demand allows, then the error; the other held elements are dropped;
//   - cancelling stops the timer and cancels src.
//
// A src that sends more than was requested ends the stream with an error
// wrapping ErrOverflow.
func FairBackpressure() BufferTimeoutOption {
	return func(c *bufferTimeoutConfig) { c.fair = true }
}

// BufferTime collects the elements of src into slices, each emitted d after
// its first element arrived (BufferTimeout without a size limit).
func BufferTime[T any](src sluice.Publisher[T], d time.Duration, sched scheduler.Scheduler) sluice.Publisher[[]T] {
	return BufferTimeout(src, math.MaxInt, d, sched)
}

type bufferTimeoutPublisher[T any] struct {
	src   sluice.Publisher[T]
	max   int
	d     time.Duration
	sched scheduler.Scheduler
	cfg   bufferTimeoutConfig
}

func (p *bufferTimeoutPublisher[T]) String() string {
	if p.cfg.fair {
		return describe(p.src, fmt.Sprintf("BufferTimeout(%d, %v, fair)", p.max, p.d))
	}
	return describe(p.src, fmt.Sprintf("BufferTimeout(%d, %v)", p.max, p.d))
}

func (p *bufferTimeoutPublisher[T]) Subscribe(s sluice.Subscriber[[]T]) {
	checkSubscriber(s)
	if p.cfg.fair {
		m := &bufferTimeoutFair[T]{max: p.max, d: p.d}
		m.init(s, p.sched)
		p.src.Subscribe(m)
		return
	}
	m := &bufferTimeoutSubscriber[T]{max: p.max, d: p.d}
	m.init(s, p.sched)
	p.src.Subscribe(m)
}

type bufferTimeoutSubscriber[T any] struct {
	timedEmitter[[]T]
	max   int
	d     time.Duration
	mu    sync.Mutex
	buf   []T
	gen   int64
	timer scheduler.Disposable // upstream side only
}

func (m *bufferTimeoutSubscriber[T]) OnSubscribe(s sluice.Subscription) {
	if m.upstream.Set(s) {
		m.down.OnSubscribe(m)
		s.Request(sluice.Unbounded)
	}
}

// takeLocked removes the current buffer and starts the next generation.
func (m *bufferTimeoutSubscriber[T]) takeLocked() []T {
	b := m.buf
	m.buf = nil
	m.gen++
	return b
}

func (m *bufferTimeoutSubscriber[T]) OnNext(v T) {
	m.mu.Lock()
	first := len(m.buf) == 0
	m.buf = append(m.buf, v)
	var full []T
	if len(m.buf) >= m.max {
		full = m.takeLocked()
	}
	g := m.gen
	m.mu.Unlock()
	if full != nil {
		if m.timer != nil {
			m.timer.Dispose()
		}
		m.emitOrOverflow(full, "buffer")
		return
	}
	if first {
		m.timer = m.worker.ScheduleAfter(m.d, func() { m.flush(g) })
	}
}

func (m *bufferTimeoutSubscriber[T]) flush(g int64) {
	m.mu.Lock()
	if g != m.gen || len(m.buf) == 0 {
		m.mu.Unlock()
		return
	}
	b := m.takeLocked()
	m.mu.Unlock()
	m.emitOrOverflow(b, "buffer")
}

func (m *bufferTimeoutSubscriber[T]) OnError(err error) { m.fail(err) }

func (m *bufferTimeoutSubscriber[T]) OnComplete() {
	m.mu.Lock()
	b := m.takeLocked()
	m.mu.Unlock()
	if len(b) > 0 {
		m.finish(b)
		return
	}
	m.complete()
}
