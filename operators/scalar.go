package operators

import (
	"sync/atomic"

	"github.com/sluicego/sluice"
	"github.com/sluicego/sluice/internal/demand"
)

// scalar states: whether the downstream has requested and whether the value
// is known. The value may become known before any request (an empty source
// completes without demand); it is then held until the first Request.
const (
	scalarIdle      int32 = iota // no request, no value
	scalarRequested              // requested, value pending
	scalarHasValue               // value ready, not requested yet
	scalarDone                   // delivered, failed or cancelled
)

// scalarOut delivers at most one value and a terminal signal to down,
// honouring demand: the output side of every Mono-producing operator.
type scalarOut[R any] struct {
	down  sluice.Subscriber[R]
	state atomic.Int32
	value R
	has   bool
}

// request handles downstream demand. It reports start == true exactly once,
// on the first valid request made before the value is known: the caller
// then starts its upstream. An invalid request fails the stream unless it
// already ended, and reports invalid == true so the caller cancels upstream.
func (o *scalarOut[R]) request(n int64) (start, invalid bool) {
	for {
		s := o.state.Load()
		switch {
		case s == scalarDone:
			return false, false
		case n <= 0:
			if s == scalarRequested {
				// Already running: the value is owed, the bad request is
				// reported to the hook instead (rule 3.9 is about demand
				// the publisher still has to honour).
				sluice.ErrorDropped(demand.Invalid(n))
				return false, false
			}
			if o.state.CompareAndSwap(s, scalarDone) {
				o.down.OnError(demand.Invalid(n))
				return false, true
			}
		case s == scalarIdle:
			if o.state.CompareAndSwap(scalarIdle, scalarRequested) {
				return true, false
			}
		case s == scalarHasValue:
			if o.state.CompareAndSwap(scalarHasValue, scalarDone) {
				o.deliver()
			}
			return false, false
		default:
			return false, false
		}
	}
}

func (o *scalarOut[R]) deliver() {
	if o.has {
		v := o.value
		var zero R
		o.value = zero
		o.down.OnNext(v)
	}
	o.down.OnComplete()
}

// complete ends the stream with v (if has) then completion, now if the
// downstream requested, else at its first request.
func (o *scalarOut[R]) complete(v R, has bool) {
	for {
		s := o.state.Load()
		switch s {
		case scalarDone, scalarHasValue:
			if has {
				sluice.NextDropped(v)
			}
			return
		case scalarRequested:
			if o.state.CompareAndSwap(s, scalarDone) {
				if !has {
					o.down.OnComplete()
					return
				}
				o.down.OnNext(v)
				o.down.OnComplete()
				return
			}
		case scalarIdle:
			if !has {
				// Completion needs no demand.
				if o.state.CompareAndSwap(s, scalarDone) {
					o.down.OnComplete()
					return
				}
				continue
			}
			o.value, o.has = v, has
			if o.state.CompareAndSwap(s, scalarHasValue) {
				return
			}
		}
	}
}

// fail ends the stream with err unless it already ended.
func (o *scalarOut[R]) fail(err error) {
	for {
		s := o.state.Load()
		if s == scalarDone {
			sluice.ErrorDropped(err)
			return
		}
		if o.state.CompareAndSwap(s, scalarDone) {
			o.down.OnError(err)
			return
		}
	}
}

// cancel marks the output done and reports whether it was still live.
func (o *scalarOut[R]) cancel() bool {
	return o.state.Swap(scalarDone) != scalarDone
}

// cancelled reports whether the output ended.
func (o *scalarOut[R]) ended() bool { return o.state.Load() == scalarDone }
