package sinks

import (
	"errors"
	"testing"

	"github.com/sluicego/sluice"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestReplayLimits(t *testing.T) {
	cases := []struct {
		name string
		sink func() *Many[int]
		want []int
	}{
		{"all", ReplayAll[int], ints(0, 10)},
		{"limit 3", func() *Many[int] { return ReplayLimit[int](3) }, ints(7, 10)},
		{"latest", ReplayLatest[int], []int{9}},
		{"limit 0", func() *Many[int] { return ReplayLimit[int](0) }, nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s := c.sink()
			for i := range 10 {
				require.Equal(t, EmitOK, s.TryEmitNext(i))
			}
			r := newRec[int](sluice.Unbounded)
			s.Subscribe(r)
			assert.Equal(t, c.want, r.got())
			s.TryEmitNext(10)
			assert.Equal(t, append(c.want, 10), r.got(), "then live")
		})
	}
	assert.Panics(t, func() { ReplayLimit[int](-1) })
}

func TestReplayPerSubscriberDemandAndCursor(t *testing.T) {
	s := ReplayAll[int]()
	a, b := newRec[int](2), newRec[int](sluice.Unbounded)
	s.Subscribe(a)
	s.Subscribe(b)
	for i := range 5 {
		s.TryEmitNext(i)
	}
	assert.Equal(t, ints(0, 2), a.got(), "a waits for its own demand")
	assert.Equal(t, ints(0, 5), b.got(), "b is not held back by a")
	a.request(2)
	assert.Equal(t, ints(0, 4), a.got())
}

func TestReplaySlowSubscriberKeepsItsElements(t *testing.T) {
	s := ReplayLatest[int]()
	slow := newRec[int](0)
	s.Subscribe(slow)
	for i := range 5 {
		s.TryEmitNext(i)
	}
	slow.request(sluice.Unbounded)
	assert.Equal(t, ints(0, 5), slow.got(), "retention limits late subscribers only")
}

func TestReplayTerminalToLateSubscribers(t *testing.T) {
	boom := errors.New("boom")
	s := ReplayLimit[int](2)
	for i := range 4 {
		s.TryEmitNext(i)
	}
	require.Equal(t, EmitOK, s.TryEmitError(boom))
	r := newRec[int](1)
	s.Subscribe(r)
	assert.Equal(t, []int{2}, r.got())
	assert.False(t, r.terminated())
	r.request(1)
	assert.Equal(t, []int{2, 3}, r.got())
	assert.ErrorIs(t, r.error(), boom)
	assert.Equal(t, 0, s.CurrentSubscriberCount())

	c := ReplayAll[string]()
	c.TryEmitComplete()
	done := newRec[string](0)
	c.Subscribe(done)
	assert.True(t, done.isCompleted())
}

func TestReplayInvalidDemandOnlyThatSubscriber(t *testing.T) {
	s := ReplayAll[int]()
	good, bad := newRec[int](sluice.Unbounded), newRec[int](0)
	s.Subscribe(good)
	s.Subscribe(bad)
	bad.request(-5)
	var ide *sluice.InvalidDemandError
	require.ErrorAs(t, bad.error(), &ide)
	assert.Equal(t, int64(-5), ide.N)
	s.TryEmitNext(1)
	assert.Equal(t, []int{1}, good.got())
	assert.Equal(t, 1, s.CurrentSubscriberCount())
	bad.request(1) // a no-op after termination
	assert.Empty(t, bad.got())
}
