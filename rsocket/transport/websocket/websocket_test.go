package websocket_test

import (
	"context"
	"errors"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"

	ws "github.com/coder/websocket"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.uber.org/goleak"

	"github.com/sluicego/sluice/rsocket/frame"
	"github.com/sluicego/sluice/rsocket/transport"
	"github.com/sluicego/sluice/rsocket/transport/internal/transporttest"
	"github.com/sluicego/sluice/rsocket/transport/websocket"
)

func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }

// severing records the raw TCP connections of a listener so that a test can
// cut one as a vanishing peer would.
type severing struct {
	net.Listener
	mu    sync.Mutex
	conns []net.Conn
}

func (s *severing) Accept() (net.Conn, error) {
	c, err := s.Listener.Accept()
	if err == nil {
		s.mu.Lock()
		s.conns = append(s.conns, c)
		s.mu.Unlock()
	}
	return c, err
}

func (s *severing) severAll() {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, c := range s.conns {
		_ = c.Close()
	}
}

func suite(t *testing.T, useTLS bool) {
	var raw *severing
	transporttest.Run(t, transporttest.Transport{
		Listen: func(t testing.TB, max int) (transport.Listener, transport.Dialer) {
			ln, err := net.Listen("tcp", "127.0.0.1:0")
			require.NoError(t, err)
			raw = &severing{Listener: ln}
			var lopts, dopts []websocket.Option
			lopts = append(lopts, websocket.WithMaxFrameLength(max))
			if useTLS {
				srv, cli := transporttest.TLSConfigs(t)
				lopts = append(lopts, websocket.WithTLSConfig(srv))
				dopts = append(dopts, websocket.WithTLSConfig(cli))
			}
			l := websocket.NewListener(raw, "/rsocket", lopts...)
			t.Cleanup(func() { _ = l.Close() })
			return l, websocket.Dial(l.URL(), dopts...)
		},
		Sever: func(transport.Conn) { raw.severAll() },
	})
}

func TestRSocketOverWebSocket(t *testing.T) { suite(t, false) }

func TestRSocketOverSecureWebSocket(t *testing.T) { suite(t, true) }

// rawPair upgrades one connection with the handler mounted on an
// httptest server and returns both ends: ours (server) and a raw
// WebSocket client.
func rawPair(t *testing.T, opts ...websocket.Option) (transport.Conn, *ws.Conn) {
	t.Helper()
	h := websocket.NewHandler(opts...)
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	t.Cleanup(func() { _ = h.Close() })
	ctx := context.Background()
	cli, _, err := ws.Dial(ctx, srv.URL, nil)
	require.NoError(t, err)
	t.Cleanup(func() { _ = cli.CloseNow() })
	c, err := h.Accept(ctx)
	require.NoError(t, err)
	t.Cleanup(func() { _ = c.Close() })
	return c, cli
}

func TestOneFramePerBinaryMessageTextIgnored(t *testing.T) {
	c, cli := rawPair(t)
	ctx := context.Background()
	kf := (&frame.KeepaliveFrame{Respond: true, Data: []byte("x")}).Append(nil)
	require.NoError(t, cli.Write(ctx, ws.MessageText, []byte("ignored")))
	require.NoError(t, cli.Write(ctx, ws.MessageBinary, kf))
	got, err := c.ReadFrame()
	require.NoError(t, err)
	assert.Equal(t, kf, got)

	require.NoError(t, c.WriteFrame(kf))
	require.NoError(t, c.WriteFrame(kf))
	require.NoError(t, c.Flush())
	for range 2 {
		typ, msg, err := cli.Read(ctx)
		require.NoError(t, err)
		assert.Equal(t, ws.MessageBinary, typ)
		assert.Equal(t, kf, msg, "no length prefix")
	}
}

func TestMessageLengthLimits(t *testing.T) {
	for name, tc := range map[string]struct {
		size int
	}{
		"above the maximum": {size: 1025},
		"far above":         {size: 100 << 10},
		"below a header":    {size: 3},
	} {
		t.Run(name, func(t *testing.T) {
			c, cli := rawPair(t, websocket.WithMaxFrameLength(1024))
			require.NoError(t, cli.Write(context.Background(), ws.MessageBinary, make([]byte, tc.size)))
			_, err := c.ReadFrame()
			require.ErrorIs(t, err, frame.ErrMalformed)
			var le *frame.LengthError
			require.True(t, errors.As(err, &le))
			assert.Equal(t, 1024, le.Max)
		})
	}
	t.Run("write above the maximum", func(t *testing.T) {
		c, _ := rawPair(t, websocket.WithMaxFrameLength(1024))
		require.ErrorIs(t, c.WriteFrame(make([]byte, 1025)), websocket.ErrFrameTooLarge)
	})
}

func TestPeerCloseIsEOFAndCloseUnblocksRead(t *testing.T) {
	c, cli := rawPair(t)
	peer := make(chan error, 1)
	go func() {
		_, err := c.ReadFrame() // answers the close handshake
		peer <- err
	}()
	require.NoError(t, cli.Close(ws.StatusNormalClosure, "bye"))
	require.ErrorIs(t, <-peer, io.EOF)

	c2, _ := rawPair(t)
	read := make(chan error, 1)
	go func() {
		_, err := c2.ReadFrame()
		read <- err
	}()
	require.NoError(t, c2.Close())
	require.ErrorIs(t, <-read, transport.ErrClosed)
	require.NoError(t, c2.Close(), "Close is idempotent")
}

func TestHandlerClosedAnswers503(t *testing.T) {
	h := websocket.NewHandler()
	srv := httptest.NewServer(h)
	defer srv.Close()
	require.NoError(t, h.Close())
	_, resp, err := ws.Dial(context.Background(), srv.URL, nil)
	require.Error(t, err)
	require.NotNil(t, resp)
	assert.Equal(t, http.StatusServiceUnavailable, resp.StatusCode)
	_, err = h.Accept(context.Background())
	require.ErrorIs(t, err, transport.ErrClosed)
}

func TestListenerServes404ElsewhereAndAcceptHonoursContext(t *testing.T) {
	l, err := websocket.Listen(context.Background(), "127.0.0.1:0", "/rsocket")
	require.NoError(t, err)
	defer l.Close()
	resp, err := http.Get("http://" + l.Addr().String() + "/other")
	require.NoError(t, err)
	_ = resp.Body.Close()
	assert.Equal(t, http.StatusNotFound, resp.StatusCode)
	http.DefaultClient.CloseIdleConnections()

	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err = l.Accept(ctx)
	require.ErrorIs(t, err, context.Canceled)
}

func BenchmarkRequestStream(b *testing.B) {
	l, err := websocket.Listen(context.Background(), "127.0.0.1:0", "/")
	require.NoError(b, err)
	transporttest.BenchStream(b, l, websocket.Dial(l.URL()))
}
