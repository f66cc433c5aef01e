package sinks

import (
	"github.com/sluicego/sluice"
	"github.com/sluicego/sluice/internal/queue"
)

// UnicastOptions configures Unicast. The zero value buffers without bound.
type UnicastOptions struct {
	// Capacity bounds the elements buffered for the subscriber; 0 means
	// unbounded. A full buffer refuses with EmitFailOverflow.
	Capacity int
}

// Unicast returns a sink for exactly one subscriber. Elements emitted before
// it subscribes are buffered and replayed; after that the sink honours its
// demand, buffering the excess. A second subscriber receives OnSubscribe then
// OnError(sluice.ErrAlreadySubscribed). When the subscriber cancels, the
// buffer is cleared and later emissions return EmitFailCancelled.
//
// As a Processor, it requests from the upstream exactly what its subscriber
// requests. A negative Capacity panics.
func Unicast[T any](opts ...UnicastOptions) *Many[T] {
	var o UnicastOptions
	if len(opts) > 0 {
		o = opts[0]
	}
	if o.Capacity < 0 {
		panic("sinks.Unicast: negative capacity")
	}
	u := &unicast[T]{capacity: o.Capacity}
	if o.Capacity > 0 {
		u.buf = queue.NewSPSC[T](o.Capacity)
	} else {
		u.buf = unboundedBuffer[T]{queue.NewMPSC[T]()}
	}
	return &Many[T]{kind: u}
}

// buffer is a queue used only under the sink's lock.
type buffer[T any] interface {
	Offer(v T) bool
	Poll() (T, bool)
	Len() int
	Clear()
}

type unboundedBuffer[T any] struct{ *queue.MPSC[T] }

func (b unboundedBuffer[T]) Offer(v T) bool {
	b.MPSC.Offer(v)
	return true
}

type unicast[T any] struct {
	buf        buffer[T]
	capacity   int
	subscribed bool
}

func (u *unicast[T]) admit(*Many[T]) error {
	if u.subscribed {
		return sluice.ErrAlreadySubscribed
	}
	u.subscribed = true
	return nil
}

func (u *unicast[T]) join(*Many[T], *inner[T]) {}

func (u *unicast[T]) next(_ *Many[T], v T) (EmitResult, int) {
	if u.capacity > 0 && u.buf.Len() >= u.capacity {
		return EmitFailOverflow, 0
	}
	u.buf.Offer(v)
	return EmitOK, 0
}

func (u *unicast[T]) dispatch(m *Many[T]) {
	if len(m.subs) != 1 {
		return
	}
	s := m.subs[0]
	for c := s.credit.Load(); c > 0; c-- {
		v, ok := u.buf.Poll()
		if !ok {
			break
		}
		s.offer(v)
	}
	if m.done && u.buf.Len() == 0 {
		s.finish(m.err)
		m.subs = nil
		return
	}
	m.wantLocked(s.credit.Load(), 1)
}

func (u *unicast[T]) removed(m *Many[T], _ *inner[T], _ bool) {
	if m.done {
		return
	}
	m.cancelled = true
	u.buf.Clear()
	m.cancelUpstreamLocked()
}

func (u *unicast[T]) eagerError(*Many[T]) []T { return drainBuffer[T](u.buf) }

func (u *unicast[T]) overflowIsError() bool { return false }

func drainBuffer[T any](b interface{ Poll() (T, bool) }) []T {
	var out []T
	for {
		v, ok := b.Poll()
		if !ok {
			return out
		}
		out = append(out, v)
	}
}
