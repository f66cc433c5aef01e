package rsocket_test

import (
	"context"
	"testing"
	"time"

	"github.com/sluicego/sluice/flux"
	"github.com/sluicego/sluice/rsocket"
	"github.com/stretchr/testify/require"
)

// The handler's context is cancelled when the requester cancels, and so
// are contexts derived from it (context.WithCancel, WithTimeout, AfterFunc).
func TestHandlerContextCancelledWithStream(t *testing.T) {
	type ctxs struct{ ctx, child, timed context.Context }
	got := make(chan ctxs, 1)
	fired := make(chan struct{})
	var h rsocket.Handler
	h.RequestStream = func(ctx context.Context, _ rsocket.Payload) flux.Flux[rsocket.Payload] {
		child, cancel := context.WithCancel(ctx)
		timed, cancelT := context.WithTimeout(ctx, time.Hour)
		context.AfterFunc(ctx, func() { close(fired); cancel(); cancelT() })
		got <- ctxs{ctx, child, timed}
		return flux.Never[rsocket.Payload]()
	}
	p := startPair(t, h, rsocket.SetupOptions{}, rsocket.ServerOptions{})
	r := newRecorder(1)
	p.client.RequestStream(rsocket.PayloadString("x", "")).Subscribe(r)
	var c ctxs
	select {
	case c = <-got:
	case <-timeout():
		t.Fatal("handler not called")
	}
	id, ok := rsocket.StreamID(c.ctx)
	require.True(t, ok)
	require.NotZero(t, id)
	id2, _ := rsocket.StreamID(c.child)
	require.Equal(t, id, id2)
	require.NoError(t, c.ctx.Err())
	r.cancel()
	for _, ctx := range []context.Context{c.ctx, c.child, c.timed} {
		select {
		case <-ctx.Done():
		case <-timeout():
			t.Fatal("context not cancelled")
		}
		require.ErrorIs(t, ctx.Err(), context.Canceled)
	}
	select {
	case <-fired:
	case <-timeout():
		t.Fatal("AfterFunc not run")
	}
}
