package rsocket_test

import (
	"context"
	"math"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/sluicego/sluice"
	"github.com/sluicego/sluice/flux"
	"github.com/sluicego/sluice/internal/pull"
	"github.com/sluicego/sluice/rsocket"
	"github.com/sluicego/sluice/rsocket/frame"
	"github.com/sluicego/sluice/rsocket/transport/tcp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestDemandAccumulatesUpToUnbounded(t *testing.T) {
	var produced atomic.Int64
	h := rsocket.Handler{RequestStream: func(context.Context, rsocket.Payload) flux.Flux[rsocket.Payload] {
		return generator(&produced, nil)
	}}
	p := startPair(t, h, rsocket.SetupOptions{}, rsocket.ServerOptions{})
	r := newRecorder(5)
	stop := make(chan struct{})
	r.onNext = func(r *recorder, _ rsocket.Payload) {
		if r.count() == 1000 {
			r.cancel()
			close(stop)
		}
	}
	p.client.RequestStream(rsocket.PayloadString("x", "")).Subscribe(r)
	require.Eventually(t, func() bool { return r.count() == 5 }, waitFor, the)
	r.request(math.MaxInt64 - 1) // pending saturates: unbounded
	r.request(7)                 // nothing more to send
	<-stop
	assert.Equal(t, []uint32{frame.MaxRequestN}, requestNs(p.rec.conn().sentOf(frame.TypeRequestN)))
}

// sizedStream answers request-stream "n" with n elements.
func sizedStream() rsocket.Handler {
	return rsocket.Handler{RequestStream: func(_ context.Context, p rsocket.Payload) flux.Flux[rsocket.Payload] {
		n := 0
		for _, c := range p.Data {
			n = n*10 + int(c-'0')
		}
		return flux.From[rsocket.Payload](pubFunc[rsocket.Payload](func(s sluice.Subscriber[rsocket.Payload]) {
			pull.Subscribe[rsocket.Payload](s, &countSource{left: n, p: rsocket.PayloadString("e", "m")})
		}))
	}}
}

func TestManyConcurrentStreamsOverTCP(t *testing.T) {
	p := startTCP(t, sizedStream(), rsocket.SetupOptions{}, rsocket.ServerOptions{}, tcp.Options{}, tcp.Options{})
	var wg sync.WaitGroup
	errs := make(chan error, 64)
	for i := range 64 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			want := 500 + i*37
			r := newRecorder(int64(1 + i%7))
			batch := int64(1 + i%7)
			r.onNext = func(r *recorder, _ rsocket.Payload) {
				if r.count()%int(batch) == 0 {
					r.request(batch)
				}
			}
			p.client.RequestStream(rsocket.PayloadString(itoa(want), "")).Subscribe(r)
			if err := r.wait(t); err != nil {
				errs <- err
				return
			}
			if r.count() != want {
				errs <- assert.AnError
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		require.NoError(t, err)
	}
}

func TestChannelEchoFloodBothWays(t *testing.T) {
	h := rsocket.Handler{RequestChannel: func(_ context.Context, _ rsocket.Payload, in flux.Flux[rsocket.Payload]) flux.Flux[rsocket.Payload] {
		return in // echo, demand passes straight through
	}}
	p := startPair(t, h, rsocket.SetupOptions{}, rsocket.ServerOptions{})
	const n = 100_000
	r := newRecorder(sluice.Unbounded)
	in := flux.From[rsocket.Payload](pubFunc[rsocket.Payload](func(s sluice.Subscriber[rsocket.Payload]) {
		pull.Subscribe[rsocket.Payload](s, &countSource{left: n, p: rsocket.PayloadString("0123456789", "")})
	}))
	p.client.RequestChannel(in).Subscribe(r)
	require.NoError(t, r.wait(t))
	assert.Equal(t, n, r.count())
}
