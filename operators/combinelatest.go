package operators

import (
	"sync/atomic"

	"github.com/sluicego/sluice"
	"github.com/sluicego/sluice/internal/demand"
	"github.com/sluicego/sluice/internal/inner"
	"github.com/sluicego/sluice/internal/queue"
)

// CombineLatest subscribes to every source and, once each has emitted at
// least once, emits fn applied to a new slice holding the latest element of
// every source, each time any of them emits (fn may keep the slice). It
// completes when all sources have completed (or at once when one completes
// without emitting) and fails with the first error or a panic in fn. Each
// source is asked for prefetch elements ahead and replenished in batches as
// its elements are combined.
func CombineLatest[T, R any](sources []sluice.Publisher[T], fn func([]T) R, prefetch int) sluice.Publisher[R] {
	if len(sources) == 0 {
		return mergeEmpty[R]{}
	}
	pf := clPrefetch(prefetch)
	return clPublisher[R](func(c *clCore[R]) {
		ins := make([]*clIn[T, R], len(sources))
		c.ins = make([]clInput, len(sources))
		for i, src := range sources {
			ins[i] = newCLIn(c, src, pf)
			c.ins[i] = ins[i]
		}
		c.combine = func() R {
			row := make([]T, len(ins))
			for i, in := range ins {
				row[i] = in.latest
			}
			return fn(row)
		}
	})
}

// CombineLatest2 combines the latest elements of a and b through fn (see
// CombineLatest). Each source keeps its latest element in a slot of its own
// type, so combining allocates nothing per element.
func CombineLatest2[A, B, R any](a sluice.Publisher[A], b sluice.Publisher[B], fn func(A, B) R, prefetch int) sluice.Publisher[R] {
	pf := clPrefetch(prefetch)
	return clPublisher[R](func(c *clCore[R]) {
		ia, ib := newCLIn(c, a, pf), newCLIn(c, b, pf)
		c.ins = []clInput{ia, ib}
		c.combine = func() R { return fn(ia.latest, ib.latest) }
	})
}

func clPrefetch(prefetch int) int64 {
	if prefetch <= 0 {
		prefetch = DefaultPrefetch
	}
	return int64(prefetch)
}

// clPublisher builds, per subscription, the inputs and the combine function
// of one combineLatest.
type clPublisher[R any] func(c *clCore[R])

func (p clPublisher[R]) Subscribe(s sluice.Subscriber[R]) {
	checkSubscriber(s)
	c := &clCore[R]{down: s}
	p(c)
	c.active.Store(int32(len(c.ins)))
	s.OnSubscribe(c)
	for _, in := range c.ins {
		if c.cancelled.Load() {
			return
		}
		in.subscribe()
	}
}

// clInput is one source of a combineLatest, seen from the drain loop.
type clInput interface {
	subscribe()
	// head returns the arrival ticket of the oldest queued element.
	head() (uint64, bool)
	// take makes the oldest queued element the latest and reports whether
	// it is the input's first.
	take() bool
	cancel()
	clear()
}

// clCore is the subscription handed downstream and the one drain loop.
// Elements wait in a bounded queue per source; a ticket taken on arrival
// keeps the order in which the sources emitted.
type clCore[R any] struct {
	down      sluice.Subscriber[R]
	ins       []clInput
	combine   func() R
	tickets   atomic.Uint64
	wip       demand.WIP
	requested atomic.Int64
	cancelled atomic.Bool
	active    atomic.Int32 // sources not completed
	emptyDone atomic.Bool  // a source completed without emitting
	errs      inner.Errors

	filled int  // drain-owned: sources with a latest value
	dirty  bool // drain-owned: a combination is owed downstream
}

func (c *clCore[R]) Request(n int64) {
	if c.cancelled.Load() {
		return
	}
	if n <= 0 {
		c.errs.SetFirst(demand.Invalid(n))
	} else {
		demand.AddAtomic(&c.requested, n)
	}
	c.drain()
}

func (c *clCore[R]) Cancel() {
	if c.cancelled.Swap(true) {
		return
	}
	for _, in := range c.ins {
		in.cancel()
	}
	c.drain()
}

func (c *clCore[R]) cleanup() {
	for _, in := range c.ins {
		in.cancel()
		in.clear()
	}
}

func (c *clCore[R]) queuesEmpty() bool {
	for _, in := range c.ins {
		if _, ok := in.head(); ok {
			return false
		}
	}
	return true
}

func (c *clCore[R]) drain() {
	if !c.wip.Enter() {
		return
	}
	missed := int32(1)
	for {
		r := c.requested.Load()
		var e int64
		for {
			if c.cancelled.Load() {
				c.cleanup()
				return
			}
			if err := c.errs.Load(); err != nil {
				c.cancelled.Store(true)
				c.cleanup()
				c.down.OnError(err)
				return
			}
			if c.emptyDone.Load() || (c.active.Load() == 0 && !c.dirty && c.queuesEmpty()) {
				c.cancelled.Store(true)
				c.cleanup()
				c.down.OnComplete()
				return
			}
			if c.dirty {
				if e == r {
					break
				}
				c.dirty = false
				v, err := tryCombine(c.combine)
				if err != nil {
					c.errs.SetFirst(err)
					continue
				}
				c.down.OnNext(v)
				e++
				continue
			}
			next, nt := -1, uint64(0)
			for i, in := range c.ins {
				if t, ok := in.head(); ok && (next < 0 || t < nt) {
					next, nt = i, t
				}
			}
			if next < 0 {
				break
			}
			if c.ins[next].take() {
				c.filled++
			}
			c.dirty = c.filled == len(c.ins)
		}
		if e != 0 && r != sluice.Unbounded {
			c.requested.Add(-e)
		}
		if missed = c.wip.Leave(missed); missed == 0 {
			return
		}
	}
}

func tryCombine[R any](fn func() R) (r R, err error) {
	defer func() {
		if x := recover(); x != nil {
			err = sluice.NewPanicError(x)
		}
	}()
	return fn(), nil
}

type clItem[T any] struct {
	ticket uint64
	v      T
}

// clIn subscribes to one source of a combineLatest and keeps its latest
// element in a typed slot.
type clIn[T, R any] struct {
	c        *clCore[R]
	src      sluice.Publisher[T]
	q        *queue.SPSC[clItem[T]]
	slot     inner.Slot
	prefetch int64
	limit    int64
	emitted  atomic.Bool
	done     atomic.Bool

	latest   T     // drain-owned
	has      bool  // drain-owned
	produced int64 // drain-owned
}

func newCLIn[T, R any](c *clCore[R], src sluice.Publisher[T], prefetch int64) *clIn[T, R] {
	limit := prefetch - prefetch>>2
	if limit < 1 {
		limit = 1
	}
	return &clIn[T, R]{c: c, src: src, q: queue.NewSPSC[clItem[T]](int(prefetch)), prefetch: prefetch, limit: limit}
}

func (in *clIn[T, R]) subscribe() { in.src.Subscribe(in) }

func (in *clIn[T, R]) head() (uint64, bool) {
	it, ok := in.q.Peek()
	return it.ticket, ok
}

func (in *clIn[T, R]) take() bool {
	it, _ := in.q.Poll()
	in.latest = it.v
	first := !in.has
	in.has = true
	if in.produced++; in.produced == in.limit {
		in.produced = 0
		in.slot.Request(in.limit)
	}
	return first
}

func (in *clIn[T, R]) cancel() { in.slot.Cancel() }

func (in *clIn[T, R]) clear() {
	in.q.Clear()
	var zero T
	in.latest = zero
}

func (in *clIn[T, R]) OnSubscribe(sub sluice.Subscription) {
	if in.slot.Set(sub) {
		sub.Request(in.prefetch)
	}
}

func (in *clIn[T, R]) OnNext(v T) {
	if in.done.Load() {
		sluice.NextDropped(v)
		return
	}
	in.emitted.Store(true)
	if !in.q.Offer(clItem[T]{ticket: in.c.tickets.Add(1), v: v}) {
		// more than was requested: the source broke rule 1.1
		in.done.Store(true)
		in.slot.Cancel()
		sluice.NextDropped(v)
		in.c.errs.SetFirst(ErrOverflow)
	}
	in.c.drain()
}

func (in *clIn[T, R]) OnError(err error) {
	if in.done.Swap(true) {
		sluice.ErrorDropped(err)
		return
	}
	if !in.c.errs.SetFirst(err) {
		sluice.ErrorDropped(err)
	}
	in.c.drain()
}

func (in *clIn[T, R]) OnComplete() {
	if in.done.Swap(true) {
		return
	}
	if !in.emitted.Load() {
		in.c.emptyDone.Store(true)
	}
	in.c.active.Add(-1)
	in.c.drain()
}
