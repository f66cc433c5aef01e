package rsocket_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/sluicego/sluice/mono"
	"github.com/sluicego/sluice/rsocket"
	"github.com/sluicego/sluice/rsocket/transport/local"
)

func TestStreamIDInHandlerContext(t *testing.T) {
	_, ok := rsocket.StreamID(context.Background())
	require.False(t, ok)

	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	l := local.NewListener("stream-id", 0)
	srv := rsocket.NewServer(rsocket.ServerOptions{Acceptor: func(context.Context, rsocket.SetupInfo, rsocket.RSocket) (rsocket.Handler, error) {
		return rsocket.Handler{RequestResponse: func(ctx context.Context, p rsocket.Payload) mono.Mono[rsocket.Payload] {
			id, ok := rsocket.StreamID(ctx)
			return mono.Just(rsocket.PayloadString(fmt.Sprint(id, ok), ""))
		}}, nil
	}})
	served := make(chan error, 1)
	go func() { served <- srv.Serve(l) }()
	defer func() {
		require.NoError(t, srv.Shutdown(ctx))
		require.ErrorIs(t, <-served, rsocket.ErrServerClosed)
	}()
	c, err := rsocket.Connect(ctx, l, rsocket.SetupOptions{})
	require.NoError(t, err)
	defer func() { _ = c.Close() }()
	for _, want := range []string{"1 true", "3 true"} {
		p, ok, err := c.RequestResponse(rsocket.PayloadString("x", "")).Block(ctx)
		require.NoError(t, err)
		require.True(t, ok)
		require.Equal(t, want, p.DataString())
	}
}
