package operators_test

import (
	"testing"

	"github.com/sluicego/sluice"
	"github.com/sluicego/sluice/flux"
	"github.com/sluicego/sluice/operators"
	"github.com/sluicego/sluice/tck/step"
)

// Step-verifier scripts for the common operators: bounded demand, cancel,
// errors and panics, as a user would write them.
func TestStepScripts(t *testing.T) {
	t.Run("Map with bounded demand", func(t *testing.T) {
		step.Create(operators.Map(flux.Range(1, 5), func(x int) int { return x * 10 }), step.WithInitialRequest(2)).
			ExpectNext(10, 20).
			ThenRequest(2).
			ExpectNext(30, 40).
			ThenRequest(1).
			ExpectNext(50).
			ExpectComplete().
			Verify(t)
	})
	t.Run("Filter then cancel", func(t *testing.T) {
		step.Create(operators.Filter(flux.Range(0, 100), isEven), step.WithInitialRequest(1)).
			ExpectNext(0).
			ThenRequest(2).
			ExpectNext(2, 4).
			ThenCancel().
			Verify(t)
	})
	t.Run("Take limits demand", func(t *testing.T) {
		step.Create(operators.Take(flux.Range(0, 10), 3)).
			ExpectNext(0, 1, 2).
			ExpectComplete().
			Verify(t)
	})
	t.Run("Map panic", func(t *testing.T) {
		var pe *sluice.PanicError
		step.Create(operators.Map(flux.Range(0, 3), func(x int) int {
			if x == 1 {
				panic("boom")
			}
			return x
		})).
			ExpectNext(0).
			ExpectErrorAs(&pe).
			Verify(t)
	})
	t.Run("Reduce", func(t *testing.T) {
		step.Create(operators.ReduceSeed(flux.Range(1, 4), 0, sum)).
			ExpectNext(10).
			ExpectComplete().
			Verify(t)
	})
	t.Run("OnErrorReturn", func(t *testing.T) {
		step.Create(operators.OnErrorReturn(operators.Concat(flux.Range(0, 2), flux.Error[int](errBoomOps)), -1)).
			ExpectNext(0, 1, -1).
			ExpectComplete().
			Verify(t)
	})
	t.Run("Retry exhausts", func(t *testing.T) {
		step.Create(operators.Retry(operators.Concat(flux.Range(0, 1), flux.Error[int](errBoomOps)), 1)).
			ExpectNext(0, 0).
			ExpectErrorIs(errBoomOps).
			Verify(t)
	})
	t.Run("Buffer", func(t *testing.T) {
		step.Create(operators.Buffer(flux.Range(0, 5), 2), step.WithInitialRequest(1)).
			ExpectNext([]int{0, 1}).
			ThenRequest(5).
			ExpectNext([]int{2, 3}, []int{4}).
			ExpectComplete().
			Verify(t)
	})
}
