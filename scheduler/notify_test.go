package scheduler

import (
	"sync/atomic"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestScheduleNotifyDroppedWhenSchedulerDisposedWhileQueued(t *testing.T) {
	s := NewSingle()
	w := s.NewWorker()
	started := make(chan struct{})
	release := make(chan struct{})
	w.Schedule(func() { close(started); <-release })
	<-started
	var dropped, ran atomic.Int32
	w.(DropNotifier).ScheduleNotify(func() { ran.Add(1) }, func() { dropped.Add(1) })
	s.Dispose() // the second task is still queued behind the first
	close(release)
	require.Eventually(t, func() bool { return dropped.Load() == 1 }, 5e9, 1e6)
	assert.Zero(t, ran.Load())
}

func TestScheduleNotifyRefusedAndRun(t *testing.T) {
	for name, s := range map[string]Scheduler{"single": NewSingle(), "immediate": Immediate(), "virtual": NewVirtual()} {
		t.Run(name, func(t *testing.T) {
			w := s.NewWorker()
			var dropped atomic.Int32
			done := make(chan struct{})
			w.(DropNotifier).ScheduleNotify(func() { close(done) }, func() { dropped.Add(1) })
			if v, ok := s.(*Virtual); ok {
				v.Advance(0)
			}
			<-done
			w.Dispose()
			w.(DropNotifier).ScheduleNotify(func() { t.Error("ran") }, func() { dropped.Add(1) })
			assert.Equal(t, int32(1), dropped.Load())
			if name != "immediate" { // shared: not ours to dispose
				s.Dispose()
			}
		})
	}
}
