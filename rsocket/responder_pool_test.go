package rsocket_test

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/sluicego/sluice/mono"
	"github.com/sluicego/sluice/rsocket"
	"github.com/sluicego/sluice/rsocket/transport/tcp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// A request-response handler that keeps its context after answering with a
// fused Mono (answered on the server's reader, whose stream is then reused)
// still sees its own stream id in it, and sees it ended, however many
// requests followed.
func TestHandlerContextKeptAfterFusedAnswer(t *testing.T) {
	type kept struct {
		ctx context.Context
		id  uint32
	}
	var (
		mu   sync.Mutex
		ctxs []kept
	)
	h := rsocket.Handler{RequestResponse: func(ctx context.Context, p rsocket.Payload) mono.Mono[rsocket.Payload] {
		id, _ := rsocket.StreamID(ctx)
		mu.Lock()
		ctxs = append(ctxs, kept{ctx, id})
		mu.Unlock()
		return mono.Just(p)
	}}
	c := startTCP(t, h, rsocket.SetupOptions{}, rsocket.ServerOptions{}, tcp.Options{}, tcp.Options{}).client
	const n = 200
	for i := range n {
		echoOnce(t, c, context.Background(), i)
	}
	mu.Lock()
	defer mu.Unlock()
	require.Len(t, ctxs, n)
	seen := make(map[uint32]bool)
	for i, k := range ctxs {
		id, ok := rsocket.StreamID(k.ctx)
		require.True(t, ok, "request %d", i)
		assert.Equal(t, k.id, id, "request %d: the kept context's stream id changed", i)
		assert.False(t, seen[id], "request %d: stream id %d seen twice", i, id)
		seen[id] = true
		select {
		case <-k.ctx.Done():
		case <-time.After(waitFor):
			t.Fatalf("request %d: the kept context did not end", i)
		}
		assert.ErrorIs(t, k.ctx.Err(), context.Canceled, "request %d", i)
	}
}
