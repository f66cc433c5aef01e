package operators

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/sluicego/sluice"
	"github.com/sluicego/sluice/tck/step"
)

// Publish and Replay with an explicit Connect after the subscriber
// arrived, and RefCount's grace period on the virtual clock.
func TestStepPublishReplayConnect(t *testing.T) {
	const prefetch = 2
	in := []int{1, 2, 3, 4, 5}
	for _, k := range []struct {
		name string
		make func(src sluice.Publisher[int]) *Connectable[int]
	}{
		{"Publish", func(src sluice.Publisher[int]) *Connectable[int] { return Publish(src, prefetch) }},
		{"Replay", func(src sluice.Publisher[int]) *Connectable[int] { return Replay(src, 10, prefetch) }},
	} {
		t.Run(k.name, func(t *testing.T) {
			t.Run("normal", func(t *testing.T) {
				src := newStepSource(endComplete, in...)
				c := k.make(src)
				step.Create[int](c).ExpectNoEvent(0).
					Then(func() { c.Connect() }).
					ExpectNext(in...).ExpectComplete().Verify(t)
			})
			t.Run("upstream error", func(t *testing.T) {
				src := newStepSource(endError, in...)
				c := k.make(src)
				step.Create[int](c).Then(func() { c.Connect() }).
					ThenConsumeWhile(func(int) bool { return true }).
					ExpectErrorIs(errStep).Verify(t)
			})
			t.Run("cancel mid-stream then dispose", func(t *testing.T) {
				src := newStepSource(endHang, in...)
				c := k.make(src)
				var conn Disposable
				step.Create[int](c, step.WithInitialRequest(0)).
					Then(func() { conn = c.Connect() }).
					ThenRequest(1).ExpectNext(1).
					ThenCancel().ExpectNoEvent(0).
					Verify(t)
				conn.Dispose()
				require.EqualValues(t, 1, src.cancelled.Load(), "Dispose cancels the source")
			})
			for _, batch := range []int64{1, 2} {
				t.Run("bounded demand", func(t *testing.T) {
					src := newStepSource(endComplete, in...)
					c := k.make(src)
					v := step.Create[int](c, step.WithInitialRequest(0)).
						Then(func() { c.Connect() }).
						ExpectNoEvent(0)
					var down int64
					for i := 0; i < len(in); i += int(batch) {
						down += batch
						d := down
						v = v.ThenRequest(batch).ExpectNext(in[i:min(i+int(batch), len(in))]...).
							Then(func() { atMostUpstream(prefetch)(t, d, src.requested.Load()) })
					}
					v.ExpectComplete().Verify(t)
				})
			}
			t.Run("empty source", func(t *testing.T) {
				c := k.make(newStepSource[int](endComplete))
				step.Create[int](c).Then(func() { c.Connect() }).ExpectComplete().Verify(t)
			})
		})
	}
}

func TestStepRefCountGrace(t *testing.T) {
	const grace = 10 * time.Millisecond
	vt := newVirtualForStep(t)
	src := newStepSource(endHang, 1, 2, 3)
	rc := RefCount(Publish[int](src, 2), 1, grace, vt)
	step.Create(rc, step.WithVirtualTime(vt), step.WithInitialRequest(0)).
		ThenRequest(1).ExpectNext(1).
		ThenCancel().
		ExpectNoEvent(grace - time.Nanosecond).
		Then(func() { require.Zero(t, src.cancelled.Load(), "still connected within the grace period") }).
		ThenAdvance(time.Nanosecond).
		Verify(t)
	require.EqualValues(t, 1, src.cancelled.Load(), "disconnected after the grace period")
}
