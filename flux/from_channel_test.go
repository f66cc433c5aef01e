package flux

import (
	"context"
	"testing"

	"github.com/sluicego/sluice"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestFromChannelNeverReadsAhead(t *testing.T) {
	ch := make(chan int, 10)
	for i := range 10 {
		ch <- i
	}
	r := newRec[int](0)
	FromChannel(ch).Subscribe(r)
	assert.Len(t, ch, 10, "nothing read before demand")
	r.request(3)
	waitItems(t, r, 3)
	// The receiving goroutine exits once demand is met; the channel then
	// holds exactly the values not requested.
	require.Eventually(t, func() bool { return len(ch) == 7 }, waitLong, tick)
	r.cancel()
	assert.Len(t, ch, 7, "values not requested stay in the channel")
	assert.Equal(t, 3, <-ch)
}

func TestFromChannelCancelWhileWaiting(t *testing.T) {
	ch := make(chan int)
	r := newRec[int](5)
	FromChannel(ch).Subscribe(r)
	r.cancel() // the goroutine blocked on the receive must exit (goleak)
	assert.False(t, r.isDone())
}

func TestFromChannelCompletesOnClose(t *testing.T) {
	ch := make(chan int)
	r := newRec[int](sluice.Unbounded)
	FromChannel(ch).Subscribe(r)
	ch <- 1
	ch <- 2
	close(ch)
	<-r.done
	items, err, completed := r.snapshot()
	assert.Equal(t, []int{1, 2}, items)
	assert.NoError(t, err)
	assert.True(t, completed)
}

func TestFromChannelCtx(t *testing.T) {
	ch := make(chan int)
	ctx, cancel := context.WithCancel(t.Context())
	r := newRec[int](1)
	FromChannelCtx(ctx, ch).Subscribe(r)
	cancel()
	<-r.done
	_, err, _ := r.snapshot()
	assert.ErrorIs(t, err, context.Canceled)

	// Without outstanding demand the ctx error still arrives.
	ctx2, cancel2 := context.WithCancel(t.Context())
	r2 := newRec[int](0)
	FromChannelCtx(ctx2, ch).Subscribe(r2)
	cancel2()
	<-r2.done
	_, err, _ = r2.snapshot()
	assert.ErrorIs(t, err, context.Canceled)
}

func TestFromChannelRequestInsideOnSubscribeWaitsForIt(t *testing.T) {
	ch := make(chan int, 1)
	ch <- 1
	close(ch)
	s := &onSubscribeOrder{ch: make(chan struct{})}
	FromChannel(ch).Subscribe(s)
	<-s.ch
	assert.False(t, s.early.Load())
}

type onSubscribeOrder struct {
	inside atomicBool
	early  atomicBool
	ch     chan struct{}
}

func (o *onSubscribeOrder) OnSubscribe(s sluice.Subscription) {
	o.inside.Store(true)
	s.Request(2) // the close is noticed by a receive, which needs demand
	for range 1000 {
		if o.early.Load() {
			break
		}
	}
	o.inside.Store(false)
}
func (o *onSubscribeOrder) OnNext(int) {
	if o.inside.Load() {
		o.early.Store(true)
	}
}
func (o *onSubscribeOrder) OnError(error) { close(o.ch) }
func (o *onSubscribeOrder) OnComplete()   { close(o.ch) }
