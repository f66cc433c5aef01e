package operators_test

import (
	"errors"
	"io"
	"log/slog"
	"testing"

	"github.com/sluicego/sluice"
	"github.com/sluicego/sluice/flux"
	"github.com/sluicego/sluice/operators"
	"github.com/sluicego/sluice/tck"
)

var errSyncTCK = errors.New("tck: failed upstream")

type pub = sluice.Publisher[int]

func rng(n int64) pub { return flux.Range(0, int(n)) }

// nonFused hides the fuse.Seq of a source so that the ordinary subscriber
// path is verified as well.
type nonFused struct{ pub }

// TestTCKSyncOperators runs the publisher verification on every finite
// synchronous operator: each entry makes a publisher of exactly n elements.
func TestTCKSyncOperators(t *testing.T) {
	quiet := slog.New(slog.NewTextHandler(io.Discard, nil))
	even := func(x int) bool { return x%2 == 0 }
	id := func(x int) int { return x }
	plus := func(a, b int) int { return a + b }
	cases := []struct {
		name   string
		create func(n int64) pub
		failed func() pub // nil: op(flux.Error)
		max    int64      // 0: 256
	}{
		{"Map", func(n int64) pub { return operators.Map(rng(n), id) }, nil, 0},
		{"MapNonFused", func(n int64) pub { return operators.Map[int, int](nonFused{rng(n)}, id) }, nil, 0},
		{"Filter", func(n int64) pub {
			return operators.Map(operators.Filter(rng(2*n), even), id)
		}, nil, 0},
		{"FilterNonFused", func(n int64) pub { return operators.Filter[int](nonFused{rng(2 * n)}, even) }, nil, 0},
		{"Handle", func(n int64) pub {
			return operators.Handle(rng(2*n), func(v int, k operators.SynchronousSink[int]) {
				if even(v) {
					k.Next(v)
				}
			})
		}, nil, 0},
		{"Scan", func(n int64) pub { return operators.Scan(rng(n), plus) }, nil, 0},
		{"ScanSeed", func(n int64) pub {
			if n == 0 {
				return operators.Skip(operators.ScanSeed(rng(0), 0, plus), 1)
			}
			return operators.ScanSeed(rng(n-1), 0, plus)
		}, nil, 0},
		{"Index", func(n int64) pub {
			return operators.Map(operators.Index(rng(n)), func(x operators.Indexed[int]) int { return x.Value })
		}, nil, 0},
		{"Buffer", func(n int64) pub {
			return operators.Map(operators.Buffer(rng(2*n), 2), func(b []int) int { return len(b) })
		}, nil, 0},
		{"BufferOverlap", func(n int64) pub {
			return operators.Map(operators.BufferSkip(rng(n), 3, 1), func(b []int) int { return len(b) })
		}, nil, 0},
		{"BufferUntil", func(n int64) pub {
			return operators.Map(operators.BufferUntil(rng(2*n), func(x int) bool { return x%2 == 1 }), func(b []int) int { return len(b) })
		}, nil, 0},
		{"Take", func(n int64) pub { return operators.Take(rng(n+5), n) }, nil, 0},
		{"LimitRequest", func(n int64) pub { return operators.LimitRequest[int](nonFused{rng(n + 5)}, n) }, nil, 0},
		{"TakeWhile", func(n int64) pub { return operators.TakeWhile(rng(n+5), func(x int) bool { return int64(x) < n }) }, nil, 0},
		{"TakeUntil", func(n int64) pub {
			return operators.TakeUntil(operators.Take(rng(n+5), n), func(x int) bool { return int64(x) == n-1 })
		}, nil, 0},
		{"TakeLast", func(n int64) pub { return operators.TakeLast(rng(n+3), int(n)) }, nil, 0},
		{"Skip", func(n int64) pub { return operators.Skip(rng(n+3), 3) }, nil, 0},
		{"SkipWhile", func(n int64) pub { return operators.SkipWhile(rng(n+3), func(x int) bool { return x < 3 }) }, nil, 0},
		{"SkipUntil", func(n int64) pub { return operators.SkipUntil(rng(n+3), func(x int) bool { return x >= 3 }) }, nil, 0},
		{"SkipLast", func(n int64) pub { return operators.SkipLast(rng(n+3), 3) }, nil, 0},
		{"Distinct", func(n int64) pub { return operators.Distinct(rng(n), operators.Identity[int]) }, nil, 0},
		{"DistinctUntilChanged", func(n int64) pub {
			return operators.DistinctUntilChanged(operators.Map(rng(2*n), func(x int) int { return x / 2 }), operators.Identity[int])
		}, nil, 0},
		{"Concat", func(n int64) pub { return operators.Concat(rng(n/2), nonFused{rng(n - n/2)}) }, nil, 0},
		{"StartWith", func(n int64) pub {
			if n == 0 {
				return rng(0)
			}
			return operators.StartWith(rng(n-1), -1)
		}, nil, 0},
		{"SwitchIfEmpty", func(n int64) pub { return operators.SwitchIfEmpty(rng(0), rng(n)) }, nil, 0},
		{"DefaultIfEmpty", func(n int64) pub {
			if n == 0 {
				return operators.Skip(operators.DefaultIfEmpty(rng(0), 1), 1)
			}
			return operators.DefaultIfEmpty(rng(n), -1)
		}, nil, 0},
		{"OnErrorReturn", func(n int64) pub {
			if n == 0 {
				return operators.OnErrorReturn(rng(0), 1)
			}
			return operators.OnErrorReturn(operators.Concat(rng(n-1), flux.Error[int](errSyncTCK)), -1)
		}, func() pub { return nil }, 0},
		{"OnErrorResume", func(n int64) pub {
			return operators.OnErrorResume(flux.Error[int](errSyncTCK), func(error) pub { return rng(n) })
		}, nil, 0},
		{"OnErrorComplete", func(n int64) pub {
			return operators.OnErrorComplete(operators.Concat(rng(n), flux.Error[int](errSyncTCK)), nil)
		}, nil, 0},
		{"OnErrorMap", func(n int64) pub {
			return operators.OnErrorMap(rng(n), func(err error) error { return err })
		}, nil, 0},
		{"Retry", func(n int64) pub { return operators.Retry(rng(n), 2) }, nil, 0},
		{"Repeat", func(n int64) pub {
			if n == 0 {
				return operators.Repeat(rng(0), 3)
			}
			return operators.Repeat[int](nonFused{rng(1)}, n-1)
		}, nil, 0},
		{"Peek", func(n int64) pub {
			return operators.Peek(rng(n), "Peek", operators.PeekHooks[int]{OnNext: func(int) {}, OnRequest: func(int64) {}})
		}, nil, 0},
		{"DoOnNext", func(n int64) pub { return operators.DoOnNext(rng(n), func(int) {}) }, nil, 0},
		{"DoFinally", func(n int64) pub { return operators.DoFinally(rng(n), func(operators.SignalType) {}) }, nil, 0},
		{"Log", func(n int64) pub { return operators.Log(rng(n), "tck", operators.WithLogger(quiet)) }, nil, 0},
		{"Materialize", func(n int64) pub {
			if n == 0 {
				return operators.Skip(operators.Map(operators.Materialize(rng(0)), func(operators.Signal[int]) int { return 0 }), 1)
			}
			return operators.Map(operators.Materialize(rng(n-1)), func(operators.Signal[int]) int { return 0 })
		}, nil, 0},
		{"Dematerialize", func(n int64) pub { return operators.Dematerialize(operators.Materialize(rng(n))) }, nil, 0},
		{"TakeUntilOther", func(n int64) pub { return operators.TakeUntilOther(rng(n), flux.Never[int]()) }, nil, 0},
		{"SkipUntilOther", func(n int64) pub { return operators.SkipUntilOther(rng(n), flux.Empty[int]()) }, nil, 0},
		{"Then", func(n int64) pub { return operators.Then(rng(3), rng(n)) }, nil, 0},
		{"MonoFlatMap", func(n int64) pub {
			return operators.MonoFlatMap(operators.Next(rng(1)), func(int) pub { return rng(n) })
		}, nil, 0},
		{"Next", func(n int64) pub { return operators.Next(rng(n * 5)) }, nil, 1},
		{"Reduce", func(n int64) pub { return operators.Reduce(rng(n*3), plus) }, nil, 1},
		{"ReduceNonFused", func(n int64) pub { return operators.Reduce[int](nonFused{rng(n * 3)}, plus) }, nil, 1},
		{"SingleOrEmpty", func(n int64) pub { return operators.SingleOrEmpty(rng(n)) }, nil, 1},
		{"LastNonFused", func(n int64) pub {
			if n == 0 {
				return operators.IgnoreElements[int](nonFused{rng(3)})
			}
			return operators.Last[int](nonFused{rng(3)})
		}, nil, 1},
		{"IgnoreElements", func(int64) pub { return operators.IgnoreElements(rng(5)) }, nil, tck.EmptyOnly},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			failed := c.failed
			if failed == nil {
				failed = func() pub {
					// The operator applied to a failing upstream: the
					// create function over a failed source is not
					// expressible generically, so wrap the error source in
					// the simplest stage that relays it.
					return operators.Map(flux.Error[int](errSyncTCK), id)
				}
			}
			max := c.max
			if max == 0 {
				max = 256
			}
			tck.VerifyPublisher(t, tck.PublisherOptions[int]{
				Create:               c.create,
				CreateFailed:         failed,
				MaxElements:          max,
				StochasticIterations: 10,
			})
		})
	}
}
