package operators

import (
	"testing"

	"github.com/sluicego/sluice"
	"github.com/sluicego/sluice/internal/probe"
	"github.com/sluicego/sluice/scheduler"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func asyncSeq(n int) []int {
	out := make([]int, n)
	for i := range out {
		out[i] = i
	}
	return out
}

func TestPublishOnDeliversInOrderOnAnotherGoroutine(t *testing.T) {
	schedulers := map[string]func() scheduler.Scheduler{
		"single":   func() scheduler.Scheduler { return scheduler.NewSingle() },
		"parallel": func() scheduler.Scheduler { return scheduler.NewParallel() },
		"elastic":  func() scheduler.Scheduler { return scheduler.NewBoundedElastic() },
	}
	for name, mk := range schedulers {
		t.Run(name, func(t *testing.T) {
			sched := mk()
			defer sched.Dispose()
			r := probe.NewRecorder[int](sluice.Unbounded)
			PublishOn(probe.Range(0, 5000), sched, 16).Subscribe(r)
			require.True(t, r.Await(asyncWait))
			assert.True(t, r.Completed())
			assert.Equal(t, asyncSeq(5000), r.Values())
			assert.Empty(t, r.Violations())
		})
	}
}

func TestPublishOnOneAtATimeOnVirtual(t *testing.T) {
	const prefetch = 8
	v := scheduler.NewVirtual()
	defer v.Dispose()
	src := probe.NewSpy(probe.Range(0, 100))
	r := probe.NewRecorder[int](0)
	PublishOn[int](src, v, prefetch).Subscribe(r)
	assert.Equal(t, []int64{prefetch}, src.Requests())
	for i := 1; i <= 100; i++ {
		r.Request(1)
		v.RunPending()
		require.Equal(t, i, r.Len(), "exactly what was asked")
		require.LessOrEqual(t, src.Emitted.Load()-int64(i), int64(prefetch), "no more buffered than prefetch")
	}
	reqs := src.Requests()
	assert.Equal(t, int64(prefetch), reqs[0])
	for _, n := range reqs[1:] {
		assert.Equal(t, int64(prefetch-prefetch/4), n, "batched replenishment")
	}
	v.RunPending()
	require.True(t, r.Terminated())
	assert.Equal(t, asyncSeq(100), r.Values())
	assert.Empty(t, r.Violations())
}

func TestPublishOnBatches(t *testing.T) {
	v := scheduler.NewVirtual()
	defer v.Dispose()
	r := probe.NewRecorder[int](0)
	PublishOn(probe.Range(0, 95), v, 16).Subscribe(r)
	for i := 1; i <= 10; i++ {
		r.Request(10)
		v.RunPending()
		require.Equal(t, min(i*10, 95), r.Len())
	}
	assert.True(t, r.Completed())
}

func TestPublishOnErrorAfterQueuedElements(t *testing.T) {
	v := scheduler.NewVirtual()
	defer v.Dispose()
	src := probe.PublisherFunc[int](func(s sluice.Subscriber[int]) {
		probe.Just(1, 2, 3).Subscribe(&asyncErrAtEnd[int]{Subscriber: s})
	})
	r := probe.NewRecorder[int](sluice.Unbounded)
	PublishOn[int](src, v, 8).Subscribe(r)
	assert.Equal(t, 0, r.Len(), "nothing before the worker runs")
	v.RunPending()
	assert.Equal(t, []int{1, 2, 3}, r.Values())
	assert.ErrorIs(t, r.Err(), errAsync)
}

// asyncErrAtEnd turns completion into errAsync.
type asyncErrAtEnd[T any] struct{ sluice.Subscriber[T] }

func (e *asyncErrAtEnd[T]) OnComplete() { e.Subscriber.OnError(errAsync) }

func TestPublishOnEmptyAndError(t *testing.T) {
	sched := scheduler.NewSingle()
	defer sched.Dispose()
	r := probe.NewRecorder[int](1)
	PublishOn(probe.Empty[int](), sched, 4).Subscribe(r)
	require.True(t, r.Await(asyncWait))
	assert.True(t, r.Completed())

	r = probe.NewRecorder[int](1)
	PublishOn(probe.Error[int](errAsync), sched, 4).Subscribe(r)
	require.True(t, r.Await(asyncWait))
	assert.ErrorIs(t, r.Err(), errAsync)
}

func TestPublishOnCancelMidStream(t *testing.T) {
	sched := scheduler.NewSingle()
	defer sched.Dispose()
	src := probe.NewSpy[int](&probe.GoRange{Start: 0, Count: 1 << 30})
	got := make(chan struct{})
	r := probe.NewRecorder[int](sluice.Unbounded)
	r.OnNextHook = func(r *probe.Recorder[int], v int) {
		if r.Len() == 100 {
			r.Cancel()
			close(got)
		}
	}
	PublishOn[int](src, sched, 16).Subscribe(r)
	<-got
	assert.Equal(t, int64(1), src.Cancelled.Load())
	assert.Equal(t, 100, r.Len())
	assert.False(t, r.Terminated())
}

func TestPublishOnInvalidDemand(t *testing.T) {
	v := scheduler.NewVirtual()
	defer v.Dispose()
	src := probe.NewSpy(probe.Range(0, 10))
	r := probe.NewRecorder[int](0)
	PublishOn[int](src, v, 4).Subscribe(r)
	r.Request(-1)
	v.RunPending()
	assert.ErrorIs(t, r.Err(), sluice.ErrInvalidDemand)
	assert.Equal(t, int64(1), src.Cancelled.Load())
}

func TestLimitRate(t *testing.T) {
	cases := []struct {
		name        string
		high, low   int
		first, rest int64
	}{
		{"default low tide", 8, 0, 8, 6},
		{"explicit low tide", 10, 5, 10, 5},
		{"low tide >= high", 4, 4, 4, 3},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			src := probe.NewSpy(probe.Range(0, 40))
			r := probe.NewRecorder[int](sluice.Unbounded)
			LimitRate[int](src, c.high, c.low).Subscribe(r)
			require.True(t, r.Completed())
			assert.Equal(t, asyncSeq(40), r.Values())
			reqs := src.Requests()
			require.GreaterOrEqual(t, len(reqs), 3)
			assert.Equal(t, c.first, reqs[0])
			for _, n := range reqs[1:] {
				assert.Equal(t, c.rest, n)
			}
			assert.Empty(t, r.Violations())
		})
	}
}

func TestLimitRateOneAtATimeAndCancel(t *testing.T) {
	src := probe.NewSpy(probe.Range(0, 100))
	r := probe.NewRecorder[int](0)
	LimitRate[int](src, 10, 5).Subscribe(r)
	for i := 1; i <= 20; i++ {
		r.Request(1)
		require.Equal(t, i, r.Len())
		require.LessOrEqual(t, src.Emitted.Load()-int64(i), int64(10))
	}
	r.Cancel()
	assert.Equal(t, int64(1), src.Cancelled.Load())
	r.Request(5)
	assert.Equal(t, 20, r.Len())
	assert.False(t, r.Terminated())
}

func TestLimitRateErrorAndEmpty(t *testing.T) {
	r := probe.NewRecorder[int](1)
	LimitRate(probe.Error[int](errAsync), 4, 2).Subscribe(r)
	assert.ErrorIs(t, r.Err(), errAsync)
	r = probe.NewRecorder[int](1)
	LimitRate(probe.Empty[int](), 4, 2).Subscribe(r)
	assert.True(t, r.Completed())
}

func TestSubscribeOnSubscribesAndRequestsOnTheWorker(t *testing.T) {
	v := scheduler.NewVirtual()
	defer v.Dispose()
	src := probe.NewSpy(probe.Range(0, 10))
	r := probe.NewRecorder[int](3)
	SubscribeOn[int](src, v).Subscribe(r)
	assert.Equal(t, int64(0), src.Subscribed.Load(), "not subscribed before the worker runs")
	v.RunPending()
	assert.Equal(t, int64(1), src.Subscribed.Load())
	assert.Equal(t, []int{0, 1, 2}, r.Values())
	r.Request(2)
	assert.Equal(t, 3, r.Len(), "request waits for the worker")
	v.RunPending()
	assert.Equal(t, 5, r.Len())
	r.Request(10)
	v.RunPending()
	assert.True(t, r.Completed())
	assert.Equal(t, asyncSeq(10), r.Values())
}

func TestSubscribeOnRealScheduler(t *testing.T) {
	sched := scheduler.NewParallel()
	defer sched.Dispose()
	r := probe.NewRecorder[int](sluice.Unbounded)
	SubscribeOn(probe.Range(0, 1000), sched).Subscribe(r)
	require.True(t, r.Await(asyncWait))
	assert.Equal(t, asyncSeq(1000), r.Values())

	r = probe.NewRecorder[int](1)
	SubscribeOn(probe.Error[int](errAsync), sched).Subscribe(r)
	require.True(t, r.Await(asyncWait))
	assert.ErrorIs(t, r.Err(), errAsync)

	r = probe.NewRecorder[int](1)
	SubscribeOn(probe.Empty[int](), sched).Subscribe(r)
	require.True(t, r.Await(asyncWait))
	assert.True(t, r.Completed())
}

func TestSubscribeOnCancel(t *testing.T) {
	v := scheduler.NewVirtual()
	defer v.Dispose()
	src := probe.NewSpy(probe.Range(0, 10))
	r := probe.NewRecorder[int](2)
	SubscribeOn[int](src, v).Subscribe(r)
	v.RunPending()
	r.Cancel()
	assert.Equal(t, int64(1), src.Cancelled.Load())
	r.Request(5)
	v.RunPending()
	assert.Equal(t, 2, r.Len())

	// cancelled before the worker subscribes: the subscription is cancelled on arrival
	src = probe.NewSpy(probe.Range(0, 10))
	r = probe.NewRecorder[int](2)
	SubscribeOn[int](src, v).Subscribe(r)
	r.Cancel()
	v.RunPending()
	assert.Equal(t, 0, r.Len())
}

func TestPublishOnDisposedSchedulerFails(t *testing.T) {
	for name, mk := range map[string]func() scheduler.Scheduler{
		"single":   func() scheduler.Scheduler { return scheduler.NewSingle() },
		"parallel": func() scheduler.Scheduler { return scheduler.NewParallel() },
		"elastic":  func() scheduler.Scheduler { return scheduler.NewBoundedElastic() },
		"virtual":  func() scheduler.Scheduler { return scheduler.NewVirtual() },
	} {
		t.Run(name, func(t *testing.T) {
			sched := mk()
			sched.Dispose()
			src := probe.NewSpy(probe.Range(0, 10))
			r := probe.NewRecorder[int](sluice.Unbounded)
			PublishOn[int](src, sched, 4).Subscribe(r)
			require.True(t, r.Await(asyncWait), "must not hang")
			require.ErrorIs(t, r.Err(), scheduler.ErrRejected)
			assert.Equal(t, int64(1), src.Cancelled.Load(), "upstream cancelled")
			assert.Empty(t, r.Violations())
		})
	}
}

func TestPublishOnSchedulerDisposedMidStream(t *testing.T) {
	v := scheduler.NewVirtual()
	r := probe.NewRecorder[int](0)
	PublishOn[int](probe.Range(0, 100), v, 8).Subscribe(r)
	r.Request(2)
	v.RunPending()
	require.Equal(t, []int{0, 1}, r.Values())
	v.Dispose()
	r.Request(1)
	require.True(t, r.Await(asyncWait))
	require.ErrorIs(t, r.Err(), scheduler.ErrRejected)
	assert.Empty(t, r.Violations())
}
