package rsocket_test

import (
	"context"
	"errors"
	"sync/atomic"
	"testing"
	"time"

	"github.com/sluicego/sluice/flux"
	"github.com/sluicego/sluice/mono"
	"github.com/sluicego/sluice/rsocket"
	"github.com/sluicego/sluice/rsocket/transport/local"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestShutdownCutsInfiniteStreams(t *testing.T) {
	var produced atomic.Int64
	cancelled := make(chan struct{})
	h := rsocket.Handler{RequestStream: func(context.Context, rsocket.Payload) flux.Flux[rsocket.Payload] {
		return generator(&produced, cancelled)
	}}
	l := local.NewListener("shutdown", 0)
	srv := rsocket.NewServer(rsocket.ServerOptions{Acceptor: func(context.Context, rsocket.SetupInfo, rsocket.RSocket) (rsocket.Handler, error) {
		return h, nil
	}})
	served := make(chan error, 1)
	go func() { served <- srv.Serve(l) }()
	c, err := rsocket.Connect(context.Background(), l, rsocket.SetupOptions{})
	require.NoError(t, err)

	r := newRecorder(1)
	c.RequestStream(rsocket.PayloadString("x", "")).Subscribe(r)
	require.Eventually(t, func() bool { return r.count() == 1 }, waitFor, the)

	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Millisecond)
	defer cancel()
	require.ErrorIs(t, srv.Shutdown(ctx), context.DeadlineExceeded)

	err = r.wait(t)
	require.ErrorIs(t, err, rsocket.ErrConnectionClosed)
	require.ErrorIs(t, err, rsocket.ErrConnectionClose, "the server said CONNECTION_CLOSE")
	<-cancelled
	waitDone(t, c)
	require.ErrorIs(t, <-served, rsocket.ErrServerClosed)
	_, err = rsocket.Connect(context.Background(), l, rsocket.SetupOptions{})
	require.Error(t, err, "the listener is closed")
}

func TestShutdownWaitsForInFlightStreams(t *testing.T) {
	started := make(chan struct{})
	release := make(chan struct{})
	h := rsocket.Handler{RequestResponse: func(_ context.Context, p rsocket.Payload) mono.Mono[rsocket.Payload] {
		if p.DataString() == "slow" {
			close(started)
			<-release
		}
		return monoJust(rsocket.PayloadString("done:"+p.DataString(), ""))
	}}
	l := local.NewListener("graceful", 0)
	srv := rsocket.NewServer(rsocket.ServerOptions{Acceptor: func(context.Context, rsocket.SetupInfo, rsocket.RSocket) (rsocket.Handler, error) {
		return h, nil
	}})
	served := make(chan error, 1)
	go func() { served <- srv.Serve(l) }()
	c, err := rsocket.Connect(context.Background(), l, rsocket.SetupOptions{})
	require.NoError(t, err)

	slow := newRecorder(1)
	c.RequestResponse(rsocket.PayloadString("slow", "")).Subscribe(slow)
	<-started
	shut := make(chan error, 1)
	go func() { shut <- srv.Shutdown(context.Background()) }()

	// New requests are refused while draining…
	require.Eventually(t, func() bool {
		r := newRecorder(1)
		c.RequestResponse(rsocket.PayloadString("new", "")).Subscribe(r)
		return errors.Is(r.wait(t), rsocket.ErrRejected)
	}, waitFor, the)
	// …and the in-flight one completes before the connection closes.
	close(release)
	require.NoError(t, slow.wait(t))
	assert.Equal(t, []string{"done:slow"}, slow.data())
	require.NoError(t, <-shut)
	waitDone(t, c)
	require.ErrorIs(t, <-served, rsocket.ErrServerClosed)
}
