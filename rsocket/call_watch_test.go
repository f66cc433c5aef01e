package rsocket_test

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/sluicego/sluice/mono"
	"github.com/sluicego/sluice/rsocket"
	"github.com/sluicego/sluice/rsocket/transport/tcp"
)

// hangingResponder answers "echo" at once and never answers any other
// request, reporting when it starts one and when the requester cancels it.
type hangingResponder struct {
	started, cancelled chan struct{}
}

func newHangingResponder(n int) *hangingResponder {
	return &hangingResponder{started: make(chan struct{}, n), cancelled: make(chan struct{}, n)}
}

func (h *hangingResponder) handler() rsocket.Handler {
	return rsocket.Handler{RequestResponse: func(ctx context.Context, p rsocket.Payload) mono.Mono[rsocket.Payload] {
		if string(p.Data) == "echo" {
			return mono.Just(rsocket.PayloadString("echo", ""))
		}
		return mono.Create(func(sink mono.MonoSink[rsocket.Payload]) {
			sink.OnCancel(func() { h.cancelled <- struct{}{} })
			h.started <- struct{}{}
		})
	}}
}

// await receives n times from ch, failing the test after waitFor.
func await(t *testing.T, ch <-chan struct{}, n int, what string) {
	t.Helper()
	for i := range n {
		select {
		case <-ch:
		case <-timeout():
			t.Fatalf("%s: %d of %d", what, i, n)
		}
	}
}

// receive returns the next error of a caller, failing the test after
// waitFor.
func receive(t *testing.T, errs <-chan error) error {
	t.Helper()
	select {
	case err := <-errs:
		return err
	case <-timeout():
		t.Fatal("a blocked call did not return")
		return nil
	}
}

// Blocking request-responses that share a cancellable context wait under
// one watch of it per connection (all but the first: a context is watched
// once two calls in a row used it; over TCP the first caller reads the
// connection itself, as the leader, until another caller arrives, and
// then waits like the others). When the context ends, every waiting call
// ends with its error and the responder sees each CANCEL.
func TestSharedContextEndsBlockedCalls(t *testing.T) {
	for _, transport := range []string{"local", "tcp"} {
		t.Run(transport, func(t *testing.T) { testSharedContextEndsBlockedCalls(t, transport) })
	}
}

func testSharedContextEndsBlockedCalls(t *testing.T, transport string) {
	const n = 8
	cases := []struct {
		name    string
		ctx     func() (context.Context, context.CancelFunc)
		end     bool // cancel once every call waits (else: the deadline ends it)
		wantErr error
	}{
		{"cancelled", func() (context.Context, context.CancelFunc) { return context.WithCancel(context.Background()) }, true, context.Canceled},
		{"deadline", func() (context.Context, context.CancelFunc) {
			return context.WithTimeout(context.Background(), 50*time.Millisecond)
		}, false, context.DeadlineExceeded},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			h := newHangingResponder(n)
			var client *rsocket.Conn
			if transport == "tcp" {
				client = startTCP(t, h.handler(), rsocket.SetupOptions{}, rsocket.ServerOptions{}, tcp.Options{}, tcp.Options{}).client
			} else {
				client = startPair(t, h.handler(), rsocket.SetupOptions{}, rsocket.ServerOptions{}).client
			}
			ctx, cancel := c.ctx()
			defer cancel()
			errs := make(chan error, n)
			var wg sync.WaitGroup
			for i := range n {
				wg.Go(func() {
					_, _, err := client.RequestResponse(rsocket.PayloadString("hang", "")).Block(ctx)
					errs <- err
				})
				if c.end {
					await(t, h.started, 1, "handlers started")
					if i > 0 { // the first caller to wait selects
						require.Eventually(t, func() bool {
							_, waiting := rsocket.CallWatchState(client)
							return waiting == i
						}, waitFor, the, "calls under the watch")
					}
				}
			}
			if c.end {
				cancel()
			}
			for range n {
				require.ErrorIs(t, receive(t, errs), c.wantErr)
			}
			wg.Wait()
			if c.end {
				await(t, h.cancelled, n, "responder cancellations")
			}
			require.Eventually(t, func() bool {
				watched, waiting := rsocket.CallWatchState(client)
				return !watched && waiting == 0
			}, waitFor, the, "the watch ends with its context")

			v, ok, err := client.RequestResponse(rsocket.PayloadString("echo", "")).Block(context.Background())
			require.NoError(t, err)
			require.True(t, ok)
			require.Equal(t, "echo", string(v.Data))
		})
	}
}

// Answered calls leave the watch, which stays for the next calls with the
// same context; contexts made per request are never watched.
func TestCallWatchAnsweredAndPerRequestContexts(t *testing.T) {
	h := newHangingResponder(1)
	p := startPair(t, h.handler(), rsocket.SetupOptions{}, rsocket.ServerOptions{})

	for range 20 {
		ctx, cancel := context.WithCancel(context.Background())
		_, ok, err := p.client.RequestResponse(rsocket.PayloadString("echo", "")).Block(ctx)
		cancel()
		require.NoError(t, err)
		require.True(t, ok)
	}
	watched, _ := rsocket.CallWatchState(p.client)
	assert.False(t, watched, "a context per request is not watched")

	ctx, cancel := context.WithCancel(context.Background())
	var wg sync.WaitGroup
	for range 16 {
		wg.Go(func() {
			for range 50 {
				v, ok, err := p.client.RequestResponse(rsocket.PayloadString("echo", "")).Block(ctx)
				assert.NoError(t, err)
				assert.True(t, ok)
				assert.Equal(t, "echo", string(v.Data))
			}
		})
	}
	wg.Wait()
	watched, waiting := rsocket.CallWatchState(p.client)
	assert.True(t, watched, "a shared context is watched")
	assert.Zero(t, waiting, "answered calls left the watch")
	cancel()
	require.Eventually(t, func() bool {
		watched, _ := rsocket.CallWatchState(p.client)
		return !watched
	}, waitFor, the, "the watch ends with its context")
}

// Calls waiting under the watch when the connection closes end with the
// connection's error, and the watch stops.
func TestCallWatchConnectionClosed(t *testing.T) {
	const n = 4
	h := newHangingResponder(n)
	p := startPair(t, h.handler(), rsocket.SetupOptions{}, rsocket.ServerOptions{})
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	errs := make(chan error, n)
	var wg sync.WaitGroup
	for range n {
		wg.Go(func() {
			_, _, err := p.client.RequestResponse(rsocket.PayloadString("hang", "")).Block(ctx)
			errs <- err
		})
	}
	await(t, h.started, n, "handlers started")
	require.Eventually(t, func() bool {
		_, waiting := rsocket.CallWatchState(p.client)
		return waiting == n-1
	}, waitFor, the, "calls under the watch")
	require.NoError(t, p.client.Close())
	for range n {
		require.ErrorIs(t, receive(t, errs), rsocket.ErrConnectionClosed)
	}
	wg.Wait()
	watched, _ := rsocket.CallWatchState(p.client)
	assert.False(t, watched)
}
