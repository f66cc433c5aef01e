package rsocket_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/sluicego/sluice/rsocket"
)

// Each FireAndForget handler gets a context of its own: kept after the
// handler returns, it still reports that request's stream id, and it ends
// when the connection closes.
func TestFireAndForgetContextKept(t *testing.T) {
	const n = 300 // more than one chunk of contexts
	kept := make(chan context.Context, n)
	h := rsocket.Handler{FireAndForget: func(ctx context.Context, _ rsocket.Payload) { kept <- ctx }}
	p := startPair(t, h, rsocket.SetupOptions{}, rsocket.ServerOptions{})
	for i := 0; i < n; i++ {
		require.NoError(t, p.client.FireAndForget(context.Background(), rsocket.PayloadString("x", "")))
	}
	ctxs := make([]context.Context, 0, n)
	seen := make(map[uint32]bool, n)
	for len(ctxs) < n {
		select {
		case ctx := <-kept:
			ctxs = append(ctxs, ctx)
		case <-timeout():
			t.Fatalf("%d of %d handlers ran", len(ctxs), n)
		}
	}
	for _, ctx := range ctxs {
		id, ok := rsocket.StreamID(ctx)
		require.True(t, ok)
		require.Equal(t, uint32(1), id%2, "client ids are odd")
		require.False(t, seen[id], "id %d seen twice", id)
		seen[id] = true
		require.NoError(t, ctx.Err())
	}
	require.NoError(t, p.client.Close())
	for _, ctx := range ctxs {
		select {
		case <-ctx.Done():
		case <-timeout():
			t.Fatal("handler context not cancelled by the connection's close")
		}
	}
}
