package operators

import (
	"sync"
	"sync/atomic"
	"time"

	"github.com/sluicego/sluice"
	"github.com/sluicego/sluice/internal/demand"
	"github.com/sluicego/sluice/scheduler"
)

// CacheTTL subscribes to src, a source of at most one element, on the first
// subscription and hands its result (value, completion or error) to every
// subscriber until ttl has passed on sched's clock since the result was
// produced (Reactor's Mono.cache(Duration)). The first subscriber after
// expiry subscribes to src again; subscribers that arrive while a
// subscription is pending share it. A nil sched means DefaultTimer. Only the
// first element of src is used: src is cancelled once it arrives.
func CacheTTL[T any](src sluice.Publisher[T], ttl time.Duration, sched scheduler.Scheduler) sluice.Publisher[T] {
	return &cacheTTL[T]{src: src, ttl: ttl, sched: timerOf(sched)}
}

type cacheTTL[T any] struct {
	src   sluice.Publisher[T]
	ttl   time.Duration
	sched scheduler.Scheduler

	mu  sync.Mutex
	cur *ttlRun[T] // the latest subscription to src
}

// ttlResult is the terminal outcome of one subscription to src.
type ttlResult[T any] struct {
	has bool
	v   T
	err error
}

func (c *cacheTTL[T]) Subscribe(s sluice.Subscriber[T]) {
	checkSubscriber(s)
	sub := &ttlSub[T]{c: c, down: s}
	s.OnSubscribe(sub)
	now := c.sched.Now()
	c.mu.Lock()
	r := c.cur
	start := false
	if r == nil || (r.res != nil && !now.Before(r.at.Add(c.ttl))) {
		r = &ttlRun[T]{c: c}
		c.cur = r
		start = true
	}
	if res := r.res; res != nil {
		c.mu.Unlock()
		sub.offer(res)
		return
	}
	if !sub.finished() {
		sub.run = r
		r.subs = append(r.subs, sub)
	}
	c.mu.Unlock()
	if start {
		c.src.Subscribe(r)
	}
}

// ttlRun is one subscription to the source. res, at and subs are guarded by
// cacheTTL.mu; the other fields are touched only by the source's serial
// signals.
type ttlRun[T any] struct {
	c *cacheTTL[T]

	upstream sluice.Subscription
	got      bool

	res  *ttlResult[T]
	at   time.Time
	subs []*ttlSub[T]
}

func (r *ttlRun[T]) OnSubscribe(s sluice.Subscription) {
	if s == nil {
		panic(sluice.ErrNilSubscription)
	}
	if r.upstream != nil {
		s.Cancel()
		return
	}
	r.upstream = s
	s.Request(sluice.Unbounded)
}

func (r *ttlRun[T]) OnNext(v T) {
	if r.got {
		sluice.NextDropped(v)
		return
	}
	r.got = true
	if r.upstream != nil {
		r.upstream.Cancel()
	}
	r.finish(&ttlResult[T]{has: true, v: v})
}

func (r *ttlRun[T]) OnError(err error) {
	if r.got {
		sluice.ErrorDropped(err)
		return
	}
	r.got = true
	r.finish(&ttlResult[T]{err: err})
}

func (r *ttlRun[T]) OnComplete() {
	if r.got {
		return
	}
	r.got = true
	r.finish(&ttlResult[T]{})
}

// finish records res with the time it was produced and hands it to the
// waiting subscribers, outside the lock.
func (r *ttlRun[T]) finish(res *ttlResult[T]) {
	now := r.c.sched.Now()
	r.c.mu.Lock()
	r.res, r.at = res, now
	subs := r.subs
	r.subs = nil
	r.c.mu.Unlock()
	for _, s := range subs {
		s.offer(res)
	}
}

const (
	ttlRequested int32 = 1 << iota // downstream asked for the value
	ttlReady                       // the result is in res
	ttlDone                        // delivered, failed or cancelled
)

// ttlSub is one downstream subscriber. The result is delivered once, when
// it is ready and (for a value) requested, by whichever of Request and
// offer completes the pair.
type ttlSub[T any] struct {
	c     *cacheTTL[T]
	down  sluice.Subscriber[T]
	state atomic.Int32
	res   *ttlResult[T] // written before ttlReady is set
	run   *ttlRun[T]    // guarded by cacheTTL.mu
}

func (s *ttlSub[T]) finished() bool { return s.state.Load()&ttlDone != 0 }

// finish sets ttlDone and reports whether this call did.
func (s *ttlSub[T]) finish() bool {
	for {
		st := s.state.Load()
		if st&ttlDone != 0 {
			return false
		}
		if s.state.CompareAndSwap(st, st|ttlDone) {
			return true
		}
	}
}

// set adds bit and returns the previous state, or reports false when the
// subscriber is done or the bit was already set.
func (s *ttlSub[T]) set(bit int32) (int32, bool) {
	for {
		st := s.state.Load()
		if st&(ttlDone|bit) != 0 {
			return st, false
		}
		if s.state.CompareAndSwap(st, st|bit) {
			return st, true
		}
	}
}

func (s *ttlSub[T]) offer(res *ttlResult[T]) {
	s.res = res
	prev, ok := s.set(ttlReady)
	if ok && (prev&ttlRequested != 0 || !res.has) {
		s.emit()
	}
}

func (s *ttlSub[T]) Request(n int64) {
	if n <= 0 {
		if s.finish() {
			s.detach()
			s.down.OnError(demand.Invalid(n))
		}
		return
	}
	if prev, ok := s.set(ttlRequested); ok && prev&ttlReady != 0 {
		s.emit()
	}
}

func (s *ttlSub[T]) Cancel() {
	if s.finish() {
		s.detach()
	}
}

func (s *ttlSub[T]) emit() {
	if !s.finish() {
		return
	}
	res := s.res
	switch {
	case res.err != nil:
		s.down.OnError(res.err)
	case res.has:
		s.down.OnNext(res.v)
		s.down.OnComplete()
	default:
		s.down.OnComplete()
	}
}

// detach removes a cancelled subscriber from the pending subscription.
func (s *ttlSub[T]) detach() {
	s.c.mu.Lock()
	defer s.c.mu.Unlock()
	r := s.run
	if r == nil {
		return
	}
	s.run = nil
	for i, x := range r.subs {
		if x == s {
			r.subs = append(r.subs[:i], r.subs[i+1:]...)
			break
		}
	}
}
