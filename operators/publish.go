package operators

import (
	"context"
	"errors"
	"sync"
	"sync/atomic"

	"github.com/sluicego/sluice"
	"github.com/sluicego/sluice/internal/demand"
	"github.com/sluicego/sluice/internal/inner"
)

// ErrDisconnected ends the subscribers of a Connectable whose connection
// was disposed (Reactor's "Disconnected" CancellationException).
var ErrDisconnected = errors.New("sluice: connectable disconnected")

// Disposable ends something that runs: a connection of a Connectable.
// Dispose is idempotent and safe from any goroutine.
type Disposable interface {
	Dispose()
	IsDisposed() bool
}

// Connectable is a hot publisher: subscribers register with Subscribe, but
// the source is subscribed only once, by Connect, and its elements are
// multicast to every subscriber present at the time (Reactor's
// ConnectableFlux). Upstream demand is bounded: the connection requests
// prefetch elements ahead of its slowest subscriber and replenishes in
// batches of prefetch - prefetch/4; until a subscriber arrives, at most
// prefetch elements wait for it.
//
// Publish forgets its connection when the source terminates (a later
// Connect subscribes to the source again); Replay keeps the history and the
// terminal signal for late subscribers until Dispose.
type Connectable[T any] struct {
	src      sluice.Publisher[T]
	prefetch int64
	history  int64 // 0: publish; > 0 replay the last history; Unbounded: all
	replay   bool

	mu  sync.Mutex
	cur *mcConn[T]
}

// Publish returns a Connectable that multicasts src without history: each
// subscriber sees the elements that arrive after it subscribed (plus those
// buffered, up to prefetch, while nobody was subscribed).
//
// An upstream error does not wait for demand, as in Reactor's FluxPublish:
// each subscriber first receives the buffered elements it has already
// requested, then the error; buffered elements beyond its demand are
// discarded. Completion, by contrast, waits until every subscriber has taken
// the buffered elements.
func Publish[T any](src sluice.Publisher[T], prefetch int) *Connectable[T] {
	return newConnectable(src, prefetch, 0, false)
}

// Replay returns a Connectable that also keeps the last history elements
// (sluice.Unbounded: all of them) and replays them, and the terminal signal
// if any, to every subscriber that arrives later.
func Replay[T any](src sluice.Publisher[T], history, prefetch int) *Connectable[T] {
	h := int64(history)
	if h <= 0 || history == int(sluice.Unbounded) {
		h = sluice.Unbounded
	}
	return newConnectable(src, prefetch, h, true)
}

func newConnectable[T any](src sluice.Publisher[T], prefetch int, history int64, replay bool) *Connectable[T] {
	if prefetch <= 0 {
		prefetch = DefaultPrefetch * 8
	}
	return &Connectable[T]{src: src, prefetch: int64(prefetch), history: history, replay: replay}
}

// current returns the connection subscribers join, creating one if needed.
func (c *Connectable[T]) current() *mcConn[T] {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.cur == nil {
		c.cur = &mcConn[T]{parent: c, prefetch: c.prefetch, history: c.history, replay: c.replay}
		c.cur.limit = c.prefetch - c.prefetch>>2
		if c.cur.limit < 1 {
			c.cur.limit = 1
		}
	}
	return c.cur
}

func (c *Connectable[T]) forget(m *mcConn[T]) {
	c.mu.Lock()
	if c.cur == m {
		c.cur = nil
	}
	c.mu.Unlock()
}

// Subscribe registers s with the current connection (connected or not).
func (c *Connectable[T]) Subscribe(s sluice.Subscriber[T]) {
	checkSubscriber(s)
	sub := &mcSub[T]{down: s}
	for {
		m := c.current()
		sub.conn = m
		if m.add(sub) {
			break
		}
		c.forget(m) // it ended meanwhile: join the next connection
	}
	sub.start()
}

// start hands the subscription of a registered subscriber downstream and
// lets signals flow.
func (s *mcSub[T]) start() {
	s.down.OnSubscribe(s)
	s.ready.Store(true)
	s.conn.drain()
}

// connect subscribes m to the source unless it is already connected.
func (m *mcConn[T]) connect() {
	if !m.connected.Swap(true) {
		m.parent.src.Subscribe(m)
	}
}

// Connect subscribes the current connection to the source, unless it is
// already connected, and returns it as a Disposable: disposing it cancels
// the source and ends the subscribers with ErrDisconnected.
func (c *Connectable[T]) Connect() Disposable {
	m := c.current()
	m.connect()
	return m
}

// ConnectCtx is Connect whose connection is also disposed when ctx is done.
func (c *Connectable[T]) ConnectCtx(ctx context.Context) Disposable {
	d := c.Connect()
	stop := context.AfterFunc(ctx, d.Dispose)
	m := d.(*mcConn[T])
	m.stopCtx.Store(&stop)
	return d
}

// mcConn is one connection: the subscriber to the source, the shared
// buffer and the drain loop that serves every subscriber.
type mcConn[T any] struct {
	parent    *Connectable[T]
	prefetch  int64
	limit     int64
	history   int64
	replay    bool
	connected atomic.Bool
	upstream  inner.Slot
	wip       demand.WIP
	stopCtx   atomic.Pointer[func() bool]

	mu       sync.Mutex
	buf      []T   // elements base .. base+len(buf)-1
	base     int64 // absolute index of buf[0]
	subs     []*mcSub[T]
	done     bool
	err      error
	dead     bool // no new subscriber may join (disconnected, or a finished publish)
	disposed bool

	upRequested int64 // drain-owned
	scratch     []T   // drain-owned
}

func (m *mcConn[T]) add(s *mcSub[T]) bool {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.dead {
		return false
	}
	s.cursor = m.base
	subs := make([]*mcSub[T], len(m.subs), len(m.subs)+1)
	copy(subs, m.subs)
	m.subs = append(subs, s)
	return true
}

func (m *mcConn[T]) remove(s *mcSub[T]) {
	m.mu.Lock()
	for i, x := range m.subs {
		if x == s {
			subs := make([]*mcSub[T], 0, len(m.subs)-1)
			subs = append(subs, m.subs[:i]...)
			m.subs = append(subs, m.subs[i+1:]...)
			break
		}
	}
	m.mu.Unlock()
}

func (m *mcConn[T]) OnSubscribe(s sluice.Subscription) {
	if m.upstream.Set(s) {
		m.drain()
	}
}

func (m *mcConn[T]) OnNext(v T) {
	m.mu.Lock()
	if m.done || m.disposed {
		m.mu.Unlock()
		sluice.NextDropped(v)
		return
	}
	m.buf = append(m.buf, v)
	m.mu.Unlock()
	m.drain()
}

func (m *mcConn[T]) OnError(err error) { m.terminal(err) }
func (m *mcConn[T]) OnComplete()       { m.terminal(nil) }

func (m *mcConn[T]) terminal(err error) {
	m.mu.Lock()
	if m.done || m.disposed {
		m.mu.Unlock()
		if err != nil {
			sluice.ErrorDropped(err)
		}
		return
	}
	m.done, m.err = true, err
	if !m.replay {
		m.dead = true
	}
	m.mu.Unlock()
	if !m.replay {
		m.parent.forget(m)
	}
	m.drain()
}

// Dispose cancels the source and ends the subscribers with ErrDisconnected.
func (m *mcConn[T]) Dispose() {
	m.mu.Lock()
	if m.disposed {
		m.mu.Unlock()
		return
	}
	m.disposed, m.dead = true, true
	m.mu.Unlock()
	if stop := m.stopCtx.Load(); stop != nil {
		(*stop)()
	}
	m.parent.forget(m)
	m.upstream.Cancel()
	m.drain()
}

// IsDisposed reports whether the connection was disposed.
func (m *mcConn[T]) IsDisposed() bool {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.disposed
}

func (m *mcConn[T]) drain() {
	if !m.wip.Enter() {
		return
	}
	missed := int32(1)
	for {
		m.pass()
		if missed = m.wip.Leave(missed); missed == 0 {
			return
		}
	}
}

// pass serves every subscriber once, trims the buffer and requests more
// from the source; drain owner only.
func (m *mcConn[T]) pass() {
	m.mu.Lock()
	subs := m.subs
	m.mu.Unlock()
	for _, s := range subs {
		m.serve(s)
	}
	m.mu.Lock()
	end := m.base + int64(len(m.buf))
	gate, any := end, false
	for _, s := range m.subs {
		if s.cursor < gate {
			gate = s.cursor
		}
		any = true
	}
	trim := gate
	switch {
	case m.history == sluice.Unbounded:
		trim = m.base
	case m.replay:
		if keep := end - m.history; keep < trim {
			trim = keep
		}
		if !any {
			trim = end - m.history
		}
	case !any:
		trim = m.base // publish: wait for the next subscriber
	}
	if k := trim - m.base; k > 0 {
		var zero T
		for i := range k {
			m.buf[i] = zero
		}
		m.buf = m.buf[k:]
		m.base = trim
	}
	var want int64
	if !m.done && !m.disposed && m.upstream.Get() != nil {
		switch {
		case m.upRequested == 0:
			want = m.prefetch
		case any:
			if w := gate + m.prefetch - m.upRequested; w >= m.limit {
				want = w
			}
		}
	}
	m.upRequested += want
	m.mu.Unlock()
	if want > 0 {
		m.upstream.Request(want)
	}
}

// serve emits what s may take and its terminal signal; drain owner only.
func (m *mcConn[T]) serve(s *mcSub[T]) {
	for {
		if s.cancelled.Load() || !s.ready.Load() {
			return
		}
		if err := s.fatal.Load(); err != nil {
			m.finish(s, err)
			return
		}
		r := s.requested.Load()
		m.mu.Lock()
		end := m.base + int64(len(m.buf))
		done, err, disposed := m.done, m.err, m.disposed
		if disposed {
			m.mu.Unlock()
			m.finish(s, ErrDisconnected)
			return
		}
		n := end - s.cursor
		if n > r {
			n = r
		}
		if n > 64 {
			n = 64
		}
		if n == 0 && done && err != nil && !m.replay {
			// publish: the error does not wait for demand; what s had
			// already requested from the buffer went out first.
			m.mu.Unlock()
			m.finish(s, err)
			return
		}
		if n > 0 {
			i := s.cursor - m.base
			m.scratch = append(m.scratch[:0], m.buf[i:i+n]...)
		}
		m.mu.Unlock()
		if n == 0 {
			if done && s.cursor == end {
				m.finish(s, err)
			}
			return
		}
		for i, v := range m.scratch {
			if s.cancelled.Load() {
				clear(m.scratch)
				return
			}
			s.cursor++
			s.down.OnNext(v)
			m.scratch[i] = *new(T)
		}
		if r != sluice.Unbounded {
			s.requested.Add(-n)
		}
	}
}

func (m *mcConn[T]) finish(s *mcSub[T], err error) {
	if s.cancelled.Swap(true) {
		return
	}
	m.remove(s)
	if err != nil {
		s.down.OnError(err)
	} else {
		s.down.OnComplete()
	}
}

// mcSub is one subscriber of a connection.
type mcSub[T any] struct {
	down      sluice.Subscriber[T]
	conn      *mcConn[T]
	requested atomic.Int64
	cancelled atomic.Bool
	ready     atomic.Bool // OnSubscribe returned: signals may flow
	fatal     inner.Errors
	cursor    int64 // drain-owned after add
}

func (s *mcSub[T]) Request(n int64) {
	if s.cancelled.Load() {
		return
	}
	if n <= 0 {
		s.fatal.SetFirst(demand.Invalid(n))
	} else {
		demand.AddAtomic(&s.requested, n)
	}
	s.conn.drain()
}

func (s *mcSub[T]) Cancel() {
	if s.cancelled.Swap(true) {
		return
	}
	s.conn.remove(s)
	s.conn.drain()
}
