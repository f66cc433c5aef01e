// Package serial turns signals that may arrive from several goroutines at
// once into the serial sequence a Subscriber is owed (Reactive Streams rule
// 1.3), without holding a lock while calling out and without blocking the
// goroutines that signal.
package serial

import (
	"sync"
	"sync/atomic"

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

	// state holds the emitting, pending and done bits. An OnNext that
	// finds it zero delivers with one compare-and-swap before and one
	// after, without the lock; anything else goes through mu.
	state atomic.Uint32

	mu    sync.Mutex // guards queue and spare, and the setting of done and pending
	queue []signal[T]
	spare []signal[T]
}

// Bits of Subscriber.state.
const (
	emitting uint32 = 1 << iota // a goroutine is delivering
	pending                     // the queue holds signals
	done                        // a terminal signal was received
)

// New returns a serializing wrapper around down.
func New[T any](down sluice.Subscriber[T]) *Subscriber[T] {
	return &Subscriber[T]{down: down}
}

// OnSubscribe forwards s downstream.
func (s *Subscriber[T]) OnSubscribe(sub sluice.Subscription) { s.down.OnSubscribe(sub) }

// OnNext delivers v now, or queues it behind the signal being delivered.
func (s *Subscriber[T]) OnNext(v T) {
	for {
		if s.state.CompareAndSwap(0, emitting) {
			s.down.OnNext(v)
			if !s.state.CompareAndSwap(emitting, 0) {
				s.drain()
			}
			return
		}
		s.mu.Lock()
		st := s.state.Load()
		switch {
		case st&done != 0:
			s.mu.Unlock()
			sluice.NextDropped(v)
			return
		case st&emitting != 0 && s.state.CompareAndSwap(st, st|pending):
			// The emitter cannot let go without the lock now: it
			// finds pending and drains.
			s.queue = append(s.queue, signal[T]{kind: kindNext, v: v})
			s.mu.Unlock()
			return
		}
		// The emitter let go meanwhile (its last compare-and-swap
		// takes no lock): try again.
		s.mu.Unlock()
	}
}

// OnError delivers or queues the terminal error; a second terminal signal
// is dropped.
func (s *Subscriber[T]) OnError(err error) { s.terminal(signal[T]{kind: kindError, err: err}) }

// OnComplete delivers or queues completion; a second terminal signal is
// dropped.
func (s *Subscriber[T]) OnComplete() { s.terminal(signal[T]{kind: kindComplete}) }

// Done reports whether a terminal signal was received.
func (s *Subscriber[T]) Done() bool { return s.state.Load()&done != 0 }

func (s *Subscriber[T]) terminal(sig signal[T]) {
	s.mu.Lock()
	st := s.state.Or(done)
	if st&done != 0 {
		s.mu.Unlock()
		if sig.kind == kindError {
			sluice.ErrorDropped(sig.err)
		}
		return
	}
	if st&emitting != 0 {
		// With done set the emitter cannot let go without the lock:
		// it drains and finds sig.
		s.queue = append(s.queue, sig)
		s.state.Or(pending)
		s.mu.Unlock()
		return
	}
	// done is set, so no OnNext starts delivering: this goroutine owns
	// the last delivery.
	s.state.Or(emitting)
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

// drain delivers what others queued while this goroutine was delivering,
// then lets go of emitting.
func (s *Subscriber[T]) drain() {
	for {
		s.mu.Lock()
		if len(s.queue) == 0 {
			s.state.And(^(emitting | pending))
			s.mu.Unlock()
			return
		}
		batch := s.queue
		s.queue = s.spare[:0]
		s.state.And(^pending)
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
