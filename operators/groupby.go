package operators

import (
	"errors"
	"fmt"
	"sync/atomic"

	"github.com/sluicego/sluice"
	"github.com/sluicego/sluice/internal/demand"
	"github.com/sluicego/sluice/internal/inner"
	"github.com/sluicego/sluice/internal/queue"
)

// DefaultGroupPrefetch is GroupBy's default upstream prefetch.
const DefaultGroupPrefetch = 256

// ErrGroupAbandoned ends a subscriber that subscribes to a group after it was
// abandoned (see GroupBy).
var ErrGroupAbandoned = errors.New("operators: group abandoned: it was not subscribed while it was being emitted")

// Grouped is one group of GroupBy: a unicast publisher of the elements whose
// key is Key.
type Grouped[K comparable, T any] interface {
	sluice.Publisher[T]
	// Key returns the key shared by the group's elements.
	Key() K
}

// GroupBy splits src into groups by the key keyFn computes for each element,
// emitting a Grouped publisher the first time a key is seen (Reactor's
// groupBy). Each group is unicast and buffers at most prefetch elements
// (<= 0: DefaultGroupPrefetch); src is asked for prefetch elements up front
// and replenished, in batches, as the groups consume (a group cancelled with
// elements queued gives them back too), so a slow group paces src.
//
// A group must be subscribed during the OnNext that emits it (subscribing
// there and requesting later is fine). A group that is not is abandoned: its
// queued elements go to sluice.NextDropped, later elements with its key open
// a new group, and a late Subscribe fails with ErrGroupAbandoned. Reactor
// only documents that unconsumed groups can hang the source once prefetch
// elements wait in them; this rule (RxJava 3's) makes the hang impossible.
// The same holds for a cancelled group: its key opens a new group.
//
// Cancelling the outer stream stops new groups (elements of new keys are
// dropped to sluice.NextDropped) but keeps the live groups running; src is
// cancelled once the outer stream and every group are cancelled or done.
// An error of src or a panic in keyFn ends the outer stream and every live
// group with that error.
func GroupBy[T any, K comparable](src sluice.Publisher[T], keyFn func(T) K, prefetch int) sluice.Publisher[Grouped[K, T]] {
	if prefetch <= 0 {
		prefetch = DefaultGroupPrefetch
	}
	return &groupByPublisher[T, K]{src: src, keyFn: keyFn, prefetch: int64(prefetch)}
}

type groupByPublisher[T any, K comparable] struct {
	src      sluice.Publisher[T]
	keyFn    func(T) K
	prefetch int64
}

func (p *groupByPublisher[T, K]) String() string { return describe(p.src, "GroupBy") }

func (p *groupByPublisher[T, K]) Subscribe(s sluice.Subscriber[Grouped[K, T]]) {
	checkSubscriber(s)
	m := &groupByMain[T, K]{
		down: s, keyFn: p.keyFn, prefetch: p.prefetch,
		groups: make(map[K]*group[T, K]),
		ready:  queue.NewMPSC[*group[T, K]](),
	}
	m.limit = p.prefetch - p.prefetch>>2
	if m.limit < 1 {
		m.limit = 1
	}
	m.refs.Store(1)
	p.src.Subscribe(m)
}

type groupByMain[T any, K comparable] struct {
	down     sluice.Subscriber[Grouped[K, T]]
	keyFn    func(T) K
	prefetch int64
	limit    int64

	up       inner.Slot
	refs     atomic.Int64 // the outer plus the live groups
	consumed atomic.Int64 // elements given back, not yet requested again
	hold     atomic.Int32 // > 0 while the emit loop runs a pass
	pending  atomic.Int64 // replenishment waiting to be requested
	rwip     demand.WIP   // serializes Request calls to src

	groups map[K]*group[T, K] // signal-owned
	done   bool               // signal-owned

	// groups wait in ready until the outer subscriber has demand
	ready     *queue.MPSC[*group[T, K]]
	owip      demand.WIP
	owed      atomic.Int64
	cancelled atomic.Bool
	ended     atomic.Bool
	err       error // written before ended
	fatal     inner.Errors
}

func (m *groupByMain[T, K]) OnSubscribe(s sluice.Subscription) {
	if !m.up.Set(s) {
		return
	}
	m.down.OnSubscribe(m)
	m.request(m.prefetch)
}

// request asks src for n more, serialized with every other caller (groups
// replenish from their own goroutines).
func (m *groupByMain[T, K]) request(n int64) {
	demand.AddAtomic(&m.pending, n)
	if !m.rwip.Enter() {
		return
	}
	missed := int32(1)
	for {
		if r := m.pending.Swap(0); r > 0 {
			m.up.Request(r)
		}
		if missed = m.rwip.Leave(missed); missed == 0 {
			return
		}
	}
}

// replenish records k elements consumed (or dropped) and requests them again
// once a batch has accumulated. While the outer emit loop runs, requests wait
// for the end of its pass, so that a source emitting synchronously cannot
// run ahead of the abandonment of the groups still waiting in ready.
func (m *groupByMain[T, K]) replenish(k int64) {
	if c := m.consumed.Add(k); c < m.limit || m.hold.Load() > 0 {
		return
	}
	m.flush()
}

func (m *groupByMain[T, K]) flush() {
	if n := m.consumed.Swap(0); n > 0 {
		m.request(n)
	}
}

func (m *groupByMain[T, K]) release() {
	if m.refs.Add(-1) == 0 {
		m.up.Cancel()
	}
}

func (m *groupByMain[T, K]) OnNext(v T) {
	if m.done {
		sluice.NextDropped(v)
		return
	}
	k, err := try1(m.keyFn, v)
	if err != nil {
		m.up.Cancel()
		m.terminate(err)
		return
	}
	g := m.groups[k]
	if g != nil && g.cancelled.Load() {
		delete(m.groups, k) // cancelled or abandoned: the key starts afresh
		g = nil
	}
	if g == nil {
		if m.cancelled.Load() {
			sluice.NextDropped(v)
			m.replenish(1)
			return
		}
		g = newGroup(k, m)
		m.refs.Add(1)
		m.groups[k] = g
		g.push(v)
		m.ready.Offer(g)
		m.emit()
		return
	}
	g.push(v)
}

func (m *groupByMain[T, K]) OnError(err error) {
	if m.done {
		sluice.ErrorDropped(err)
		return
	}
	m.terminate(err)
}

func (m *groupByMain[T, K]) OnComplete() {
	if m.done {
		return
	}
	m.terminate(nil)
}

func (m *groupByMain[T, K]) terminate(err error) {
	m.done = true
	for _, g := range m.groups {
		g.end(err)
	}
	clear(m.groups)
	m.err = err
	m.ended.Store(true)
	m.emit()
}

// Request asks for n more groups.
func (m *groupByMain[T, K]) Request(n int64) {
	if m.cancelled.Load() {
		return
	}
	if n <= 0 {
		m.fatal.SetFirst(demand.Invalid(n))
	} else {
		demand.AddAtomic(&m.owed, n)
	}
	m.emit()
}

// Cancel stops the outer stream; live groups keep running.
func (m *groupByMain[T, K]) Cancel() {
	if !m.cancelled.Swap(true) {
		m.release()
		m.emit()
	}
}

// emit hands the waiting groups, then the terminal signal, to the outer
// subscriber.
func (m *groupByMain[T, K]) emit() {
	if !m.owip.Enter() {
		return
	}
	missed := int32(1)
	for {
		m.hold.Add(1)
		for {
			if m.cancelled.Load() {
				for g, ok := m.ready.Poll(); ok; g, ok = m.ready.Poll() {
					g.abandon() // never handed out
				}
				break
			}
			if err := m.fatal.Load(); err != nil {
				m.cancelled.Store(true)
				m.release()
				m.down.OnError(err)
				continue // abandon the waiting groups
			}
			if m.owed.Load() == 0 {
				break
			}
			g, ok := m.ready.Poll()
			if !ok {
				break
			}
			demand.ProducedAtomic(&m.owed, 1)
			m.down.OnNext(g)
			g.abandon() // a no-op if it was subscribed
		}
		m.hold.Add(-1)
		if m.consumed.Load() >= m.limit {
			m.flush()
		}
		if m.ended.Load() && m.ready.IsEmpty() && !m.cancelled.Swap(true) {
			m.release()
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

// group is one unicast group.
type group[T any, K comparable] struct {
	unicastBuffer[T]
	key K
}

func newGroup[T any, K comparable](key K, parent *groupByMain[T, K]) *group[T, K] {
	g := &group[T, K]{key: key}
	g.q = queue.NewSPSC[T](int(parent.prefetch))
	g.parent = parent
	g.name = "groupBy"
	g.consumed = parent.replenish
	g.abandonedErr = ErrGroupAbandoned
	return g
}

// Key returns the group's key.
func (g *group[T, K]) Key() K { return g.key }

func (g *group[T, K]) String() string { return fmt.Sprintf("Group(%v)", g.key) }
