package mono_test

import (
	"context"
	"errors"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/sluicego/sluice"
	"github.com/sluicego/sluice/internal/probe"
	"github.com/sluicego/sluice/mono"
	"github.com/sluicego/sluice/scheduler"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// counted returns a mono that emits how many times it has been subscribed,
// or fails with err (wrapped with the count) when err is not nil.
func counted(calls *atomic.Int64, err error) mono.Mono[int64] {
	return mono.Defer(func() mono.Mono[int64] {
		n := calls.Add(1)
		if err != nil {
			return mono.FromFunc(func(context.Context) (int64, error) { return n, err })
		}
		return mono.Just(n)
	})
}

func TestCacheForReplaysWithinTTLAndResubscribesAfter(t *testing.T) {
	ctx := context.Background()
	clock := scheduler.NewVirtual()
	defer clock.Dispose()
	var calls atomic.Int64
	m := counted(&calls, nil).CacheFor(time.Minute, clock)

	for range 3 {
		v, ok, err := m.Block(ctx)
		require.NoError(t, err)
		require.True(t, ok)
		assert.Equal(t, int64(1), v)
	}
	clock.Advance(time.Minute - time.Nanosecond)
	v, _, _ := m.Block(ctx)
	assert.Equal(t, int64(1), v, "still within ttl")
	assert.Equal(t, int64(1), calls.Load())

	clock.Advance(time.Nanosecond)
	v, _, _ = m.Block(ctx)
	assert.Equal(t, int64(2), v, "expired: upstream subscribed again")
	v, _, _ = m.Block(ctx)
	assert.Equal(t, int64(2), v)
	assert.Equal(t, int64(2), calls.Load())
}

func TestCacheForCachesErrorsAndEmpty(t *testing.T) {
	ctx := context.Background()
	clock := scheduler.NewVirtual()
	defer clock.Dispose()
	boom := errors.New("boom")

	var calls atomic.Int64
	m := counted(&calls, boom).CacheFor(time.Second, clock)
	for range 2 {
		_, _, err := m.Block(ctx)
		require.ErrorIs(t, err, boom)
	}
	assert.Equal(t, int64(1), calls.Load(), "the error is cached")
	clock.Advance(time.Second)
	_, _, err := m.Block(ctx)
	require.ErrorIs(t, err, boom)
	assert.Equal(t, int64(2), calls.Load(), "the error expires with the same ttl")

	var empties atomic.Int64
	e := mono.Defer(func() mono.Mono[int] { empties.Add(1); return mono.Empty[int]() }).CacheFor(time.Second, clock)
	for range 2 {
		_, ok, err := e.Block(ctx)
		require.NoError(t, err)
		assert.False(t, ok)
	}
	assert.Equal(t, int64(1), empties.Load())
}

func TestCacheForValueWaitsForDemand(t *testing.T) {
	clock := scheduler.NewVirtual()
	defer clock.Dispose()
	m := mono.Just(7).CacheFor(time.Second, clock)
	r := probe.NewRecorder[int](0)
	m.Subscribe(r)
	assert.Empty(t, r.Values())
	r.Request(1)
	require.True(t, r.Completed())
	assert.Equal(t, []int{7}, r.Values())

	bad := probe.NewRecorder[int](0)
	m.Subscribe(bad)
	bad.Request(0)
	require.ErrorIs(t, bad.Err(), sluice.ErrInvalidDemand)
	assert.Empty(t, r.Violations())
	assert.Empty(t, bad.Violations())
}

// gate is a source that records its subscribers and emits when told to.
type gate struct {
	mu   sync.Mutex
	subs []sluice.Subscriber[int]
}

func (g *gate) Subscribe(s sluice.Subscriber[int]) {
	s.OnSubscribe(nopSubscription{})
	g.mu.Lock()
	g.subs = append(g.subs, s)
	g.mu.Unlock()
}

func (g *gate) count() int {
	g.mu.Lock()
	defer g.mu.Unlock()
	return len(g.subs)
}

func (g *gate) emit(v int) {
	g.mu.Lock()
	s := g.subs[len(g.subs)-1]
	g.mu.Unlock()
	s.OnNext(v)
	s.OnComplete()
}

type nopSubscription struct{}

func (nopSubscription) Request(int64) {}
func (nopSubscription) Cancel()       {}

func TestCacheForConcurrentSubscribersSharePendingSubscription(t *testing.T) {
	clock := scheduler.NewVirtual()
	defer clock.Dispose()
	g := &gate{}
	m := mono.From[int](g).CacheFor(time.Minute, clock)

	const n = 16
	subscribe := func(rs []*probe.Recorder[int], wg *sync.WaitGroup) {
		for i := range rs {
			rs[i] = probe.NewRecorder[int](1)
			wg.Add(1)
			go func() {
				defer wg.Done()
				m.Subscribe(rs[i])
			}()
		}
	}
	check := func(rs []*probe.Recorder[int], want int) {
		for _, r := range rs {
			require.True(t, r.Await(10*time.Second))
			assert.Equal(t, []int{want}, r.Values())
			assert.Empty(t, r.Violations())
		}
	}

	early := make([]*probe.Recorder[int], n)
	var wg sync.WaitGroup
	subscribe(early, &wg)
	wg.Wait() // all are waiting on the one pending subscription
	require.Equal(t, 1, g.count())

	late := make([]*probe.Recorder[int], n)
	var lateWG sync.WaitGroup
	subscribe(late, &lateWG) // racing with the result
	g.emit(1)
	lateWG.Wait()
	check(early, 1)
	check(late, 1)
	assert.Equal(t, 1, g.count())

	// After expiry, concurrent subscribers share one new subscription.
	clock.Advance(time.Minute)
	again := make([]*probe.Recorder[int], n)
	var againWG sync.WaitGroup
	subscribe(again, &againWG)
	againWG.Wait()
	require.Equal(t, 2, g.count())
	g.emit(2)
	check(again, 2)
}
