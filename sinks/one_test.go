package sinks

import (
	"errors"
	"testing"

	"github.com/sluicego/sluice"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestOneValueEarlyAndLate(t *testing.T) {
	o := One[string]()
	early := newRec[string](1)
	waiting := newRec[string](0)
	o.Mono().Subscribe(early)
	o.Subscribe(waiting)
	assert.Equal(t, 2, o.CurrentSubscriberCount())

	require.Equal(t, EmitOK, o.TryEmitValue("v"))
	assert.Equal(t, []string{"v"}, early.got())
	assert.True(t, early.isCompleted())
	assert.False(t, waiting.terminated(), "no demand, no value yet")
	assert.Equal(t, 1, o.CurrentSubscriberCount())

	waiting.request(1)
	assert.Equal(t, []string{"v"}, waiting.got())
	assert.True(t, waiting.isCompleted())

	late := newRec[string](5)
	o.Subscribe(late)
	assert.Equal(t, []string{"v"}, late.got())
	assert.True(t, late.isCompleted())
	assert.Equal(t, 0, o.CurrentSubscriberCount())

	assert.Equal(t, EmitFailTerminated, o.TryEmitValue("w"))
	assert.Equal(t, EmitFailTerminated, o.TryEmitEmpty())
	assert.Equal(t, EmitFailTerminated, o.TryEmitError(errors.New("x")))
	for _, r := range []*rec[string]{early, waiting, late} {
		assert.Zero(t, r.violations.Load())
	}
}

func TestOneEmptyAndError(t *testing.T) {
	o := One[int]()
	r := newRec[int](0)
	o.Subscribe(r)
	require.Equal(t, EmitOK, o.TryEmitEmpty())
	assert.True(t, r.isCompleted(), "completion needs no demand")

	boom := errors.New("boom")
	e := One[int]()
	require.Equal(t, EmitOK, e.TryEmitError(boom))
	late := newRec[int](0)
	e.Subscribe(late)
	assert.ErrorIs(t, late.error(), boom)
	assert.Panics(t, func() { e.TryEmitError(nil) })
}

func TestOneInvalidDemandAndCancel(t *testing.T) {
	o := One[int]()
	bad, good, gone := newRec[int](0), newRec[int](1), newRec[int](0)
	o.Subscribe(bad)
	o.Subscribe(good)
	o.Subscribe(gone)
	bad.request(0)
	assert.ErrorIs(t, bad.error(), sluice.ErrInvalidDemand)
	gone.cancel()
	assert.Equal(t, 1, o.CurrentSubscriberCount())
	o.TryEmitValue(7)
	assert.Equal(t, []int{7}, good.got())
	assert.Empty(t, gone.got())
	assert.False(t, gone.terminated())
}
