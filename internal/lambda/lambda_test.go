package lambda

import (
	"context"
	"testing"
	"time"

	"github.com/sluicego/sluice"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.uber.org/goleak"
)

func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }

func TestLimit(t *testing.T) {
	cases := map[int64]int64{1: 1, 2: 2, 4: 3, 8: 6, 256: 192, Unbounded: Unbounded}
	for n, want := range cases {
		assert.Equal(t, want, Limit(n), "n=%d", n)
	}
}

type fakeSub struct{ requested, cancelled int64 }

func (f *fakeSub) Request(n int64) { f.requested += n }
func (f *fakeSub) Cancel()         { f.cancelled++ }

func TestSecondSubscriptionCancelled(t *testing.T) {
	l := New(context.Background(), Callbacks[int]{}, 4)
	a, b := &fakeSub{}, &fakeSub{}
	var dropped []error
	prev := sluice.SetDroppedHooks(sluice.DroppedHooks{OnErrorDropped: func(err error) { dropped = append(dropped, err) }})
	defer sluice.SetDroppedHooks(prev)
	l.OnSubscribe(a)
	l.OnSubscribe(b)
	assert.Equal(t, int64(4), a.requested)
	assert.Equal(t, int64(0), b.requested)
	assert.Equal(t, int64(1), b.cancelled)
	assert.ErrorIs(t, dropped[0], sluice.ErrAlreadySubscribed)
}

func TestDisposeBeforeSubscribeAndCallbacksStop(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	nexts := 0
	l := New(ctx, Callbacks[int]{OnNext: func(int) { nexts++ }}, Unbounded)
	cancel() // the AfterFunc disposes on its own goroutine
	require.Eventually(t, l.IsDisposed, 10*time.Second, time.Millisecond)
	s := &fakeSub{}
	l.OnSubscribe(s)
	assert.Equal(t, int64(1), s.cancelled)
	l.OnNext(1)
	assert.Equal(t, 0, nexts)
}

func TestBlockCtxAlreadyDone(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, ok, err := Block[int](ctx, nil, First)
	assert.False(t, ok)
	assert.ErrorIs(t, err, context.Canceled)
}
