package sinks

import (
	"errors"
	"testing"

	"github.com/sluicego/sluice"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestMulticastWarmUpThenZeroSubscriber(t *testing.T) {
	m := Multicast[int](2)
	require.Equal(t, EmitOK, m.TryEmitNext(0))
	require.Equal(t, EmitOK, m.TryEmitNext(1))
	r := m.TryEmitNext(2)
	assert.Equal(t, EmitFailZeroSubscriber, r)
	assert.ErrorIs(t, r.Err(), ErrZeroSubscriber)
	s := newRec[int](sluice.Unbounded)
	m.Subscribe(s)
	assert.Equal(t, []int{0, 1}, s.got(), "warm-up buffer goes to the first subscriber")
	m.TryEmitNext(2)
	assert.Equal(t, []int{0, 1, 2}, s.got())
}

func TestMulticastSlowestSubscriberHoldsEveryone(t *testing.T) {
	const buf = 4
	m := Multicast[int](buf)
	fast, slow := newRec[int](sluice.Unbounded), newRec[int](2)
	m.Subscribe(fast)
	m.Subscribe(slow)
	accepted := 0
	for i := range 100 {
		if m.TryEmitNext(i) != EmitOK {
			break
		}
		accepted++
	}
	assert.Equal(t, 2+buf, accepted, "2 requested by the slowest + buffer")
	assert.Equal(t, ints(0, 2), fast.got())
	assert.Equal(t, ints(0, 2), slow.got())
	assert.Equal(t, EmitFailOverflow, m.TryEmitNext(99))

	slow.request(3)
	assert.Equal(t, ints(0, 5), fast.got())
	assert.Equal(t, ints(0, 5), slow.got())

	slow.cancel()
	assert.Equal(t, ints(0, 6), fast.got(), "the slow one leaving releases the rest")
	assert.Equal(t, 1, m.CurrentSubscriberCount())
}

func TestMulticastAutoCancel(t *testing.T) {
	m := Multicast[int](4)
	a, b := newRec[int](1), newRec[int](1)
	m.Subscribe(a)
	m.Subscribe(b)
	a.cancel()
	assert.Equal(t, EmitOK, m.TryEmitNext(1))
	b.cancel()
	assert.Equal(t, EmitFailCancelled, m.TryEmitNext(2))
	late := newRec[int](1)
	m.Subscribe(late)
	assert.ErrorIs(t, late.error(), ErrCancelled)
}

func TestMulticastKeepAlive(t *testing.T) {
	m := Multicast[int](4, MulticastOptions{KeepAlive: true})
	a := newRec[int](1)
	m.Subscribe(a)
	a.cancel()
	assert.Equal(t, EmitOK, m.TryEmitNext(1), "back to warm-up")
	b := newRec[int](1)
	m.Subscribe(b)
	assert.Equal(t, []int{1}, b.got())
}

func TestMulticastLateSubscriberAfterTermination(t *testing.T) {
	boom := errors.New("boom")
	m := Multicast[int](4)
	m.TryEmitNext(1)
	m.TryEmitNext(2)
	require.Equal(t, EmitOK, m.TryEmitError(boom))
	assert.Equal(t, EmitFailTerminated, m.TryEmitNext(3))
	r := newRec[int](1)
	m.Subscribe(r)
	assert.Equal(t, []int{1}, r.got())
	assert.False(t, r.terminated())
	r.request(1)
	assert.Equal(t, []int{1, 2}, r.got())
	assert.ErrorIs(t, r.error(), boom)

	again := newRec[int](0)
	m.Subscribe(again)
	assert.ErrorIs(t, again.error(), boom, "buffer drained: terminal at once")
}

func TestMulticastInvalidDemandOnlyThatSubscriber(t *testing.T) {
	m := Multicast[int](4)
	good, bad := newRec[int](sluice.Unbounded), newRec[int](0)
	m.Subscribe(good)
	m.Subscribe(bad)
	bad.request(0)
	assert.ErrorIs(t, bad.error(), sluice.ErrInvalidDemand)
	require.Equal(t, EmitOK, m.TryEmitNext(1))
	m.TryEmitComplete()
	assert.Equal(t, []int{1}, good.got())
	assert.True(t, good.isCompleted())
	assert.Panics(t, func() { Multicast[int](0) })
}
