package scheduler

import (
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestImmediateRunsOnTheCaller(t *testing.T) {
	s := Immediate()
	defer s.Dispose()
	ran := false
	d := s.Schedule(func() { ran = true })
	assert.True(t, ran, "ran before Schedule returned")
	assert.True(t, d.IsDisposed())

	ran = false
	s.ScheduleAfter(0, func() { ran = true })
	assert.True(t, ran, "a non-positive delay runs inline too")

	w := s.NewWorker()
	ran = false
	w.Schedule(func() { ran = true })
	assert.True(t, ran)
	w.Dispose()
	assert.True(t, w.IsDisposed())
	ran = false
	assert.True(t, w.Schedule(func() { ran = true }).IsDisposed())
	assert.False(t, ran)
}

func TestImmediateInstancesAreIndependent(t *testing.T) {
	a, b := Immediate(), Immediate()
	a.Dispose()
	ran := false
	b.Schedule(func() { ran = true })
	assert.True(t, ran)
	b.Dispose()
}

func TestImmediateWorkerDisposeStopsItsTimers(t *testing.T) {
	errs := newErrSink()
	s := &immediate{hook: errs.hook}
	defer s.Dispose()
	w := s.NewWorker()
	var ran atomic.Bool
	d := w.ScheduleAfter(time.Hour, func() { ran.Store(true) })
	p := w.SchedulePeriodically(time.Hour, time.Hour, func() { ran.Store(true) })
	w.Dispose()
	assert.True(t, d.IsDisposed())
	assert.True(t, p.IsDisposed())
	assert.True(t, w.ScheduleAfter(time.Millisecond, func() { ran.Store(true) }).IsDisposed())
	s.mu.Lock()
	assert.Empty(t, s.timers)
	s.mu.Unlock()

	done := make(chan struct{})
	s.ScheduleAfter(time.Millisecond, func() { close(done) })
	wait(t, done, "a task of the scheduler itself")
	require.Eventually(t, func() bool {
		s.mu.Lock()
		defer s.mu.Unlock()
		return len(s.timers) == 0
	}, waitBound, time.Millisecond, "a fired timer is forgotten")
	assert.False(t, ran.Load())
	errs.empty(t)
}
