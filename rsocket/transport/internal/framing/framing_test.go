package framing

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"testing"

	"github.com/sluicego/sluice/rsocket/frame"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.uber.org/goleak"
)

func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }

// step is one answer of a scriptedReader: bytes, an error, or both at once.
type step struct {
	b   []byte
	err error
}

// scriptedReader answers Read with its steps in order, handing out at most
// len(p) bytes of a step at a time, then io.EOF.
type scriptedReader struct {
	steps []step
}

func (r *scriptedReader) Read(p []byte) (int, error) {
	if len(r.steps) == 0 {
		return 0, io.EOF
	}
	s := &r.steps[0]
	n := copy(p, s.b)
	s.b = s.b[n:]
	if len(s.b) > 0 {
		return n, nil
	}
	err := s.err
	r.steps = r.steps[1:]
	return n, err
}

// testFrame returns a PAYLOAD frame carrying n bytes that depend on seed,
// and the same frame preceded by its length prefix.
func testFrame(t *testing.T, n int, seed byte) (body, wire []byte) {
	t.Helper()
	data := make([]byte, n)
	for i := range data {
		data[i] = byte(i*7) + seed
	}
	f := &frame.PayloadFrame{Stream: 1, Next: true, Data: data}
	wire, err := frame.AppendWithLengthPrefix(nil, f)
	require.NoError(t, err)
	return wire[frame.LengthPrefixSize:], wire
}

func newCodec(r io.Reader, readBuffer int) *Codec {
	var c Codec
	c.Init(r, io.Discard, 0, readBuffer, 0)
	return &c
}

// outcome is what a sequence of ReadFrame calls returned up to the end of
// the stream.
type outcome struct {
	frames   [][]byte
	timeouts int
	last     error // the error that ended the sequence
}

// readAll calls ReadFrame until it fails with anything but a deadline
// error (at most limit times). With errorAlone (the reader never returns
// bytes and an error at once) it checks after every deadline error that the
// codec does not claim a whole frame is buffered: the failed read was needed.
func readAll(t *testing.T, c *Codec, limit int, errorAlone bool) outcome {
	t.Helper()
	var o outcome
	for range limit {
		b, err := c.ReadFrame()
		switch {
		case err == nil:
			o.frames = append(o.frames, b)
		case errors.Is(err, os.ErrDeadlineExceeded):
			o.timeouts++
			if errorAlone {
				assert.False(t, c.FrameBuffered(), "a read failed: the next frame cannot be whole")
			}
		default:
			o.last = err
			return o
		}
	}
	t.Fatalf("ReadFrame did not reach the end of the stream in %d calls", limit)
	return o
}

// A read that fails inside a frame (a read deadline) loses nothing: the
// next ReadFrame goes on with the bytes already read, wherever the failure
// falls (in the length prefix, in the frame, between frames), with small
// and large read buffers, with the error alone or together with the last
// bytes before it.
func TestReadFrameResumesAfterDeadline(t *testing.T) {
	bodyA, wireA := testFrame(t, 40, 1)
	bodyB, wireB := testFrame(t, 100, 2)
	wire := append(append([]byte(nil), wireA...), wireB...)
	for _, bufSize := range []int{16, 0} {
		for _, withData := range []bool{false, true} {
			t.Run(fmt.Sprintf("buffer %d, error with data %v", bufSize, withData), func(t *testing.T) {
				for k := 0; k < len(wire); k++ {
					var steps []step
					if withData && k > 0 {
						steps = []step{{b: wire[:k], err: os.ErrDeadlineExceeded}, {b: wire[k:]}}
					} else {
						steps = []step{{b: wire[:k]}, {err: os.ErrDeadlineExceeded}, {b: wire[k:]}}
					}
					c := newCodec(&scriptedReader{steps: steps}, bufSize)
					o := readAll(t, c, 10, !withData)
					require.Equal(t, 1, o.timeouts, "split at %d", k)
					require.Equal(t, [][]byte{bodyA, bodyB}, o.frames, "split at %d", k)
					require.ErrorIs(t, o.last, io.EOF, "split at %d", k)
					require.NotErrorIs(t, o.last, io.ErrUnexpectedEOF, "split at %d", k)
					require.Zero(t, c.Buffered(), "split at %d", k)
				}
			})
		}
	}
}

// A frame interrupted many times (here every few bytes, as a caller whose
// read deadline keeps expiring would see it) still arrives whole.
func TestReadFrameResumesAfterRepeatedDeadlines(t *testing.T) {
	body, wire := testFrame(t, 3000, 3)
	for _, chunk := range []int{1, 2, 5, 17, 1000} {
		t.Run(fmt.Sprint(chunk), func(t *testing.T) {
			var steps []step
			for i := 0; i < len(wire); i += chunk {
				steps = append(steps, step{b: wire[i:min(i+chunk, len(wire))]}, step{err: os.ErrDeadlineExceeded})
			}
			c := newCodec(&scriptedReader{steps: steps}, 16)
			o := readAll(t, c, 2*len(steps)+2, true)
			require.Len(t, o.frames, 1)
			require.True(t, bytes.Equal(body, o.frames[0]), "the frame arrived altered")
			require.GreaterOrEqual(t, o.timeouts, 1)
			require.ErrorIs(t, o.last, io.EOF)
			require.NotErrorIs(t, o.last, io.ErrUnexpectedEOF)
		})
	}
}

// Buffered counts what was read and not yet returned, including the part
// of a frame kept after a failed read; FrameBuffered says whether the next
// frame is whole in the buffer.
func TestBufferedAroundDeadline(t *testing.T) {
	bodyA, wireA := testFrame(t, 40, 4)
	bodyB, wireB := testFrame(t, 10, 5)
	for k := 1; k < len(wireB); k++ {
		// Frame A whole and k bytes of frame B arrive in one read, then
		// the deadline, then the rest of B.
		first := append(append([]byte(nil), wireA...), wireB[:k]...)
		r := &scriptedReader{steps: []step{{b: first}, {err: os.ErrDeadlineExceeded}, {b: wireB[k:]}}}
		c := newCodec(r, 0)
		require.Zero(t, c.Buffered())
		require.False(t, c.FrameBuffered())

		b, err := c.ReadFrame()
		require.NoError(t, err)
		require.Equal(t, bodyA, b)
		require.Equal(t, k, c.Buffered(), "split at %d: the bytes of B read with A", k)
		require.False(t, c.FrameBuffered(), "split at %d", k)

		_, err = c.ReadFrame()
		require.ErrorIs(t, err, os.ErrDeadlineExceeded, "split at %d", k)
		require.Equal(t, k, c.Buffered(), "split at %d: B's bytes are kept after the failed read", k)
		require.False(t, c.FrameBuffered(), "split at %d", k)

		b, err = c.ReadFrame()
		require.NoError(t, err, "split at %d", k)
		require.Equal(t, bodyB, b, "split at %d", k)
		require.Zero(t, c.Buffered(), "split at %d", k)
		require.False(t, c.FrameBuffered(), "split at %d", k)
	}

	// Two whole frames in one read: the second is buffered once the first
	// is returned.
	c := newCodec(&scriptedReader{steps: []step{{b: append(append([]byte(nil), wireA...), wireB...)}}}, 0)
	b, err := c.ReadFrame()
	require.NoError(t, err)
	require.Equal(t, bodyA, b)
	require.True(t, c.FrameBuffered())
	require.Equal(t, len(wireB), c.Buffered())
	b, err = c.ReadFrame()
	require.NoError(t, err)
	require.Equal(t, bodyB, b)
	require.False(t, c.FrameBuffered())
	require.Zero(t, c.Buffered())
}

// A stream that ends inside a frame (in its length prefix or its body)
// gives io.ErrUnexpectedEOF, also after a read deadline in the same frame;
// one that ends between frames gives io.EOF.
func TestReadFrameEOF(t *testing.T) {
	body, wire := testFrame(t, 64, 6)
	for _, bufSize := range []int{16, 0} {
		for k := 0; k <= len(wire); k++ {
			c := newCodec(&scriptedReader{steps: []step{{b: wire[:k]}}}, bufSize)
			b, err := c.ReadFrame()
			switch k {
			case 0:
				require.ErrorIs(t, err, io.EOF)
				require.NotErrorIs(t, err, io.ErrUnexpectedEOF)
			case len(wire):
				require.NoError(t, err)
				require.Equal(t, body, b)
				_, err = c.ReadFrame()
				require.ErrorIs(t, err, io.EOF)
				require.NotErrorIs(t, err, io.ErrUnexpectedEOF)
			default:
				require.ErrorIs(t, err, io.ErrUnexpectedEOF, "buffer %d, end at %d", bufSize, k)
			}
		}
	}
	// The end comes after a deadline inside the frame.
	for k := 1; k < len(wire); k++ {
		c := newCodec(&scriptedReader{steps: []step{{b: wire[:k]}, {err: os.ErrDeadlineExceeded}}}, 16)
		_, err := c.ReadFrame()
		require.ErrorIs(t, err, os.ErrDeadlineExceeded, "end at %d", k)
		_, err = c.ReadFrame()
		require.ErrorIs(t, err, io.ErrUnexpectedEOF, "end at %d", k)
	}
}
