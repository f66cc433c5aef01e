package operators

import (
	"testing"

	"github.com/sluicego/sluice"
	"github.com/sluicego/sluice/internal/probe"
	"github.com/sluicego/sluice/scheduler"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// blockedSingle returns a Single scheduler whose only goroutine is busy
// until the returned func is called, so that tasks scheduled meanwhile stay
// queued.
func blockedSingle(t *testing.T) (scheduler.Scheduler, func()) {
	s := scheduler.NewSingle()
	started, release := make(chan struct{}), make(chan struct{})
	s.Schedule(func() { close(started); <-release })
	<-started
	var once bool
	return s, func() {
		if !once {
			once = true
			close(release)
		}
	}
}

func TestPublishOnTaskDroppedWhileQueuedFails(t *testing.T) {
	t.Run("virtual", func(t *testing.T) {
		v := scheduler.NewVirtual()
		src := probe.NewSpy(probe.Range(0, 10))
		r := probe.NewRecorder[int](0)
		PublishOn[int](src, v, 4).Subscribe(r)
		r.Request(2) // the drain task is queued, not run
		v.Dispose()
		require.True(t, r.Await(asyncWait), "must not hang")
		require.ErrorIs(t, r.Err(), scheduler.ErrRejected)
		assert.Equal(t, int64(1), src.Cancelled.Load())
		assert.Empty(t, r.Violations())
	})
	t.Run("single", func(t *testing.T) {
		s, release := blockedSingle(t)
		defer release()
		src := probe.NewSpy(probe.Range(0, 10))
		r := probe.NewRecorder[int](sluice.Unbounded)
		PublishOn[int](src, s, 4).Subscribe(r)
		s.Dispose()
		release()
		require.True(t, r.Await(asyncWait), "must not hang")
		require.ErrorIs(t, r.Err(), scheduler.ErrRejected)
		assert.Empty(t, r.Violations())
	})
}

func TestPublishOnCancelDoesNotReportDroppedTask(t *testing.T) {
	v := scheduler.NewVirtual()
	defer v.Dispose()
	r := probe.NewRecorder[int](0)
	PublishOn[int](probe.Range(0, 10), v, 4).Subscribe(r)
	r.Request(2)
	r.Cancel() // disposes the worker: the queued task is dropped
	v.RunPending()
	assert.Nil(t, r.Err())
	assert.Empty(t, r.Values())
	assert.Empty(t, r.Violations())
}

func TestSubscribeOnTaskDroppedWhileQueuedFails(t *testing.T) {
	s, release := blockedSingle(t)
	defer release()
	src := probe.NewSpy(probe.Range(0, 10))
	r := probe.NewRecorder[int](sluice.Unbounded)
	SubscribeOn[int](src, s).Subscribe(r)
	s.Dispose()
	release()
	require.True(t, r.Await(asyncWait), "must not hang")
	require.ErrorIs(t, r.Err(), scheduler.ErrRejected)
	assert.Empty(t, r.Violations())
}

func TestSubscribeOnRequestDroppedMidStreamFails(t *testing.T) {
	v := scheduler.NewVirtual()
	src := probe.NewSpy(probe.Range(0, 10))
	r := probe.NewRecorder[int](0)
	SubscribeOn[int](src, v).Subscribe(r)
	v.RunPending() // the source is subscribed on the worker
	r.Request(2)   // the request task is queued, not run
	v.Dispose()    // drops it
	require.True(t, r.Await(asyncWait), "must not hang")
	require.ErrorIs(t, r.Err(), scheduler.ErrRejected)
	assert.Empty(t, r.Values())
	assert.Equal(t, int64(1), src.Cancelled.Load())
	assert.Empty(t, r.Violations())
}

func TestSubscribeOnCancelDoesNotReportDroppedRequest(t *testing.T) {
	v := scheduler.NewVirtual()
	defer v.Dispose()
	r := probe.NewRecorder[int](0)
	SubscribeOn[int](probe.Range(0, 10), v).Subscribe(r)
	v.RunPending()
	r.Request(2)
	r.Cancel() // disposes the worker: the queued request task is dropped
	v.RunPending()
	assert.Nil(t, r.Err())
	assert.Empty(t, r.Values())
	assert.Empty(t, r.Violations())
}
