package sluice_test

import (
	"errors"
	"fmt"
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.uber.org/goleak"

	"github.com/sluicego/sluice"
)

func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }

func TestUnbounded(t *testing.T) {
	assert.Equal(t, int64(math.MaxInt64), sluice.Unbounded)
}

func TestInvalidDemandError(t *testing.T) {
	for _, n := range []int64{0, -1, math.MinInt64} {
		err := sluice.NewInvalidDemandError(n)
		require.ErrorIs(t, err, sluice.ErrInvalidDemand)
		var ide *sluice.InvalidDemandError
		require.ErrorAs(t, err, &ide)
		assert.Equal(t, n, ide.N)
		// The message carries the TCK's phrase for rule 3.9 and the value.
		assert.Contains(t, err.Error(), "3.9")
		assert.Contains(t, err.Error(), "non-positive subscription request")
		assert.Contains(t, err.Error(), fmt.Sprint(n))
		assert.ErrorIs(t, fmt.Errorf("operator: %w", err), sluice.ErrInvalidDemand, "survives wrapping")
	}
}

func TestPanicError(t *testing.T) {
	boom := errors.New("boom")
	var pe *sluice.PanicError
	func() {
		defer func() { pe = sluice.NewPanicError(recover()) }()
		panic(boom)
	}()
	require.NotNil(t, pe)
	assert.Equal(t, boom, pe.Value)
	assert.ErrorIs(t, pe, boom, "Unwrap exposes an error panic value")
	assert.Contains(t, string(pe.Stack), "TestPanicError")
	assert.Equal(t, "panic: boom", pe.Error())
	assert.Same(t, pe, sluice.NewPanicError(pe), "an existing PanicError is not wrapped twice")

	pe = sluice.NewPanicError("text")
	assert.NoError(t, pe.Unwrap())
	assert.Equal(t, "panic: text", pe.Error())
}

func TestDroppedHooks(t *testing.T) {
	var nexts []any
	var errs []error
	prev := sluice.SetDroppedHooks(sluice.DroppedHooks{
		OnNextDropped:  func(v any) { nexts = append(nexts, v) },
		OnErrorDropped: func(err error) { errs = append(errs, err) },
	})
	boom := errors.New("boom")
	sluice.NextDropped(1)
	sluice.ErrorDropped(boom)
	assert.Equal(t, []any{1}, nexts)
	assert.Equal(t, []error{boom}, errs)

	mine := sluice.SetDroppedHooks(prev)
	assert.NotNil(t, mine.OnNextDropped, "SetDroppedHooks returns the hooks it replaced")
	// defaults: elements ignored, errors logged; neither panics
	sluice.SetDroppedHooks(sluice.DroppedHooks{})
	assert.NotPanics(t, func() {
		sluice.NextDropped(2)
		sluice.ErrorDropped(boom)
	})
	sluice.SetDroppedHooks(prev)
	assert.Len(t, nexts, 1)
	assert.Len(t, errs, 1)
}

func TestSentinelsAreDistinct(t *testing.T) {
	all := []error{sluice.ErrInvalidDemand, sluice.ErrNilSubscriber, sluice.ErrNilSubscription,
		sluice.ErrNilError, sluice.ErrAlreadySubscribed, sluice.ErrCancelled}
	for i, a := range all {
		for j, b := range all {
			assert.Equal(t, i == j, errors.Is(a, b), "%v vs %v", a, b)
		}
	}
}
