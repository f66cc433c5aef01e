package rsocket_test

import (
	"context"
	"math"
	"strconv"
	"testing"

	"github.com/sluicego/sluice"
	"github.com/sluicego/sluice/flux"
	"github.com/sluicego/sluice/internal/pull"
	"github.com/sluicego/sluice/rsocket"
	"github.com/sluicego/sluice/tck"
)

// TestTCKRequestStream runs the Reactive Streams publisher verification
// against the requester's RequestStream Flux over the local transport: the
// responder emits as many elements as the request asks for.
func TestTCKRequestStream(t *testing.T) {
	h := rsocket.Handler{RequestStream: func(_ context.Context, p rsocket.Payload) flux.Flux[rsocket.Payload] {
		n, err := strconv.ParseInt(p.DataString(), 10, 64)
		if err != nil {
			return fluxError(err)
		}
		return flux.From[rsocket.Payload](pubFunc[rsocket.Payload](func(s sluice.Subscriber[rsocket.Payload]) {
			if n == math.MaxInt64 {
				pull.Subscribe[rsocket.Payload](s, &countSource{left: -1, p: rsocket.PayloadString("x", "")})
				return
			}
			pull.Subscribe[rsocket.Payload](s, &countSource{left: int(n), p: rsocket.PayloadString("x", "")})
		}))
	}}
	p := startPair(t, h, rsocket.SetupOptions{}, rsocket.ServerOptions{})
	// A request on a closed connection fails right after OnSubscribe.
	closed, err := rsocket.Connect(context.Background(), p.l, rsocket.SetupOptions{})
	if err != nil {
		t.Fatal(err)
	}
	_ = closed.Close()
	<-closed.Done()
	tck.VerifyPublisher(t, tck.PublisherOptions[rsocket.Payload]{
		Create: func(n int64) sluice.Publisher[rsocket.Payload] {
			return p.client.RequestStream(rsocket.PayloadString(strconv.FormatInt(n, 10), ""))
		},
		CreateFailed: func() sluice.Publisher[rsocket.Payload] {
			return closed.RequestStream(rsocket.PayloadString("x", ""))
		},
	})
}
