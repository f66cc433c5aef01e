package operators

import (
	"testing"
	"time"

	"github.com/sluicego/sluice"
	"github.com/sluicego/sluice/internal/probe"
)

// Operators with inner publishers or a goroutine hand-off. Schedulers are
// the script's virtual clock (tick runs the queued tasks).

func TestStepFlatMapFamily(t *testing.T) {
	twice := func(v int) sluice.Publisher[int] { return probe.Just(v, v*10) }
	panicky := func(v int) sluice.Publisher[int] {
		if v == 2 {
			panic(errStepPanic)
		}
		return twice(v)
	}
	want := []int{1, 10, 2, 20, 3, 30}
	mk := func(name string, op func(sluice.Publisher[int], func(int) sluice.Publisher[int]) sluice.Publisher[int]) stepCase[int, int] {
		return stepCase[int, int]{
			name: name,
			op:   plain(func(src sluice.Publisher[int]) sluice.Publisher[int] { return op(src, twice) }),
			in:   ints123, want: want, errWant: want, cancelWant: []int{1},
			panicOp:   plain(func(src sluice.Publisher[int]) sluice.Publisher[int] { return op(src, panicky) }),
			panicWant: []int{1, 10},
		}
	}
	// SwitchMap requests its source without bound: when the downstream has
	// not requested yet, the synchronous source's 1 and 2 are switched away
	// before their inners emit, and only 3's inner is seen.
	switchMap := mk("SwitchMap", func(s sluice.Publisher[int], f func(int) sluice.Publisher[int]) sluice.Publisher[int] {
		return SwitchMap(s, f, 2)
	})
	switchMap.boundedWant = []int{3, 30}
	switchMap.cancelWant = []int{3}
	runStepSuite(t,
		mk("FlatMap", func(s sluice.Publisher[int], f func(int) sluice.Publisher[int]) sluice.Publisher[int] {
			return FlatMap(s, f, 1, 2)
		}),
		mk("FlatMapDelayError", func(s sluice.Publisher[int], f func(int) sluice.Publisher[int]) sluice.Publisher[int] {
			return FlatMapDelayError(s, f, 1, 2)
		}),
		mk("FlatMapSequential", func(s sluice.Publisher[int], f func(int) sluice.Publisher[int]) sluice.Publisher[int] {
			return FlatMapSequential(s, f, 2, 2)
		}),
		mk("ConcatMap", func(s sluice.Publisher[int], f func(int) sluice.Publisher[int]) sluice.Publisher[int] {
			return ConcatMap(s, f, 2)
		}),
		switchMap,
	)
}

func TestStepMonoFlatMapZipWhen(t *testing.T) {
	runStepSuite(t,
		stepCase[int, int]{
			name: "MonoFlatMap",
			op: plain(func(src sluice.Publisher[int]) sluice.Publisher[int] {
				return MonoFlatMap(src, func(v int) sluice.Publisher[int] { return probe.Just(v, v+1, v+2) })
			}),
			// A 0..1 source is done with its element: a later error is dropped.
			in: []int{2}, errWant: []int{2, 3, 4}, errEnd: completes[int], cancelEmpty: true,
			panicOp: plain(func(src sluice.Publisher[int]) sluice.Publisher[int] {
				return MonoFlatMap(src, func(v int) sluice.Publisher[int] { panic(errStepPanic) })
			}),
			panicNoCancel: true,
		}.withWant([]int{2, 3, 4}),
		stepCase[int, int]{
			name: "ZipWhen",
			op: plain(func(src sluice.Publisher[int]) sluice.Publisher[int] {
				return ZipWhen(src, func(v int) sluice.Publisher[int] { return probe.Just(v * 10) }, func(a, b int) int { return a + b })
			}),
			// The same rule as MonoFlatMap: the late error is dropped.
			in: []int{2}, want: []int{22}, errWant: []int{22}, errEnd: completes[int], cancelEmpty: true,
			panicOp: plain(func(src sluice.Publisher[int]) sluice.Publisher[int] {
				return ZipWhen(src, func(v int) sluice.Publisher[int] { panic(errStepPanic) }, func(a, b int) int { return a + b })
			}),
			panicNoCancel: true,
		},
	)
}

func TestStepPublishOnSubscribeOn(t *testing.T) {
	const tick = time.Nanosecond // runs the tasks the clock has queued
	runStepSuite(t,
		stepCase[int, int]{
			name: "PublishOn",
			op: func(env *stepEnv, src sluice.Publisher[int]) sluice.Publisher[int] {
				return PublishOn(src, env.vt, 2)
			},
			in: []int{1, 2, 3, 4, 5}, want: []int{1, 2, 3, 4, 5}, errWant: []int{1, 2, 3, 4, 5},
			cancelWant: []int{1}, tick: tick,
			upstream: atMostUpstream(2), // never more than the prefetch ahead
		},
		stepCase[int, int]{
			name: "LimitRate",
			op:   plain(func(src sluice.Publisher[int]) sluice.Publisher[int] { return LimitRate(src, 2, 1) }),
			in:   []int{1, 2, 3, 4, 5}, want: []int{1, 2, 3, 4, 5}, errWant: []int{1, 2, 3, 4, 5},
			cancelWant: []int{1},
			upstream:   atMostUpstream(2),
		},
		stepCase[int, int]{
			name: "SubscribeOn",
			op: func(env *stepEnv, src sluice.Publisher[int]) sluice.Publisher[int] {
				return SubscribeOn(src, env.vt)
			},
			in: ints123, want: ints123, errWant: ints123, cancelWant: []int{1}, tick: tick,
			upstream: exactUpstream,
		},
	)
}
