package sinks

import (
	"github.com/sluicego/sluice/internal/demand"
	"github.com/sluicego/sluice/internal/queue"
)

// MulticastOptions configures Multicast. The zero value follows Reactor's
// Sinks.many().multicast().onBackpressureBuffer(bufferSize).
type MulticastOptions struct {
	// KeepAlive keeps the sink open when its last subscriber cancels: it
	// returns to warm-up buffering instead of shutting down (Reactor's
	// autoCancel=false). By default the sink shuts down, clears its
	// buffer, cancels its upstream and refuses later emissions with
	// EmitFailCancelled.
	KeepAlive bool
}

// Multicast returns a sink for any number of subscribers that advances at the
// pace of the slowest one: an element leaves the buffer only when every
// subscriber has demand for it, so a subscriber that requested 2 holds
// everyone at 2 elements plus bufferSize buffered. Before the first
// subscriber arrives, up to bufferSize elements are kept (warm-up) and handed
// to it. A full buffer refuses with EmitFailOverflow, or
// EmitFailZeroSubscriber when nobody is subscribed. A subscriber arriving
// after termination receives what is still buffered, then the terminal
// signal.
//
// As a Processor, it requests bufferSize from the upstream and replenishes as
// the buffer drains. bufferSize < 1 panics.
func Multicast[T any](bufferSize int, opts ...MulticastOptions) *Many[T] {
	if bufferSize < 1 {
		panic("sinks.Multicast: buffer size must be at least 1")
	}
	var o MulticastOptions
	if len(opts) > 0 {
		o = opts[0]
	}
	batch := int64(bufferSize - bufferSize/4)
	return &Many[T]{kind: &multicast[T]{
		buf:       queue.NewSPSC[T](bufferSize),
		size:      bufferSize,
		keepAlive: o.KeepAlive,
		batch:     batch,
	}}
}

type multicast[T any] struct {
	buf       *queue.SPSC[T]
	size      int
	keepAlive bool
	batch     int64
}

func (*multicast[T]) admit(*Many[T]) error { return nil }

func (mc *multicast[T]) join(m *Many[T], i *inner[T]) {
	if m.cancelled || (m.done && mc.buf.Len() == 0) {
		i.finish(m.terminalErr())
	}
}

func (mc *multicast[T]) next(m *Many[T], v T) (EmitResult, int) {
	if mc.buf.Len() >= mc.size {
		if len(m.subs) == 0 {
			return EmitFailZeroSubscriber, 0
		}
		return EmitFailOverflow, 0
	}
	mc.buf.Offer(v)
	return EmitOK, 0
}

func (mc *multicast[T]) dispatch(m *Many[T]) {
	if len(m.subs) > 0 {
		least, live := demand.Unbounded, false
		for _, s := range m.subs {
			if !s.active() {
				continue
			}
			live = true
			least = min(least, s.credit.Load())
		}
		if !live {
			least = 0
		}
		for ; least > 0; least-- {
			v, ok := mc.buf.Poll()
			if !ok {
				break
			}
			for _, s := range m.subs {
				if s.active() {
					s.offer(v)
				}
			}
		}
		if m.done && mc.buf.Len() == 0 {
			for _, s := range m.subs {
				s.finish(m.err)
			}
			m.subs = nil
		}
	}
	if !m.cancelled {
		m.wantLocked(int64(mc.size-mc.buf.Len()), mc.batch)
	}
}

func (mc *multicast[T]) removed(m *Many[T], _ *inner[T], listed bool) {
	if !listed || len(m.subs) > 0 || mc.keepAlive || m.done {
		return
	}
	m.cancelled = true
	mc.buf.Clear()
	m.cancelUpstreamLocked()
}

func (mc *multicast[T]) eagerError(*Many[T]) []T { return drainBuffer[T](mc.buf) }

func (*multicast[T]) overflowIsError() bool { return true }
