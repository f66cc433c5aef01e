package operators

import (
	"fmt"
	"sync/atomic"

	"github.com/sluicego/sluice"
	"github.com/sluicego/sluice/internal/demand"
	"github.com/sluicego/sluice/internal/inner"
	"github.com/sluicego/sluice/internal/serial"
	"github.com/sluicego/sluice/scheduler"
)

// final states of a timedEmitter.
const (
	finalNone    int32 = iota // no final value held
	finalHeld                 // a final value waits for demand
	finalSending              // the final value is being delivered
)

// timedEmitter is the output side of the time operators whose signals come
// both from their upstream and from timer tasks (Interval, Sample,
// SampleFirst, SampleTimeout, BufferTimeout): it serializes the signals to
// the downstream, counts its demand, and on termination or cancellation
// cancels the upstream and disposes the subscription's timer worker, so no
// task outlives the subscription. Elements are never queued: an operator
// that must emit without demand calls overflow.
type timedEmitter[T any] struct {
	down      *serial.Subscriber[T]
	worker    scheduler.Worker
	upstream  inner.Slot
	requested atomic.Int64
	done      atomic.Bool
	final     atomic.Int32
	last      T // the final value, written before final is set to finalHeld
}

func (e *timedEmitter[T]) init(down sluice.Subscriber[T], sched scheduler.Scheduler) {
	e.down = serial.New(down)
	e.worker = timerOf(sched).NewWorker()
}

// Request adds demand; n <= 0 ends the stream with an invalid-demand error.
func (e *timedEmitter[T]) Request(n int64) {
	if e.done.Load() {
		return
	}
	if n <= 0 {
		e.fail(demand.Invalid(n))
		return
	}
	demand.AddAtomic(&e.requested, n)
	e.sendFinal()
}

// Cancel stops the upstream and every timer.
func (e *timedEmitter[T]) Cancel() {
	if e.done.Swap(true) {
		return
	}
	e.release()
}

func (e *timedEmitter[T]) release() {
	e.worker.Dispose()
	e.upstream.Cancel()
}

// tryEmit delivers v if there is demand and reports whether it did (true
// also when the stream already ended: v is then dropped).
func (e *timedEmitter[T]) tryEmit(v T) bool {
	for {
		if e.done.Load() {
			sluice.NextDropped(v)
			return true
		}
		r := e.requested.Load()
		if r == 0 {
			return false
		}
		if r == sluice.Unbounded || e.requested.CompareAndSwap(r, r-1) {
			e.guard(func() { e.down.OnNext(v) })
			return true
		}
	}
}

// emitOrOverflow delivers v, or ends the stream with an overflow error
// naming what could not be emitted when there is no demand (Reactor's
// failWithOverflow).
func (e *timedEmitter[T]) emitOrOverflow(v T, what string) {
	if !e.tryEmit(v) {
		e.fail(fmt.Errorf("%w: could not emit %s due to lack of requests", ErrOverflow, what))
	}
}

// fail ends the stream with err.
func (e *timedEmitter[T]) fail(err error) {
	if e.done.Swap(true) {
		sluice.ErrorDropped(err)
		return
	}
	e.release()
	e.guard(func() { e.down.OnError(err) })
}

// complete ends the stream.
func (e *timedEmitter[T]) complete() {
	if e.done.Swap(true) {
		return
	}
	e.release()
	e.guard(e.down.OnComplete)
}

// finish completes after delivering v: now if there is demand, else at the
// next Request. Timers stop at once.
func (e *timedEmitter[T]) finish(v T) {
	if e.done.Load() {
		sluice.NextDropped(v)
		return
	}
	e.worker.Dispose()
	e.last = v
	e.final.Store(finalHeld)
	e.sendFinal()
}

func (e *timedEmitter[T]) sendFinal() {
	if e.final.Load() != finalHeld || e.requested.Load() == 0 {
		return
	}
	if !e.final.CompareAndSwap(finalHeld, finalSending) {
		return
	}
	v := e.last
	var zero T
	e.last = zero
	if e.done.Swap(true) {
		sluice.NextDropped(v)
		return
	}
	e.release()
	e.guard(func() {
		e.down.OnNext(v)
		e.down.OnComplete()
	})
}

// guard calls a downstream signal method. A panic there (a broken
// subscriber: rule 2.13) must not escape into a timer task, where it would
// leave the stream half-terminated: it ends the stream instead (no further
// signal is sent; the upstream is cancelled and the timers disposed) and
// goes to sluice.ErrorDropped as a *sluice.PanicError.
func (e *timedEmitter[T]) guard(signal func()) {
	ok := false
	defer func() {
		if !ok {
			err := sluice.NewPanicError(recover())
			e.done.Store(true)
			e.release()
			sluice.ErrorDropped(err)
		}
	}()
	signal()
	ok = true
}
