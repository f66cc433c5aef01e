package operators_test

import (
	"testing"
	"time"

	"github.com/sluicego/sluice"
	"github.com/sluicego/sluice/operators"
	"github.com/sluicego/sluice/tck/step"
	"github.com/stretchr/testify/require"
)

func TestSampleEmitsTheLatestPerPeriod(t *testing.T) {
	v := vt(t)
	src := &hot[int]{}
	step.Create(operators.Sample[int](src, time.Second, v), step.WithVirtualTime(v)).
		Then(func() { src.next(1, 2, 3) }).
		ExpectNoEvent(999 * time.Millisecond).
		ThenAdvance(time.Millisecond).
		ExpectNext(3).
		ExpectNoEvent(time.Second). // nothing new: no sample
		Then(func() { src.next(4, 5) }).
		Then(src.complete).
		ExpectNext(5).
		ExpectComplete().
		Verify(t)
	require.Equal(t, sluice.Unbounded, src.demand())
	noTimers(t, v)
}

func TestSampleOverflowErrorAndCancel(t *testing.T) {
	v := vt(t)
	src := &hot[int]{}
	step.Create(operators.Sample[int](src, time.Second, v), step.WithVirtualTime(v), step.WithInitialRequest(1)).
		Then(func() { src.next(1) }).
		ThenAdvance(time.Second).
		ExpectNext(1).
		Then(func() { src.next(2) }).
		ThenAdvance(time.Second).
		ExpectErrorIs(operators.ErrOverflow).
		Verify(t)
	require.True(t, src.isCancelled())
	noTimers(t, v)

	src = &hot[int]{}
	step.Create(operators.Sample[int](src, time.Second, v), step.WithVirtualTime(v)).
		Then(func() { src.next(1) }).
		Then(func() { src.fail(errBoom) }).
		ExpectErrorIs(errBoom).
		Verify(t)
	noTimers(t, v)

	src = &hot[int]{}
	step.Create(operators.Sample[int](src, time.Second, v), step.WithVirtualTime(v)).
		Then(func() { src.next(1) }).
		ThenCancel().
		Verify(t)
	require.True(t, src.isCancelled())
	noTimers(t, v)
}

func TestSampleEmptyAndFinalValueWaitsForDemand(t *testing.T) {
	v := vt(t)
	step.Create(operators.Sample[int](items[int](), time.Second, v)).ExpectComplete().Verify(t)
	src := &hot[int]{}
	step.Create(operators.Sample[int](src, time.Second, v), step.WithVirtualTime(v), step.WithInitialRequest(0)).
		Then(func() { src.next(9) }).
		Then(src.complete).
		ExpectNoEvent(time.Second).
		ThenRequest(1).
		ExpectNext(9).
		ExpectComplete().
		Verify(t)
	noTimers(t, v)
	require.Panics(t, func() { operators.Sample[int](src, 0, v) })
}

func TestSampleFirstThrottles(t *testing.T) {
	v := vt(t)
	src := &hot[int]{}
	step.Create(operators.SampleFirst[int](src, time.Second, v), step.WithVirtualTime(v)).
		Then(func() { src.next(1, 2, 3) }).
		ExpectNext(1).
		ThenAdvance(999 * time.Millisecond).
		Then(func() { src.next(4) }).
		ThenAdvance(time.Millisecond).
		Then(func() { src.next(5, 6) }).
		ExpectNext(5).
		Then(src.complete).
		ExpectComplete().
		Verify(t)
	noTimers(t, v)
}

func TestSampleFirstOverflowErrorEmptyCancel(t *testing.T) {
	v := vt(t)
	src := &hot[int]{}
	step.Create(operators.SampleFirst[int](src, time.Second, v), step.WithVirtualTime(v), step.WithInitialRequest(1)).
		Then(func() { src.next(1) }).
		ExpectNext(1).
		ThenAdvance(time.Second).
		Then(func() { src.next(2) }).
		ExpectErrorIs(operators.ErrOverflow).
		Verify(t)
	require.True(t, src.isCancelled())
	step.Create(operators.SampleFirst[int](failing[int](errBoom, 1, 2), time.Second, v)).
		ExpectNext(1).ExpectErrorIs(errBoom).Verify(t)
	step.Create(operators.SampleFirst[int](items[int](), time.Second, v)).ExpectComplete().Verify(t)
	src = &hot[int]{}
	step.Create(operators.SampleFirst[int](src, time.Second, v), step.WithVirtualTime(v)).
		Then(func() { src.next(1) }).
		ExpectNext(1).
		ThenCancel().
		Verify(t)
	require.True(t, src.isCancelled())
	noTimers(t, v)
}

func TestSampleTimeoutDebounces(t *testing.T) {
	v := vt(t)
	src := &hot[int]{}
	step.Create(operators.SampleTimeout[int](src, time.Second, v), step.WithVirtualTime(v)).
		Then(func() { src.next(1) }).
		ThenAdvance(500 * time.Millisecond).
		Then(func() { src.next(2) }).
		ExpectNoEvent(999 * time.Millisecond).
		ThenAdvance(time.Millisecond).
		ExpectNext(2).
		Then(func() { src.next(3) }).
		Then(src.complete).
		ExpectNext(3).
		ExpectComplete().
		Verify(t)
	noTimers(t, v)
}

func TestSampleTimeoutOverflowErrorEmptyCancel(t *testing.T) {
	v := vt(t)
	src := &hot[int]{}
	step.Create(operators.SampleTimeout[int](src, time.Second, v), step.WithVirtualTime(v), step.WithInitialRequest(0)).
		Then(func() { src.next(1) }).
		ThenAdvance(time.Second).
		ExpectErrorIs(operators.ErrOverflow).
		Verify(t)
	require.True(t, src.isCancelled())
	src = &hot[int]{}
	step.Create(operators.SampleTimeout[int](src, time.Second, v), step.WithVirtualTime(v)).
		Then(func() { src.next(1) }).
		Then(func() { src.fail(errBoom) }).
		ExpectErrorIs(errBoom).
		Verify(t)
	step.Create(operators.SampleTimeout[int](items[int](), time.Second, v)).ExpectComplete().Verify(t)
	src = &hot[int]{}
	step.Create(operators.SampleTimeout[int](src, time.Second, v), step.WithVirtualTime(v)).
		Then(func() { src.next(1) }).
		ThenCancel().
		Verify(t)
	require.True(t, src.isCancelled())
	noTimers(t, v)
	step.Create(operators.SampleTimeout[int](ints(2), time.Second, v), step.WithInitialRequest(0)).
		ThenRequest(0).
		ExpectErrorIs(sluice.ErrInvalidDemand).
		Verify(t)
	noTimers(t, v)
}
