package quic_test

import (
	"context"
	"errors"
	"io"
	"testing"

	quicgo "github.com/quic-go/quic-go"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.uber.org/goleak"

	"github.com/sluicego/sluice/rsocket/frame"
	"github.com/sluicego/sluice/rsocket/transport"
	"github.com/sluicego/sluice/rsocket/transport/internal/transporttest"
	"github.com/sluicego/sluice/rsocket/transport/quic"
)

func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }

func listen(t testing.TB, opts ...quic.Option) (*quic.Listener, *quic.Dialer) {
	t.Helper()
	srv, cli := transporttest.TLSConfigs(t)
	l, err := quic.Listen(context.Background(), "127.0.0.1:0", srv, opts...)
	require.NoError(t, err)
	t.Cleanup(func() { _ = l.Close() })
	return l, quic.Dial(l.Addr().String(), cli, opts...)
}

func TestRSocketOverQUIC(t *testing.T) {
	transporttest.Run(t, transporttest.Transport{
		Listen: func(t testing.TB, max int) (transport.Listener, transport.Dialer) {
			srv, cli := transporttest.TLSConfigs(t)
			l, err := quic.Listen(context.Background(), "127.0.0.1:0", srv, quic.WithMaxFrameLength(max))
			require.NoError(t, err)
			t.Cleanup(func() { _ = l.Close() })
			return l, quic.Dial(l.Addr().String(), cli)
		},
		Sever: func(c transport.Conn) {
			_ = c.(*quic.Conn).QUICConn().CloseWithError(1, "vanished")
		},
	})
}

func TestFramesALPNAndClose(t *testing.T) {
	l, d := listen(t, quic.WithMaxFrameLength(1024))
	ctx := context.Background()
	cc, err := d.Dial(ctx)
	require.NoError(t, err)
	defer cc.Close()
	kf := (&frame.KeepaliveFrame{Respond: true, Data: []byte("x")}).Append(nil)
	require.NoError(t, cc.WriteFrame(kf))
	require.NoError(t, cc.WriteFrame(kf))
	require.NoError(t, cc.Flush())
	sc, err := l.Accept(ctx)
	require.NoError(t, err)
	defer sc.Close()
	for range 2 {
		got, err := sc.ReadFrame()
		require.NoError(t, err)
		assert.Equal(t, kf, got)
	}
	assert.Equal(t, quic.ALPN, cc.(*quic.Conn).QUICConn().ConnectionState().TLS.NegotiatedProtocol)
	assert.Equal(t, "udp", sc.RemoteAddr().Network())
	require.ErrorIs(t, cc.WriteFrame(make([]byte, 1025)), quic.ErrFrameTooLarge)

	// The client's Close delivers what was flushed, then the end of the
	// stream; the server's Close then closes the connection.
	require.NoError(t, cc.WriteFrame(kf))
	require.NoError(t, cc.Flush())
	closed := make(chan error, 1)
	go func() { closed <- cc.Close() }()
	got, err := sc.ReadFrame()
	require.NoError(t, err)
	assert.Equal(t, kf, got)
	_, err = sc.ReadFrame()
	require.ErrorIs(t, err, io.EOF)
	require.NoError(t, sc.Close())
	require.NoError(t, <-closed)
}

func TestAnnouncedLengthAboveMaximum(t *testing.T) {
	srv, cli := transporttest.TLSConfigs(t)
	l, err := quic.Listen(context.Background(), "127.0.0.1:0", srv, quic.WithMaxFrameLength(1024))
	require.NoError(t, err)
	defer l.Close()
	ctx := context.Background()
	cli.NextProtos = []string{quic.ALPNShort} // the server accepts both ALPNs
	qc, err := quicgo.DialAddr(ctx, l.Addr().String(), cli, nil)
	require.NoError(t, err)
	defer qc.CloseWithError(0, "")
	s, err := qc.OpenStreamSync(ctx)
	require.NoError(t, err)
	_, err = s.Write([]byte{0, 4, 1, 0, 0, 0, 0, 0}) // announces 1025 bytes
	require.NoError(t, err)
	sc, err := l.Accept(ctx)
	require.NoError(t, err)
	defer sc.Close()
	_, err = sc.ReadFrame()
	require.ErrorIs(t, err, frame.ErrMalformed)
	var le *frame.LengthError
	require.True(t, errors.As(err, &le))
	assert.Equal(t, 1025, le.Length)
}

func TestTLSConfigRequired(t *testing.T) {
	_, err := quic.Listen(context.Background(), "127.0.0.1:0", nil)
	require.Error(t, err)
	_, err = quic.Dial("127.0.0.1:1", nil).Dial(context.Background())
	require.Error(t, err)
}

func BenchmarkRequestStream(b *testing.B) {
	l, d := listen(b)
	transporttest.BenchStream(b, l, d)
}
