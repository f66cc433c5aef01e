package operators

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/sluicego/sluice"
	"github.com/sluicego/sluice/internal/probe"
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
