package operators

import (
	"errors"
	"io"
	"log/slog"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/sluicego/sluice"
	"github.com/sluicego/sluice/internal/demand"
	"github.com/sluicego/sluice/scheduler"
	"github.com/sluicego/sluice/tck/step"
)

// The step suite: every operator runs the six scripts issue 3 asks for
// (normal flow, upstream error, panic in user code, cancel mid-stream,
// bounded demand one at a time and in batches, empty source) through the
// step verifier, over a source that counts the demand and cancellations it
// receives. Each operator's *_step_test.go file only lists its cases.

// errStep is the failure the upstream-error script's source ends with.
var errStep = errors.New("step: upstream failure")

// errStepPanic is what the user functions of the panic script panic with.
const errStepPanic = "step: user panic"

// srcEnd says how a stepSource ends after its items.
type srcEnd int

const (
	endComplete srcEnd = iota // OnComplete after the last item
	endError                  // OnError(errStep) after the last item
	endHang                   // never terminates (for the cancel script)
)

// stepSource emits its items under demand on the requesting goroutine (a
// trampolined drain loop, re-entrant Request safe), then ends as told; the
// terminal signal needs no demand. It counts, over all its subscriptions,
// the demand requested and the cancellations.
type stepSource[T any] struct {
	items     []T
	end       srcEnd
	requested atomic.Int64
	cancelled atomic.Int64
	subs      atomic.Int64
}

func newStepSource[T any](end srcEnd, items ...T) *stepSource[T] {
	return &stepSource[T]{items: items, end: end}
}

// Subscribe starts a new pass over the items.
func (p *stepSource[T]) Subscribe(s sluice.Subscriber[T]) {
	if s == nil {
		panic(sluice.ErrNilSubscriber)
	}
	p.subs.Add(1)
	sub := &stepSub[T]{p: p, down: s}
	s.OnSubscribe(sub)
	sub.drain(0)
}

type stepSub[T any] struct {
	p         *stepSource[T]
	down      sluice.Subscriber[T]
	req       atomic.Int64
	wip       demand.WIP
	cancelled atomic.Bool
	i         int  // owned by the drain loop
	done      bool // owned by the drain loop
}

func (s *stepSub[T]) Request(n int64) {
	if s.cancelled.Load() {
		return
	}
	if n <= 0 {
		if !s.cancelled.Swap(true) {
			s.down.OnError(demand.Invalid(n))
		}
		return
	}
	for {
		r := s.p.requested.Load()
		if s.p.requested.CompareAndSwap(r, demand.Add(r, n)) {
			break
		}
	}
	s.drain(n)
}

func (s *stepSub[T]) Cancel() {
	if !s.cancelled.Swap(true) {
		s.p.cancelled.Add(1)
	}
}

func (s *stepSub[T]) drain(n int64) {
	if n > 0 {
		demand.AddAtomic(&s.req, n)
	}
	if !s.wip.Enter() {
		return
	}
	missed := int32(1)
	for {
		for !s.done && s.i < len(s.p.items) && s.req.Load() > 0 && !s.cancelled.Load() {
			v := s.p.items[s.i]
			s.i++
			if s.req.Load() != sluice.Unbounded {
				s.req.Add(-1)
			}
			s.down.OnNext(v)
		}
		if !s.done && s.i == len(s.p.items) && !s.cancelled.Load() {
			switch s.p.end {
			case endComplete:
				s.done = true
				s.down.OnComplete()
			case endError:
				s.done = true
				s.down.OnError(errStep)
			}
		}
		missed = s.wip.Leave(missed)
		if missed == 0 {
			return
		}
	}
}

// stepEnv is what an operator constructor may use: a fresh virtual clock
// per script.
type stepEnv struct {
	vt *scheduler.Virtual
}

// stepCase describes one operator for the six scripts. T is the element
// type of the source, R the operator's output.
type stepCase[T, R any] struct {
	name string
	// op applies the operator to src.
	op func(env *stepEnv, src sluice.Publisher[T]) sluice.Publisher[R]
	// in are the source items; want what op emits over them (normal flow
	// and both bounded-demand scripts).
	in   []T
	want []R

	// errWant is what op emits before the error when the source fails
	// after in; errEnd, when set, replaces ExpectErrorIs(errStep) as the
	// end of that script (error-handling operators).
	errWant []R
	errEnd  func(v *step.Verifier[R]) *step.Verifier[R]

	// panicOp applies the operator with a user function that panics (with
	// errStepPanic) on the source item 2 (or the second item); nil: the
	// operator takes no user function. panicWant is what arrives before
	// the *sluice.PanicError.
	panicOp   func(env *stepEnv, src sluice.Publisher[T]) sluice.Publisher[R]
	panicWant []R
	// panicEnd is how the panic script's source ends (endError for user
	// functions called on errors); panicNoCancel skips the check that the
	// source was cancelled, for panics after the source terminated.
	panicEnd      srcEnd
	panicNoCancel bool
	// panicNoDemand runs the panic script with no demand at all (for the
	// callbacks of dropped or overflowing elements).
	panicNoDemand bool

	// cancelReq is the demand made before cancelling (default 1);
	// cancelWant what arrives under it. The source does not terminate.
	cancelReq  int64
	cancelWant []R
	// cancelKeepsUpstream skips the check that cancelling reached the
	// source, with the reason (multicast operators that keep their
	// connection, as Reactor's autoConnect and cache do).
	cancelKeepsUpstream string
	// cancelIn, when set (or cancelEmpty), replaces in for the cancel
	// script, for operators that would otherwise finish before the cancel
	// (Any, ElementAt, Next).
	cancelIn    []T
	cancelEmpty bool

	// emptyWant is what op emits over an empty source before completing;
	// emptyEnd, when set, replaces ExpectComplete.
	emptyWant []R
	emptyEnd  func(v *step.Verifier[R]) *step.Verifier[R]

	// upstream, when set, checks the demand the source has received (up)
	// against the total the test requested downstream (down), after each
	// request of the bounded-demand scripts.
	upstream func(t *testing.T, down, up int64)

	// tick is advanced on the virtual clock before each expected signal
	// (time operators); 0 advances nothing.
	tick time.Duration
	// batch is the request size of the batch script (default 2).
	batch int64
	// finalReq is requested, in the bounded-demand scripts, after every
	// wanted element arrived and before the completion is expected: for
	// operators that must see one more source element (or the end) to
	// decide, such as TakeWhile or Distinct over a trailing duplicate.
	finalReq int64
	// boundedWant, when set, replaces want in the bounded-demand scripts
	// (SwitchMap: without demand only the latest inner survives).
	boundedWant []R
	// noBounded, when set, skips the bounded-demand scripts with that
	// reason (operators whose contract is to fail when an element is due
	// without demand; their own tests cover it).
	noBounded string
}

// exactUpstream asserts the source received exactly the downstream demand.
func exactUpstream(t *testing.T, down, up int64) {
	t.Helper()
	require.Equal(t, down, up, "upstream demand")
}

// atMostUpstream returns a check that the source received no more than
// the downstream demand plus extra.
func atMostUpstream(extra int64) func(t *testing.T, down, up int64) {
	return func(t *testing.T, down, up int64) {
		t.Helper()
		require.LessOrEqual(t, up, down+extra, "upstream demand")
	}
}

// runStepSuite runs the six scripts of each case as subtests.
func runStepSuite[T, R any](t *testing.T, cases ...stepCase[T, R]) {
	t.Helper()
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) { c.run(t) })
	}
}

func (c stepCase[T, R]) env() (*stepEnv, func()) {
	vt := scheduler.NewVirtual()
	return &stepEnv{vt: vt}, vt.Dispose
}

func (c stepCase[T, R]) advance(v *step.Verifier[R]) *step.Verifier[R] {
	if c.tick > 0 {
		return v.ThenAdvance(c.tick)
	}
	return v
}

// expect expects each value, advancing the clock before each.
func (c stepCase[T, R]) expect(v *step.Verifier[R], vs []R) *step.Verifier[R] {
	for _, w := range vs {
		v = c.advance(v).ExpectNext(w)
	}
	return v
}

func (c stepCase[T, R]) run(t *testing.T) {
	t.Run("normal", func(t *testing.T) {
		env, done := c.env()
		defer done()
		src := newStepSource(endComplete, c.in...)
		v := step.Create(c.op(env, src), step.WithVirtualTime(env.vt))
		c.advance(c.expect(v, c.want)).ExpectComplete().Verify(t)
	})
	t.Run("upstream error", func(t *testing.T) {
		env, done := c.env()
		defer done()
		src := newStepSource(endError, c.in...)
		v := c.advance(c.expect(step.Create(c.op(env, src), step.WithVirtualTime(env.vt)), c.errWant))
		if c.errEnd != nil {
			v = c.errEnd(v)
		} else {
			v = v.ExpectErrorIs(errStep)
		}
		v.Verify(t)
	})
	t.Run("panic in user code", func(t *testing.T) {
		if c.panicOp == nil {
			t.Skip("n/a: no user function")
		}
		env, done := c.env()
		defer done()
		src := newStepSource(c.panicEnd, c.in...)
		var pe *sluice.PanicError
		opts := []step.Option{step.WithVirtualTime(env.vt)}
		if c.panicNoDemand {
			opts = append(opts, step.WithInitialRequest(0))
		}
		v := step.Create(c.panicOp(env, src), opts...)
		c.advance(c.expect(v, c.panicWant)).ExpectErrorAs(&pe).Verify(t)
		require.Equal(t, errStepPanic, pe.Value, "the recovered value")
		if !c.panicNoCancel {
			require.EqualValues(t, 1, src.cancelled.Load(), "upstream cancelled after the panic")
		}
	})
	t.Run("cancel mid-stream", func(t *testing.T) {
		env, done := c.env()
		defer done()
		in := c.in
		if c.cancelIn != nil || c.cancelEmpty {
			in = c.cancelIn
		}
		src := newStepSource(endHang, in...)
		n := c.cancelReq
		if n == 0 {
			n = 1
		}
		v := step.Create(c.op(env, src), step.WithVirtualTime(env.vt), step.WithInitialRequest(0)).
			ThenRequest(n)
		c.expect(v, c.cancelWant).
			ThenCancel().
			ExpectNoEvent(c.tick).
			Verify(t)
		if c.cancelKeepsUpstream == "" {
			require.Eventually(t, func() bool { return src.cancelled.Load() >= 1 }, 5*time.Second, time.Millisecond,
				"upstream cancelled")
		}
	})
	t.Run("bounded demand one at a time", func(t *testing.T) {
		c.bounded(t, 1)
	})
	t.Run("bounded demand in batches", func(t *testing.T) {
		b := c.batch
		if b == 0 {
			b = 2
		}
		c.bounded(t, b)
	})
	t.Run("empty source", func(t *testing.T) {
		env, done := c.env()
		defer done()
		src := newStepSource[T](endComplete)
		v := c.advance(c.expect(step.Create(c.op(env, src), step.WithVirtualTime(env.vt)), c.emptyWant))
		if c.emptyEnd != nil {
			v = c.emptyEnd(v)
		} else {
			v = v.ExpectComplete()
		}
		v.Verify(t)
	})
}

// bounded requests batch at a time, expecting exactly the next batch of
// want after each request and nothing before the first one.
func (c stepCase[T, R]) bounded(t *testing.T, batch int64) {
	env, done := c.env()
	defer done()
	src := newStepSource(endComplete, c.in...)
	if c.noBounded != "" {
		t.Skip(c.noBounded)
	}
	want := c.want
	if c.boundedWant != nil {
		want = c.boundedWant
	}
	v := step.Create(c.op(env, src), step.WithVirtualTime(env.vt), step.WithInitialRequest(0))
	if c.boundedWant == nil || len(want) > 0 {
		// Nothing before the first request (an explicitly empty
		// boundedWant may complete at once).
		v = v.ExpectNoEvent(0)
	}
	var down int64
	for i := 0; i < len(want); i += int(batch) {
		end := min(i+int(batch), len(want))
		down += batch
		v = v.ThenRequest(batch)
		v = c.expect(v, want[i:end])
		if c.upstream != nil {
			d := down
			v = v.Then(func() { c.upstream(t, d, src.requested.Load()) })
		}
	}
	if len(want) == 0 {
		// Operators that emit nothing still get demand.
		v = c.advance(v.ThenRequest(batch))
	}
	if c.finalReq > 0 {
		v = c.advance(v.ThenRequest(c.finalReq))
	}
	c.advance(v).ExpectComplete().Verify(t)
}

// panicAt2 returns f that panics with errStepPanic on 2 and otherwise
// returns ret(v).
func panicAt2[R any](ret func(int) R) func(int) R {
	return func(v int) R {
		if v == 2 {
			panic(errStepPanic)
		}
		return ret(v)
	}
}

// ints123 are the items most cases use.
var ints123 = []int{1, 2, 3}

// plain adapts an operator that needs no clock.
func plain[T, R any](f func(src sluice.Publisher[T]) sluice.Publisher[R]) func(*stepEnv, sluice.Publisher[T]) sluice.Publisher[R] {
	return func(_ *stepEnv, src sluice.Publisher[T]) sluice.Publisher[R] { return f(src) }
}

// panicPred is a predicate that panics on 2 and otherwise returns pred(v).
func panicPred(pred func(int) bool) func(int) bool { return panicAt2(pred) }

// completes ends a script with ExpectComplete (for operators that finish
// before the source's own terminal signal).
func completes[R any](v *step.Verifier[R]) *step.Verifier[R] { return v.ExpectComplete() }

// cappedUpstream returns a check that the source received exactly the
// downstream demand, capped at limit.
func cappedUpstream(limit int64) func(t *testing.T, down, up int64) {
	return func(t *testing.T, down, up int64) {
		t.Helper()
		require.Equal(t, min(down, limit), up, "upstream demand")
	}
}

// failsWith ends a script with ExpectErrorIs(target).
func failsWith[R any](target error) func(v *step.Verifier[R]) *step.Verifier[R] {
	return func(v *step.Verifier[R]) *step.Verifier[R] { return v.ExpectErrorIs(target) }
}

// discardLogger is a slog.Logger that writes nowhere.
func discardLogger() *slog.Logger { return slog.New(slog.NewTextHandler(io.Discard, nil)) }

// newVirtualForStep returns a virtual clock disposed when t ends.
func newVirtualForStep(t *testing.T) *scheduler.Virtual {
	vt := scheduler.NewVirtual()
	t.Cleanup(vt.Dispose)
	return vt
}

// withWant returns c with want set.
func (c stepCase[T, R]) withWant(want []R) stepCase[T, R] { c.want = want; return c }

// runOverflowScript checks an operator that fails with ErrOverflow when an
// element arrives without demand: nothing is requested, the error comes,
// and the source is cancelled.
func runOverflowScript[T any](t *testing.T, p sluice.Publisher[T], src interface{ cancels() int64 }) {
	t.Helper()
	step.Create(p, step.WithInitialRequest(0)).ExpectErrorIs(ErrOverflow).Verify(t)
	require.EqualValues(t, 1, src.cancels(), "upstream cancelled on overflow")
}

func (p *stepSource[T]) cancels() int64 { return p.cancelled.Load() }
