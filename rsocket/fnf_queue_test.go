package rsocket_test

import (
	"context"
	"sync/atomic"
	"testing"

	"github.com/sluicego/sluice"
	"github.com/sluicego/sluice/rsocket"
	"github.com/stretchr/testify/require"
)

// Blocked FireAndForget handlers hold at most 64 goroutines; the rest wait
// in a bounded backlog and all run once the handlers are released.
func TestFireAndForgetBoundedConcurrency(t *testing.T) {
	const n = 2000
	release := make(chan struct{})
	var running, peak, done atomic.Int64
	h := rsocket.Handler{FireAndForget: func(context.Context, rsocket.Payload) {
		r := running.Add(1)
		for {
			p := peak.Load()
			if r <= p || peak.CompareAndSwap(p, r) {
				break
			}
		}
		<-release
		running.Add(-1)
		done.Add(1)
	}}
	p := startPair(t, h, rsocket.SetupOptions{}, rsocket.ServerOptions{})
	sent := make(chan error, 1)
	go func() {
		for i := 0; i < n; i++ {
			if err := p.client.FireAndForget(context.Background(), rsocket.PayloadString("x", "")); err != nil {
				sent <- err
				return
			}
		}
		sent <- nil
	}()
	require.Eventually(t, func() bool { return running.Load() == 64 }, waitFor, the)
	close(release)
	require.NoError(t, <-sent)
	require.Eventually(t, func() bool { return done.Load() == n }, waitFor, the)
	require.LessOrEqual(t, peak.Load(), int64(64))
}

// A panicking FireAndForget handler is reported to ErrorDropped and the
// following requests are still handled.
func TestFireAndForgetPanicIsolated(t *testing.T) {
	dropped := make(chan error, 16)
	prev := sluice.SetDroppedHooks(sluice.DroppedHooks{OnErrorDropped: func(err error) {
		select {
		case dropped <- err:
		default:
		}
	}})
	t.Cleanup(func() { sluice.SetDroppedHooks(prev) })
	got := make(chan string, 16)
	h := rsocket.Handler{FireAndForget: func(_ context.Context, p rsocket.Payload) {
		if string(p.Data) == "boom" {
			panic("boom")
		}
		got <- string(p.Data)
	}}
	p := startPair(t, h, rsocket.SetupOptions{}, rsocket.ServerOptions{})
	require.NoError(t, p.client.FireAndForget(context.Background(), rsocket.PayloadString("boom", "")))
	require.NoError(t, p.client.FireAndForget(context.Background(), rsocket.PayloadString("ok", "")))
	select {
	case err := <-dropped:
		var pe *sluice.PanicError
		require.ErrorAs(t, err, &pe)
	case <-timeout():
		t.Fatal("panic not reported")
	}
	select {
	case s := <-got:
		require.Equal(t, "ok", s)
	case <-timeout():
		t.Fatal("second request not handled")
	}
}
