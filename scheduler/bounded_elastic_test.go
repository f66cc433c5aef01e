package scheduler

import (
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestBoundedElasticNeverExceedsMaxThreads(t *testing.T) {
	const maxThreads, tasks = 3, 60
	b := NewBoundedElastic(WithMaxThreads(maxThreads)).(*boundedElastic)
	defer b.Dispose()

	var running, peak atomic.Int32
	release := make(chan struct{})
	var done sync.WaitGroup
	done.Add(tasks)
	var w Worker
	for i := range tasks {
		task := func() {
			defer done.Done()
			n := running.Add(1)
			for {
				p := peak.Load()
				if n <= p || peak.CompareAndSwap(p, n) {
					break
				}
			}
			<-release
			running.Add(-1)
		}
		if i == tasks/2 {
			w = b.NewWorker()
		}
		if w != nil && i%2 == 0 {
			w.Schedule(task)
		} else {
			b.Schedule(task)
		}
		assert.LessOrEqual(t, b.liveGoroutines(), maxThreads)
	}
	require.Eventually(t, func() bool { return running.Load() == maxThreads }, waitBound, time.Millisecond)
	close(release)
	done.Wait()
	w.Dispose()
	assert.Equal(t, int32(maxThreads), peak.Load())
	assert.LessOrEqual(t, b.liveGoroutines(), maxThreads)
}

func TestBoundedElasticRejectsWhenQueueFull(t *testing.T) {
	errs := newErrSink()
	b := NewBoundedElastic(WithMaxThreads(1), WithQueueCap(2), WithErrorHook(errs.hook))
	defer b.Dispose()

	started, release := make(chan struct{}), make(chan struct{})
	b.Schedule(func() { close(started); <-release })
	wait(t, started, "the blocking task")
	second := make(chan struct{})
	b.Schedule(func() { close(second) }) // queue: running + this one = 2
	var ran atomic.Bool
	d := b.Schedule(func() { ran.Store(true) })
	assert.True(t, d.IsDisposed())
	assert.ErrorIs(t, errs.next(t), ErrRejected)
	w := b.NewWorker() // pinned to the same, full goroutine
	assert.True(t, w.Schedule(func() { ran.Store(true) }).IsDisposed())
	assert.ErrorIs(t, errs.next(t), ErrRejected)

	close(release)
	wait(t, second, "the queued task")
	w.Dispose()
	assert.False(t, ran.Load())
}

func TestBoundedElasticRetiresIdleGoroutines(t *testing.T) {
	b := NewBoundedElastic(WithMaxThreads(4), WithTTL(5*time.Millisecond)).(*boundedElastic)
	defer b.Dispose()

	release := make(chan struct{})
	var done sync.WaitGroup
	for range 4 {
		done.Add(1)
		b.Schedule(func() { defer done.Done(); <-release })
	}
	assert.Equal(t, 4, b.liveGoroutines())
	close(release)
	done.Wait()
	require.Eventually(t, func() bool { return b.liveGoroutines() == 0 }, waitBound, time.Millisecond)

	// The pool grows again on demand.
	ran := make(chan struct{})
	b.Schedule(func() { close(ran) })
	wait(t, ran, "a task after retirement")
	require.Eventually(t, func() bool { return b.liveGoroutines() == 0 }, waitBound, time.Millisecond)
}

func TestBoundedElasticPinnedWorkerKeepsItsGoroutine(t *testing.T) {
	b := NewBoundedElastic(WithMaxThreads(2), WithTTL(time.Millisecond)).(*boundedElastic)
	defer b.Dispose()

	w := b.NewWorker()
	ran := make(chan struct{})
	w.Schedule(func() { close(ran) })
	wait(t, ran, "the worker's task")
	// A pending delayed task also keeps it, and it must still run.
	other := make(chan struct{})
	b.ScheduleAfter(20*time.Millisecond, func() { close(other) })
	wait(t, other, "the delayed task")
	assert.GreaterOrEqual(t, b.liveGoroutines(), 1, "the pinned goroutine stays")
	again := make(chan struct{})
	w.ScheduleAfter(10*time.Millisecond, func() { close(again) })
	wait(t, again, "the worker's later task")

	w.Dispose()
	require.Eventually(t, func() bool { return b.liveGoroutines() == 0 }, waitBound, time.Millisecond)
}

func TestBoundedElasticPrefersIdleGoroutines(t *testing.T) {
	b := NewBoundedElastic(WithMaxThreads(8)).(*boundedElastic)
	defer b.Dispose()
	for range 20 {
		done := make(chan struct{})
		b.Schedule(func() { close(done) })
		wait(t, done, "a task")
		// After a task completes its goroutine is idle and is reused, so
		// sequential tasks never need a second goroutine.
		require.Eventually(t, func() bool {
			b.mu.Lock()
			defer b.mu.Unlock()
			return b.slots[0].load.Load() == 0
		}, waitBound, time.Millisecond)
	}
	assert.Equal(t, 1, b.liveGoroutines())
}
