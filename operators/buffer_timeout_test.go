package operators_test

import (
	"testing"
	"time"

	"github.com/sluicego/sluice/operators"
	"github.com/sluicego/sluice/tck/step"
	"github.com/stretchr/testify/require"
)

func TestBufferTimeoutBySizeAndTime(t *testing.T) {
	v := vt(t)
	src := &hot[int]{}
	step.Create(operators.BufferTimeout[int](src, 3, time.Second, v), step.WithVirtualTime(v)).
		Then(func() { src.next(1, 2, 3, 4) }).
		ExpectNext([]int{1, 2, 3}).
		ExpectNoEvent(999 * time.Millisecond).
		ThenAdvance(time.Millisecond).
		ExpectNext([]int{4}).
		ExpectNoEvent(5 * time.Second). // no empty buffers
		Then(func() { src.next(5) }).
		Then(src.complete).
		ExpectNext([]int{5}).
		ExpectComplete().
		Verify(t)
	noTimers(t, v)
}

func TestBufferTime(t *testing.T) {
	v := vt(t)
	src := &hot[int]{}
	step.Create(operators.BufferTime[int](src, time.Second, v), step.WithVirtualTime(v)).
		ThenAdvance(300 * time.Millisecond).
		Then(func() { src.next(1, 2) }).
		ExpectNoEvent(999 * time.Millisecond).
		ThenAdvance(time.Millisecond).
		ExpectNext([]int{1, 2}).
		Then(src.complete).
		ExpectComplete().
		Verify(t)
	noTimers(t, v)
}

func TestBufferTimeoutErrorEmptyCancelOverflow(t *testing.T) {
	v := vt(t)
	step.Create(operators.BufferTimeout[int](failing[int](errBoom, 1, 2), 5, time.Second, v)).
		ExpectErrorIs(errBoom).Verify(t)
	step.Create(operators.BufferTimeout[int](items[int](), 5, time.Second, v)).ExpectComplete().Verify(t)
	src := &hot[int]{}
	step.Create(operators.BufferTimeout[int](src, 5, time.Second, v), step.WithVirtualTime(v)).
		Then(func() { src.next(1) }).
		ThenCancel().
		Verify(t)
	require.True(t, src.isCancelled())
	noTimers(t, v)
	src = &hot[int]{}
	step.Create(operators.BufferTimeout[int](src, 2, time.Second, v), step.WithVirtualTime(v), step.WithInitialRequest(1)).
		Then(func() { src.next(1, 2, 3, 4) }).
		ExpectNext([]int{1, 2}).
		ExpectErrorIs(operators.ErrOverflow).
		Verify(t)
	require.True(t, src.isCancelled())
	noTimers(t, v)
	require.Panics(t, func() { operators.BufferTimeout[int](src, 0, time.Second, v) })
}
