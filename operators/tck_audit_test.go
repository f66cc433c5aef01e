package operators_test

import (
	"sync/atomic"
	"testing"
	"time"

	"github.com/sluicego/sluice"
	"github.com/sluicego/sluice/flux"
	"github.com/sluicego/sluice/operators"
	"github.com/sluicego/sluice/retry"
	"github.com/sluicego/sluice/scheduler"
	"github.com/sluicego/sluice/tck"
)

// The publisher verification of the operators the other TCK tables do not
// run (the audit of issue 3's "TCK VerifyPublisher passes for every
// operator that produces a finite stream"; operators/TESTING.md lists which
// test covers which operator). Each subtest runs in parallel: the TCK's
// waits for absent signals dominate its run time, not CPU.

// auditTCK runs the publisher verification in a parallel subtest.
// max is PublisherOptions.MaxElements (0: unbounded, 1: a 0..1 publisher).
func auditTCK[T any](t *testing.T, name string, create func(n int64) sluice.Publisher[T], failed func() sluice.Publisher[T], max int64) {
	t.Helper()
	t.Run(name, func(t *testing.T) {
		t.Parallel()
		tck.VerifyPublisher(t, tck.PublisherOptions[T]{
			Create:               create,
			CreateFailed:         failed,
			MaxElements:          max,
			StochasticIterations: 10,
		})
	})
}

// monoOf builds the Create function of a 0..1 operator: one element for
// n = 1; for n = 0 either the operator's own empty form (empty != nil) or
// its one-element form with the element skipped.
func monoOf[T any](one func() sluice.Publisher[T], empty func() sluice.Publisher[T]) func(n int64) sluice.Publisher[T] {
	return func(n int64) sluice.Publisher[T] {
		if n == 1 {
			return one()
		}
		if empty != nil {
			return empty()
		}
		return operators.Skip(one(), 1)
	}
}

// failedWith applies op to a failing source that is not a fuse.Seq. Over a
// fuse.Seq (flux.Error, flux.Range) a fold runs its source on the first
// Request, so its failure (the source's, or its own such as ErrNoElements)
// comes on demand, as mono.FromFunc's does; the TCK's failed publisher
// must fail without demand, which the ordinary subscription path does.
func failedWith[T any](op func(src sluice.Publisher[int]) sluice.Publisher[T]) func() sluice.Publisher[T] {
	return func() sluice.Publisher[T] { return op(nonFused{flux.Error[int](errSyncTCK)}) }
}

// empty0 is an empty source that is not a fuse.Seq (see failedWith).
func empty0() sluice.Publisher[int] { return nonFused{rng(0)} }

// TestTCKFolds: the aggregating operators built on the fold machinery
// (Reduce, Next, Last and SingleOrEmpty are in TestTCKSyncOperators). Each
// emits at most one element; the failed publisher is the operator over a
// failing source, or the operator's own failure where it has one.
func TestTCKFolds(t *testing.T) {
	lt := func(k int) func(int) bool { return func(x int) bool { return x < k } }
	auditTCK(t, "Count", monoOf(func() sluice.Publisher[int64] { return operators.Count(rng(5)) }, nil),
		failedWith(operators.Count[int]), 1)
	auditTCK(t, "CountNonFused", monoOf(func() sluice.Publisher[int64] { return operators.Count[int](nonFused{rng(5)}) }, nil),
		failedWith(operators.Count[int]), 1)
	auditTCK(t, "CollectList", monoOf(func() sluice.Publisher[[]int] { return operators.CollectList(rng(5)) }, nil),
		failedWith(operators.CollectList[int]), 1)
	auditTCK(t, "CollectMap", monoOf(func() sluice.Publisher[map[int]int] {
		return operators.CollectMap(rng(5), func(x int) int { return x % 2 }, func(x int) int { return x })
	}, nil), failedWith(func(src sluice.Publisher[int]) sluice.Publisher[map[int]int] {
		return operators.CollectMap(src, func(x int) int { return x }, func(x int) int { return x })
	}), 1)
	allOf := func(src sluice.Publisher[int]) sluice.Publisher[bool] { return operators.All(src, lt(10)) }
	auditTCK(t, "All", monoOf(func() sluice.Publisher[bool] { return allOf(rng(5)) }, nil), failedWith(allOf), 1)
	auditTCK(t, "AllShortCircuit", monoOf(func() sluice.Publisher[bool] { return operators.All(rng(5), lt(2)) }, nil),
		failedWith(allOf), 1)
	anyOf := func(src sluice.Publisher[int]) sluice.Publisher[bool] { return operators.Any(src, lt(2)) }
	auditTCK(t, "Any", monoOf(func() sluice.Publisher[bool] { return anyOf(rng(5)) }, nil), failedWith(anyOf), 1)
	auditTCK(t, "AnyNone", monoOf(func() sluice.Publisher[bool] { return operators.Any(rng(5), lt(0)) }, nil),
		failedWith(anyOf), 1)
	auditTCK(t, "HasElements", monoOf(func() sluice.Publisher[bool] { return operators.HasElements(rng(5)) }, nil),
		failedWith(operators.HasElements[int]), 1)
	auditTCK(t, "HasElementsEmpty", monoOf(func() sluice.Publisher[bool] { return operators.HasElements(rng(0)) }, nil),
		failedWith(operators.HasElements[int]), 1)
	auditTCK(t, "ElementAt", monoOf(
		func() sluice.Publisher[int] { return operators.ElementAt(rng(5), 2) }, nil),
		failedWith(func(src sluice.Publisher[int]) sluice.Publisher[int] { return operators.ElementAt(src, 2) }), 1)
	auditTCK(t, "ElementAtOrDefault", monoOf(
		func() sluice.Publisher[int] { return operators.ElementAtOrDefault(rng(1), 3, -1) }, nil),
		failedWith(func(src sluice.Publisher[int]) sluice.Publisher[int] { return operators.ElementAtOrDefault(src, 3, -1) }), 1)
	auditTCK(t, "Single", monoOf(
		func() sluice.Publisher[int] { return operators.Single(rng(1)) }, nil),
		func() sluice.Publisher[int] { return operators.Single(empty0()) }, 1) // ErrNoElements
	auditTCK(t, "SingleOrDefault", monoOf(
		func() sluice.Publisher[int] { return operators.SingleOrDefault(rng(0), -1) }, nil),
		failedWith(func(src sluice.Publisher[int]) sluice.Publisher[int] { return operators.SingleOrDefault(src, -1) }), 1)
	auditTCK(t, "Last", monoOf(
		func() sluice.Publisher[int] { return operators.Last(rng(5)) }, nil),
		func() sluice.Publisher[int] { return operators.Last(empty0()) }, 1) // ErrNoElements
	auditTCK(t, "LastOrDefault", monoOf(
		func() sluice.Publisher[int] { return operators.LastOrDefault(rng(0), -1) }, nil),
		failedWith(func(src sluice.Publisher[int]) sluice.Publisher[int] { return operators.LastOrDefault(src, -1) }), 1)
	auditTCK(t, "ReduceSeed", monoOf(func() sluice.Publisher[int64] {
		return operators.ReduceSeed(rng(5), int64(0), func(a int64, v int) int64 { return a + int64(v) })
	}, nil), failedWith(func(src sluice.Publisher[int]) sluice.Publisher[int64] {
		return operators.ReduceSeed(src, int64(0), func(a int64, v int) int64 { return a + int64(v) })
	}), 1)
	auditTCK(t, "Sum", monoOf(func() sluice.Publisher[int] {
		return operators.Sum(operators.Filter(operators.Map(rng(10), func(x int) int { return 2 * x }), func(x int) bool { return x%3 == 0 }))
	}, nil), failedWith(operators.Sum[int]), 1)
	auditTCK(t, "SumNonFused", monoOf(func() sluice.Publisher[int] { return operators.Sum[int](nonFused{rng(5)}) }, nil),
		failedWith(operators.Sum[int]), 1)
	auditTCK(t, "ThenReturn", monoOf(
		func() sluice.Publisher[string] { return operators.ThenReturn[int](rng(5), "done") }, nil),
		failedWith(func(src sluice.Publisher[int]) sluice.Publisher[string] { return operators.ThenReturn[int](src, "x") }), 1)
	auditTCK(t, "ThenEmpty", func(int64) sluice.Publisher[struct{}] { return operators.ThenEmpty(rng(5)) },
		failedWith(operators.ThenEmpty[int]), tck.EmptyOnly)
	auditTCK(t, "DoOnSuccess", monoOf(
		func() sluice.Publisher[int] { return operators.DoOnSuccess(rng(1), func(int, bool) {}) },
		func() sluice.Publisher[int] { return operators.DoOnSuccess(rng(0), func(int, bool) {}) }),
		failedWith(func(src sluice.Publisher[int]) sluice.Publisher[int] {
			return operators.DoOnSuccess(src, func(int, bool) {})
		}), 1)
}

// TestTCKSideEffects: the doOn* shortcuts. Each is Peek with one hook (Peek
// is in TestTCKSyncOperators), but OnSubscribe, OnRequest and OnCancel
// disable Peek's fused path, so each shortcut runs on its own here.
func TestTCKSideEffects(t *testing.T) {
	ops := map[string]func(src sluice.Publisher[int]) sluice.Publisher[int]{
		"DoOnError":    func(src sluice.Publisher[int]) sluice.Publisher[int] { return operators.DoOnError(src, func(error) {}) },
		"DoOnComplete": func(src sluice.Publisher[int]) sluice.Publisher[int] { return operators.DoOnComplete(src, func() {}) },
		"DoOnSubscribe": func(src sluice.Publisher[int]) sluice.Publisher[int] {
			return operators.DoOnSubscribe(src, func(sluice.Subscription) {})
		},
		"DoOnRequest": func(src sluice.Publisher[int]) sluice.Publisher[int] {
			return operators.DoOnRequest(src, func(int64) {})
		},
		"DoOnCancel": func(src sluice.Publisher[int]) sluice.Publisher[int] { return operators.DoOnCancel(src, func() {}) },
	}
	for name, op := range ops {
		auditTCK(t, name, func(n int64) sluice.Publisher[int] { return op(rng(n)) }, failedWith(op), 256)
		auditTCK(t, name+"NonFused", func(n int64) sluice.Publisher[int] { return op(nonFused{rng(n)}) }, failedWith(op), 256)
	}
}

// TestTCKCombine: the combining operators and forms the async and combine
// tables do not run: Zip of 3 to 8 sources and the slice form (their own
// combine path; Zip2 is in TestAsyncOperatorsTCK), SwitchOnNext, ConcatWith
// and the DelayError and Sequential forms of Merge and FlatMap.
func TestTCKCombine(t *testing.T) {
	failed := func() sluice.Publisher[int] { return flux.Error[int](errSyncTCK) }
	r := func(n int64) sluice.Publisher[int] { return asyncTCKRange(n) }
	zipFailed := func() sluice.Publisher[int] {
		return operators.Zip3(rng(3), flux.Error[int](errSyncTCK), rng(3), func(a, b, c int) int { return a }, 4)
	}
	auditTCK(t, "Zip3", func(n int64) sluice.Publisher[int] {
		return operators.Zip3(r(n), r(n), r(n), func(a, b, c int) int { return a + b + c }, 4)
	}, zipFailed, 0)
	auditTCK(t, "Zip4", func(n int64) sluice.Publisher[int] {
		return operators.Zip4(r(n), r(n), r(n), r(n), func(a, _, _, _ int) int { return a }, 4)
	}, zipFailed, 0)
	auditTCK(t, "Zip5", func(n int64) sluice.Publisher[int] {
		return operators.Zip5(r(n), r(n), r(n), r(n), r(n), func(a, _, _, _, _ int) int { return a }, 4)
	}, zipFailed, 0)
	auditTCK(t, "Zip6", func(n int64) sluice.Publisher[int] {
		return operators.Zip6(r(n), r(n), r(n), r(n), r(n), r(n), func(a, _, _, _, _, _ int) int { return a }, 4)
	}, zipFailed, 0)
	auditTCK(t, "Zip7", func(n int64) sluice.Publisher[int] {
		return operators.Zip7(r(n), r(n), r(n), r(n), r(n), r(n), r(n), func(a, _, _, _, _, _, _ int) int { return a }, 4)
	}, zipFailed, 0)
	auditTCK(t, "Zip8", func(n int64) sluice.Publisher[int] {
		return operators.Zip8(r(n), r(n), r(n), r(n), r(n), r(n), r(n), r(n), func(a, _, _, _, _, _, _, _ int) int { return a }, 4)
	}, zipFailed, 0)
	sum := func(row []int) int { return row[0] + row[1] + row[2] }
	auditTCK(t, "ZipSlice", func(n int64) sluice.Publisher[int] {
		return operators.ZipSlice([]sluice.Publisher[int]{r(n), r(n), r(n)}, sum, 4)
	}, func() sluice.Publisher[int] {
		return operators.ZipSlice([]sluice.Publisher[int]{rng(3), failed(), rng(3)}, sum, 4)
	}, 0)
	auditTCK(t, "ZipSliceNonFused", func(n int64) sluice.Publisher[int] {
		return operators.ZipSlice([]sluice.Publisher[int]{nonFused{r(n)}, nonFused{r(n)}, nonFused{r(n)}}, sum, 4)
	}, failed, 0)
	auditTCK(t, "SwitchOnNext", func(n int64) sluice.Publisher[int] {
		return operators.SwitchOnNext(flux.Just[sluice.Publisher[int]](flux.Never[int](), r(n)), 4)
	}, func() sluice.Publisher[int] {
		return operators.SwitchOnNext(flux.Error[sluice.Publisher[int]](errSyncTCK), 4)
	}, 0)
	auditTCK(t, "ConcatWith", func(n int64) sluice.Publisher[int] {
		return operators.ConcatWith(rng(n/2), nonFused{r(n - n/2)})
	}, failed, 0)
	auditTCK(t, "MergeDelayError", func(n int64) sluice.Publisher[int] {
		if n == sluice.Unbounded {
			return operators.MergeDelayError(4, r(n), rng(1))
		}
		return operators.MergeDelayError(4, rng(n/2), rng(n-n/2))
	}, func() sluice.Publisher[int] { return operators.MergeDelayError(4, rng(0), failed()) }, 0)
	auditTCK(t, "MergeSequential", func(n int64) sluice.Publisher[int] {
		if n == sluice.Unbounded {
			return operators.MergeSequential(4, r(n), rng(1))
		}
		return operators.MergeSequential(4, rng(n/2), rng(n-n/2))
	}, func() sluice.Publisher[int] { return operators.MergeSequential(4, rng(0), failed()) }, 0)
	just := func(x int) sluice.Publisher[int] { return flux.Just(x) }
	auditTCK(t, "FlatMapDelayError", func(n int64) sluice.Publisher[int] {
		return operators.FlatMapDelayError(r(n), just, 4, 4)
	}, func() sluice.Publisher[int] { return operators.FlatMapDelayError(failed(), just, 4, 4) }, 0)
}

// TestTCKBackpressureStrategies: OnBackpressureDrop, Latest, Error and the
// bounded OnBackpressureBuffer strategies request their source without
// bound, so over a synchronous range they would (by design) drop or fail
// what comes before the TCK's demand. They run under timeHarness (see
// time_tck_test.go) with a source that pushes exactly one element per
// requested element, after the request reached the operator; the clock is
// not used. Their dropping and failing behaviour without demand is pinned
// by their step scripts.
func TestTCKBackpressureStrategies(t *testing.T) {
	push := func(i int64, src *pushSource, _ *scheduler.Virtual) { src.push(int(i)) }
	ops := map[string]func(src sluice.Publisher[int], v *scheduler.Virtual) sluice.Publisher[int]{
		"OnBackpressureDrop": func(src sluice.Publisher[int], _ *scheduler.Virtual) sluice.Publisher[int] {
			return operators.OnBackpressureDrop(src, func(int) {})
		},
		"OnBackpressureLatest": func(src sluice.Publisher[int], _ *scheduler.Virtual) sluice.Publisher[int] {
			return operators.OnBackpressureLatest(src)
		},
		"OnBackpressureError": func(src sluice.Publisher[int], _ *scheduler.Virtual) sluice.Publisher[int] {
			return operators.OnBackpressureError(src)
		},
		"OnBackpressureBufferDropOldest": func(src sluice.Publisher[int], _ *scheduler.Virtual) sluice.Publisher[int] {
			return operators.OnBackpressureBuffer(src, 2, operators.OverflowDropOldest, nil)
		},
		"OnBackpressureBufferDropLatest": func(src sluice.Publisher[int], _ *scheduler.Virtual) sluice.Publisher[int] {
			return operators.OnBackpressureBuffer(src, 2, operators.OverflowDropLatest, nil)
		},
	}
	for name, op := range ops {
		auditTCK(t, name, harnessed(op, push), failedOn(op), 0)
	}
}

// TestTCKTimed: Timestamp and Elapsed relay demand unchanged; on a virtual
// clock that is never advanced every element has the same time, so two
// subscribers see equal elements.
func TestTCKTimed(t *testing.T) {
	for name, op := range map[string]func(sluice.Publisher[int], scheduler.Scheduler) sluice.Publisher[operators.Timed[int]]{
		"Timestamp": operators.Timestamp[int],
		"Elapsed":   operators.Elapsed[int],
	} {
		auditTCK(t, name, func(n int64) sluice.Publisher[operators.Timed[int]] {
			return op(asyncTCKRange(n), scheduler.NewVirtual())
		}, func() sluice.Publisher[operators.Timed[int]] {
			return op(flux.Error[int](errSyncTCK), scheduler.NewVirtual())
		}, 0)
	}
}

// TestTCKMulticast: Publish connected on the first subscription
// (AutoConnect(1): Subscribe, then Connect), RefCount with a grace period
// (its timer on a virtual clock that is never advanced) and CacheTTL (a
// 0..1 source; the TTL never runs out on the virtual clock). Share, Cache
// (AutoConnect over Replay) and Replay with RefCount are in
// TestCombineOperatorsTCK.
func TestTCKMulticast(t *testing.T) {
	failed := func() sluice.Publisher[int] { return flux.Error[int](errSyncTCK) }
	auditTCK(t, "PublishAutoConnect", func(n int64) sluice.Publisher[int] {
		return operators.AutoConnect(operators.Publish(asyncTCKRange(n), 8), 1)
	}, func() sluice.Publisher[int] { return operators.AutoConnect(operators.Publish(failed(), 8), 1) }, 0)
	auditTCK(t, "RefCountGrace", func(n int64) sluice.Publisher[int] {
		return operators.RefCount(operators.Publish(asyncTCKRange(n), 8), 1, time.Hour, scheduler.NewVirtual())
	}, func() sluice.Publisher[int] {
		return operators.RefCount(operators.Publish(failed(), 8), 1, time.Hour, scheduler.NewVirtual())
	}, 0)
	auditTCK(t, "CacheTTL", monoOf(
		func() sluice.Publisher[int] { return operators.CacheTTL(rng(3), time.Hour, scheduler.NewVirtual()) },
		func() sluice.Publisher[int] { return operators.CacheTTL(rng(0), time.Hour, scheduler.NewVirtual()) }),
		func() sluice.Publisher[int] { return operators.CacheTTL(failed(), time.Hour, scheduler.NewVirtual()) }, 1)
}

// advancing relays a source and, after each terminal signal, advances a
// virtual clock far enough to run what the signal scheduled (a retry or
// repeat delay): the deterministic stand-in for time passing. An Advance
// already running on the clock (the terminal signal came from a task it
// runs) picks up the new task itself.
type advancing[T any] struct {
	src sluice.Publisher[T]
	v   *scheduler.Virtual
	in  *atomic.Bool
}

func (a advancing[T]) Subscribe(s sluice.Subscriber[T]) { a.src.Subscribe(&advanceAfter[T]{s, a}) }

type advanceAfter[T any] struct {
	sluice.Subscriber[T]
	a advancing[T]
}

func (x *advanceAfter[T]) OnError(err error) {
	x.Subscriber.OnError(err)
	x.advance()
}

func (x *advanceAfter[T]) OnComplete() {
	x.Subscriber.OnComplete()
	x.advance()
}

func (x *advanceAfter[T]) advance() {
	if x.a.in.Swap(true) {
		return
	}
	x.a.v.Advance(time.Hour)
	x.a.in.Store(false)
}

// retried is a fresh RetryWhen per subscription (flux.Defer only hands the
// subscriber to it): its source fails `fails` times, then emits n elements;
// the failures are retried after an exponential backoff with jitter on a
// virtual clock of its own.
func retried(n int64, fails int64) sluice.Publisher[int] {
	return flux.Defer(func() sluice.Publisher[int] {
		v := scheduler.NewVirtual()
		var count atomic.Int64
		src := flux.Defer(func() sluice.Publisher[int] {
			if count.Add(1) <= fails {
				return flux.Error[int](errSyncTCK)
			}
			return asyncTCKRange(n)
		})
		spec := retry.Backoff(3, 10*time.Millisecond).MaxBackoff(time.Second).Jitter(0.5).Scheduler(v)
		return operators.RetryWhen(advancing[int]{src, v, new(atomic.Bool)}, spec.Companion)
	})
}

// repeated is a fresh RepeatWhen per subscription: one element per round,
// n rounds, each repeat after a delay on a virtual clock of its own.
func repeated(n int64, src func() sluice.Publisher[int]) sluice.Publisher[int] {
	return flux.Defer(func() sluice.Publisher[int] {
		v := scheduler.NewVirtual()
		companion := func(done sluice.Publisher[int64]) sluice.Publisher[int64] {
			// the k-th completion (index k-1) asks for round k+1 while k < n
			more := operators.TakeWhile(operators.Index(done), func(x operators.Indexed[int64]) bool { return x.Index < n-1 })
			return operators.DelayElements(operators.Map(more, func(x operators.Indexed[int64]) int64 { return x.Value }), 10*time.Millisecond, v)
		}
		return operators.RepeatWhen(advancing[int]{src(), v, new(atomic.Bool)}, companion)
	})
}

// TestTCKRetryRepeatWhen: RetryWhen with retry.Backoff (exponential, with
// jitter) and RepeatWhen with a delayed companion, both on a virtual clock
// that the source advances after each terminal signal (see advancing).
// The failed publishers exhaust the retries, and repeat a failing source.
func TestTCKRetryRepeatWhen(t *testing.T) {
	auditTCK(t, "RetryWhenBackoff", func(n int64) sluice.Publisher[int] { return retried(n, 2) },
		func() sluice.Publisher[int] { return retried(0, 10) }, 0)
	auditTCK(t, "RetryWhenNoFailure", func(n int64) sluice.Publisher[int] { return retried(n, 0) }, nil, 0)
	auditTCK(t, "RepeatWhen", func(n int64) sluice.Publisher[int] {
		if n == 0 {
			return repeated(0, func() sluice.Publisher[int] { return rng(0) })
		}
		return repeated(n, func() sluice.Publisher[int] { return rng(1) })
	}, func() sluice.Publisher[int] {
		return repeated(3, func() sluice.Publisher[int] { return flux.Error[int](errSyncTCK) })
	}, 0)
}

// TestTCKInterval: Interval is endless and overflows when a tick falls due
// without demand, so it runs under timeHarness without a source: each
// requested element is one period on the harness's virtual clock (after the
// demand reached the operator), and Take(n) makes it finite (for
// n = Unbounded, Interval alone).
func TestTCKInterval(t *testing.T) {
	const d = time.Second
	create := func(n int64) sluice.Publisher[int64] {
		return &timeHarness[int64]{steps: n, clockOnly: true,
			op: func(_ sluice.Publisher[int], v *scheduler.Virtual) sluice.Publisher[int64] {
				if n == sluice.Unbounded {
					return operators.Interval(d, d, v)
				}
				return operators.Take(operators.Interval(d, d, v), n)
			},
			step: func(_ int64, _ *pushSource, v *scheduler.Virtual) { v.Advance(d) },
		}
	}
	auditTCK(t, "Interval", create, nil, 0)
}

// TestTCKPipe: the declarative form, a pipeline of Ops applied to a range.
// Every step delegates to an operator verified above; this checks the
// composition.
func TestTCKPipe(t *testing.T) {
	even := func(x int) bool { return x%2 == 0 }
	pipeline := operators.Compose(
		operators.Pipe(operators.FilterOp(even), operators.DistinctOp(operators.Identity[int]), operators.DoOnNextOp(func(int) {})),
		operators.MapOp(func(x int) int { return x / 2 }))
	auditTCK(t, "Pipe", func(n int64) sluice.Publisher[int] { return pipeline.Apply(rng(2 * n)) },
		failedWith(pipeline.Apply), 256)
}
