package rxbridge_test

import (
	"context"
	"errors"
	"testing"

	"github.com/reactivex/rxgo/v2"
	"github.com/sluicego/sluice/flux"
	"github.com/sluicego/sluice/internal/probe"
	"github.com/sluicego/sluice/rxbridge"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.uber.org/goleak"
)

func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }

var errBoom = errors.New("boom")

func TestFromObservable(t *testing.T) {
	ctx := context.Background()
	got, err := rxbridge.FromObservable[int](rxgo.Just(1, 2, 3)(), flux.OverflowBuffer).Collect(ctx)
	require.NoError(t, err)
	assert.Equal(t, []int{1, 2, 3}, got)

	got, err = rxbridge.FromObservable[int](rxgo.Just(1, errBoom, 3)(), flux.OverflowBuffer).Collect(ctx)
	require.ErrorIs(t, err, errBoom)

	_, err = rxbridge.FromObservable[int](rxgo.Just("x")(), flux.OverflowBuffer).Collect(ctx)
	require.ErrorContains(t, err, "not a int")

	got, err = rxbridge.FromObservable[int](rxgo.Empty(), flux.OverflowBuffer).Collect(ctx)
	require.NoError(t, err)
	assert.Empty(t, got)
}

func TestFromObservableOverflowError(t *testing.T) {
	r := probe.NewRecorder[int](0)
	rxbridge.FromObservable[int](rxgo.Just(1, 2, 3)(), flux.OverflowError).Subscribe(r)
	require.True(t, r.Await(5e9))
	require.ErrorIs(t, r.Err(), flux.ErrOverflow)
}

func TestFromObservableBoundedDemandAndCancel(t *testing.T) {
	// rxgo.Create runs its producers with the context given to Create, not
	// the one given to Observe: the bridge stops its own goroutine on
	// cancel, and the producer's owner stops the producer.
	pctx, stop := context.WithCancel(context.Background())
	stopped := make(chan struct{})
	obs := rxgo.Create([]rxgo.Producer{func(ctx context.Context, next chan<- rxgo.Item) {
		defer close(stopped)
		for i := 0; ; i++ {
			select {
			case next <- rxgo.Of(i):
			case <-ctx.Done():
				return
			}
		}
	}}, rxgo.WithContext(pctx))
	r := probe.NewRecorder[int](2)
	rxbridge.FromObservable[int](obs, flux.OverflowBufferBounded(16)).Subscribe(r)
	require.Eventually(t, func() bool { return r.Len() == 2 }, 5e9, 1e6)
	r.Cancel()
	stop()
	<-stopped
	assert.Equal(t, []int{0, 1}, r.Values())
}

func TestToObservable(t *testing.T) {
	var got []int
	for it := range rxbridge.ToObservable[int](flux.Range(0, 10), 3).Observe() {
		require.NoError(t, it.E)
		got = append(got, it.V.(int))
	}
	assert.Equal(t, []int{0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, got)

	var errs []error
	for it := range rxbridge.ToObservable[int](flux.Error[int](errBoom), 3).Observe() {
		errs = append(errs, it.E)
	}
	require.Len(t, errs, 1)
	assert.ErrorIs(t, errs[0], errBoom)
}

func TestToObservableBatchesAndCancel(t *testing.T) {
	spy := probe.NewSpy[int](flux.Range(0, 1<<30))
	ctx, cancel := context.WithCancel(context.Background())
	ch := rxbridge.ToObservable[int](spy, 4).Observe(rxgo.WithContext(ctx))
	for i := 0; i < 10; i++ {
		it := <-ch
		require.Equal(t, i, it.V)
	}
	cancel()
	for range ch { // drains until RxGo closes the channel
	}
	require.Eventually(t, func() bool { return spy.Cancelled.Load() == 1 }, 5e9, 1e6)
	for _, n := range spy.Requests() {
		assert.Equal(t, int64(4), n)
	}
}
