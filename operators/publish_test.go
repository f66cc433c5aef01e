package operators

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/sluicego/sluice"
	"github.com/sluicego/sluice/internal/probe"
	"github.com/sluicego/sluice/internal/pull"
	"github.com/sluicego/sluice/scheduler"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestPublishMulticastsAfterConnect(t *testing.T) {
	src := probe.NewSpy(probe.Range(0, 10))
	c := Publish[int](src, 4)
	a, b := probe.NewRecorder[int](sluice.Unbounded), probe.NewRecorder[int](sluice.Unbounded)
	c.Subscribe(a)
	c.Subscribe(b)
	assert.Equal(t, int64(0), src.Subscribed.Load(), "nothing before Connect")
	c.Connect()
	assert.Equal(t, asyncSeq(10), a.Values())
	assert.Equal(t, asyncSeq(10), b.Values())
	assert.True(t, a.Completed() && b.Completed())
	assert.Empty(t, a.Violations())
	for _, n := range src.Requests() {
		assert.LessOrEqual(t, n, int64(4), "bounded upstream demand")
	}
}

func TestPublishSlowestSubscriberPacesUpstream(t *testing.T) {
	src := probe.NewSpy(probe.Range(0, 100))
	c := Publish[int](src, 8)
	fast, slow := probe.NewRecorder[int](sluice.Unbounded), probe.NewRecorder[int](0)
	c.Subscribe(fast)
	c.Subscribe(slow)
	c.Connect()
	assert.Equal(t, int64(8), src.Emitted.Load(), "prefetch ahead of the slowest")
	assert.Equal(t, 8, fast.Len())
	for i := 1; i <= 100; i++ {
		slow.Request(1)
		require.Equal(t, i, slow.Len())
		require.LessOrEqual(t, src.Emitted.Load()-int64(i), int64(8))
	}
	assert.True(t, slow.Completed())
	assert.Equal(t, asyncSeq(100), fast.Values())
}

func TestPublishErrorAndDisconnect(t *testing.T) {
	boom := errors.New("boom")
	c := Publish[int](probe.Error[int](boom), 4)
	r := probe.NewRecorder[int](1)
	c.Subscribe(r)
	c.Connect()
	assert.ErrorIs(t, r.Err(), boom)

	never := &probe.Never[int]{}
	c2 := Publish[int](never, 4)
	r2 := probe.NewRecorder[int](1)
	c2.Subscribe(r2)
	d := c2.Connect()
	assert.Equal(t, int64(1), never.Live())
	d.Dispose()
	assert.True(t, d.IsDisposed())
	assert.ErrorIs(t, r2.Err(), ErrDisconnected)
	assert.Equal(t, int64(0), never.Live())
}

func TestPublishReconnectsAfterCompletion(t *testing.T) {
	src := probe.NewSpy(probe.Range(0, 2))
	c := Publish[int](src, 4)
	c.Connect() // nobody: up to prefetch buffered for the next subscriber
	r := probe.NewRecorder[int](sluice.Unbounded)
	c.Subscribe(r)
	c.Connect()
	assert.True(t, r.Completed())
	assert.Equal(t, int64(2), src.Subscribed.Load())
}

func TestPublishCancelAndInvalidDemand(t *testing.T) {
	c := Publish[int](probe.Range(0, 100), 4)
	r := probe.NewRecorder[int](2)
	c.Subscribe(r)
	bad := probe.NewRecorder[int](0)
	c.Subscribe(bad)
	bad.Request(-1)
	assert.ErrorIs(t, bad.Err(), sluice.ErrInvalidDemand)
	c.Connect()
	r.Cancel()
	assert.Equal(t, []int{0, 1}, r.Values())
	assert.False(t, r.Terminated())
}

func TestConnectCtx(t *testing.T) {
	never := &probe.Never[int]{}
	ctx, cancel := context.WithCancel(context.Background())
	r := probe.NewRecorder[int](1)
	c := Publish[int](never, 4)
	c.Subscribe(r)
	c.ConnectCtx(ctx)
	cancel()
	require.True(t, r.Await(asyncWait))
	assert.ErrorIs(t, r.Err(), ErrDisconnected)
}

func TestReplayHistory(t *testing.T) {
	c := Replay[int](probe.Range(0, 10), 3, 4)
	first := probe.NewRecorder[int](sluice.Unbounded)
	c.Subscribe(first)
	c.Connect()
	assert.Equal(t, asyncSeq(10), first.Values())
	late := probe.NewRecorder[int](0)
	c.Subscribe(late)
	late.Request(1)
	assert.Equal(t, []int{7}, late.Values())
	late.Request(5)
	assert.Equal(t, []int{7, 8, 9}, late.Values())
	assert.True(t, late.Completed())
}

func TestCacheSubscribesOnce(t *testing.T) {
	src := probe.NewSpy(probe.Range(0, 5))
	cached := Cache[int](src, 2)
	for range 3 {
		r := probe.NewRecorder[int](sluice.Unbounded)
		cached.Subscribe(r)
		assert.Equal(t, asyncSeq(5), r.Values())
		assert.True(t, r.Completed())
	}
	assert.Equal(t, int64(1), src.Subscribed.Load())
	boom := errors.New("boom")
	failed := Cache[int](probe.Error[int](boom), 2)
	for range 2 {
		r := probe.NewRecorder[int](1)
		failed.Subscribe(r)
		assert.ErrorIs(t, r.Err(), boom)
	}
}

func TestShareCancelsUpstreamWhenLastLeaves(t *testing.T) {
	never := &probe.Never[int]{}
	shared := Share[int](never, 4)
	a, b := probe.NewRecorder[int](1), probe.NewRecorder[int](1)
	shared.Subscribe(a)
	shared.Subscribe(b)
	assert.Equal(t, int64(1), never.Subscribed.Load(), "one upstream subscription")
	a.Cancel()
	assert.Equal(t, int64(1), never.Live())
	b.Cancel()
	assert.Equal(t, int64(0), never.Live(), "last one out cancels upstream")
	c := probe.NewRecorder[int](1)
	shared.Subscribe(c)
	assert.Equal(t, int64(2), never.Subscribed.Load(), "reconnects")
	c.Cancel()
}

func TestShareEmitsToAllAndCompletes(t *testing.T) {
	gr := &probe.GoRange{Start: 0, Count: 1000}
	c := Publish[int](gr, 16)
	shared := RefCount[int](c, 2, 0, nil)
	a, b := probe.NewRecorder[int](sluice.Unbounded), probe.NewRecorder[int](sluice.Unbounded)
	shared.Subscribe(a)
	assert.Equal(t, int64(0), gr.Live.Load(), "waits for 2 subscribers")
	shared.Subscribe(b)
	require.True(t, a.Await(asyncWait))
	require.True(t, b.Await(asyncWait))
	assert.Equal(t, asyncSeq(1000), a.Values())
	assert.Equal(t, asyncSeq(1000), b.Values())
	assert.Empty(t, a.Violations())
	assert.Empty(t, b.Violations())
	require.Eventually(t, func() bool { return gr.Live.Load() == 0 }, asyncWait, time.Millisecond)
}

func TestRefCountGracePeriod(t *testing.T) {
	v := scheduler.NewVirtual()
	defer v.Dispose()
	never := &probe.Never[int]{}
	shared := RefCount[int](Publish[int](never, 4), 1, time.Second, v)
	a := probe.NewRecorder[int](1)
	shared.Subscribe(a)
	a.Cancel()
	assert.Equal(t, int64(1), never.Live(), "still connected during grace")
	b := probe.NewRecorder[int](1)
	shared.Subscribe(b)
	v.Advance(2 * time.Second)
	assert.Equal(t, int64(1), never.Live(), "rescued by a new subscriber")
	b.Cancel()
	v.Advance(2 * time.Second)
	assert.Equal(t, int64(0), never.Live())
	assert.Equal(t, int64(1), never.Subscribed.Load())
}

// failAfter yields 0..n-1, then fails with err.
type failAfter struct {
	i, n int
	err  error
}

func (s *failAfter) Next() (int, bool, error) {
	if s.i == s.n {
		return 0, false, s.err
	}
	s.i++
	return s.i - 1, true, nil
}

// Reactor's FluxPublish terminates eagerly on error: its drain loop checks
// "done with an error" before polling, clears the queue and fails every
// subscriber, so a slow subscriber loses the elements still buffered for it.
// Publish keeps that (the error never waits for demand) but first hands each
// subscriber the buffered elements it has already requested: a source that
// emits and fails inside the connection's Request used to make even an
// unbounded subscriber miss every element. Completion waits for the buffer.
func TestPublishErrorOvertakesBufferedElementsLikeReactor(t *testing.T) {
	boom := errors.New("boom")
	src := probe.PublisherFunc[int](func(s sluice.Subscriber[int]) {
		pull.Subscribe[int](s, &failAfter{n: 5, err: boom})
	})
	c := Publish[int](src, 8)
	fast, slow := probe.NewRecorder[int](sluice.Unbounded), probe.NewRecorder[int](2)
	c.Subscribe(fast)
	c.Subscribe(slow)
	c.Connect()

	assert.Equal(t, []int{0, 1, 2, 3, 4}, fast.Values())
	assert.ErrorIs(t, fast.Err(), boom)
	assert.Equal(t, []int{0, 1}, slow.Values(), "only what it asked for")
	assert.ErrorIs(t, slow.Err(), boom, "the error does not wait for demand")
	slow.Request(10)
	assert.Equal(t, []int{0, 1}, slow.Values(), "the buffered rest is discarded")
	assert.Empty(t, slow.Violations())

	done := Publish[int](probe.Range(0, 5), 8)
	late := probe.NewRecorder[int](2)
	done.Subscribe(late)
	done.Connect()
	assert.False(t, late.Terminated(), "completion waits for the buffered elements")
	late.Request(3)
	assert.Equal(t, []int{0, 1, 2, 3, 4}, late.Values())
	assert.True(t, late.Completed())
}
