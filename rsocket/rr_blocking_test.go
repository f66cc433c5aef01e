package rsocket_test

import (
	"context"
	"sync/atomic"
	"testing"

	"github.com/sluicego/sluice"
	"github.com/sluicego/sluice/flux"
	"github.com/sluicego/sluice/mono"
	"github.com/sluicego/sluice/rsocket"
	"github.com/sluicego/sluice/rsocket/transport/tcp"
	"github.com/stretchr/testify/require"
)

// A handler that blocks must not stall the connection (whatever goroutine
// runs it): here a request-response handler and a stream whose Request
// blocks both wait for a later request on the same connection, which must
// be read and answered meanwhile.
func TestBlockingHandlerDoesNotStallConnection(t *testing.T) {
	release := make(chan struct{})
	var calls atomic.Int64
	h := rsocket.Handler{
		RequestResponse: func(_ context.Context, p rsocket.Payload) mono.Mono[rsocket.Payload] {
			calls.Add(1)
			switch string(p.Data) {
			case "wait":
				<-release
				return mono.Just(rsocket.PayloadString("waited", ""))
			case "release":
				close(release)
			}
			return mono.Just(p)
		},
		RequestStream: func(_ context.Context, p rsocket.Payload) flux.Flux[rsocket.Payload] {
			return flux.From[rsocket.Payload](pubFunc[rsocket.Payload](func(s sluice.Subscriber[rsocket.Payload]) {
				s.OnSubscribe(blockingSubscription{s: s, release: release})
			}))
		},
	}
	p := startPair(t, h, rsocket.SetupOptions{}, rsocket.ServerOptions{})
	ctx := context.Background()

	waited := make(chan error, 2)
	go func() {
		v, _, err := p.client.RequestResponse(rsocket.PayloadString("wait", "")).Block(ctx)
		if err == nil && string(v.Data) != "waited" {
			err = context.Canceled
		}
		waited <- err
	}()
	rec := newRecorder(1)
	p.client.RequestStream(rsocket.PayloadString("s", "")).Subscribe(rec)
	require.Eventually(t, func() bool { return calls.Load() == 1 }, waitFor, the)

	// These requests are answered while both still wait.
	for i := 0; i < 3; i++ {
		v, ok, err := p.client.RequestResponse(rsocket.PayloadString("echo", "")).Block(ctx)
		require.NoError(t, err)
		require.True(t, ok)
		require.Equal(t, "echo", string(v.Data))
	}
	_, _, err := p.client.RequestResponse(rsocket.PayloadString("release", "")).Block(ctx)
	require.NoError(t, err)
	require.NoError(t, <-waited)
	require.NoError(t, rec.wait(t))
	require.Equal(t, []string{"late"}, rec.data())
}

// blockingSubscription's Request blocks until release is closed, then
// emits one element and completes.
type blockingSubscription struct {
	s       sluice.Subscriber[rsocket.Payload]
	release chan struct{}
}

func (b blockingSubscription) Request(int64) {
	<-b.release
	b.s.OnNext(rsocket.PayloadString("late", ""))
	b.s.OnComplete()
}

func (blockingSubscription) Cancel() {}

// Many request-responses in flight over TCP, answered in bursts: every
// answer arrives (none is left unflushed) on its own stream.
func TestRequestResponseBurstOverTCP(t *testing.T) {
	h := rsocket.Handler{RequestResponse: func(_ context.Context, p rsocket.Payload) mono.Mono[rsocket.Payload] {
		return mono.Just(p)
	}}
	c := startTCP(t, h, rsocket.SetupOptions{}, rsocket.ServerOptions{}, tcp.Options{}, tcp.Options{}).client
	ctx := context.Background()
	const n, par = 2000, 32
	errs := make(chan error, par)
	for g := 0; g < par; g++ {
		go func() {
			for i := 0; i < n/par; i++ {
				want := itoa(g*n + i)
				v, ok, err := c.RequestResponse(rsocket.PayloadString(want, "")).Block(ctx)
				if err == nil && (!ok || string(v.Data) != want) {
					err = context.DeadlineExceeded
				}
				if err != nil {
					errs <- err
					return
				}
			}
			errs <- nil
		}()
	}
	for g := 0; g < par; g++ {
		require.NoError(t, <-errs)
	}
}

// Request-response handlers that block run concurrently: here each one
// waits until all of them have been called.
func TestBlockingRequestResponseHandlersRunConcurrently(t *testing.T) {
	const n = 8
	var arrived atomic.Int64
	all := make(chan struct{})
	h := rsocket.Handler{RequestResponse: func(_ context.Context, p rsocket.Payload) mono.Mono[rsocket.Payload] {
		if arrived.Add(1) == n {
			close(all)
		}
		<-all
		return mono.Just(p)
	}}
	c := startTCP(t, h, rsocket.SetupOptions{}, rsocket.ServerOptions{}, tcp.Options{}, tcp.Options{}).client
	errs := make(chan error, n)
	for i := 0; i < n; i++ {
		go func() {
			_, _, err := c.RequestResponse(rsocket.PayloadString(itoa(i), "")).Block(context.Background())
			errs <- err
		}()
	}
	for i := 0; i < n; i++ {
		require.NoError(t, <-errs)
	}
}
