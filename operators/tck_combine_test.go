package operators_test

import (
	"errors"
	"testing"

	"github.com/sluicego/sluice"
	"github.com/sluicego/sluice/flux"
	"github.com/sluicego/sluice/operators"
	"github.com/sluicego/sluice/tck"
)

// TestCombineOperatorsTCK runs the publisher verification against the
// switching, combining and multicasting operators.
func TestCombineOperatorsTCK(t *testing.T) {
	failed := func() sluice.Publisher[int] { return flux.Error[int](errors.New("tck failure")) }
	first := func(row []int) int { return row[0] }
	cases := []struct {
		name   string
		create func(n int64) sluice.Publisher[int]
	}{
		{"SwitchMap", func(n int64) sluice.Publisher[int] {
			return operators.SwitchMap(flux.Just(0), func(int) sluice.Publisher[int] { return asyncTCKRange(n) }, 4)
		}},
		// The synchronous outer switches twice before any demand arrives;
		// the stale inners hold no elements (Never, Empty), so the stream
		// is exactly the last inner's n elements.
		{"SwitchMapSwitchesAtOnceNever", func(n int64) sluice.Publisher[int] {
			return operators.SwitchMap(flux.Range(0, 3), func(i int) sluice.Publisher[int] {
				if i < 2 {
					return flux.Never[int]()
				}
				return asyncTCKRange(n)
			}, 4)
		}},
		{"SwitchMapSwitchesAtOnceEmpty", func(n int64) sluice.Publisher[int] {
			return operators.SwitchMap(flux.Range(0, 3), func(i int) sluice.Publisher[int] {
				if i < 2 {
					return flux.Empty[int]()
				}
				return asyncTCKRange(n)
			}, 4)
		}},
		{"CombineLatest", func(n int64) sluice.Publisher[int] {
			return operators.CombineLatest([]sluice.Publisher[int]{flux.Just(0), asyncTCKRange(n)}, func(row []int) int { return row[1] }, 4)
		}},
		{"CombineLatestSingle", func(n int64) sluice.Publisher[int] {
			return operators.CombineLatest([]sluice.Publisher[int]{asyncTCKRange(n)}, first, 4)
		}},
		{"FirstWithSignal", func(n int64) sluice.Publisher[int] {
			return operators.FirstWithSignal[int](asyncTCKRange(n), flux.Never[int]())
		}},
		{"WithLatestFrom", func(n int64) sluice.Publisher[int] {
			return operators.WithLatestFrom[int, int](asyncTCKRange(n), flux.Just(0), func(a, b int) int { return a + b })
		}},
		{"Share", func(n int64) sluice.Publisher[int] { return operators.Share[int](asyncTCKRange(n), 8) }},
		{"Cache", func(n int64) sluice.Publisher[int] { return operators.Cache[int](asyncTCKRange(n), 8) }},
		{"Replay", func(n int64) sluice.Publisher[int] {
			return operators.RefCount(operators.Replay[int](asyncTCKRange(n), 4, 8), 1, 0, nil)
		}},
	}
	t.Run("Window", func(t *testing.T) {
		tck.VerifyPublisher(t, tck.PublisherOptions[sluice.Publisher[int]]{
			Create: func(n int64) sluice.Publisher[sluice.Publisher[int]] {
				return operators.Window[int](asyncTCKRange(n), 1, 1)
			},
			CreateFailed: func() sluice.Publisher[sluice.Publisher[int]] {
				return operators.Window[int](failed(), 2, 2)
			},
			StochasticIterations: 20,
		})
	})
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			tck.VerifyPublisher(t, tck.PublisherOptions[int]{
				Create:               c.create,
				CreateFailed:         failed,
				StochasticIterations: 20,
			})
		})
	}
}
