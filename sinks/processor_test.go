package sinks

import (
	"errors"
	"testing"

	"github.com/sluicego/sluice"
	"github.com/sluicego/sluice/flux"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// upstream records what a sink asks of its upstream.
type upstream struct {
	requests []int64
	cancels  int
}

func (u *upstream) Request(n int64) { u.requests = append(u.requests, n) }
func (u *upstream) Cancel()         { u.cancels++ }

func TestProcessorRelaysRangeUnderDemand(t *testing.T) {
	for _, k := range []struct {
		name string
		sink func() *Many[int]
	}{
		{"unicast", func() *Many[int] { return Unicast[int]() }},
		{"multicast", func() *Many[int] { return Multicast[int](4) }},
		{"besteffort", MulticastBestEffort[int]},
		{"replay", ReplayAll[int]},
	} {
		t.Run(k.name, func(t *testing.T) {
			s := k.sink()
			r := newRec[int](3)
			s.Subscribe(r)
			flux.Range(0, 10).Subscribe(s)
			assert.Equal(t, ints(0, 3), r.got())
			r.request(sluice.Unbounded)
			assert.Equal(t, ints(0, 10), r.got())
			assert.True(t, r.isCompleted())
			assert.Zero(t, r.violations.Load())
		})
	}
}

func TestProcessorDemandPolicy(t *testing.T) {
	u := &upstream{}
	s := ReplayAll[int]()
	a, b := newRec[int](0), newRec[int](0)
	s.Subscribe(a)
	s.Subscribe(b)
	s.OnSubscribe(u)
	assert.Empty(t, u.requests, "no demand, no request")
	a.request(2)
	b.request(5)
	assert.Equal(t, []int64{2, 3}, u.requests, "the most demanding subscriber drives the upstream")

	m := Multicast[int](8)
	mu := &upstream{}
	m.OnSubscribe(mu)
	assert.Equal(t, []int64{8}, mu.requests, "multicast prefetches its buffer")
	r := newRec[int](sluice.Unbounded)
	m.Subscribe(r)
	for i := range 6 {
		m.OnNext(i)
	}
	assert.Equal(t, []int64{8, 6}, mu.requests, "replenished in batches of 3/4 of the buffer")
}

func TestProcessorCancelsUpstreamWhenLastSubscriberLeaves(t *testing.T) {
	for _, k := range []struct {
		name string
		sink func() *Many[int]
	}{
		{"unicast", func() *Many[int] { return Unicast[int]() }},
		{"multicast", func() *Many[int] { return Multicast[int](4) }},
		{"besteffort", MulticastBestEffort[int]},
		{"replay", ReplayAll[int]},
	} {
		t.Run(k.name, func(t *testing.T) {
			u := &upstream{}
			s := k.sink()
			s.OnSubscribe(u)
			r := newRec[int](1)
			s.Subscribe(r)
			r.cancel()
			assert.Equal(t, 1, u.cancels)
			assert.Equal(t, EmitFailCancelled, s.TryEmitNext(1))
			second := &upstream{}
			s.OnSubscribe(second)
			assert.Equal(t, 1, second.cancels, "rule 2.5")
		})
	}
}

func TestProcessorUpstreamErrorIsImmediate(t *testing.T) {
	dropped, errs := countDropped(t)
	boom := errors.New("boom")
	m := Multicast[int](4)
	m.OnSubscribe(&upstream{})
	r := newRec[int](0)
	m.Subscribe(r)
	m.OnNext(1)
	m.OnError(boom)
	assert.ErrorIs(t, r.error(), boom, "no demand, error anyway")
	assert.Equal(t, int64(1), dropped.Load(), "the discarded element is reported")
	m.OnError(errors.New("late"))
	assert.Equal(t, int64(1), errs.Load())
	m.OnNext(2)
	assert.Equal(t, int64(2), dropped.Load())

	rp := ReplayAll[int]()
	rp.OnSubscribe(&upstream{})
	live := newRec[int](0)
	rp.Subscribe(live)
	rp.OnNext(1)
	rp.OnError(boom)
	assert.ErrorIs(t, live.error(), boom)
	late := newRec[int](1)
	rp.Subscribe(late)
	assert.Equal(t, []int{1}, late.got(), "history stays for late subscribers")
	assert.ErrorIs(t, late.error(), boom)
}

func TestProcessorOverflowFromMisbehavingUpstream(t *testing.T) {
	dropped, _ := countDropped(t)
	u := &upstream{}
	m := Multicast[int](1)
	m.OnSubscribe(u)
	r := newRec[int](0)
	m.Subscribe(r)
	m.OnNext(1)
	m.OnNext(2) // more than requested
	require.ErrorIs(t, r.error(), ErrOverflow)
	assert.Equal(t, 1, u.cancels)
	assert.Equal(t, int64(2), dropped.Load(), "the overflowing element and the buffered one")
}

func TestNilArgumentsPanic(t *testing.T) {
	m := ReplayAll[int]()
	assert.PanicsWithError(t, "sinks: OnSubscribe: "+sluice.ErrNilSubscription.Error(), func() { m.OnSubscribe(nil) })
	assert.Panics(t, func() { m.OnError(nil) })
	assert.Panics(t, func() { m.Subscribe(nil) })
	assert.Panics(t, func() { One[int]().Subscribe(nil) })
}

func TestPanickingSubscriberIsCancelled(t *testing.T) {
	_, errs := countDropped(t)
	s := MulticastBestEffort[int]()
	bad := newRec[int](sluice.Unbounded)
	bad.onNext = func(*rec[int], int) { panic("subscriber bug") }
	good := newRec[int](sluice.Unbounded)
	s.Subscribe(bad)
	s.Subscribe(good)
	s.TryEmitNext(1)
	s.TryEmitNext(2)
	assert.Equal(t, int64(1), errs.Load(), "the panic is reported once")
	assert.Equal(t, []int{1, 2}, good.got())
	assert.Equal(t, []int{1}, bad.got())
	assert.Equal(t, 1, s.CurrentSubscriberCount())
}
