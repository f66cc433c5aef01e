package transporttest

import (
	"context"
	"testing"

	"github.com/sluicego/sluice"
	"github.com/sluicego/sluice/flux"
	"github.com/sluicego/sluice/rsocket"
	"github.com/sluicego/sluice/rsocket/transport"
)

// batchSubscriber requests in batches of 256, replenishing at 75%, like a
// prefetching operator.
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

// BenchStream measures request-stream throughput: one stream of b.N
// 32-byte payloads from the server to the client over l and d, with the
// client requesting 256 and replenishing 192 at a time. It reports msgs/s;
// allocs/op is then allocations per message (both ends).
func BenchStream(b *testing.B, l transport.Listener, d transport.Dialer) {
	payload := rsocket.PayloadString("0123456789abcdef0123456789abcdef", "")
	h := rsocket.Handler{RequestStream: func(context.Context, rsocket.Payload) flux.Flux[rsocket.Payload] {
		return fromSource(&counter{left: b.N, payload: &payload})
	}}
	srv := rsocket.NewServer(rsocket.ServerOptions{Acceptor: func(context.Context, rsocket.SetupInfo, rsocket.RSocket) (rsocket.Handler, error) {
		return h, nil
	}})
	served := make(chan error, 1)
	go func() { served <- srv.Serve(l) }()
	defer func() {
		_ = srv.Close()
		<-served
	}()
	c, err := rsocket.Connect(context.Background(), d, rsocket.SetupOptions{})
	if err != nil {
		b.Fatal(err)
	}
	defer func() {
		_ = c.Close()
		<-c.Done()
	}()
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
}
