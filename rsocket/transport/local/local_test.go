package local_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"testing"

	"github.com/sluicego/sluice/rsocket/transport"
	"github.com/sluicego/sluice/rsocket/transport/local"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.uber.org/goleak"
)

func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }

func TestPairMovesFramesAndCopies(t *testing.T) {
	a, b := local.Pair(4)
	buf := []byte("frame-1")
	require.NoError(t, a.WriteFrame(buf))
	copy(buf, "XXXXXXX") // the writer may reuse its buffer
	require.NoError(t, a.Flush())
	got, err := b.ReadFrame()
	require.NoError(t, err)
	assert.Equal(t, "frame-1", string(got))
	require.NoError(t, b.WriteFrame([]byte("back")))
	require.NoError(t, b.Flush())
	got, err = a.ReadFrame()
	require.NoError(t, err)
	assert.Equal(t, "back", string(got))
	assert.Equal(t, "local-a", a.LocalAddr().String())
	assert.Equal(t, "local-a", b.RemoteAddr().String())
	require.NoError(t, a.Close())
}

func TestCloseDeliversQueuedFramesThenEOF(t *testing.T) {
	a, b := local.Pair(4)
	require.NoError(t, a.WriteFrame([]byte("last words")))
	require.NoError(t, a.Flush())
	require.NoError(t, a.WriteFrame([]byte("not flushed")))
	require.NoError(t, a.Close())
	got, err := b.ReadFrame()
	require.NoError(t, err)
	assert.Equal(t, "last words", string(got))
	_, err = b.ReadFrame()
	assert.ErrorIs(t, err, io.EOF)
	assert.ErrorIs(t, b.WriteFrame([]byte("x")), transport.ErrClosed)
}

func TestFullBufferBlocksUntilClose(t *testing.T) {
	a, b := local.Pair(1)
	require.NoError(t, a.WriteFrame([]byte("1")))
	blocked := make(chan error)
	go func() { blocked <- a.WriteFrame([]byte("2")) }()
	// The second write can only finish once the reader makes room.
	got, err := b.ReadFrame()
	require.NoError(t, err)
	assert.Equal(t, "1", string(got))
	require.NoError(t, <-blocked)
	// The buffer holds "2" again: the next write blocks until the pair closes.
	go func() { blocked <- a.WriteFrame([]byte("3")) }()
	require.NoError(t, b.Close())
	assert.ErrorIs(t, <-blocked, transport.ErrClosed)
}

func TestListener(t *testing.T) {
	l := local.NewListener("srv", 0)
	accepted := make(chan transport.Conn, 1)
	go func() {
		c, err := l.Accept(context.Background())
		if err == nil {
			accepted <- c
		}
	}()
	c, err := l.Dial(context.Background())
	require.NoError(t, err)
	s := <-accepted
	require.NoError(t, c.WriteFrame([]byte("hello")))
	require.NoError(t, c.Flush())
	got, err := s.ReadFrame()
	require.NoError(t, err)
	assert.Equal(t, "hello", string(got))
	assert.Equal(t, "srv", l.Addr().String())
	require.NoError(t, l.Close())
	_, err = l.Dial(context.Background())
	assert.True(t, errors.Is(err, transport.ErrClosed))
	_, err = l.Accept(context.Background())
	assert.True(t, errors.Is(err, transport.ErrClosed))
	require.NoError(t, c.Close())
}

func ExamplePair() {
	a, b := local.Pair(0)
	_ = a.WriteFrame([]byte{0, 0, 0, 1, 0x24, 0}) // CANCEL on stream 1
	_ = a.Flush()
	f, _ := b.ReadFrame()
	_ = a.Close()
	fmt.Printf("% x\n", f)
	// Output: 00 00 00 01 24 00
}

// Written frames reach the peer at Flush, all at once.
func TestFramesArriveAtFlush(t *testing.T) {
	a, b := local.Pair(8)
	for _, f := range []string{"1", "2", "3"} {
		require.NoError(t, a.WriteFrame([]byte(f)))
	}
	assert.False(t, b.FrameBuffered())
	assert.Zero(t, b.Buffered())
	require.NoError(t, a.Flush())
	assert.True(t, b.FrameBuffered())
	assert.Equal(t, 3, b.Buffered())
	for _, want := range []string{"1", "2", "3"} {
		got, err := b.ReadFrame()
		require.NoError(t, err)
		assert.Equal(t, want, string(got))
	}
	assert.Zero(t, b.Buffered())
	require.NoError(t, a.Close())
}

// A writer far ahead of its reader, flushing batches of every size, is
// held to the capacity and loses nothing: the reader gets every frame, in
// order, and never holds more than the capacity unread.
func TestBackpressureKeepsOrder(t *testing.T) {
	const capacity, frames = 16, 5000
	a, b := local.Pair(capacity)
	writeErr := make(chan error, 1)
	go func() {
		for i := range frames {
			if err := a.WriteFrame([]byte(fmt.Sprint(i))); err != nil {
				writeErr <- err
				return
			}
			if i%(i%37+1) == 0 {
				if err := a.Flush(); err != nil {
					writeErr <- err
					return
				}
			}
		}
		writeErr <- a.Flush()
	}()
	for i := range frames {
		assert.LessOrEqual(t, b.Buffered(), capacity)
		got, err := b.ReadFrame()
		require.NoError(t, err)
		require.Equal(t, fmt.Sprint(i), string(got))
	}
	require.NoError(t, <-writeErr)
	require.NoError(t, a.Close())
}
