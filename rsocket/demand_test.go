package rsocket_test

import (
	"context"
	"sync/atomic"
	"testing"

	"github.com/sluicego/sluice"
	"github.com/sluicego/sluice/flux"
	"github.com/sluicego/sluice/rsocket"
	"github.com/sluicego/sluice/rsocket/frame"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func requestNs(fs []frame.Frame) []uint32 {
	var out []uint32
	for _, f := range fs {
		out = append(out, f.(*frame.RequestNFrame).RequestN)
	}
	return out
}

func TestRequestStreamDemandOnTheWire(t *testing.T) {
	var produced atomic.Int64
	closed := make(chan struct{})
	h := rsocket.Handler{RequestStream: func(context.Context, rsocket.Payload) flux.Flux[rsocket.Payload] {
		return generator(&produced, closed)
	}}
	p := startPair(t, h, rsocket.SetupOptions{}, rsocket.ServerOptions{})
	r := newRecorder(0)
	p.client.RequestStream(rsocket.PayloadString("gen", "")).Subscribe(r)
	// Nothing is sent before the first Request.
	assert.Empty(t, p.rec.conn().sentOf(frame.TypeRequestStream))

	r.request(3)
	require.Eventually(t, func() bool { return r.count() == 3 }, waitFor, the)
	assert.Equal(t, int64(3), produced.Load(), "the generator produces only what was requested")
	r.request(5)
	require.Eventually(t, func() bool { return r.count() == 8 }, waitFor, the)
	r.request(2)
	require.Eventually(t, func() bool { return r.count() == 10 }, waitFor, the)
	assert.Equal(t, int64(10), produced.Load())

	rc := p.rec.conn()
	reqs := rc.sentOf(frame.TypeRequestStream)
	require.Len(t, reqs, 1)
	assert.Equal(t, uint32(3), reqs[0].(*frame.RequestStreamFrame).InitialRequestN)
	assert.Equal(t, []uint32{5, 2}, requestNs(rc.sentOf(frame.TypeRequestN)))
	assert.Equal(t, []string{"0", "1", "2", "3", "4", "5", "6", "7", "8", "9"}, r.data())

	// Cancel mid-stream: CANCEL goes out and the responder's publisher stops.
	r.cancel()
	select {
	case <-closed:
	case <-timeout():
		t.Fatal("generator not cancelled")
	}
	require.Eventually(t, func() bool { return len(rc.sentOf(frame.TypeCancel)) == 1 }, waitFor, the)
	assert.Equal(t, int64(10), produced.Load())
}

func TestUnboundedDemandIsMaxRequestN(t *testing.T) {
	p := startPair(t, echoHandler(), rsocket.SetupOptions{}, rsocket.ServerOptions{})
	r := newRecorder(sluice.Unbounded)
	p.client.RequestStream(rsocket.PayloadString("x", "")).Subscribe(r)
	require.NoError(t, r.wait(t))
	reqs := p.rec.conn().sentOf(frame.TypeRequestStream)
	require.Len(t, reqs, 1)
	assert.Equal(t, uint32(frame.MaxRequestN), reqs[0].(*frame.RequestStreamFrame).InitialRequestN)
}

func TestChannelDemandBothDirections(t *testing.T) {
	inbound := make(chan *recorder, 1)
	h := rsocket.Handler{RequestChannel: func(_ context.Context, _ rsocket.Payload, in flux.Flux[rsocket.Payload]) flux.Flux[rsocket.Payload] {
		rec := newRecorder(3)
		in.Subscribe(rec)
		inbound <- rec
		var produced atomic.Int64
		return generator(&produced, nil)
	}}
	p := startPair(t, h, rsocket.SetupOptions{}, rsocket.ServerOptions{})
	var produced atomic.Int64
	out := newRecorder(2)
	p.client.RequestChannel(generator(&produced, nil)).Subscribe(out)

	serverIn := <-inbound
	// The handler asked 3: the first element rides in REQUEST_CHANNEL, then REQUEST_N(2).
	require.Eventually(t, func() bool { return serverIn.count() == 3 }, waitFor, the)
	assert.Equal(t, int64(3), produced.Load())
	serverIn.request(4)
	require.Eventually(t, func() bool { return serverIn.count() == 7 }, waitFor, the)
	assert.Equal(t, int64(7), produced.Load())
	assert.Equal(t, []string{"0", "1", "2", "3", "4", "5", "6"}, serverIn.data())

	require.Eventually(t, func() bool { return out.count() == 2 }, waitFor, the)
	out.request(3)
	require.Eventually(t, func() bool { return out.count() == 5 }, waitFor, the)

	rc := p.rec.conn()
	reqs := rc.sentOf(frame.TypeRequestChannel)
	require.Len(t, reqs, 1)
	assert.Equal(t, uint32(2), reqs[0].(*frame.RequestChannelFrame).InitialRequestN)
	assert.Equal(t, []uint32{3}, requestNs(rc.sentOf(frame.TypeRequestN)))
	assert.Equal(t, []uint32{2, 4}, requestNs(rc.receivedOf(frame.TypeRequestN)))

	out.cancel()
	require.Eventually(t, func() bool { return len(rc.sentOf(frame.TypeCancel)) == 1 }, waitFor, the)
	require.NoError(t, func() error { serverIn.wait(t); return nil }())
	require.ErrorIs(t, serverIn.err, rsocket.ErrCanceled)
}

func TestPeerExceedingDemandIsAProtocolError(t *testing.T) {
	// A hand-written responder that ignores credit.
	h := rsocket.Handler{RequestStream: func(context.Context, rsocket.Payload) flux.Flux[rsocket.Payload] {
		return flux.From[rsocket.Payload](pubFunc[rsocket.Payload](func(s sluice.Subscriber[rsocket.Payload]) {
			s.OnSubscribe(&flood{s: s})
		}))
	}}
	p := startPair(t, h, rsocket.SetupOptions{}, rsocket.ServerOptions{})
	r := newRecorder(2)
	p.client.RequestStream(rsocket.PayloadString("x", "")).Subscribe(r)
	err := r.wait(t)
	// The responder's own side catches the violation first (rule 1.1) and
	// fails the stream; either way the requester sees an error, never more
	// elements than requested.
	require.Error(t, err)
	assert.LessOrEqual(t, r.count(), 2)
}

// flood emits 5 elements whatever the demand.
type flood struct {
	s    sluice.Subscriber[rsocket.Payload]
	done bool
}

func (f *flood) Request(int64) {
	if f.done {
		return
	}
	f.done = true
	for range 5 {
		f.s.OnNext(rsocket.PayloadString("x", ""))
	}
	f.s.OnComplete()
}
func (f *flood) Cancel() {}
