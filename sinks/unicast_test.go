package sinks

import (
	"errors"
	"testing"

	"github.com/sluicego/sluice"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestUnicastBuffersUntilSubscriberThenHonoursDemand(t *testing.T) {
	u := Unicast[int]()
	for i := range 5 {
		require.Equal(t, EmitOK, u.TryEmitNext(i))
	}
	r := newRec[int](2)
	u.Flux().Subscribe(r)
	assert.Equal(t, []int{0, 1}, r.got())
	assert.Equal(t, 1, u.CurrentSubscriberCount())
	require.Equal(t, EmitOK, u.TryEmitNext(5))
	require.Equal(t, EmitOK, u.TryEmitComplete())
	assert.False(t, r.terminated(), "completion waits behind buffered elements")
	r.request(10)
	assert.Equal(t, ints(0, 6), r.got())
	assert.True(t, r.isCompleted())
	assert.Equal(t, EmitFailTerminated, u.TryEmitNext(9))
	assert.Zero(t, r.violations.Load())
}

func TestUnicastSecondSubscriberRejected(t *testing.T) {
	u := Unicast[int]()
	first, second := newRec[int](1), newRec[int](1)
	u.Subscribe(first)
	u.Subscribe(second)
	assert.ErrorIs(t, second.error(), sluice.ErrAlreadySubscribed)
	assert.Equal(t, 1, second.subs, "OnSubscribe came first")
	u.TryEmitNext(1)
	assert.Equal(t, []int{1}, first.got())
}

func TestUnicastCapacity(t *testing.T) {
	u := Unicast[int](UnicastOptions{Capacity: 3})
	for i := range 3 {
		require.Equal(t, EmitOK, u.TryEmitNext(i))
	}
	r := u.TryEmitNext(3)
	assert.Equal(t, EmitFailOverflow, r)
	assert.ErrorIs(t, r.Err(), ErrOverflow)
	rec := newRec[int](1)
	u.Subscribe(rec)
	assert.Equal(t, EmitOK, u.TryEmitNext(3), "one element left the buffer")
	assert.Equal(t, EmitFailOverflow, u.TryEmitNext(4))
	assert.Panics(t, func() { Unicast[int](UnicastOptions{Capacity: -1}) })
}

func TestUnicastCancelShutsDown(t *testing.T) {
	u := Unicast[int]()
	r := newRec[int](1)
	u.Subscribe(r)
	u.TryEmitNext(1)
	r.cancel()
	res := u.TryEmitNext(2)
	assert.Equal(t, EmitFailCancelled, res)
	assert.ErrorIs(t, res.Err(), ErrCancelled)
	assert.Equal(t, EmitFailCancelled, u.TryEmitComplete())
	assert.Equal(t, []int{1}, r.got())
	assert.False(t, r.terminated())
	assert.Equal(t, 0, u.CurrentSubscriberCount())
}

func TestUnicastInvalidDemandAndError(t *testing.T) {
	u := Unicast[int]()
	r := newRec[int](0)
	u.Subscribe(r)
	r.request(-1)
	assert.ErrorIs(t, r.error(), sluice.ErrInvalidDemand)
	assert.Equal(t, EmitFailCancelled, u.TryEmitNext(1))

	boom := errors.New("boom")
	e := Unicast[int]()
	e.TryEmitNext(1)
	e.TryEmitError(boom)
	late := newRec[int](0)
	e.Subscribe(late)
	assert.False(t, late.terminated(), "the error waits behind the buffered element")
	late.request(1)
	assert.Equal(t, []int{1}, late.got())
	assert.ErrorIs(t, late.error(), boom)
}

func TestUnicastReentrantRequestDoesNotRecurse(t *testing.T) {
	u := Unicast[int]()
	const n = 100_000
	for i := range n {
		u.TryEmitNext(i)
	}
	u.TryEmitComplete()
	depth, maxDepth := 0, 0
	r := newRec[int](1)
	r.onNext = func(r *rec[int], _ int) {
		depth++
		maxDepth = max(maxDepth, depth)
		r.request(1)
		depth--
	}
	u.Subscribe(r)
	assert.True(t, r.isCompleted())
	assert.Len(t, r.got(), n)
	assert.Equal(t, 1, maxDepth)
}
