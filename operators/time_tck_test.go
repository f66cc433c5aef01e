package operators_test

import (
	"errors"
	"fmt"
	"math"
	"slices"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/sluicego/sluice"
	"github.com/sluicego/sluice/flux"
	"github.com/sluicego/sluice/internal/demand"
	"github.com/sluicego/sluice/operators"
	"github.com/sluicego/sluice/scheduler"
	"github.com/sluicego/sluice/tck"
	"github.com/sluicego/sluice/tck/step"
)

// The publisher verification of the time operators: Sample, SampleFirst,
// SampleTimeout (Debounce), BufferTimeout, BufferTime and WindowTime.
//
// Why a harness. These operators request their source without bound and,
// by design (as Reactor's do), end the stream with ErrOverflow when
// something falls due while the subscriber has no demand: a timer does not
// wait. Over a plain source (a synchronous range) they cannot pass the
// TCK's late-demand tests, and their output depends on the clock. So each
// one runs inside timeHarness: a publisher that subscribes the real
// operator to a source it pushes by hand and to a virtual clock of its own,
// and turns every element the TCK requests into one deterministic "step"
// that makes exactly one output due (push element i, then advance the clock
// far enough for the operator to emit it), after forwarding the request to
// the operator so the output has demand when it falls due. After n steps it
// completes the source. Every signal the TCK sees is the operator's own:
// the harness only forwards Request and Cancel to it and the operator's
// signals back, and adds nothing of its own. BufferTimeout with
// FairBackpressure honours demand and is also verified over a plain range.

// timeHarness is a demand-driven publisher around one time operator. Each
// Subscribe builds a fresh source, a fresh scheduler.Virtual and a fresh
// operator; the publisher keeps no reference to them (rule 3.13).
//
//   - Request(k) forwards k to the operator first, then adds k steps to a
//     counter and runs the drain loop; a Request made while the loop runs
//     (re-entrant from OnNext, or from another goroutine) only adds to the
//     counter, which the running loop drains (rule 3.3: no recursion).
//     No lock is held while the harness calls the operator or the source.
//   - No step runs while the operator is delivering a signal: a Request
//     from inside OnNext may come while the operator's own drain loop is
//     further up the stack, and steps taken then would pile up behind it
//     (for an unbounded request, without end). The frame that called the
//     operator (the loop, or Request after forwarding) takes them after.
//   - Cancel forwards to the operator and stops the steps.
//   - steps == sluice.Unbounded never completes the source.
type timeHarness[R any] struct {
	steps int64
	op    func(src sluice.Publisher[int], v *scheduler.Virtual) sluice.Publisher[R]
	step  func(i int64, src *pushSource, v *scheduler.Virtual)
	// inspect, when set, sees each element (its index k) before the
	// subscriber does.
	inspect func(k int64, v R)
	// clockOnly: the operator has no source (Interval); the steps only
	// advance the clock and the harness completes nothing after the last.
	clockOnly bool
}

func (h *timeHarness[R]) Subscribe(down sluice.Subscriber[R]) {
	if down == nil {
		panic(fmt.Errorf("timeHarness: %w", sluice.ErrNilSubscriber))
	}
	s := &harnessSub[R]{h: h, down: down, src: &pushSource{}, v: scheduler.NewVirtual()}
	h.op(s.src, s.v).Subscribe(&harnessInner[R]{s: s})
	s.started.Store(true)
	s.drain() // requests that came before the operator subscribed the source
}

// harnessSub is one subscription to a timeHarness: the Subscription the
// downstream gets.
type harnessSub[R any] struct {
	h       *timeHarness[R]
	down    sluice.Subscriber[R]
	src     *pushSource
	v       *scheduler.Virtual
	opSub   sluice.Subscription // set before down.OnSubscribe
	pending atomic.Int64        // steps requested and not run yet
	stopped atomic.Bool         // cancelled, or the operator terminated
	signals atomic.Int32        // operator signals in progress
	started atomic.Bool         // the operator's Subscribe returned
	wip     demand.WIP
	i       int64 // steps run; owned by the drain loop
	ended   bool  // source completed; owned by the drain loop
}

func (s *harnessSub[R]) Request(n int64) {
	if s.stopped.Load() {
		return
	}
	// The operator gets the demand before any step can make an output due;
	// n <= 0 is the operator's to reject.
	s.opSub.Request(n)
	if n <= 0 {
		return
	}
	demand.AddAtomic(&s.pending, n)
	s.drain()
}

func (s *harnessSub[R]) Cancel() {
	if !s.stopped.Swap(true) {
		s.opSub.Cancel()
	}
}

func (s *harnessSub[R]) drain() {
	if !s.wip.Enter() {
		return
	}
	missed := int32(1)
	for {
		for s.ready() && !s.stopped.Load() && !s.ended && s.signals.Load() == 0 {
			if s.i == s.h.steps {
				s.ended = true
				if !s.h.clockOnly {
					s.src.complete()
				}
				break
			}
			if !s.takeStep() {
				break
			}
			s.h.step(s.i, s.src, s.v)
			s.i++
		}
		if missed = s.wip.Leave(missed); missed == 0 {
			return
		}
	}
}

// ready reports whether steps can run: the operator has subscribed the
// source, or (clockOnly: there is none) its Subscribe has returned, so that
// a step taken for a Request made in OnSubscribe finds its timers
// scheduled.
func (s *harnessSub[R]) ready() bool {
	if s.h.clockOnly {
		return s.started.Load()
	}
	return s.src.subscribed()
}

// takeStep takes one requested step from the counter.
func (s *harnessSub[R]) takeStep() bool {
	for {
		p := s.pending.Load()
		if p == 0 {
			return false
		}
		if p == sluice.Unbounded || s.pending.CompareAndSwap(p, p-1) {
			return true
		}
	}
}

// harnessInner subscribes to the operator and relays its signals.
type harnessInner[R any] struct {
	s *harnessSub[R]
	k int64 // elements relayed
}

func (in *harnessInner[R]) OnSubscribe(sub sluice.Subscription) {
	in.s.opSub = sub
	in.s.down.OnSubscribe(in.s)
}

func (in *harnessInner[R]) OnNext(v R) {
	if f := in.s.h.inspect; f != nil {
		f(in.k, v)
	}
	in.k++
	in.s.signals.Add(1)
	in.s.down.OnNext(v)
	in.s.signals.Add(-1)
}

func (in *harnessInner[R]) OnError(err error) {
	in.s.stopped.Store(true)
	in.s.down.OnError(err)
}

func (in *harnessInner[R]) OnComplete() {
	in.s.stopped.Store(true)
	in.s.down.OnComplete()
}

// pushSource is the harness's source: one subscriber, elements pushed by
// the harness, dropped once the operator cancelled.
type pushSource struct {
	sub       atomic.Pointer[sluice.Subscriber[int]]
	cancelled atomic.Bool
}

func (p *pushSource) Subscribe(s sluice.Subscriber[int]) {
	if !p.sub.CompareAndSwap(nil, &s) {
		panic("pushSource: subscribed twice")
	}
	s.OnSubscribe(pushSub{p})
}

func (p *pushSource) subscribed() bool { return p.sub.Load() != nil }

func (p *pushSource) push(vs ...int) {
	for _, v := range vs {
		if p.cancelled.Load() {
			return
		}
		(*p.sub.Load()).OnNext(v)
	}
}

func (p *pushSource) complete() {
	if !p.cancelled.Load() {
		(*p.sub.Load()).OnComplete()
	}
}

// pushSub ignores demand: the time operators under test request without
// bound, except BufferTimeout with FairBackpressure, whose steps stay
// within what it requested (it would fail with ErrOverflow otherwise).
type pushSub struct{ p *pushSource }

func (s pushSub) Request(int64) {}
func (s pushSub) Cancel()       { s.p.cancelled.Store(true) }

// harnessed returns a TCK Create function over timeHarness.
func harnessed[R any](
	op func(src sluice.Publisher[int], v *scheduler.Virtual) sluice.Publisher[R],
	step func(i int64, src *pushSource, v *scheduler.Virtual),
) func(n int64) sluice.Publisher[R] {
	return func(n int64) sluice.Publisher[R] { return &timeHarness[R]{steps: n, op: op, step: step} }
}

// pushThenAdvance is the step of most operators: push element i, then
// advance the clock by d, which makes the operator emit it.
func pushThenAdvance(d time.Duration) func(i int64, src *pushSource, v *scheduler.Virtual) {
	return func(i int64, src *pushSource, v *scheduler.Virtual) {
		src.push(int(i))
		v.Advance(d)
	}
}

// bufferTimeoutStep is BufferTimeout(maxSize 3)'s step: even steps fill a
// slice (emitted by size), odd steps push one element and let its time
// (d) run out.
func bufferTimeoutStep(d time.Duration) func(i int64, src *pushSource, v *scheduler.Virtual) {
	return func(i int64, src *pushSource, v *scheduler.Virtual) {
		if i%2 == 0 {
			src.push(int(3*i), int(3*i+1), int(3*i+2))
			return
		}
		src.push(int(3 * i))
		v.Advance(d)
	}
}

var errTimeTCK = errors.New("tck: failed upstream")

// failedOn applies a time operator to a failing source.
func failedOn[R any](op func(src sluice.Publisher[int], v *scheduler.Virtual) sluice.Publisher[R]) func() sluice.Publisher[R] {
	return func() sluice.Publisher[R] { return op(flux.Error[int](errTimeTCK), scheduler.NewVirtual()) }
}

func verifyTime[R any](t *testing.T, create func(n int64) sluice.Publisher[R], failed func() sluice.Publisher[R]) {
	tck.VerifyPublisher(t, tck.PublisherOptions[R]{
		Create:               create,
		CreateFailed:         failed,
		StochasticIterations: 10,
	})
}

// TestTimeOperatorsTCK runs the publisher verification on the time
// operators, each under timeHarness (see above).
func TestTimeOperatorsTCK(t *testing.T) {
	const d = time.Second
	t.Run("Sample", func(t *testing.T) {
		// A periodic tick every d: push i, advance d, the tick emits i.
		op := func(src sluice.Publisher[int], v *scheduler.Virtual) sluice.Publisher[int] {
			return operators.Sample(src, d, v)
		}
		verifyTime(t, harnessed(op, pushThenAdvance(d)), failedOn(op))
	})
	t.Run("SampleFirst", func(t *testing.T) {
		// push i: let through at once; advance d: the gate reopens.
		op := func(src sluice.Publisher[int], v *scheduler.Virtual) sluice.Publisher[int] {
			return operators.SampleFirst(src, d, v)
		}
		verifyTime(t, harnessed(op, pushThenAdvance(d)), failedOn(op))
	})
	t.Run("SampleTimeout", func(t *testing.T) {
		// Debounce: push i, advance d: nothing newer came, i goes out.
		op := func(src sluice.Publisher[int], v *scheduler.Virtual) sluice.Publisher[int] {
			return operators.SampleTimeout(src, d, v)
		}
		verifyTime(t, harnessed(op, pushThenAdvance(d)), failedOn(op))
	})
	t.Run("BufferTime", func(t *testing.T) {
		// push i, advance d: the slice [i] is due.
		op := func(src sluice.Publisher[int], v *scheduler.Virtual) sluice.Publisher[[]int] {
			return operators.BufferTime(src, d, v)
		}
		verifyTime(t, harnessed(op, pushThenAdvance(d)), failedOn(op))
	})
	t.Run("BufferTimeout", func(t *testing.T) {
		// Slices closed by size and by time, alternately.
		op := func(src sluice.Publisher[int], v *scheduler.Virtual) sluice.Publisher[[]int] {
			return operators.BufferTimeout(src, 3, d, v)
		}
		verifyTime(t, harnessed(op, bufferTimeoutStep(d)), failedOn(op))
	})
	t.Run("BufferTimeoutFair", func(t *testing.T) {
		// No harness needed: n slices of 3 from a range of 3n, the timer
		// (an hour, on a clock never advanced) never firing.
		op := func(src sluice.Publisher[int], v *scheduler.Virtual) sluice.Publisher[[]int] {
			return operators.BufferTimeout(src, 3, time.Hour, v, operators.FairBackpressure())
		}
		create := func(n int64) sluice.Publisher[[]int] {
			elements := int64(math.MaxInt)
			if n != sluice.Unbounded {
				elements = 3 * n
			}
			return op(flux.Range(0, int(elements)), scheduler.NewVirtual())
		}
		verifyTime(t, create, failedOn(op))
	})
	t.Run("BufferTimeoutFairTimed", func(t *testing.T) {
		// The fair mode's timer path under the harness: one element per
		// step (within what the operator requested), its time runs out.
		op := func(src sluice.Publisher[int], v *scheduler.Virtual) sluice.Publisher[[]int] {
			return operators.BufferTimeout(src, 3, d, v, operators.FairBackpressure())
		}
		verifyTime(t, harnessed(op, pushThenAdvance(d)), failedOn(op))
	})
	t.Run("WindowTime", func(t *testing.T) { verifyWindowTime(t, d) })
}

// verifyWindowTime verifies WindowTime's outer publisher: the TCK's
// elements are the windows themselves, so every signal it checks (demand,
// cancellation, completion, errors) is WindowTime's own, not that of a
// mapping stage. A window opens at subscription and then every d, and one
// is handed out as soon as there is demand for it, so the harness's step i
// pushes i into window i (already handed out: the request came first) and
// advances d, which closes it and opens window i+1. The window open when
// the source completes is emitted too (under demand), so n windows take
// n-1 steps; the empty stream (n = 0) skips that single window.
//
// To check that the windows are real, the harness also subscribes each
// window as it passes (what ConcatMap or FlatMap would do; an unsubscribed
// window would just buffer until it is collected): window i must hold
// exactly [i] (the last one nothing) and complete. Problems are collected
// and reported after the verification.
func verifyWindowTime(t *testing.T, d time.Duration) {
	var (
		mu       sync.Mutex
		problems []string
		checked  atomic.Int64
	)
	report := func(format string, args ...any) {
		mu.Lock()
		problems = append(problems, fmt.Sprintf(format, args...))
		mu.Unlock()
	}
	op := func(src sluice.Publisher[int], v *scheduler.Virtual) sluice.Publisher[sluice.Publisher[int]] {
		return operators.WindowTime(src, d, v)
	}
	build := func(steps int64) *timeHarness[sluice.Publisher[int]] {
		return &timeHarness[sluice.Publisher[int]]{
			steps: steps, op: op, step: pushThenAdvance(d),
			inspect: func(k int64, w sluice.Publisher[int]) {
				var want []int
				if k < steps {
					want = []int{int(k)}
				}
				w.Subscribe(&windowChecker{want: want, report: report, checked: &checked, k: k})
			},
		}
	}
	verifyTime(t, func(n int64) sluice.Publisher[sluice.Publisher[int]] {
		switch n {
		case 0:
			return operators.Skip[sluice.Publisher[int]](build(0), 1)
		case sluice.Unbounded:
			return build(sluice.Unbounded)
		}
		return build(n - 1)
	}, failedOn(op))
	mu.Lock()
	defer mu.Unlock()
	require.Empty(t, problems, "window contents")
	require.Positive(t, checked.Load(), "windows checked")
}

// windowChecker subscribes one window and checks what it holds.
type windowChecker struct {
	want    []int
	got     []int
	k       int64
	report  func(format string, args ...any)
	checked *atomic.Int64
}

func (c *windowChecker) OnSubscribe(s sluice.Subscription) { s.Request(sluice.Unbounded) }

func (c *windowChecker) OnNext(v int) {
	c.got = append(c.got, v)
	if len(c.got) > len(c.want) || c.got[len(c.got)-1] != c.want[len(c.got)-1] {
		c.report("window %d: got %v, want %v", c.k, c.got, c.want)
	}
}

func (c *windowChecker) OnError(err error) {
	// the source's failure (CreateFailed) ends the open window with it
	if !errors.Is(err, errTimeTCK) {
		c.report("window %d: %v", c.k, err)
	}
}

func (c *windowChecker) OnComplete() {
	if !slices.Equal(c.got, c.want) {
		c.report("window %d completed with %v, want %v", c.k, c.got, c.want)
	}
	c.checked.Add(1)
}

// The harness is deterministic: requested one at a time, each operator
// emits exactly what its steps make due.
func TestTimeHarnessOutputs(t *testing.T) {
	const d = time.Second
	ints := func(op func(src sluice.Publisher[int], v *scheduler.Virtual) sluice.Publisher[int]) sluice.Publisher[int] {
		return harnessed(op, pushThenAdvance(d))(3)
	}
	for name, p := range map[string]sluice.Publisher[int]{
		"Sample": ints(func(src sluice.Publisher[int], v *scheduler.Virtual) sluice.Publisher[int] {
			return operators.Sample(src, d, v)
		}),
		"SampleFirst": ints(func(src sluice.Publisher[int], v *scheduler.Virtual) sluice.Publisher[int] {
			return operators.SampleFirst(src, d, v)
		}),
		"SampleTimeout": ints(func(src sluice.Publisher[int], v *scheduler.Virtual) sluice.Publisher[int] {
			return operators.SampleTimeout(src, d, v)
		}),
	} {
		t.Run(name, func(t *testing.T) {
			step.Create(p, step.WithInitialRequest(0)).
				ThenRequest(1).ExpectNext(0).
				ThenRequest(1).ExpectNext(1).
				ThenRequest(1).ExpectNext(2).
				ExpectComplete().
				Verify(t)
		})
	}
	bySizeOrTime := &timeHarness[[]int]{steps: 3,
		op: func(src sluice.Publisher[int], v *scheduler.Virtual) sluice.Publisher[[]int] {
			return operators.BufferTimeout(src, 3, d, v)
		},
		step: bufferTimeoutStep(d),
	}
	step.Create[[]int](bySizeOrTime, step.WithInitialRequest(0)).
		ThenRequest(1).ExpectNext([]int{0, 1, 2}).
		ThenRequest(2).ExpectNext([]int{3}, []int{6, 7, 8}).
		ExpectComplete().
		Verify(t)
	slicesOf := harnessed(func(src sluice.Publisher[int], v *scheduler.Virtual) sluice.Publisher[[]int] {
		return operators.BufferTimeout(src, 3, d, v, operators.FairBackpressure())
	}, pushThenAdvance(d))
	step.Create(slicesOf(3), step.WithInitialRequest(0)).
		ThenRequest(2).ExpectNext([]int{0}, []int{1}).
		ThenRequest(1).ExpectNext([]int{2}).
		ExpectComplete().
		Verify(t)
}
