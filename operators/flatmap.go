package operators

import (
	"errors"
	"sync"
	"sync/atomic"

	"github.com/sluicego/sluice"
	"github.com/sluicego/sluice/internal/demand"
	"github.com/sluicego/sluice/internal/fuse"
	"github.com/sluicego/sluice/internal/inner"
)

// DefaultConcurrency is the number of inner publishers FlatMap keeps
// subscribed at once when the caller does not choose (Reactor's 256).
const DefaultConcurrency = 256

// DefaultPrefetch is the number of elements an asynchronous or combining
// operator requests ahead from each source when the caller does not choose
// (Reactor's 32).
const DefaultPrefetch = 32

// ErrOverflow ends a stream whose producer sent more elements than were
// requested, or whose bounded buffer overflowed (OnBackpressureBuffer with
// the error strategy).
var ErrOverflow = inner.ErrOverflow

// errNilPublisher ends a stream whose mapper returned a nil publisher.
var errNilPublisher = errors.New("sluice: mapper returned a nil publisher")

// FlatMap maps each element of src to an inner publisher and merges the
// inners' elements into one stream, in the order they arrive. At most
// concurrency inners are subscribed at once (Unbounded or <= 0 for no
// limit); each inner is asked for prefetch elements ahead and replenished in
// batches. The first error, from src, from an inner or from a panic in fn,
// cancels everything else and ends the stream.
func FlatMap[T, R any](src sluice.Publisher[T], fn func(T) sluice.Publisher[R], concurrency, prefetch int) sluice.Publisher[R] {
	return &flatMapPublisher[T, R]{src: src, fn: fn, conc: concurrency, prefetch: prefetch}
}

// FlatMapDelayError is FlatMap that lets every inner and src finish before
// ending the stream with the errors met on the way (joined with
// errors.Join). A panic in fn still ends the stream at once.
func FlatMapDelayError[T, R any](src sluice.Publisher[T], fn func(T) sluice.Publisher[R], concurrency, prefetch int) sluice.Publisher[R] {
	return &flatMapPublisher[T, R]{src: src, fn: fn, conc: concurrency, prefetch: prefetch, delayError: true}
}

// FlatMapSequential subscribes to up to concurrency inners eagerly, like
// FlatMap, but emits their elements in the order of the source elements
// that produced them: all of the first inner, then all of the second, and so
// on, buffering the others (up to prefetch each) meanwhile.
func FlatMapSequential[T, R any](src sluice.Publisher[T], fn func(T) sluice.Publisher[R], concurrency, prefetch int) sluice.Publisher[R] {
	return &flatMapPublisher[T, R]{src: src, fn: fn, conc: concurrency, prefetch: prefetch, sequential: true}
}

// ConcatMap maps each element of src to an inner publisher and emits the
// inners one after another: the next source element is requested and mapped
// only when the current inner completes. prefetch is the number of elements
// requested ahead from each inner.
func ConcatMap[T, R any](src sluice.Publisher[T], fn func(T) sluice.Publisher[R], prefetch int) sluice.Publisher[R] {
	return &flatMapPublisher[T, R]{src: src, fn: fn, conc: 1, prefetch: prefetch, sequential: true}
}

type flatMapPublisher[T, R any] struct {
	src        sluice.Publisher[T]
	fn         func(T) sluice.Publisher[R]
	conc       int
	prefetch   int
	delayError bool
	sequential bool
}

func (p *flatMapPublisher[T, R]) Subscribe(s sluice.Subscriber[R]) {
	if s == nil {
		panic(sluice.ErrNilSubscriber)
	}
	m := &flatMapMain[T, R]{
		down:       s,
		fn:         p.fn,
		maxConc:    int64(p.conc),
		prefetch:   p.prefetch,
		delayError: p.delayError,
		sequential: p.sequential,
	}
	if p.conc <= 0 {
		m.maxConc = sluice.Unbounded
	}
	if m.prefetch <= 0 {
		m.prefetch = DefaultPrefetch
	}
	m.inners.Store(&[]*inner.Inner[R]{})
	p.src.Subscribe(m)
}

// flatMapMain is the subscriber to the source, the subscription handed
// downstream, and the parent of every inner. All downstream signals are
// emitted by whoever owns wip.
type flatMapMain[T, R any] struct {
	down       sluice.Subscriber[R]
	fn         func(T) sluice.Publisher[R]
	maxConc    int64
	prefetch   int
	delayError bool
	sequential bool

	upstream  inner.Slot
	wip       demand.WIP
	requested atomic.Int64
	cancelled atomic.Bool
	done      atomic.Bool // the source terminated
	errs      inner.Errors
	fatal     inner.Errors // invalid demand or a panic in fn: ends at once

	mu      sync.Mutex
	closed  bool                              // guarded by mu: no more inners
	inners  atomic.Pointer[[]*inner.Inner[R]] // copy-on-write, in arrival order
	lastIdx int                               // drain-owned round-robin start
}

func (m *flatMapMain[T, R]) OnSubscribe(s sluice.Subscription) {
	if !m.upstream.Set(s) {
		return
	}
	m.down.OnSubscribe(m)
	s.Request(m.maxConc)
}

func (m *flatMapMain[T, R]) apply(v T) (p sluice.Publisher[R], err error) {
	defer func() {
		if r := recover(); r != nil {
			err = sluice.NewPanicError(r)
		}
	}()
	p = m.fn(v)
	if p == nil {
		err = errNilPublisher
	}
	return p, err
}

func (m *flatMapMain[T, R]) OnNext(v T) {
	if m.done.Load() || m.cancelled.Load() {
		sluice.NextDropped(v)
		return
	}
	p, err := m.apply(v)
	if err != nil {
		m.upstream.Cancel()
		m.done.Store(true)
		m.fatal.SetFirst(err)
		m.Drain()
		return
	}
	if seq, ok := fuse.AsSeq(p); ok && !m.sequential && m.runSeq(seq) {
		return
	}
	in := inner.New[R](m, m, m.prefetch)
	if !m.add(in) {
		return
	}
	p.Subscribe(in)
}

func (m *flatMapMain[T, R]) OnError(err error) {
	if m.done.Swap(true) {
		sluice.ErrorDropped(err)
		return
	}
	m.addError(err)
	m.Drain()
}

func (m *flatMapMain[T, R]) OnComplete() {
	if m.done.Swap(true) {
		return
	}
	m.Drain()
}

func (m *flatMapMain[T, R]) addError(err error) {
	if m.delayError {
		m.errs.Join(err)
		return
	}
	if !m.errs.SetFirst(err) {
		sluice.ErrorDropped(err)
		return
	}
	m.upstream.Cancel()
}

// InnerError records an inner's failure (inner.Parent).
func (m *flatMapMain[T, R]) InnerError(err error) {
	m.addError(err)
	m.Drain()
}

func (m *flatMapMain[T, R]) add(in *inner.Inner[R]) bool {
	m.mu.Lock()
	if m.closed {
		m.mu.Unlock()
		return false
	}
	old := *m.inners.Load()
	list := make([]*inner.Inner[R], len(old)+1)
	copy(list, old)
	list[len(old)] = in
	m.inners.Store(&list)
	m.mu.Unlock()
	return true
}

func (m *flatMapMain[T, R]) remove(in *inner.Inner[R]) {
	m.mu.Lock()
	old := *m.inners.Load()
	for i, x := range old {
		if x == in {
			list := make([]*inner.Inner[R], 0, len(old)-1)
			list = append(list, old[:i]...)
			list = append(list, old[i+1:]...)
			m.inners.Store(&list)
			break
		}
	}
	m.mu.Unlock()
}

// Request adds downstream demand.
func (m *flatMapMain[T, R]) Request(n int64) {
	if m.cancelled.Load() {
		return
	}
	if n <= 0 {
		m.fatal.SetFirst(demand.Invalid(n))
		m.Drain()
		return
	}
	demand.AddAtomic(&m.requested, n)
	m.Drain()
}

// Cancel stops the source and every inner.
func (m *flatMapMain[T, R]) Cancel() {
	if m.cancelled.Swap(true) {
		return
	}
	m.upstream.Cancel()
	m.mu.Lock()
	m.closed = true
	list := *m.inners.Load()
	m.mu.Unlock()
	for _, in := range list {
		in.Cancel() // at once; the drain owner clears the queues
	}
	m.Drain()
}

// runSeq is the synchronous-inner fast path: when the inner is a fuse.Seq,
// the downstream demand is unbounded and this goroutine gets the drain loop,
// the inner runs as a plain loop straight into the downstream, with no inner
// subscriber, queue or per-element demand accounting. It reports false, and
// does nothing, when those conditions do not hold; the inner is then
// subscribed as usual. Unbounded demand never decreases, so the loop needs
// no demand check; it stops when the stream is cancelled or fails.
func (m *flatMapMain[T, R]) runSeq(seq fuse.Seq[R]) bool {
	if m.requested.Load() != sluice.Unbounded || !m.wip.TryEnter() {
		return false
	}
	if m.cancelled.Load() || m.fatal.Load() != nil || (!m.delayError && m.errs.Load() != nil) {
		// Let the drain loop report the end of the stream.
		if missed := m.wip.Leave(1); missed != 0 {
			m.drainLoop(missed)
		}
		return true
	}
	down := m.down
	inDown := false
	err := seq.ForEach(func(v R) bool {
		inDown = true
		down.OnNext(v)
		inDown = false
		return !m.cancelled.Load() && m.fatal.Load() == nil && (m.delayError || m.errs.Load() == nil)
	})
	if err != nil && inDown {
		// The downstream panicked and the inner's recovery caught it: the
		// downstream is broken (rule 2.13), so stop everything and keep the
		// drain loop so that nothing is emitted any more.
		m.cancelled.Store(true)
		m.cleanup()
		sluice.ErrorDropped(err)
		return true
	}
	if err != nil {
		m.addError(err)
	}
	if missed := m.wip.Leave(1); missed != 0 {
		m.drainLoop(missed)
	} else if err != nil || m.done.Load() {
		m.Drain()
	}
	// The inner is over: ask the source for the next one, as the drain
	// loop does for each removed inner.
	if m.maxConc != sluice.Unbounded && !m.done.Load() && !m.cancelled.Load() {
		m.upstream.Request(1)
	}
	return true
}

// TryEmit is the fast path (inner.Emitter): with the drain loop free, demand
// present and nothing queued ahead, the element goes straight downstream.
func (m *flatMapMain[T, R]) TryEmit(in *inner.Inner[R], v R) {
	if m.wip.TryEnter() {
		r := m.requested.Load()
		if r != 0 && in.IsEmpty() && !m.cancelled.Load() && (!m.sequential || m.isHead(in)) {
			m.down.OnNext(v)
			if r != sluice.Unbounded {
				m.requested.Add(-1)
			}
			in.Produced(1)
		} else {
			in.Offer(v)
		}
		if missed := m.wip.Leave(1); missed != 0 {
			m.drainLoop(missed)
		}
		return
	}
	if in.Offer(v) {
		m.Drain()
	}
}

func (m *flatMapMain[T, R]) isHead(in *inner.Inner[R]) bool {
	list := *m.inners.Load()
	return len(list) > 0 && list[0] == in
}

// Drain runs the drain loop unless another goroutine runs it (inner.Parent).
func (m *flatMapMain[T, R]) Drain() {
	if m.wip.Enter() {
		m.drainLoop(1)
	}
}

// cleanup cancels everything and drops what is queued; drain owner only.
func (m *flatMapMain[T, R]) cleanup() {
	m.upstream.Cancel()
	m.mu.Lock()
	m.closed = true
	list := *m.inners.Load()
	m.inners.Store(&[]*inner.Inner[R]{})
	m.mu.Unlock()
	for _, in := range list {
		in.Cancel()
		in.Clear()
	}
}

// checkTerminated handles cancellation and terminal signals; it reports
// whether the loop must stop. The loop then never leaves wip, so no later
// drain runs.
func (m *flatMapMain[T, R]) checkTerminated(done, empty bool) bool {
	if m.cancelled.Load() {
		m.cleanup()
		return true
	}
	err := m.fatal.Load()
	if err == nil && !m.delayError {
		err = m.errs.Load()
	}
	if err != nil {
		m.cancelled.Store(true)
		m.cleanup()
		m.down.OnError(err)
		return true
	}
	if done && empty {
		m.cancelled.Store(true)
		m.cleanup()
		if err := m.errs.Load(); err != nil {
			m.down.OnError(err)
		} else {
			m.down.OnComplete()
		}
		return true
	}
	return false
}

// emitFrom sends queued elements of in while e < r and reports the new e,
// or -1 if the stream was cancelled meanwhile.
func (m *flatMapMain[T, R]) emitFrom(in *inner.Inner[R], e, r int64) int64 {
	var taken int64
	for e != r {
		v, ok := in.Poll()
		if !ok {
			break
		}
		m.down.OnNext(v)
		e++
		taken++
		if m.cancelled.Load() {
			return -1
		}
	}
	if taken != 0 {
		in.Produced(taken)
	}
	return e
}

func (m *flatMapMain[T, R]) drainLoop(missed int32) {
	for {
		d := m.done.Load()
		list := *m.inners.Load()
		if m.checkTerminated(d, len(list) == 0) {
			return
		}
		r := m.requested.Load()
		var e, removed int64
		if m.sequential {
			for len(list) > 0 {
				in := list[0]
				innerDone := in.Done()
				if e = m.emitFrom(in, e, r); e < 0 {
					m.checkTerminated(false, false)
					return
				}
				if !innerDone || !in.IsEmpty() {
					break
				}
				m.remove(in)
				removed++
				list = list[1:]
			}
		} else if n := len(list); n > 0 {
			idx := m.lastIdx
			if idx >= n {
				idx = 0
			}
			for range n {
				in := list[idx]
				innerDone := in.Done()
				if e = m.emitFrom(in, e, r); e < 0 {
					m.checkTerminated(false, false)
					return
				}
				if innerDone && in.IsEmpty() {
					m.remove(in)
					removed++
				}
				if idx++; idx == n {
					idx = 0
				}
			}
			m.lastIdx = idx
		}
		if e != 0 && r != sluice.Unbounded {
			m.requested.Add(-e)
		}
		if removed != 0 {
			if !d && m.maxConc != sluice.Unbounded {
				m.upstream.Request(removed)
			}
			continue
		}
		if missed = m.wip.Leave(missed); missed == 0 {
			return
		}
	}
}
