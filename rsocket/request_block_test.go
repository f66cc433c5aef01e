package rsocket_test

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/sluicego/sluice/mono"
	"github.com/sluicego/sluice/rsocket"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Mono.Block on a request-response waits for the answer directly: value,
// empty, error, ctx cancelled (the responder sees the CANCEL), closed
// connection.
func TestRequestResponseBlock(t *testing.T) {
	cancelled := make(chan struct{})
	started := make(chan struct{})
	h := rsocket.Handler{RequestResponse: func(ctx context.Context, p rsocket.Payload) mono.Mono[rsocket.Payload] {
		switch string(p.Data) {
		case "just":
			return mono.Just(rsocket.PayloadString("fused", ""))
		case "empty":
			return mono.Empty[rsocket.Payload]()
		case "fail":
			return monoError(errors.New("nope"))
		case "hang":
			close(started)
			<-ctx.Done()
			close(cancelled)
			return mono.Empty[rsocket.Payload]()
		}
		return monoJust(rsocket.PayloadString("re:"+string(p.Data), "md"))
	}}
	p := startPair(t, h, rsocket.SetupOptions{}, rsocket.ServerOptions{})
	ctx := context.Background()

	v, ok, err := p.client.RequestResponse(rsocket.PayloadString("x", "")).Block(ctx)
	require.NoError(t, err)
	require.True(t, ok)
	require.Equal(t, "re:x", string(v.Data))
	require.Equal(t, "md", string(v.Metadata))

	v, ok, err = p.client.RequestResponse(rsocket.PayloadString("just", "")).Block(ctx)
	require.NoError(t, err)
	require.True(t, ok)
	require.Equal(t, "fused", string(v.Data))

	_, ok, err = p.client.RequestResponse(rsocket.PayloadString("empty", "")).Block(ctx)
	require.NoError(t, err)
	require.False(t, ok)

	_, _, err = p.client.RequestResponse(rsocket.PayloadString("fail", "")).Block(ctx)
	var re *rsocket.Error
	require.ErrorAs(t, err, &re)
	require.Contains(t, re.Message, "nope")

	hctx, cancel := context.WithCancel(ctx)
	res := make(chan error, 1)
	go func() {
		_, _, err := p.client.RequestResponse(rsocket.PayloadString("hang", "")).Block(hctx)
		res <- err
	}()
	select {
	case <-started:
	case <-timeout():
		t.Fatal("handler not called")
	}
	cancel()
	require.ErrorIs(t, <-res, context.Canceled)
	select {
	case <-cancelled:
	case <-timeout():
		t.Fatal("responder not cancelled")
	}

	p.close(t)
	_, _, err = p.client.RequestResponse(rsocket.PayloadString("x", "")).Block(ctx)
	require.ErrorIs(t, err, rsocket.ErrConnectionClosed)
}

// One request-response Mono is a cold publisher: blocking on it again, from
// several goroutines at once, or subscribing to it after a Block sends a new
// request each time, and every caller gets its own answer.
func TestRequestResponseMonoReused(t *testing.T) {
	var n atomic.Int64
	h := rsocket.Handler{RequestResponse: func(_ context.Context, p rsocket.Payload) mono.Mono[rsocket.Payload] {
		return mono.Just(rsocket.PayloadString(fmt.Sprint(n.Add(1)), ""))
	}}
	p := startPair(t, h, rsocket.SetupOptions{}, rsocket.ServerOptions{})
	defer p.close(t)
	ctx := context.Background()
	m := p.client.RequestResponse(rsocket.PayloadString("x", ""))

	seen := make(chan string, 20)
	for range 2 {
		v, ok, err := m.Block(ctx)
		require.NoError(t, err)
		require.True(t, ok)
		seen <- string(v.Data)
	}
	var wg sync.WaitGroup
	for range 16 {
		wg.Go(func() {
			v, ok, err := m.Block(ctx)
			assert.NoError(t, err)
			assert.True(t, ok)
			seen <- string(v.Data)
		})
	}
	wg.Wait()
	done := make(chan struct{})
	m.SubscribeWith(ctx, mono.Callbacks[rsocket.Payload]{
		OnNext:     func(v rsocket.Payload) { seen <- string(v.Data) },
		OnError:    func(err error) { t.Error(err); close(done) },
		OnComplete: func() { close(done) },
	})
	select {
	case <-done:
	case <-timeout():
		t.Fatal("subscribed request-response not answered")
	}
	close(seen)
	distinct := map[string]bool{}
	for s := range seen {
		distinct[s] = true
	}
	require.Len(t, distinct, 19)
	require.Equal(t, int64(19), n.Load())
}

// Calls blocked on request-responses are reused once answered: under 32
// concurrent callers, with the connection closed while requests are in
// flight, every caller gets its own answer or a connection-closed error,
// never another request's answer.
func TestRequestResponseBlockReuseUnderClose(t *testing.T) {
	h := rsocket.Handler{RequestResponse: func(_ context.Context, p rsocket.Payload) mono.Mono[rsocket.Payload] {
		return mono.Just(p)
	}}
	p := startPair(t, h, rsocket.SetupOptions{}, rsocket.ServerOptions{})
	ctx := context.Background()
	var answered atomic.Int64
	var wg sync.WaitGroup
	for g := range 32 {
		wg.Go(func() {
			for i := 0; ; i++ {
				want := fmt.Sprintf("%d/%d", g, i)
				v, ok, err := p.client.RequestResponse(rsocket.PayloadString(want, "")).Block(ctx)
				if err != nil {
					assert.ErrorIs(t, err, rsocket.ErrConnectionClosed)
					return
				}
				assert.True(t, ok)
				assert.Equal(t, want, string(v.Data))
				answered.Add(1)
			}
		})
	}
	require.Eventually(t, func() bool { return answered.Load() >= 2000 }, 30*time.Second, time.Millisecond)
	p.close(t)
	wg.Wait()
}
