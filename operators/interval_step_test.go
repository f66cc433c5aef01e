package operators

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/sluicego/sluice/tck/step"
)

// Interval and Delay are sources: no upstream (so no upstream error and
// no empty source) and no user function. Normal flow, cancel and bounded
// demand on the virtual clock.

func TestStepInterval(t *testing.T) {
	const d = 10 * time.Millisecond
	t.Run("normal", func(t *testing.T) {
		vt := newVirtualForStep(t)
		step.Create(Interval(d, d, vt), step.WithVirtualTime(vt), step.WithInitialRequest(3)).
			ExpectNoEvent(d - time.Nanosecond).
			ThenAdvance(time.Nanosecond).ExpectNext(0).
			ThenAdvance(d).ExpectNext(1).
			ThenAdvance(d).ExpectNext(2).
			ThenCancel().
			Verify(t)
	})
	t.Run("cancel mid-stream disposes the timer", func(t *testing.T) {
		vt := newVirtualForStep(t)
		step.Create(Interval(d, d, vt), step.WithVirtualTime(vt), step.WithInitialRequest(0)).
			ThenRequest(1).ThenAdvance(d).ExpectNext(0).
			ThenCancel().
			ExpectNoEvent(10 * d).
			Verify(t)
		require.Zero(t, vt.Pending(), "no task left on the clock")
	})
	for _, batch := range []int64{1, 2} {
		t.Run("bounded demand", func(t *testing.T) {
			vt := newVirtualForStep(t)
			v := step.Create(Interval(d, d, vt), step.WithVirtualTime(vt), step.WithInitialRequest(0)).
				ExpectNoEvent(0)
			var tick int64
			for range 2 {
				v = v.ThenRequest(batch)
				for range batch {
					v = v.ThenAdvance(d).ExpectNext(tick)
					tick++
				}
			}
			// A tick due without demand ends the stream (Reactor's interval).
			v.ThenAdvance(d).ExpectErrorIs(ErrOverflow).Verify(t)
			require.Zero(t, vt.Pending(), "no task left on the clock")
		})
	}
}

func TestStepDelay(t *testing.T) {
	const d = 10 * time.Millisecond
	t.Run("normal", func(t *testing.T) {
		vt := newVirtualForStep(t)
		step.Create(Delay(d, vt), step.WithVirtualTime(vt)).
			ExpectNoEvent(d - time.Nanosecond).
			ThenAdvance(time.Nanosecond).ExpectNext(0).ExpectComplete().
			Verify(t)
	})
	t.Run("cancel disposes the timer", func(t *testing.T) {
		vt := newVirtualForStep(t)
		step.Create(Delay(d, vt), step.WithVirtualTime(vt)).
			ExpectNoEvent(d / 2).ThenCancel().ExpectNoEvent(d).
			Verify(t)
		require.Zero(t, vt.Pending(), "no task left on the clock")
	})
	t.Run("bounded demand", func(t *testing.T) {
		vt := newVirtualForStep(t)
		step.Create(Delay(d, vt), step.WithVirtualTime(vt), step.WithInitialRequest(0)).
			ExpectNoEvent(2 * d). // the value waits for demand
			ThenRequest(1).ExpectNext(0).ExpectComplete().
			Verify(t)
	})
}
