package rsocket_test

import (
	"bytes"
	"context"
	"testing"
	"time"

	"github.com/sluicego/sluice/flux"
	"github.com/sluicego/sluice/mono"
	"github.com/sluicego/sluice/rsocket"
	"github.com/sluicego/sluice/rsocket/frame"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func bigPayload(n int, seed byte) []byte {
	b := make([]byte, n)
	for i := range b {
		b[i] = byte(i*31) + seed
	}
	return b
}

func TestHugePayloadCrossesInFragments(t *testing.T) {
	const size = 64 << 20
	h := rsocket.Handler{RequestResponse: func(_ context.Context, p rsocket.Payload) mono.Mono[rsocket.Payload] {
		return monoJust(p) // echo the 64 MiB back
	}}
	limits := rsocket.ConnectionOptions{MaxReassembledSize: size + 1024}
	p := startPair(t, h, rsocket.SetupOptions{ConnectionOptions: limits}, rsocket.ServerOptions{ConnectionOptions: limits})
	data := bigPayload(size, 1)
	md := bigPayload(1000, 2)
	r := newRecorder(1)
	p.client.RequestResponse(rsocket.NewPayload(data, md)).Subscribe(r)
	// 128 MiB cross the connection: under -race on a loaded 2-core machine
	// that takes longer than waitFor.
	select {
	case <-r.done:
	case <-time.After(6 * waitFor):
		t.Fatalf("subscriber not terminated after %v", 6*waitFor)
	}
	require.NoError(t, r.err)
	require.Len(t, r.items, 1)
	assert.True(t, bytes.Equal(data, r.items[0].Data), "data intact")
	assert.True(t, bytes.Equal(md, r.items[0].Metadata), "metadata intact")
	rc := p.rec.conn()
	assert.LessOrEqual(t, rc.maxSent, frame.MaxFrameLength)
	first := rc.sentOf(frame.TypeRequestResponse)
	require.Len(t, first, 1)
	assert.True(t, first[0].(*frame.RequestResponseFrame).Follows)
	assert.GreaterOrEqual(t, len(rc.sentOf(frame.TypePayload)), 4)
}

func TestMTUIsRespected(t *testing.T) {
	h := rsocket.Handler{RequestStream: func(_ context.Context, p rsocket.Payload) flux.Flux[rsocket.Payload] {
		return fluxOf(p, p)
	}}
	opts := rsocket.ConnectionOptions{MTU: 1024}
	p := startPair(t, h, rsocket.SetupOptions{ConnectionOptions: opts}, rsocket.ServerOptions{ConnectionOptions: opts})
	data, md := bigPayload(10_000, 3), bigPayload(3000, 4)
	r := newRecorder(2)
	p.client.RequestStream(rsocket.NewPayload(data, md)).Subscribe(r)
	require.NoError(t, r.wait(t))
	require.Len(t, r.items, 2)
	for _, it := range r.items {
		assert.True(t, bytes.Equal(data, it.Data))
		assert.True(t, bytes.Equal(md, it.Metadata))
	}
	rc := p.rec.conn()
	assert.LessOrEqual(t, rc.maxSent, 1024)
	rc.mu.Lock()
	defer rc.mu.Unlock()
	for _, f := range rc.received {
		assert.LessOrEqual(t, f.Length(), 1024)
	}
}

func TestReassemblyLimit(t *testing.T) {
	h := rsocket.Handler{RequestResponse: func(_ context.Context, p rsocket.Payload) mono.Mono[rsocket.Payload] {
		if p.DataString() == "big" {
			return monoJust(rsocket.NewPayload(bigPayload(2<<20, 5), nil))
		}
		return monoJust(rsocket.PayloadString("small", ""))
	}}
	opts := rsocket.ConnectionOptions{MTU: 64 << 10, MaxReassembledSize: 1 << 20}
	p := startPair(t, h, rsocket.SetupOptions{ConnectionOptions: opts}, rsocket.ServerOptions{ConnectionOptions: opts})

	// A response above the client's limit fails its stream only.
	r := newRecorder(1)
	p.client.RequestResponse(rsocket.PayloadString("big", "")).Subscribe(r)
	require.ErrorIs(t, r.wait(t), rsocket.ErrPayloadTooLarge)

	// A request above the server's limit is refused with ERROR[INVALID].
	r = newRecorder(1)
	p.client.RequestResponse(rsocket.NewPayload(bigPayload(2<<20, 6), nil)).Subscribe(r)
	err := r.wait(t)
	require.ErrorIs(t, err, rsocket.ErrInvalid)
	assert.Contains(t, err.Error(), "exceeds")

	// The connection still works.
	r = newRecorder(1)
	p.client.RequestResponse(rsocket.PayloadString("x", "")).Subscribe(r)
	require.NoError(t, r.wait(t))
	assert.Equal(t, []string{"small"}, r.data())
	assert.NoError(t, p.client.Err())
}
