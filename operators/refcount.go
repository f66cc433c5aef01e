package operators

import (
	"sync"
	"sync/atomic"
	"time"

	"github.com/sluicego/sluice"
	"github.com/sluicego/sluice/scheduler"
)

// RefCount connects c when minSubscribers subscribers have arrived and
// disposes the connection (cancelling the source) when the last of them
// cancels, or grace after that on sched's clock when grace > 0 and sched is
// not nil, unless a new subscriber arrives meanwhile. When the source
// terminates, the next subscriber starts a new connection (Reactor's
// refCount(minSubscribers, gracePeriod)).
func RefCount[T any](c *Connectable[T], minSubscribers int, grace time.Duration, sched scheduler.Scheduler) sluice.Publisher[T] {
	if minSubscribers < 1 {
		minSubscribers = 1
	}
	return &refCount[T]{c: c, min: minSubscribers, grace: grace, sched: sched}
}

// Share multicasts src to every current subscriber, connecting on the first
// and cancelling the source when the last leaves: Publish(src).RefCount(1).
func Share[T any](src sluice.Publisher[T], prefetch int) sluice.Publisher[T] {
	return RefCount(Publish(src, prefetch), 1, 0, nil)
}

// AutoConnect connects c once, when the n-th subscriber arrives (n <= 0:
// at once), and never disconnects it.
func AutoConnect[T any](c *Connectable[T], n int) sluice.Publisher[T] {
	a := &autoConnect[T]{c: c}
	a.left.Store(int64(n))
	if n <= 0 {
		c.Connect()
	}
	return a
}

// Cache replays every element and the terminal signal of src to every
// subscriber, subscribing to src once, on the first subscription (Reactor's
// cache()). Demand to src follows the slowest current subscriber, prefetch
// ahead.
func Cache[T any](src sluice.Publisher[T], prefetch int) sluice.Publisher[T] {
	return AutoConnect(Replay(src, 0, prefetch), 1)
}

type autoConnect[T any] struct {
	c    *Connectable[T]
	left atomic.Int64
}

func (a *autoConnect[T]) Subscribe(s sluice.Subscriber[T]) {
	a.c.Subscribe(s)
	if a.left.Add(-1) == 0 {
		a.c.Connect()
	}
}

type refCount[T any] struct {
	c     *Connectable[T]
	min   int
	grace time.Duration
	sched scheduler.Scheduler

	mu   sync.Mutex
	conn *rcConn[T]
}

// rcConn counts the subscribers of one connection; guarded by refCount.mu.
// Its subscribers are registered with m itself (not with whatever connection
// is current in the Connectable), so that a subscriber arriving while m's
// source terminates either joins m before it retires (and gets its terminal
// signal) or starts a new rcConn that it then connects: it never waits on an
// unconnected connection.
type rcConn[T any] struct {
	count     int
	connected bool
	m         *mcConn[T]
	timer     scheduler.Disposable
}

func (r *refCount[T]) Subscribe(s sluice.Subscriber[T]) {
	checkSubscriber(s)
	rs := &rcSub[T]{down: s, r: r}
	sub := &mcSub[T]{down: rs}
	r.mu.Lock()
	for {
		rc := r.conn
		if rc == nil {
			rc = &rcConn[T]{m: r.c.current()}
			r.conn = rc
		}
		sub.conn = rc.m
		if rc.m.add(sub) {
			rs.rc = rc
			break
		}
		// m is retiring (its source terminated or it was disposed) and
		// its subscribers have not all heard yet: start a new connection.
		r.c.forget(rc.m)
		r.conn = nil
	}
	rc := rs.rc
	rc.count++
	if rc.timer != nil {
		rc.timer.Dispose()
		rc.timer = nil
	}
	connect := !rc.connected && rc.count >= r.min
	if connect {
		rc.connected = true
	}
	r.mu.Unlock()
	sub.start()
	if connect {
		rc.m.connect()
	}
}

func (r *refCount[T]) release(rc *rcConn[T]) {
	r.mu.Lock()
	rc.count--
	if rc.count > 0 || r.conn != rc {
		r.mu.Unlock()
		return
	}
	if r.grace > 0 && r.sched != nil && rc.connected {
		rc.timer = r.sched.ScheduleAfter(r.grace, func() { r.expire(rc) })
		r.mu.Unlock()
		return
	}
	r.retire(rc)
}

func (r *refCount[T]) expire(rc *rcConn[T]) {
	r.mu.Lock()
	if rc.count != 0 || r.conn != rc {
		r.mu.Unlock()
		return
	}
	r.retire(rc)
}

// retire forgets rc and disposes its connection if it was connected; it is
// called with r.mu held and releases it.
func (r *refCount[T]) retire(rc *rcConn[T]) {
	r.conn = nil
	connected := rc.connected
	r.mu.Unlock()
	if connected {
		rc.m.Dispose()
	}
}

func (r *refCount[T]) terminated(rc *rcConn[T]) {
	r.mu.Lock()
	if r.conn == rc {
		r.conn = nil
	}
	r.mu.Unlock()
}

// rcSub relays one subscriber and tells the refCount when it leaves.
type rcSub[T any] struct {
	down sluice.Subscriber[T]
	r    *refCount[T]
	rc   *rcConn[T]
	up   sluice.Subscription
	left atomic.Bool
}

func (s *rcSub[T]) OnSubscribe(up sluice.Subscription) {
	s.up = up
	s.down.OnSubscribe(s)
}

func (s *rcSub[T]) OnNext(v T) { s.down.OnNext(v) }

func (s *rcSub[T]) OnError(err error) {
	if !s.left.Swap(true) {
		s.r.terminated(s.rc)
	}
	s.down.OnError(err)
}

func (s *rcSub[T]) OnComplete() {
	if !s.left.Swap(true) {
		s.r.terminated(s.rc)
	}
	s.down.OnComplete()
}

func (s *rcSub[T]) Request(n int64) { s.up.Request(n) }

func (s *rcSub[T]) Cancel() {
	s.up.Cancel()
	if !s.left.Swap(true) {
		s.r.release(s.rc)
	}
}
