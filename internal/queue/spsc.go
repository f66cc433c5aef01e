package queue

import "sync/atomic"

// SPSC is a bounded ring buffer for exactly one producer goroutine and one
// consumer goroutine at a time (the roles may move between goroutines if a
// happens-before edge, such as a WIP drain loop, separates their users).
// Offer and Poll never block and never allocate.
type SPSC[T any] struct {
	buf  []T
	mask uint64
	_    [56]byte
	head atomic.Uint64 // next slot to read; written by the consumer
	_    [56]byte
	tail atomic.Uint64 // next slot to write; written by the producer
	_    [56]byte
}

// NewSPSC returns a ring holding at least capacity elements (rounded up to a
// power of two, minimum 1).
func NewSPSC[T any](capacity int) *SPSC[T] {
	c := 1
	for c < capacity {
		c <<= 1
	}
	return &SPSC[T]{buf: make([]T, c), mask: uint64(c - 1)}
}

// Cap returns the number of elements the ring can hold.
func (q *SPSC[T]) Cap() int { return len(q.buf) }

// Offer appends v and reports whether there was room. Producer only.
func (q *SPSC[T]) Offer(v T) bool {
	t := q.tail.Load()
	if t-q.head.Load() == uint64(len(q.buf)) {
		return false
	}
	q.buf[t&q.mask] = v
	q.tail.Store(t + 1)
	return true
}

// Poll removes and returns the oldest element. Consumer only.
func (q *SPSC[T]) Poll() (T, bool) {
	var zero T
	h := q.head.Load()
	if h == q.tail.Load() {
		return zero, false
	}
	i := h & q.mask
	v := q.buf[i]
	q.buf[i] = zero
	q.head.Store(h + 1)
	return v, true
}

// Peek returns the oldest element without removing it. Consumer only.
func (q *SPSC[T]) Peek() (T, bool) {
	var zero T
	h := q.head.Load()
	if h == q.tail.Load() {
		return zero, false
	}
	return q.buf[h&q.mask], true
}

// Len returns the number of queued elements (a snapshot).
func (q *SPSC[T]) Len() int { return int(q.tail.Load() - q.head.Load()) }

// IsEmpty reports whether the ring holds no element (a snapshot).
func (q *SPSC[T]) IsEmpty() bool { return q.head.Load() == q.tail.Load() }

// Clear drops every queued element so they can be garbage collected.
// Consumer only.
func (q *SPSC[T]) Clear() {
	for {
		if _, ok := q.Poll(); !ok {
			return
		}
	}
}
