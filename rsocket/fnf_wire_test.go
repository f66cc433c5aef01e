package rsocket_test

import (
	"bytes"
	"context"
	"sync"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/sluicego/sluice/rsocket"
	"github.com/sluicego/sluice/rsocket/frame"
)

// Concurrent FireAndForget calls put REQUEST_FNF frames on the wire with
// distinct client (odd) stream ids in increasing order, each carrying its
// payload.
func TestFireAndForgetWireIDs(t *testing.T) {
	c, peer := connectRaw(t, rsocket.SetupOptions{})
	const callers, each = 4, 50
	var wg sync.WaitGroup
	for g := range callers {
		wg.Go(func() {
			for range each {
				require.NoError(t, c.FireAndForget(context.Background(), rsocket.PayloadString("d", string(rune('a'+g)))))
			}
		})
	}
	wg.Wait()
	last := uint32(0)
	for range callers * each {
		f := peer.nextOf(frame.TypeRequestFNF).(*frame.RequestFNFFrame)
		require.Equal(t, uint32(1), f.Stream%2)
		require.Greater(t, f.Stream, last)
		last = f.Stream
		require.Equal(t, "d", string(f.Data))
		require.True(t, f.HasMetadata)
		require.Len(t, f.Metadata, 1)
	}
}

// A server gets fire-and-forget requests from a raw client whole, with
// metadata, also when they arrive in fragments (the general path behind the
// reader's fast one); a request with the server's own parity is ignored.
func TestFireAndForgetFromRawPeer(t *testing.T) {
	got := make(chan rsocket.Payload, 8)
	l := serve(t, rsocket.ServerOptions{Acceptor: func(context.Context, rsocket.SetupInfo, rsocket.RSocket) (rsocket.Handler, error) {
		return rsocket.Handler{FireAndForget: func(_ context.Context, p rsocket.Payload) { got <- p }}, nil
	}})
	p := dialRaw(t, l)
	p.send(setupFrame())
	p.send(&frame.RequestFNFFrame{Stream: 2, Data: []byte("wrong parity")})
	p.send(&frame.RequestFNFFrame{Stream: 1, Data: []byte("one"), HasMetadata: true, Metadata: []byte("m")})
	big := bytes.Repeat([]byte("x"), 300)
	p.send(&frame.RequestFNFFrame{Stream: 3, Follows: true, Data: big[:100]})
	p.send(&frame.PayloadFrame{Stream: 3, Next: true, Follows: true, Data: big[100:200]})
	p.send(&frame.PayloadFrame{Stream: 3, Next: true, Data: big[200:]})
	p.send(&frame.RequestFNFFrame{Stream: 5, Data: []byte("three")})
	want := []rsocket.Payload{
		rsocket.NewPayload([]byte("one"), []byte("m")),
		rsocket.NewPayload(big, nil),
		rsocket.NewPayload([]byte("three"), nil),
	}
	for _, w := range want {
		select {
		case g := <-got:
			require.Equal(t, w.Data, g.Data)
			require.Equal(t, w.HasMetadata, g.HasMetadata)
			require.Equal(t, string(w.Metadata), string(g.Metadata))
		case <-timeout():
			t.Fatal("fire-and-forget not handled")
		}
	}
	select {
	case g := <-got:
		t.Fatalf("unexpected request %q", g.Data)
	default:
	}
}

// A FireAndForget larger than the MTU goes out in fragments and arrives
// whole.
func TestFireAndForgetFragmented(t *testing.T) {
	got := make(chan rsocket.Payload, 1)
	h := rsocket.Handler{FireAndForget: func(_ context.Context, p rsocket.Payload) { got <- p }}
	opts := rsocket.SetupOptions{}
	opts.MTU = 64
	pr := startPair(t, h, opts, rsocket.ServerOptions{})
	data := bytes.Repeat([]byte("0123456789"), 100)
	require.NoError(t, pr.client.FireAndForget(context.Background(), rsocket.NewPayload(data, []byte("md"))))
	select {
	case g := <-got:
		require.Equal(t, data, g.Data)
		require.Equal(t, "md", string(g.Metadata))
	case <-timeout():
		t.Fatal("fragmented fire-and-forget not handled")
	}
}
