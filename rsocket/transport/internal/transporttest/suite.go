package transporttest

import (
	"bytes"
	"context"
	"errors"
	"sync/atomic"
	"testing"
	"time"

	"github.com/sluicego/sluice"
	"github.com/sluicego/sluice/flux"
	"github.com/sluicego/sluice/rsocket"
	"github.com/sluicego/sluice/rsocket/frame"
	"github.com/sluicego/sluice/rsocket/transport"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Transport tells the suite how to reach one transport.
type Transport struct {
	// Listen starts a listener on 127.0.0.1 whose connections accept frames
	// of at most maxFrameLength bytes (0: the protocol maximum) and returns
	// it with a dialer to it. The suite closes the listener.
	Listen func(t testing.TB, maxFrameLength int) (transport.Listener, transport.Dialer)
	// Sever ends a server-side connection abruptly, as a peer that vanishes
	// (nil: Close).
	Sever func(c transport.Conn)
}

// capture records the connections a listener hands out.
type capture struct {
	transport.Listener
	conns chan transport.Conn
}

func (c *capture) Accept(ctx context.Context) (transport.Conn, error) {
	t, err := c.Listener.Accept(ctx)
	if err == nil {
		select {
		case c.conns <- t:
		default:
		}
	}
	return t, err
}

type pair struct {
	server   *rsocket.Server
	client   *rsocket.Conn
	accepted chan transport.Conn
}

func start(t *testing.T, tr Transport, h rsocket.Handler, maxFrameLength int, co rsocket.SetupOptions, so rsocket.ServerOptions) *pair {
	t.Helper()
	l, d := tr.Listen(t, maxFrameLength)
	so.Acceptor = func(context.Context, rsocket.SetupInfo, rsocket.RSocket) (rsocket.Handler, error) { return h, nil }
	p := &pair{server: rsocket.NewServer(so), accepted: make(chan transport.Conn, 1)}
	served := make(chan error, 1)
	go func() { served <- p.server.Serve(&capture{Listener: l, conns: p.accepted}) }()
	c, err := rsocket.Connect(context.Background(), d, co)
	if err != nil {
		_ = p.server.Close()
		<-served
		require.NoError(t, err)
	}
	p.client = c
	t.Cleanup(func() {
		_ = c.Close()
		<-c.Done()
		require.NoError(t, p.server.Close())
		require.ErrorIs(t, <-served, rsocket.ErrServerClosed)
	})
	return p
}

// Run runs the suite over tr.
func Run(t *testing.T, tr Transport) {
	t.Run("request-response", func(t *testing.T) { testRequestResponse(t, tr) })
	t.Run("request-stream demand", func(t *testing.T) { testStreamDemand(t, tr) })
	t.Run("request-channel", func(t *testing.T) { testChannel(t, tr) })
	t.Run("fragmented payload", func(t *testing.T) { testFragmented(t, tr) })
	t.Run("largest frame", func(t *testing.T) { testLargestFrame(t, tr) })
	t.Run("oversized frame rejected", func(t *testing.T) { testOversized(t, tr) })
	t.Run("peer vanishes mid-stream", func(t *testing.T) { testVanish(t, tr) })
	t.Run("graceful shutdown", func(t *testing.T) { testShutdown(t, tr) })
	t.Run("accept after close", func(t *testing.T) { testAcceptAfterClose(t, tr) })
}

func testRequestResponse(t *testing.T, tr Transport) {
	p := start(t, tr, rsocket.Handler{RequestResponse: echo}, 0, rsocket.SetupOptions{}, rsocket.ServerOptions{})
	for _, q := range []string{"a", "", "hello"} {
		r := newRecorder(1)
		p.client.RequestResponse(rsocket.PayloadString(q, "md")).Subscribe(r)
		require.NoError(t, r.wait(t))
		assert.Equal(t, []string{q}, r.data())
	}
}

func testStreamDemand(t *testing.T, tr Transport) {
	var produced atomic.Int64
	ended := make(chan struct{})
	h := rsocket.Handler{RequestStream: func(ctx context.Context, _ rsocket.Payload) flux.Flux[rsocket.Payload] {
		context.AfterFunc(ctx, func() { close(ended) })
		return fromSource(&counter{left: -1, produced: &produced})
	}}
	p := start(t, tr, h, 0, rsocket.SetupOptions{}, rsocket.ServerOptions{})
	r := newRecorder(2)
	r.onNext = func(r *recorder, _ rsocket.Payload) {
		switch r.count() {
		case 2:
			r.subscription().Request(3)
		case 5:
			r.subscription().Cancel()
		}
	}
	p.client.RequestStream(rsocket.PayloadString("go", "")).Subscribe(r)
	select {
	case <-ended:
	case <-timeAfter():
		t.Fatal("the responder's stream did not end after CANCEL")
	}
	assert.Equal(t, int64(5), produced.Load(), "the responder produced exactly the demand")
	assert.Equal(t, []string{"0", "1", "2", "3", "4"}, r.data())
}

func testChannel(t *testing.T, tr Transport) {
	h := rsocket.Handler{RequestChannel: func(_ context.Context, _ rsocket.Payload, in flux.Flux[rsocket.Payload]) flux.Flux[rsocket.Payload] {
		return flux.Map(in, func(p rsocket.Payload) rsocket.Payload { return rsocket.PayloadString("in:"+p.DataString(), "") })
	}}
	p := start(t, tr, h, 0, rsocket.SetupOptions{}, rsocket.ServerOptions{})
	r := newRecorder(1)
	r.onNext = func(r *recorder, _ rsocket.Payload) { r.subscription().Request(1) }
	p.client.RequestChannel(fromSource(&counter{left: 4})).Subscribe(r)
	require.NoError(t, r.wait(t))
	assert.Equal(t, []string{"in:0", "in:1", "in:2", "in:3"}, r.data())
}

func pattern(n int) []byte {
	b := make([]byte, n)
	for i := range b {
		b[i] = byte(i*7 + i>>8)
	}
	return b
}

func testFragmented(t *testing.T, tr Transport) {
	mtu := rsocket.ConnectionOptions{MTU: 1024}
	p := start(t, tr, rsocket.Handler{RequestResponse: echo}, 0,
		rsocket.SetupOptions{ConnectionOptions: mtu}, rsocket.ServerOptions{ConnectionOptions: mtu})
	data := pattern(300 << 10)
	r := newRecorder(1)
	p.client.RequestResponse(rsocket.NewPayload(data, nil)).Subscribe(r)
	require.NoError(t, r.wait(t))
	require.Len(t, r.items, 1)
	assert.True(t, bytes.Equal(data, r.items[0].Data), "the payload survived fragmentation both ways")
}

func testLargestFrame(t *testing.T, tr Transport) {
	p := start(t, tr, rsocket.Handler{RequestResponse: echo}, 0, rsocket.SetupOptions{}, rsocket.ServerOptions{})
	// A REQUEST_RESPONSE (and the PAYLOAD answering it) without metadata is
	// the 6-byte header and the data: exactly the maximum frame length.
	data := pattern(frame.MaxFrameLength - frame.HeaderLength)
	r := newRecorder(1)
	p.client.RequestResponse(rsocket.NewPayload(data, nil)).Subscribe(r)
	require.NoError(t, r.wait(t))
	require.Len(t, r.items, 1)
	assert.True(t, bytes.Equal(data, r.items[0].Data))
}

func testOversized(t *testing.T, tr Transport) {
	// The server accepts frames up to 1 KiB; the client does not fragment.
	p := start(t, tr, rsocket.Handler{RequestResponse: echo}, 1024, rsocket.SetupOptions{}, rsocket.ServerOptions{})
	r := newRecorder(1)
	p.client.RequestResponse(rsocket.NewPayload(pattern(4096), nil)).Subscribe(r)
	err := r.wait(t)
	require.ErrorIs(t, err, rsocket.ErrConnectionClosed)
	require.ErrorIs(t, err, rsocket.ErrConnectionError, "the server answered ERROR[CONNECTION_ERROR]")
}

func testVanish(t *testing.T, tr Transport) {
	h := rsocket.Handler{RequestStream: func(context.Context, rsocket.Payload) flux.Flux[rsocket.Payload] {
		return fromSource(&counter{left: -1})
	}}
	p := start(t, tr, h, 0, rsocket.SetupOptions{}, rsocket.ServerOptions{})
	var server transport.Conn
	select {
	case server = <-p.accepted:
	case <-timeAfter():
		t.Fatal("no server connection")
	}
	r := newRecorder(1)
	r.onNext = func(r *recorder, _ rsocket.Payload) { r.subscription().Request(1) }
	p.client.RequestStream(rsocket.PayloadString("go", "")).Subscribe(r)
	r.waitNext(t)
	if tr.Sever != nil {
		tr.Sever(server)
	} else {
		_ = server.Close()
	}
	err := r.wait(t)
	require.ErrorIs(t, err, rsocket.ErrConnectionClosed)
	select {
	case <-p.client.Done():
	case <-timeAfter():
		t.Fatal("the client connection did not end")
	}
}

func testShutdown(t *testing.T, tr Transport) {
	gate := make(chan struct{})
	started := make(chan struct{}, 1)
	h := rsocket.Handler{
		RequestResponse: echo,
		RequestStream: func(context.Context, rsocket.Payload) flux.Flux[rsocket.Payload] {
			started <- struct{}{}
			return fromSource(&counter{left: 3, gate: gate})
		},
	}
	p := start(t, tr, h, 0, rsocket.SetupOptions{}, rsocket.ServerOptions{})
	r := newRecorder(sluice.Unbounded)
	p.client.RequestStream(rsocket.PayloadString("go", "")).Subscribe(r)
	select {
	case <-started:
	case <-timeAfter():
		t.Fatal("the stream did not start")
	}
	shut := make(chan error, 1)
	go func() {
		ctx, cancel := context.WithTimeout(context.Background(), WaitFor)
		defer cancel()
		shut <- p.server.Shutdown(ctx)
	}()
	// New requests are refused once the server drains.
	require.Eventually(t, func() bool {
		rr := newRecorder(1)
		p.client.RequestResponse(rsocket.PayloadString("late", "")).Subscribe(rr)
		return errors.Is(rr.wait(t), rsocket.ErrRejected)
	}, WaitFor, 10*time.Millisecond)
	close(gate)
	require.NoError(t, r.wait(t), "the stream in flight finished")
	assert.Equal(t, []string{"0", "1", "2"}, r.data())
	select {
	case err := <-shut:
		require.NoError(t, err)
	case <-timeAfter():
		t.Fatal("Shutdown did not return")
	}
	select {
	case <-p.client.Done():
	case <-timeAfter():
		t.Fatal("the client connection did not end")
	}
}

func testAcceptAfterClose(t *testing.T, tr Transport) {
	l, _ := tr.Listen(t, 0)
	require.NoError(t, l.Close())
	_, err := l.Accept(context.Background())
	require.ErrorIs(t, err, transport.ErrClosed)
}
