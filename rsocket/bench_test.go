package rsocket_test

import (
	"context"
	"testing"

	"github.com/sluicego/sluice"
	"github.com/sluicego/sluice/flux"
	"github.com/sluicego/sluice/internal/pull"
	"github.com/sluicego/sluice/rsocket"
	"github.com/sluicego/sluice/rsocket/transport"
	"github.com/sluicego/sluice/rsocket/transport/local"
	"github.com/sluicego/sluice/rsocket/transport/tcp"
)

// countSource emits the same small payload n times.
type countSource struct {
	left int
	p    rsocket.Payload
}

func (c *countSource) Next() (rsocket.Payload, bool, error) {
	if c.left == 0 {
		return rsocket.Payload{}, false, nil
	}
	c.left--
	return c.p, true, nil
}

func (c *countSource) Exhausted() bool { return c.left == 0 }

// batchSubscriber requests in batches of 256, replenishing at 75%, like a
// prefetching operator, and signals done at the end.
type batchSubscriber struct {
	sub      sluice.Subscription
	received int
	sinceReq int
	done     chan error
}

func (b *batchSubscriber) OnSubscribe(s sluice.Subscription) { b.sub = s; s.Request(256) }
func (b *batchSubscriber) OnNext(rsocket.Payload) {
	b.received++
	if b.sinceReq++; b.sinceReq == 192 {
		b.sinceReq = 0
		b.sub.Request(192)
	}
}
func (b *batchSubscriber) OnError(err error) { b.done <- err }
func (b *batchSubscriber) OnComplete()       { b.done <- nil }

func benchStream(b *testing.B, l transport.Listener, d transport.Dialer) {
	payload := rsocket.PayloadString("0123456789abcdef0123456789abcdef", "")
	h := rsocket.Handler{RequestStream: func(context.Context, rsocket.Payload) flux.Flux[rsocket.Payload] {
		return flux.From[rsocket.Payload](pubFunc[rsocket.Payload](func(s sluice.Subscriber[rsocket.Payload]) {
			pull.Subscribe[rsocket.Payload](s, &countSource{left: b.N, p: payload})
		}))
	}}
	srv := rsocket.NewServer(rsocket.ServerOptions{Acceptor: func(context.Context, rsocket.SetupInfo, rsocket.RSocket) (rsocket.Handler, error) {
		return h, nil
	}})
	served := make(chan error, 1)
	go func() { served <- srv.Serve(l) }()
	c, err := rsocket.Connect(context.Background(), d, rsocket.SetupOptions{})
	if err != nil {
		b.Fatal(err)
	}
	sub := &batchSubscriber{done: make(chan error, 1)}
	b.ReportAllocs()
	b.SetBytes(int64(len(payload.Data)))
	b.ResetTimer()
	c.RequestStream(rsocket.PayloadString("go", "")).Subscribe(sub)
	if err := <-sub.done; err != nil {
		b.Fatal(err)
	}
	b.StopTimer()
	if sub.received != b.N {
		b.Fatalf("received %d of %d", sub.received, b.N)
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "msgs/s")
	_ = c.Close()
	<-c.Done()
	_ = srv.Close()
	<-served
}

// BenchmarkRequestStreamTCP measures one request-stream of b.N 32-byte
// payloads over TCP loopback (client and server in this process, so the
// allocations of both sides count).
func BenchmarkRequestStreamTCP(b *testing.B) {
	l, err := tcp.Listen(context.Background(), "127.0.0.1:0", tcp.Options{})
	if err != nil {
		b.Fatal(err)
	}
	benchStream(b, l, tcp.NewDialer(l.Addr().String(), tcp.Options{}))
}

// BenchmarkRequestStreamLocal is the same over the in-process transport.
func BenchmarkRequestStreamLocal(b *testing.B) {
	l := local.NewListener("bench", 0)
	benchStream(b, l, l)
}
