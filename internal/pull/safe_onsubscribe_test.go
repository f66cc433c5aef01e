package pull

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/sluicego/sluice"
)

type countingSub struct{ cancels int }

func (c *countingSub) Request(int64) {}
func (c *countingSub) Cancel()       { c.cancels++ }

type panicOnSubscribe struct{ sluice.Subscriber[int] }

func (panicOnSubscribe) OnSubscribe(sluice.Subscription) { panic("boom") }

type quietOnSubscribe struct{ sluice.Subscriber[int] }

func (quietOnSubscribe) OnSubscribe(sluice.Subscription) {}

func TestOnSubscribeContainsPanic(t *testing.T) {
	dropped := droppedErrors(t)
	s := &countingSub{}
	require.True(t, OnSubscribe[int](quietOnSubscribe{}, s))
	assert.Zero(t, s.cancels)
	assert.Empty(t, dropped())

	require.NotPanics(t, func() { assert.False(t, OnSubscribe[int](panicOnSubscribe{}, s)) })
	assert.Equal(t, 1, s.cancels, "the panic counts as cancellation")
	got := dropped()
	require.Len(t, got, 1)
	var pe *sluice.PanicError
	require.ErrorAs(t, got[0], &pe)
	assert.Equal(t, "boom", pe.Value)
}
