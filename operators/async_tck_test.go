package operators_test

import (
	"errors"
	"testing"

	"github.com/sluicego/sluice"
	"github.com/sluicego/sluice/flux"
	"github.com/sluicego/sluice/operators"
	"github.com/sluicego/sluice/scheduler"
	"github.com/sluicego/sluice/tck"
)

func asyncTCKRange(n int64) flux.Flux[int] {
	if n == sluice.Unbounded {
		return flux.Range(0, int(sluice.Unbounded))
	}
	return flux.Range(0, int(n))
}

// TestAsyncOperatorsTCK runs the publisher verification against every finite
// asynchronous and combining operator.
func TestAsyncOperatorsTCK(t *testing.T) {
	single := scheduler.NewSingle()
	defer single.Dispose()
	just := func(x int) sluice.Publisher[int] { return flux.Just(x) }
	failed := func() sluice.Publisher[int] { return flux.Error[int](errors.New("tck failure")) }
	cases := []struct {
		name   string
		create func(n int64) sluice.Publisher[int]
	}{
		{"FlatMap", func(n int64) sluice.Publisher[int] { return operators.FlatMap(asyncTCKRange(n), just, 4, 4) }},
		{"FlatMapSequential", func(n int64) sluice.Publisher[int] {
			return operators.FlatMapSequential(asyncTCKRange(n), just, 4, 4)
		}},
		{"ConcatMap", func(n int64) sluice.Publisher[int] { return operators.ConcatMap(asyncTCKRange(n), just, 4) }},
		{"Merge", func(n int64) sluice.Publisher[int] {
			if n == sluice.Unbounded {
				return operators.Merge[int](4, asyncTCKRange(n), flux.Range(0, 1))
			}
			return operators.Merge[int](4, flux.Range(0, int(n/2)), flux.Range(0, int(n-n/2)))
		}},
		{"Zip2", func(n int64) sluice.Publisher[int] {
			return operators.Zip2[int, int](asyncTCKRange(n), asyncTCKRange(n), func(a, b int) int { return a + b }, 4)
		}},
		{"PublishOn", func(n int64) sluice.Publisher[int] { return operators.PublishOn[int](asyncTCKRange(n), single, 8) }},
		{"SubscribeOn", func(n int64) sluice.Publisher[int] { return operators.SubscribeOn[int](asyncTCKRange(n), single) }},
		{"LimitRate", func(n int64) sluice.Publisher[int] { return operators.LimitRate[int](asyncTCKRange(n), 8, 2) }},
		{"OnBackpressureBuffer", func(n int64) sluice.Publisher[int] {
			return operators.OnBackpressureBuffer[int](asyncTCKRange(n), 0, operators.OverflowError, nil)
		}},
	}
	for _, c := range cases {
		var maxElements int64 // 0: unbounded
		if c.name == "OnBackpressureBuffer" {
			// it requests everything: over an infinite synchronous source
			// Subscribe never returns, so the infinite tests are skipped
			maxElements = 1 << 20
		}
		t.Run(c.name, func(t *testing.T) {
			tck.VerifyPublisher(t, tck.PublisherOptions[int]{
				Create:               c.create,
				CreateFailed:         failed,
				StochasticIterations: 20,
				MaxElements:          maxElements,
			})
		})
	}
}
