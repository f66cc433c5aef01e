package queue

import "sync/atomic"

type node[T any] struct {
	next atomic.Pointer[node[T]]
	v    T
}

// MPSC is an unbounded linked queue that any number of goroutines may Offer
// to concurrently while one consumer Polls. Offer never blocks; it allocates
// one node per element.
//
// A Poll that races with an Offer may miss the element being linked in; pair
// the queue with a WIP drain loop (Offer, then Enter) so the consumer always
// goes around once more.
type MPSC[T any] struct {
	tail atomic.Pointer[node[T]] // last linked node; producers swap it
	_    [56]byte
	head *node[T] // consumer's sentinel; head.next is the oldest element
	size atomic.Int64
}

// NewMPSC returns an empty queue.
func NewMPSC[T any]() *MPSC[T] {
	q := &MPSC[T]{}
	s := &node[T]{}
	q.head = s
	q.tail.Store(s)
	return q
}

// Offer appends v. Safe for concurrent producers.
func (q *MPSC[T]) Offer(v T) {
	n := &node[T]{v: v}
	q.size.Add(1)
	prev := q.tail.Swap(n)
	prev.next.Store(n)
}

// Poll removes and returns the oldest element. Consumer only.
func (q *MPSC[T]) Poll() (T, bool) {
	var zero T
	next := q.head.next.Load()
	if next == nil {
		return zero, false
	}
	v := next.v
	next.v = zero
	q.head = next
	q.size.Add(-1)
	return v, true
}

// Len returns the number of offered but not yet polled elements (a snapshot).
func (q *MPSC[T]) Len() int { return int(q.size.Load()) }

// IsEmpty reports whether no element is ready for the consumer.
func (q *MPSC[T]) IsEmpty() bool { return q.head.next.Load() == nil }

// Clear drops every ready element. Consumer only.
func (q *MPSC[T]) Clear() {
	for {
		if _, ok := q.Poll(); !ok {
			return
		}
	}
}
