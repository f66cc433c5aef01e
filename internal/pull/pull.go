// Package pull drives synchronous, pull-based sources (slices, ranges,
// iterators, generators) under Reactive Streams demand: elements are produced
// on the goroutine that calls Request, only as many as requested, in a
// trampolined loop so that a Request made from inside OnNext never deepens the
// stack.
package pull

import (
	"sync/atomic"

	"github.com/sluicego/sluice"
	"github.com/sluicego/sluice/internal/demand"
	"github.com/sluicego/sluice/internal/fuse"
)

// Source yields the elements of one subscription.
type Source[T any] interface {
	// Next returns the next element. ok == false with err == nil means the
	// source is exhausted; a non-nil err ends the stream with that error.
	// A panic in Next ends the stream with a *sluice.PanicError.
	Next() (v T, ok bool, err error)
}

// Exhauster is implemented by sources that know without pulling that no
// element is left; the subscription then completes eagerly, right after the
// last element, instead of waiting for more demand.
type Exhauster interface {
	Exhausted() bool
}

// Failer may be implemented by an Exhauster whose source ended with an
// error right after its last element: when Exhausted reports true and Err
// returns non-nil, the subscription ends with that error instead of
// completing.
type Failer interface {
	Err() error
}

// Closer is implemented by sources that hold a resource. Close is called
// exactly once, on completion, on error and on cancellation.
type Closer interface {
	Close()
}

// Guarded is implemented by a subscriber (an operator stage such as a
// combined map and filter) that can leave the panic guard of its user code
// to the drain loop that signals it, instead of deferring a recover per
// element.
type Guarded interface {
	// UseGuard is called once by Subscribe, before OnSubscribe, on the
	// subscriber the subscription is made for: from then on that
	// subscriber's OnNext and TryOnNext are called only from the
	// subscription's drain loop, whose recover catches their panics.
	UseGuard()
	// RecoverUser is called by the drain loop with the value of a panic
	// raised while it signalled the subscriber. It reports whether the
	// panic came from the subscriber's own user code; the subscriber has
	// then reported it (upstream cancelled, OnError downstream) and the
	// loop ends. false means the panic came from further downstream
	// (rule 2.13) and is handled as such.
	RecoverUser(r any) bool
}

const (
	stateActive int32 = iota
	stateCancelled
	stateInvalid
	stateDone
	stateFused
)

// Subscription runs a Source for one subscriber.
type Subscription[T any] struct {
	down      sluice.Subscriber[T]
	src       Source[T]
	requested atomic.Int64
	state     atomic.Int32
	invalidN  atomic.Int64
	touched   atomic.Bool // Request was called at least once (Fuse is refused)
	guarded   Guarded     // down, when it leaves its panic guard to drain
}

// Subscribe hands down a subscription that pulls from src as demanded.
func Subscribe[T any](down sluice.Subscriber[T], src Source[T]) {
	if down == nil {
		panic(sluice.ErrNilSubscriber)
	}
	s := &Subscription[T]{down: down, src: src}
	if g, ok := down.(Guarded); ok {
		g.UseGuard()
		s.guarded = g
	}
	if !s.onSubscribe() {
		return
	}
	if s.state.Load() == stateFused {
		return // the subscriber pulls from src itself now
	}
	ex, ok := src.(Exhauster)
	// Look at the source only while owning the loop: a Request made during
	// OnSubscribe may have started a drain that another goroutine (an
	// asynchronous operator replenishing demand) is still running. The
	// dummy demand of 1 is the owner mark; a loop that runs owns completion.
	if !ok || !s.requested.CompareAndSwap(0, 1) {
		return
	}
	if ex.Exhausted() {
		if s.state.CompareAndSwap(stateActive, stateDone) {
			s.close()
			s.terminate(src)
		}
		return
	}
	if s.requested.Add(-1) != 0 {
		s.drain() // demand arrived while we held the mark
	}
}

// onSubscribe calls down.OnSubscribe and reports whether it returned
// normally. A panic there (rule 2.13) counts as cancellation: the source is
// closed (by this goroutine, or by a loop another goroutine still runs, so
// that Next and Close never overlap), the subscriber gets no further signal,
// and the panic goes to sluice.ErrorDropped as a *sluice.PanicError. The
// recover costs one deferred call per subscription, none per element.
func (s *Subscription[T]) onSubscribe() (ok bool) {
	defer func() {
		if ok {
			return
		}
		r := recover()
		for {
			switch st := s.state.Load(); st {
			case stateActive, stateInvalid:
				// An invalid request not yet reported is not reported
				// to a subscriber that crashed: cancel instead.
				if !s.state.CompareAndSwap(st, stateCancelled) {
					continue
				}
				if demand.AddAtomic(&s.requested, 1) == 0 {
					s.drain() // sees the cancellation, closes the source
				}
			case stateFused:
				// The subscriber took the source and crashed before it
				// could own closing it.
				if s.state.CompareAndSwap(st, stateDone) {
					s.closeSafely()
				}
			}
			break
		}
		if r != nil { // nil: runtime.Goexit, which goes on unwinding
			sluice.ErrorDropped(sluice.NewPanicError(r))
		}
	}()
	s.down.OnSubscribe(s)
	return true
}

// closeSafely closes the source, reporting a panic in Close to
// sluice.ErrorDropped.
func (s *Subscription[T]) closeSafely() {
	defer func() {
		if r := recover(); r != nil {
			sluice.ErrorDropped(sluice.NewPanicError(r))
		}
	}()
	s.close()
}

// Fuse hands the source over to the subscriber for synchronous fusion
// (Reactor's SYNC fusion mode): from then on the subscriber calls Next itself,
// from one goroutine at a time, and the subscription never emits, terminates
// or closes the source; closing a Closer source becomes the subscriber's job,
// and Request and Cancel are ignored. Fuse succeeds only when called from
// inside OnSubscribe before any Request; otherwise it returns nil and the
// subscription works as usual.
func (s *Subscription[T]) Fuse() Source[T] {
	if s.touched.Load() || s.requested.Load() != 0 || !s.state.CompareAndSwap(stateActive, stateFused) {
		return nil
	}
	return s.src
}

// FuseFor is Fuse for the subscriber this subscription was handed to: it
// returns nil when by is another subscriber. Operators that relay their
// upstream's subscription downstream unchanged (Map, Filter, ...) would
// otherwise let a subscriber further down fuse the source and skip them.
// by must be a pointer (or another comparable type).
func (s *Subscription[T]) FuseFor(by sluice.Subscriber[T]) Source[T] {
	if by != s.down {
		return nil
	}
	return s.Fuse()
}

// Request adds n to the demand and, unless a loop already runs, emits.
func (s *Subscription[T]) Request(n int64) {
	if !s.touched.Load() {
		s.touched.Store(true)
	}
	if n <= 0 {
		s.invalidN.Store(n)
		if !s.state.CompareAndSwap(stateActive, stateInvalid) {
			return
		}
		n = 1 // wake the loop so it reports the invalid request
	}
	if demand.AddAtomic(&s.requested, n) == 0 {
		s.drain()
	}
}

// Cancel stops emission; the source is closed by the next loop pass or now.
func (s *Subscription[T]) Cancel() {
	if s.state.CompareAndSwap(stateActive, stateCancelled) {
		if demand.AddAtomic(&s.requested, 1) == 0 {
			s.drain()
		}
	}
}

// terminate signals the end of an exhausted source: OnError with the
// Failer's error, else OnComplete. A panic in the subscriber goes to
// sluice.ErrorDropped (rule 2.13).
func (s *Subscription[T]) terminate(src Source[T]) {
	defer func() {
		if r := recover(); r != nil {
			sluice.ErrorDropped(sluice.NewPanicError(r))
		}
	}()
	if f, ok := src.(Failer); ok && f.Err() != nil {
		s.down.OnError(f.Err())
		return
	}
	s.down.OnComplete()
}

func (s *Subscription[T]) close() {
	if c, ok := s.src.(Closer); ok {
		c.Close()
	}
}

// stop handles a non-active state observed by the loop. It reports whether
// the loop must exit.
func (s *Subscription[T]) stop() bool {
	switch s.state.Load() {
	case stateActive:
		return false
	case stateInvalid:
		s.state.Store(stateDone)
		s.close()
		s.down.OnError(demand.Invalid(s.invalidN.Load()))
	case stateCancelled:
		s.state.Store(stateDone)
		s.close()
	}
	return true
}

// recoverUser asks a Guarded subscriber whether the panic r came from its
// user code. A panic while it reports it (in OnError further down) goes to
// sluice.ErrorDropped, as any subscriber panic does (rule 2.13).
func (s *Subscription[T]) recoverUser(r any) (handled bool) {
	defer func() {
		if r2 := recover(); r2 != nil {
			handled = true
			sluice.ErrorDropped(sluice.NewPanicError(r2))
		}
	}()
	return s.guarded.RecoverUser(r)
}

func (s *Subscription[T]) drain() {
	inSource := false
	defer func() {
		if r := recover(); r != nil {
			if inSource {
				s.state.Store(stateDone)
				s.close()
				s.down.OnError(sluice.NewPanicError(r))
				return
			}
			if s.guarded != nil && s.recoverUser(r) {
				// The subscriber's user code panicked and the
				// subscriber reported it (it cancelled us).
				s.state.Store(stateDone)
				s.close()
				return
			}
			// The subscriber itself panicked (rule 2.13): treat the
			// subscription as cancelled and report the panic.
			s.state.Store(stateDone)
			s.close()
			sluice.ErrorDropped(sluice.NewPanicError(r))
		}
	}()
	ex, _ := s.src.(Exhauster)
	cond, _ := s.down.(fuse.Conditional[T])
	var e int64
	for {
		r := s.requested.Load()
		for e != r {
			if s.state.Load() != stateActive && s.stop() {
				return
			}
			inSource = true
			v, ok, err := s.src.Next()
			inSource = false
			if err != nil || !ok {
				if s.state.CompareAndSwap(stateActive, stateDone) {
					s.close()
					if err == nil {
						if f, ok := s.src.(Failer); ok {
							err = f.Err()
						}
					}
					if err != nil {
						s.down.OnError(err)
					} else {
						s.down.OnComplete()
					}
				}
				return
			}
			if cond != nil {
				// A rejected element costs no demand: pull the next one.
				if cond.TryOnNext(v) {
					e++
				}
			} else {
				s.down.OnNext(v)
				e++
			}
		}
		if s.state.Load() != stateActive && s.stop() {
			return
		}
		if r = s.requested.Load(); r == e {
			// The demand is used up. An exhausted source completes now
			// rather than at the next Request (while demand remains, the
			// next Next call finds the end itself, so Exhausted is asked
			// only here, not once per element).
			if ex != nil && ex.Exhausted() {
				if s.state.CompareAndSwap(stateActive, stateDone) {
					s.close()
					if f, ok := s.src.(Failer); ok && f.Err() != nil {
						s.down.OnError(f.Err())
					} else {
						s.down.OnComplete()
					}
				}
				return
			}
			if r = s.requested.Add(-e); r == 0 {
				return
			}
			e = 0
		}
	}
}
