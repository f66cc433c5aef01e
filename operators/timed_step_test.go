package operators

import (
	"testing"
	"time"

	"github.com/sluicego/sluice"
	"github.com/sluicego/sluice/tck/step"
)

// Time operators, on a virtual clock advanced by the scripts (tick before
// each expected signal); nothing sleeps.

func TestStepDelayElements(t *testing.T) {
	const d = 10 * time.Millisecond
	runStepSuite(t,
		stepCase[int, int]{
			name: "DelayElements",
			op: func(env *stepEnv, src sluice.Publisher[int]) sluice.Publisher[int] {
				return DelayElements(src, d, env.vt)
			},
			in: ints123, want: ints123, errWant: ints123, cancelWant: []int{1},
			tick: d, upstream: atMostUpstream(1),
		},
		stepCase[int, int]{
			name: "DelayElementsBy",
			op: func(env *stepEnv, src sluice.Publisher[int]) sluice.Publisher[int] {
				return DelayElementsBy(src, func(int) (time.Duration, error) { return d, nil }, env.vt)
			},
			in: ints123, want: ints123, errWant: ints123, cancelWant: []int{1},
			panicOp: func(env *stepEnv, src sluice.Publisher[int]) sluice.Publisher[int] {
				return DelayElementsBy(src, func(v int) (time.Duration, error) {
					return panicAt2(func(int) time.Duration { return d })(v), nil
				}, env.vt)
			},
			panicWant: []int{1},
			tick:      d, upstream: atMostUpstream(1),
		},
	)
}

func TestStepDelaySubscription(t *testing.T) {
	const d = 10 * time.Millisecond
	runStepSuite(t, stepCase[int, int]{
		name: "DelaySubscription",
		op: func(env *stepEnv, src sluice.Publisher[int]) sluice.Publisher[int] {
			return DelaySubscription(src, d, env.vt)
		},
		in: ints123, want: ints123, errWant: ints123, cancelWant: []int{1},
		tick: d, upstream: exactUpstream,
	})
}

func TestStepTimestamp(t *testing.T) {
	const d = 10 * time.Millisecond
	epoch := time.Unix(0, 0).UTC()
	// Each element arrives d after the previous one (DelayElements in
	// front), so Time and Elapsed are known.
	want := []Timed[int]{
		{Value: 1, Time: epoch.Add(d), Elapsed: d},
		{Value: 2, Time: epoch.Add(2 * d), Elapsed: d},
		{Value: 3, Time: epoch.Add(3 * d), Elapsed: d},
	}
	for _, c := range []struct {
		name string
		op   func(sluice.Publisher[int], *stepEnv) sluice.Publisher[Timed[int]]
	}{
		{"Timestamp", func(src sluice.Publisher[int], env *stepEnv) sluice.Publisher[Timed[int]] {
			return Timestamp(DelayElements(src, d, env.vt), env.vt)
		}},
		{"Elapsed", func(src sluice.Publisher[int], env *stepEnv) sluice.Publisher[Timed[int]] {
			return Elapsed(DelayElements(src, d, env.vt), env.vt)
		}},
	} {
		runStepSuite(t, stepCase[int, Timed[int]]{
			name: c.name,
			op: func(env *stepEnv, src sluice.Publisher[int]) sluice.Publisher[Timed[int]] {
				return c.op(src, env)
			},
			in: ints123, want: want, errWant: want, cancelWant: want[:1],
			tick: d, upstream: atMostUpstream(1),
		})
	}
}

func TestStepTimeout(t *testing.T) {
	const d = 10 * time.Millisecond
	runStepSuite(t,
		stepCase[int, int]{
			// Elements arrive in time (every d/2): the timeout never fires.
			name: "Timeout",
			op: func(env *stepEnv, src sluice.Publisher[int]) sluice.Publisher[int] {
				return Timeout(DelayElements(src, d/2, env.vt), d, nil, env.vt)
			},
			in: ints123, want: ints123, errWant: ints123, cancelWant: []int{1},
			tick: d / 2, upstream: atMostUpstream(1),
		},
		stepCase[int, int]{
			name: "TimeoutFirst",
			op: func(env *stepEnv, src sluice.Publisher[int]) sluice.Publisher[int] {
				return TimeoutFirst(DelayElements(src, d/2, env.vt), d, d, nil, env.vt)
			},
			in: ints123, want: ints123, errWant: ints123, cancelWant: []int{1},
			tick: d / 2, upstream: atMostUpstream(1),
		},
	)
}

// A source that goes silent: the timeout fires, the source is cancelled
// and the fallback takes over under the remaining demand.
func TestStepTimeoutFires(t *testing.T) {
	const d = 10 * time.Millisecond
	vt := newVirtualForStep(t)
	src := newStepSource(endHang, 1)
	fb := newStepSource(endComplete, 8, 9)
	step.Create(Timeout[int](src, d, fb, vt), step.WithVirtualTime(vt), step.WithInitialRequest(0)).
		ThenRequest(2).ExpectNext(1).
		ExpectNoEvent(d - time.Millisecond).
		ThenAdvance(time.Millisecond).ExpectNext(8).
		ThenRequest(1).ExpectNext(9).
		ExpectComplete().Verify(t)
	if src.cancelled.Load() != 1 {
		t.Fatalf("source not cancelled after the timeout")
	}
}

func TestStepSample(t *testing.T) {
	const d = 10 * time.Millisecond
	runStepSuite(t,
		stepCase[int, int]{
			// A synchronous source completes at once: only the latest element
			// remains, emitted (under demand) before the completion.
			name: "Sample",
			op: func(env *stepEnv, src sluice.Publisher[int]) sluice.Publisher[int] {
				return Sample(src, d, env.vt)
			},
			in: ints123, want: []int{3}, tick: d, cancelWant: []int{3},
		},
	)
}

func TestStepBufferTimeout(t *testing.T) {
	const d = 10 * time.Millisecond
	runStepSuite(t,
		stepCase[int, []int]{
			name: "BufferTimeout by size",
			op: func(env *stepEnv, src sluice.Publisher[int]) sluice.Publisher[[]int] {
				return BufferTimeout(src, 2, d, env.vt)
			},
			in: ints123, want: [][]int{{1, 2}, {3}}, errWant: [][]int{{1, 2}},
			cancelIn:  []int{1}, // cancelled with a partial buffer before its time
			tick:      d,
			noBounded: "a full buffer due without demand fails with ErrOverflow (contract); see TestStepBufferTimeoutDemand",
		},
		stepCase[int, []int]{
			name: "BufferTime",
			op: func(env *stepEnv, src sluice.Publisher[int]) sluice.Publisher[[]int] {
				return BufferTime(src, d, env.vt)
			},
			in: ints123, want: [][]int{{1, 2, 3}}, tick: d, cancelWant: [][]int{{1, 2, 3}},
		},
	)
}

// Bounded demand for BufferTimeout: a buffer that fills while nothing is
// requested fails the stream (Reactor's bufferTimeout), and a partial
// buffer waits for demand on completion.
func TestStepBufferTimeoutDemand(t *testing.T) {
	const d = 10 * time.Millisecond
	vt := newVirtualForStep(t)
	src := newStepSource(endHang, 1, 2)
	runOverflowScript(t, BufferTimeout[int](src, 2, d, vt), src)

	step.Create(BufferTimeout[int](newStepSource(endComplete, 1), 2, d, vt), step.WithVirtualTime(vt), step.WithInitialRequest(0)).
		ExpectNoEvent(0).
		ThenRequest(1).ExpectNext([]int{1}).
		ExpectComplete().
		Verify(t)
}
