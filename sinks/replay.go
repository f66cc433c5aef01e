package sinks

// node is one element of a replay history. Subscribers hold their position
// as a node, so a slow subscriber keeps the elements it has yet to receive
// alive even after they left the retained history.
type node[T any] struct {
	v    T
	next *node[T]
}

// ReplayAll returns a sink that keeps every element and replays the whole
// history to each subscriber, then continues live. Each subscriber has its
// own demand and position; nobody waits for anybody. A subscriber arriving
// after termination receives the history, then the terminal signal.
//
// As a Processor, it requests from the upstream what its most demanding
// subscriber still needs, and cancels the upstream when its last subscriber
// cancels.
func ReplayAll[T any]() *Many[T] { return newReplay[T](-1) }

// ReplayLimit is ReplayAll keeping only the last n elements for subscribers
// that arrive later. n < 0 panics; n == 0 replays nothing but the terminal
// signal.
func ReplayLimit[T any](n int) *Many[T] {
	if n < 0 {
		panic("sinks.ReplayLimit: negative limit")
	}
	return newReplay[T](n)
}

// ReplayLatest is ReplayLimit(1): a late subscriber receives the latest
// element, then what follows.
func ReplayLatest[T any]() *Many[T] { return ReplayLimit[T](1) }

func newReplay[T any](limit int) *Many[T] {
	s := &node[T]{}
	return &Many[T]{kind: &replay[T]{head: s, tail: s, limit: limit}}
}

type replay[T any] struct {
	head  *node[T] // sentinel: head.next is the oldest retained element
	tail  *node[T]
	size  int
	limit int // < 0: unlimited
}

func (*replay[T]) admit(*Many[T]) error { return nil }

func (r *replay[T]) join(_ *Many[T], i *inner[T]) { i.cursor = r.head }

func (r *replay[T]) next(_ *Many[T], v T) (EmitResult, int) {
	n := &node[T]{v: v}
	r.tail.next = n
	r.tail = n
	r.size++
	if r.limit >= 0 && r.size > r.limit {
		r.head = r.head.next
		r.size--
	}
	return EmitOK, 0
}

func (r *replay[T]) dispatch(m *Many[T]) {
	ended := m.done || m.cancelled
	finished := false
	for _, s := range m.subs {
		if !s.active() {
			continue
		}
		cur := s.cursor
		for c := s.credit.Load(); c > 0 && cur.next != nil; c-- {
			cur = cur.next
			s.offer(cur.v)
		}
		s.cursor = cur
		if ended && cur.next == nil {
			s.finish(m.terminalErr())
			finished = true
		}
	}
	if finished {
		m.pruneLocked()
	}
	m.wantLocked(m.maxCreditLocked(), 1)
}

func (*replay[T]) removed(m *Many[T], _ *inner[T], listed bool) {
	shutdownWithUpstream(m, listed)
}

// eagerError moves the current subscribers to the end of the history; the
// history itself stays for later subscribers.
func (r *replay[T]) eagerError(m *Many[T]) []T {
	for _, s := range m.subs {
		s.cursor = r.tail
	}
	return nil
}

func (*replay[T]) overflowIsError() bool { return false }
