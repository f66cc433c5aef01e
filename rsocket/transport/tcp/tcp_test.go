package tcp_test

import (
	"context"
	"errors"
	"io"
	"net"
	"testing"

	"github.com/sluicego/sluice/rsocket/frame"
	"github.com/sluicego/sluice/rsocket/transport"
	"github.com/sluicego/sluice/rsocket/transport/tcp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.uber.org/goleak"
)

func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }

func connected(t *testing.T, opts tcp.Options) (client, server transport.Conn) {
	l, err := tcp.Listen(context.Background(), "127.0.0.1:0", opts)
	require.NoError(t, err)
	defer l.Close()
	accepted := make(chan transport.Conn, 1)
	go func() {
		c, err := l.Accept(context.Background())
		if err == nil {
			accepted <- c
		} else {
			close(accepted)
		}
	}()
	client, err = tcp.NewDialer(l.Addr().String(), opts).Dial(context.Background())
	require.NoError(t, err)
	server = <-accepted
	require.NotNil(t, server)
	t.Cleanup(func() { _ = client.Close(); _ = server.Close() })
	return client, server
}

func TestFramesRoundTripWithBatchedFlush(t *testing.T) {
	c, s := connected(t, tcp.Options{})
	for i := range 100 {
		require.NoError(t, c.WriteFrame((&frame.RequestNFrame{Stream: uint32(i + 1), RequestN: 7}).Append(nil)))
	}
	require.NoError(t, c.Flush())
	var kept [][]byte
	for i := range 100 {
		b, err := s.ReadFrame()
		require.NoError(t, err)
		kept = append(kept, b)
		f, err := frame.Parse(b)
		require.NoError(t, err)
		assert.Equal(t, uint32(i+1), f.StreamID())
	}
	// Frames handed out are never overwritten by later reads.
	for i, b := range kept {
		f, err := frame.Parse(b)
		require.NoError(t, err)
		assert.Equal(t, uint32(i+1), f.StreamID())
	}
}

func TestOversizedFrames(t *testing.T) {
	c, s := connected(t, tcp.Options{MaxFrameLength: 64})
	assert.ErrorIs(t, c.WriteFrame(make([]byte, 65)), tcp.ErrFrameTooLarge)
	assert.ErrorIs(t, c.WriteFrame(make([]byte, 3)), tcp.ErrFrameTooLarge)
	require.NoError(t, c.WriteFrame(make([]byte, 64)))
	require.NoError(t, c.Flush())
	b, err := s.ReadFrame()
	require.NoError(t, err)
	assert.Len(t, b, 64)
}

func TestAnnouncedLengthChecked(t *testing.T) {
	l, err := tcp.Listen(context.Background(), "127.0.0.1:0", tcp.Options{MaxFrameLength: 1024})
	require.NoError(t, err)
	defer l.Close()
	nc, err := net.Dial("tcp", l.Addr().String())
	require.NoError(t, err)
	defer nc.Close()
	s, err := l.Accept(context.Background())
	require.NoError(t, err)
	defer s.Close()
	_, err = nc.Write([]byte{0, 8, 0}) // 2048 bytes announced
	require.NoError(t, err)
	_, err = s.ReadFrame()
	var le *frame.LengthError
	require.ErrorAs(t, err, &le)
	assert.ErrorIs(t, err, frame.ErrMalformed)
	assert.Equal(t, 2048, le.Length)
}

func TestTruncatedFrame(t *testing.T) {
	l, err := tcp.Listen(context.Background(), "127.0.0.1:0", tcp.Options{})
	require.NoError(t, err)
	defer l.Close()
	nc, err := net.Dial("tcp", l.Addr().String())
	require.NoError(t, err)
	s, err := l.Accept(context.Background())
	require.NoError(t, err)
	defer s.Close()
	_, err = nc.Write([]byte{0, 0, 10, 1, 2, 3})
	require.NoError(t, err)
	require.NoError(t, nc.Close())
	_, err = s.ReadFrame()
	assert.ErrorIs(t, err, io.ErrUnexpectedEOF)
}

func TestListenerClose(t *testing.T) {
	l, err := tcp.Listen(context.Background(), "127.0.0.1:0", tcp.Options{})
	require.NoError(t, err)
	require.NoError(t, l.Close())
	_, err = l.Accept(context.Background())
	assert.True(t, errors.Is(err, transport.ErrClosed))
}
