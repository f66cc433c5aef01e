package sinks

// MulticastBestEffort returns a sink for any number of subscribers that
// buffers nothing: each element goes to the subscribers that have demand for
// it and is dropped for the others. Each drop for an element that at least
// one subscriber took is reported to sluice.NextDropped (once per subscriber
// that missed it); an element nobody took is refused with EmitFailOverflow,
// or EmitFailZeroSubscriber when nobody is subscribed. A subscriber arriving
// after termination receives the terminal signal.
//
// As a Processor, it requests from the upstream what its most demanding
// subscriber asks for, and cancels the upstream when its last subscriber
// cancels.
func MulticastBestEffort[T any]() *Many[T] {
	return &Many[T]{kind: bestEffort[T]{}}
}

type bestEffort[T any] struct{}

func (bestEffort[T]) admit(*Many[T]) error { return nil }

func (bestEffort[T]) join(m *Many[T], i *inner[T]) {
	if m.done || m.cancelled {
		i.finish(m.terminalErr())
	}
}

func (bestEffort[T]) next(m *Many[T], v T) (EmitResult, int) {
	if len(m.subs) == 0 {
		return EmitFailZeroSubscriber, 0
	}
	took, missed := 0, 0
	for _, s := range m.subs {
		if s.active() && s.credit.Load() > 0 {
			s.offer(v)
			took++
		} else {
			missed++
		}
	}
	if took == 0 {
		return EmitFailOverflow, 0
	}
	return EmitOK, missed
}

func (bestEffort[T]) dispatch(m *Many[T]) {
	if m.done {
		for _, s := range m.subs {
			s.finish(m.err)
		}
		m.subs = nil
		return
	}
	m.wantLocked(m.maxCreditLocked(), 1)
}

func (bestEffort[T]) removed(m *Many[T], _ *inner[T], listed bool) {
	shutdownWithUpstream(m, listed)
}

func (bestEffort[T]) eagerError(*Many[T]) []T { return nil }

func (bestEffort[T]) overflowIsError() bool { return false }

// shutdownWithUpstream cancels the upstream of a processor whose last
// subscriber left, and shuts the sink down with it.
func shutdownWithUpstream[T any](m *Many[T], listed bool) {
	if !listed || len(m.subs) > 0 || m.done || m.upSub == nil {
		return
	}
	m.cancelled = true
	m.cancelUpstreamLocked()
}
