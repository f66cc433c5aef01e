package flux

import (
	"errors"

	"github.com/sluicego/sluice"
	"github.com/sluicego/sluice/internal/pull"
)

var (
	// ErrGenerateMultipleNext ends a Generate whose generator called Next
	// more than once in one round.
	ErrGenerateMultipleNext = errors.New("generate: Next called more than once in one round")

	// ErrGenerateNoSignal ends a Generate whose generator returned without
	// calling Next, Error or Complete.
	ErrGenerateNoSignal = errors.New("generate: generator signalled nothing")
)

// SynchronousSink receives the outcome of one round of a Generate
// generator: at most one Next, optionally followed by Error or Complete (or
// one of those alone). The sink is valid only during the call that received
// it; calls made after the generator returned are ignored.
type SynchronousSink[T any] interface {
	// Next emits v. Calling it twice in one round ends the stream with
	// ErrGenerateMultipleNext (the first value is still emitted).
	Next(v T)
	// Error ends the stream with err (after the value of this round, if any).
	Error(err error)
	// Complete ends the stream (after the value of this round, if any).
	Complete()
}

type generateSink[T any] struct {
	active  bool
	hasNext bool
	v       T
	done    bool
	err     error
}

func (k *generateSink[T]) Next(v T) {
	if !k.active || k.done {
		return
	}
	if k.hasNext {
		k.done, k.err = true, ErrGenerateMultipleNext
		return
	}
	k.hasNext, k.v = true, v
}

func (k *generateSink[T]) Error(err error) {
	if !k.active || k.done {
		return
	}
	if err == nil {
		err = sluice.ErrNilError
	}
	k.done, k.err = true, err
}

func (k *generateSink[T]) Complete() {
	if !k.active || k.done {
		return
	}
	k.done = true
}

type generateSource[T, S any] struct {
	gen      func(S, SynchronousSink[T]) S
	cleanup  func(S)
	state    S
	sink     generateSink[T]
	finished bool
}

func (g *generateSource[T, S]) Next() (T, bool, error) {
	var zero T
	k := &g.sink
	if g.finished {
		return zero, false, k.err
	}
	k.active, k.hasNext, k.v = true, false, zero
	defer func() { k.active = false }()
	g.state = g.gen(g.state, k)
	if k.hasNext {
		v := k.v
		k.v = zero
		if k.done {
			g.finished = true
		}
		return v, true, nil
	}
	g.finished = true
	if !k.done {
		k.done, k.err = true, ErrGenerateNoSignal
	}
	return zero, false, k.err
}

// Exhausted and Err let a round that emitted and then terminated end the
// stream without waiting for more demand.
func (g *generateSource[T, S]) Exhausted() bool { return g.finished }
func (g *generateSource[T, S]) Err() error      { return g.sink.err }

func (g *generateSource[T, S]) Close() {
	if g.cleanup != nil {
		st := g.state
		var zero S
		g.state = zero
		defer func() {
			if r := recover(); r != nil {
				sluice.ErrorDropped(sluice.NewPanicError(r))
			}
		}()
		g.cleanup(st)
	}
}

type generatePublisher[T, S any] struct {
	initial func() S
	gen     func(S, SynchronousSink[T]) S
	cleanup func(S)
}

func (p generatePublisher[T, S]) Subscribe(s sluice.Subscriber[T]) {
	if s == nil {
		panic(sluice.ErrNilSubscriber)
	}
	var st S
	if p.initial != nil {
		var err error
		if st, err = callInitial(p.initial); err != nil {
			pull.Terminate[T](s, err)
			return
		}
	}
	pull.Subscribe[T](s, &generateSource[T, S]{gen: p.gen, cleanup: p.cleanup, state: st})
}

func callInitial[S any](f func() S) (st S, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = sluice.NewPanicError(r)
		}
	}()
	return f(), nil
}

// Generate emits the values of a synchronous, stateful generator, calling it
// once per unit of demand on the goroutine that requested. initial (may be
// nil for the zero state) is called once per subscription; generator gets
// the current state and a SynchronousSink, signals at most one value (and/or
// the end of the stream) and returns the next state. An optional cleanup
// (at most one may be given) receives the last state exactly once, on
// completion, on error and on cancellation.
//
// A generator that signals nothing in a round ends the stream with
// ErrGenerateNoSignal; one that calls Next twice ends it with
// ErrGenerateMultipleNext. A panic in initial or generator ends the stream
// with a *sluice.PanicError; a panic in cleanup goes to
// sluice.ErrorDropped.
func Generate[T, S any](initial func() S, generator func(state S, sink SynchronousSink[T]) S, cleanup ...func(S)) Flux[T] {
	if generator == nil {
		panic("flux.Generate: nil generator")
	}
	if len(cleanup) > 1 {
		panic("flux.Generate: at most one cleanup function")
	}
	p := generatePublisher[T, S]{initial: initial, gen: generator}
	if len(cleanup) == 1 {
		p.cleanup = cleanup[0]
	}
	return Flux[T]{pub: p}
}
