// Package serial turns signals that may arrive from several goroutines at
// once into the serial sequence a Subscriber is owed (Reactive Streams rule
// 1.3), without holding a lock while calling out and without blocking the
// goroutines that signal.
package serial

import (
	"sync"

	"github.com/sluicego/sluice"
)

type kind uint8

const (
	kindNext kind = iota
	kindError
	kindComplete
)

type signal[T any] struct {
	kind kind
	v    T
	err  error
}

// Subscriber wraps a downstream Subscriber so that OnNext, OnError and
// OnComplete may be called concurrently: whoever arrives while another
// goroutine is delivering queues its signal, and the delivering goroutine
// drains the queue before it leaves. After the first terminal signal every
// later one is dropped to the sluice hooks.
//
// OnSubscribe is forwarded as is; it must happen before any other signal.
type Subscriber[T any] struct {
	down sluice.Subscriber[T]

	mu       sync.Mutex
	emitting bool
	done     bool
	queue    []signal[T]
	spare    []signal[T]
}

// New returns a serializing wrapper around down.
func New[T any](down sluice.Subscriber[T]) *Subscriber[T] {
	return &Subscriber[T]{down: down}
}

// OnSubscribe forwards s downstream.
func (s *Subscriber[T]) OnSubscribe(sub sluice.Subscription) { s.down.OnSubscribe(sub) }

// OnNext delivers v now, or queues it behind the signal being delivered.
func (s *Subscriber[T]) OnNext(v T) {
	s.mu.Lock()
	if s.done {
		s.mu.Unlock()
		sluice.NextDropped(v)
		return
	}
	if s.emitting {
		s.queue = append(s.queue, signal[T]{kind: kindNext, v: v})
		s.mu.Unlock()
		return
	}
	s.emitting = true
	s.mu.Unlock()
	s.down.OnNext(v)
	s.drain()
}

// OnError delivers the terminal error unless a terminal signal came first.
func (s *Subscriber[T]) OnError(err error) { s.terminal(signal[T]{kind: kindError, err: err}) }

// OnComplete delivers completion unless a terminal signal came first.
func (s *Subscriber[T]) OnComplete() { s.terminal(signal[T]{kind: kindComplete}) }

// Done reports whether a terminal signal has been accepted.
func (s *Subscriber[T]) Done() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.done
}

func (s *Subscriber[T]) terminal(sig signal[T]) {
	s.mu.Lock()
	if s.done {
		s.mu.Unlock()
		if sig.kind == kindError {
			sluice.ErrorDropped(sig.err)
		}
		return
	}
	s.done = true
	if s.emitting {
		s.queue = append(s.queue, sig)
		s.mu.Unlock()
		return
	}
	s.emitting = true
	s.mu.Unlock()
	s.deliver(sig)
}

func (s *Subscriber[T]) deliver(sig signal[T]) {
	switch sig.kind {
	case kindNext:
		s.down.OnNext(sig.v)
	case kindError:
		s.down.OnError(sig.err)
	default:
		s.down.OnComplete()
	}
}

func (s *Subscriber[T]) drain() {
	for {
		s.mu.Lock()
		if len(s.queue) == 0 {
			s.emitting = false
			s.mu.Unlock()
			return
		}
		batch := s.queue
		s.queue = s.spare[:0]
		s.mu.Unlock()
		for i := range batch {
			s.deliver(batch[i])
			batch[i] = signal[T]{}
		}
		s.mu.Lock()
		s.spare = batch[:0]
		s.mu.Unlock()
	}
}
