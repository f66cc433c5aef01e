package sinks

import (
	"testing"

	"github.com/sluicego/sluice"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestBestEffortDrops(t *testing.T) {
	dropped, _ := countDropped(t)
	b := MulticastBestEffort[int]()
	assert.Equal(t, EmitFailZeroSubscriber, b.TryEmitNext(0))

	fast, slow := newRec[int](sluice.Unbounded), newRec[int](1)
	b.Subscribe(fast)
	b.Subscribe(slow)
	for i := range 5 {
		require.Equal(t, EmitOK, b.TryEmitNext(i))
	}
	assert.Equal(t, ints(0, 5), fast.got())
	assert.Equal(t, []int{0}, slow.got())
	assert.Equal(t, int64(4), dropped.Load(), "one drop per element the slow one missed")

	fast.cancel()
	r := b.TryEmitNext(5)
	assert.Equal(t, EmitFailOverflow, r, "nobody had demand")
	assert.ErrorIs(t, r.Err(), ErrOverflow)
	assert.Equal(t, int64(4), dropped.Load(), "a refused element is reported by the result only")

	slow.request(1)
	assert.Equal(t, EmitOK, b.TryEmitNext(6))
	assert.Equal(t, []int{0, 6}, slow.got())

	require.Equal(t, EmitOK, b.TryEmitComplete())
	assert.True(t, slow.isCompleted(), "completion needs no demand")
	late := newRec[int](0)
	b.Subscribe(late)
	assert.True(t, late.isCompleted())
	assert.Equal(t, EmitFailTerminated, b.TryEmitNext(7))
}
