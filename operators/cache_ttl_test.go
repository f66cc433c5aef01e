package operators

import (
	"testing"
	"time"

	"github.com/sluicego/sluice"
	"github.com/sluicego/sluice/internal/inner"
	"github.com/sluicego/sluice/internal/probe"
	"github.com/sluicego/sluice/scheduler"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestCacheTTLTakesFirstElementAndCancelsSource(t *testing.T) {
	v := scheduler.NewVirtual()
	defer v.Dispose()
	src := probe.NewSpy(probe.Range(5, 10))
	c := CacheTTL[int](src, time.Second, v)
	for range 2 {
		r := probe.NewRecorder[int](1)
		c.Subscribe(r)
		require.True(t, r.Completed())
		assert.Equal(t, []int{5}, r.Values())
		assert.Empty(t, r.Violations())
	}
	assert.Equal(t, int64(1), src.Subscribed.Load())
	assert.Equal(t, int64(1), src.Cancelled.Load())
}

func TestCacheTTLCancelledSubscriberIsNotSignalled(t *testing.T) {
	v := scheduler.NewVirtual()
	defer v.Dispose()
	var up sluice.Subscriber[int]
	src := probe.PublisherFunc[int](func(s sluice.Subscriber[int]) {
		s.OnSubscribe(inner.Noop{})
		up = s
	})
	c := CacheTTL[int](src, time.Second, v)
	gone, kept := probe.NewRecorder[int](1), probe.NewRecorder[int](1)
	c.Subscribe(gone)
	c.Subscribe(kept)
	gone.Cancel()
	require.NotNil(t, up)
	up.OnNext(3)
	up.OnComplete()
	assert.False(t, gone.Terminated())
	assert.Empty(t, gone.Values())
	require.True(t, kept.Completed())
	assert.Equal(t, []int{3}, kept.Values())
	assert.Empty(t, gone.Violations())
	assert.Empty(t, kept.Violations())
}
