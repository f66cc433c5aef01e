package operators_test

import (
	"errors"
	"fmt"
	"testing"

	"github.com/sluicego/sluice"
	"github.com/sluicego/sluice/flux"
	"github.com/sluicego/sluice/operators"
	"github.com/sluicego/sluice/tck"
	"github.com/sluicego/sluice/tck/step"
	"github.com/stretchr/testify/assert"
)

func TestOfType(t *testing.T) {
	mixed := items[any](1, "a", 2.5, 3, errors.New("e"), "b")
	step.Create(operators.OfType[any, int](mixed)).ExpectNext(1, 3).ExpectComplete().Verify(t)
	step.Create(operators.OfType[any, string](items[any](1, "a", "b"))).ExpectNext("a", "b").ExpectComplete().Verify(t)
	// an interface type keeps what implements it
	step.Create(operators.OfType[any, fmt.Stringer](items[any](1, stringer("x")))).
		ExpectNext(stringer("x")).ExpectComplete().Verify(t)
}

type stringer string

func (s stringer) String() string { return string(s) }

func TestOfTypeErrorEmptyCancelAndDemand(t *testing.T) {
	boom := errors.New("boom")
	step.Create(operators.OfType[any, int](failing[any](boom, 1, "x"))).ExpectNext(1).ExpectErrorIs(boom).Verify(t)
	step.Create(operators.OfType[any, int](items[any]())).ExpectComplete().Verify(t)
	src := items[any](1, "a", 2, "b", 3)
	step.Create(operators.OfType[any, int](src), step.WithInitialRequest(0)).
		ThenRequest(1).ExpectNext(1).
		ThenRequest(1).ExpectNext(2).
		ThenCancel().Verify(t)
	assert.GreaterOrEqual(t, src.cancelled.Load(), int64(1))
	// skipped elements are replaced by one more request each
	assert.LessOrEqual(t, src.requested.Load(), int64(4))
}

func TestOfTypeTCK(t *testing.T) {
	tck.VerifyPublisher(t, tck.PublisherOptions[int]{
		Create: func(n int64) sluice.Publisher[int] {
			return operators.OfType[int, int](asyncTCKRange(n))
		},
		CreateFailed: func() sluice.Publisher[int] { return flux.Error[int](errors.New("x")) },
	})
}
