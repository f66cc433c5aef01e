package scheduler

import (
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestParallelRunsWorkersConcurrently(t *testing.T) {
	const n = 4
	p := NewParallel(WithParallelism(n))
	defer p.Dispose()
	// Each task waits until all n run at once: only possible if the n
	// round-robin tasks landed on n different goroutines.
	var arrived sync.WaitGroup
	arrived.Add(n)
	all := make(chan struct{})
	go func() { arrived.Wait(); close(all) }()
	var done sync.WaitGroup
	for range n {
		done.Add(1)
		p.Schedule(func() {
			defer done.Done()
			arrived.Done()
			<-all
		})
	}
	wait(t, all, "all parallel tasks to run at once")
	done.Wait()
}

func TestParallelDefaultsAndRoundRobin(t *testing.T) {
	p := NewParallel().(*parallel)
	defer p.Dispose()
	assert.Len(t, p.loops, defaultParallelism())
	q := NewParallel(WithParallelism(3)).(*parallel)
	defer q.Dispose()
	var seen []*loop
	for range 6 {
		seen = append(seen, q.NewWorker().(*worker).x.(*loop))
	}
	assert.Equal(t, seen[:3], seen[3:])
	assert.NotSame(t, seen[0], seen[1])
	assert.NotSame(t, seen[1], seen[2])
}

func TestParallelQueueCap(t *testing.T) {
	errs := newErrSink()
	p := NewParallel(WithParallelism(1), WithQueueCap(1), WithErrorHook(errs.hook))
	defer p.Dispose()
	started, release := make(chan struct{}), make(chan struct{})
	p.Schedule(func() { close(started); <-release })
	wait(t, started, "the blocking task")
	var ran atomic.Bool
	assert.True(t, p.Schedule(func() { ran.Store(true) }).IsDisposed())
	assert.ErrorIs(t, errs.next(t), ErrRejected)
	close(release)
	require.Eventually(t, func() bool { return p.(*parallel).loops[0].load.Load() == 0 }, waitBound, time.Millisecond)
	assert.False(t, ran.Load())
}
