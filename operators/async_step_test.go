package operators_test

import (
	"errors"
	"testing"

	"github.com/sluicego/sluice"
	"github.com/sluicego/sluice/flux"
	"github.com/sluicego/sluice/operators"
	"github.com/sluicego/sluice/scheduler"
	"github.com/sluicego/sluice/tck/step"
)

func TestAsyncOperatorsStepVerifier(t *testing.T) {
	boom := errors.New("boom")
	single := scheduler.NewSingle()
	defer single.Dispose()
	twice := func(x int) sluice.Publisher[int] { return flux.Just(x, x) }

	step.Create(operators.ConcatMap(flux.Range(1, 3), twice, 2), step.WithInitialRequest(0)).
		ThenRequest(1).ExpectNext(1).
		ThenRequest(3).ExpectNext(1, 2, 2).
		ThenRequest(10).ExpectNext(3, 3).
		ExpectComplete().Verify(t)

	step.Create(operators.FlatMapSequential(flux.Range(1, 3), twice, 3, 2)).
		ExpectNext(1, 1, 2, 2, 3, 3).ExpectComplete().Verify(t)

	step.Create(operators.FlatMap(flux.Range(0, 100), twice, 4, 4), step.WithInitialRequest(0)).
		ThenRequest(5).ExpectNextCount(5).ThenCancel().Verify(t)

	step.Create(operators.FlatMap(flux.Range(0, 3), func(x int) sluice.Publisher[int] {
		if x == 1 {
			return flux.Error[int](boom)
		}
		return flux.Just(x)
	}, 1, 1)).ExpectNext(0).ExpectErrorIs(boom).Verify(t)

	step.Create(operators.PublishOn[int](flux.Range(0, 4), single, 2), step.WithInitialRequest(0)).
		ThenRequest(1).ExpectNext(0).
		ThenRequest(3).ExpectNext(1, 2, 3).
		ExpectComplete().Verify(t)

	step.Create(operators.Zip2(flux.Range(0, 3), flux.Just("a", "b"), func(i int, s string) string { return s }, 1)).
		ExpectNext("a", "b").ExpectComplete().Verify(t)

	step.Create(operators.Merge(2, flux.Empty[int](), flux.Error[int](boom))).ExpectErrorIs(boom).Verify(t)

	step.Create(operators.LimitRate[int](flux.Range(0, 3), 2, 1), step.WithInitialRequest(0)).
		ThenRequest(2).ExpectNext(0, 1).ThenRequest(1).ExpectNext(2).ExpectComplete().Verify(t)
}
