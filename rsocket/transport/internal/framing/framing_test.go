package framing

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
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
func testFrame(t testing.TB, n int, seed byte) (body, wire []byte) {
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

	// A bad length prefix is "buffered" too: ReadFrame returns its error
	// without reading.
	c = newCodec(&scriptedReader{steps: []step{{b: append(append([]byte(nil), wireA...), 0, 0, 2)}}}, 0)
	_, err = c.ReadFrame()
	require.NoError(t, err)
	require.True(t, c.FrameBuffered())
	_, err = c.ReadFrame()
	require.ErrorIs(t, err, frame.ErrMalformed)
}

// A stream that ends inside a frame (in its length prefix or its body)
// gives io.ErrUnexpectedEOF, also after a read deadline in the same frame;
// one that ends between frames gives io.EOF.
// A returned frame is the caller's: it may append to it without touching
// the frames read after it, which come from the same buffer.
func TestReadFrameOwned(t *testing.T) {
	a, aWire := testFrame(t, 10, 1)
	b, bWire := testFrame(t, 10, 2)
	c := newCodec(bytes.NewReader(slices.Concat(aWire, bWire, aWire)), 0)
	first, err := c.ReadFrame()
	require.NoError(t, err)
	assert.Equal(t, len(first), cap(first))
	first = append(first, 0xff, 0xff, 0xff)
	second, err := c.ReadFrame()
	require.NoError(t, err)
	assert.Equal(t, b, second)
	third, err := c.ReadFrame()
	require.NoError(t, err)
	assert.Equal(t, a, third)
	assert.Equal(t, a, first[:len(a)])
}

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

// emptyReader returns nothing and no error, forever.
type emptyReader struct{}

func (emptyReader) Read([]byte) (int, error) { return 0, nil }

// A stream that keeps returning nothing ends the read instead of spinning.
func TestReadFrameNoProgress(t *testing.T) {
	c := newCodec(emptyReader{}, 0)
	_, err := c.ReadFrame()
	require.ErrorIs(t, err, io.ErrNoProgress)
}

// repeatReader returns data over and over.
type repeatReader struct {
	data []byte
	off  int
}

func (r *repeatReader) Read(p []byte) (int, error) {
	if r.off == len(r.data) {
		r.off = 0
	}
	n := copy(p, r.data[r.off:])
	r.off += n
	return n, nil
}

// BenchmarkReadFrameSmall reads 16-byte PAYLOAD frames arriving many to a
// read, as a request-stream's do.
func BenchmarkReadFrameSmall(b *testing.B) {
	body := make([]byte, 16)
	f := &frame.PayloadFrame{Stream: 1, Next: true, Data: body}
	one, err := frame.AppendWithLengthPrefix(nil, f)
	require.NoError(b, err)
	wire := bytes.Repeat(one, DefaultBufferSize/len(one))
	c := newCodec(&repeatReader{data: wire}, 0)
	b.ReportAllocs()
	for b.Loop() {
		got, err := c.ReadFrame()
		if err != nil || len(got) != len(one)-frame.LengthPrefixSize {
			b.Fatalf("ReadFrame: %d bytes, %v", len(got), err)
		}
	}
}

// Frames written through buffers of any size reach the stream whole and in
// order, each after its length prefix: small ones batched until Flush,
// ones larger than the free buffer at once.
func TestWriteFrameOrder(t *testing.T) {
	small, smallWire := testFrame(t, 10, 1)
	big, bigWire := testFrame(t, 100, 2)
	for _, bufSize := range []int{1, 16, 20, 64, 0} {
		t.Run(fmt.Sprintf("buffer %d", bufSize), func(t *testing.T) {
			var out bytes.Buffer
			var c Codec
			c.Init(bytes.NewReader(nil), &out, 0, 0, bufSize)
			var want []byte
			for _, f := range []struct{ body, wire []byte }{
				{small, smallWire}, {big, bigWire}, {small, smallWire}, {small, smallWire}, {big, bigWire},
			} {
				require.NoError(t, c.WriteFrame(f.body))
				want = append(want, f.wire...)
			}
			require.NoError(t, c.Flush())
			assert.Equal(t, want, out.Bytes())
			require.NoError(t, c.Flush(), "nothing left to flush")
			assert.Equal(t, len(want), out.Len())
		})
	}
}

// Batches of frames already behind their length prefix and single frames
// reach the stream in the order they were written, through buffers of
// every size: smaller than a frame, than a batch, and larger.
func TestWritePrefixedOrder(t *testing.T) {
	small, smallWire := testFrame(t, 10, 1)
	_, bigWire := testFrame(t, 100, 2)
	batch := slices.Concat(smallWire, bigWire, smallWire)
	for _, bufSize := range []int{1, 16, 40, 200, 0} {
		t.Run(fmt.Sprintf("buffer %d", bufSize), func(t *testing.T) {
			var out bytes.Buffer
			var c Codec
			c.Init(bytes.NewReader(nil), &out, 0, 0, bufSize)
			require.NoError(t, c.WriteFrame(small))
			require.NoError(t, c.WritePrefixed(batch))
			require.NoError(t, c.WritePrefixed(smallWire))
			require.NoError(t, c.WriteFrame(small))
			require.NoError(t, c.WritePrefixed(batch))
			require.NoError(t, c.Flush())
			assert.Equal(t, slices.Concat(smallWire, batch, smallWire, smallWire, batch), out.Bytes())
		})
	}
}

// A batch with a bad length prefix is refused whole with ErrFrameTooLarge,
// and what was written before it is still flushed.
func TestWritePrefixedRejects(t *testing.T) {
	_, wire := testFrame(t, 10, 1)
	prefix := func(n int) []byte { return []byte{byte(n >> 16), byte(n >> 8), byte(n)} }
	for _, tc := range []struct {
		name  string
		batch []byte
	}{
		{"prefix cut short", slices.Concat(wire, []byte{0, 0})},
		{"frame cut short", slices.Concat(wire, wire[:len(wire)-1])},
		{"frame shorter than a header", slices.Concat(wire, prefix(5), make([]byte, 5))},
		{"frame longer than the maximum", slices.Concat(wire, prefix(65), make([]byte, 65))},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var out bytes.Buffer
			var c Codec
			c.Init(bytes.NewReader(nil), &out, 64, 0, 0)
			require.NoError(t, c.WritePrefixed(wire))
			require.ErrorIs(t, c.WritePrefixed(tc.batch), ErrFrameTooLarge)
			require.NoError(t, c.Flush())
			assert.Equal(t, wire, out.Bytes())
		})
	}
}

// failingWriter accepts up to n bytes, then fails with err (nil: a short
// write).
type failingWriter struct {
	n   int
	err error
}

func (w *failingWriter) Write(p []byte) (int, error) {
	m := min(len(p), w.n)
	w.n -= m
	if m < len(p) {
		return m, w.err
	}
	return m, nil
}

// A failed or short write is reported by the call that made it and by every
// later one: nothing is written after a gap.
func TestWriteFrameErrorSticks(t *testing.T) {
	boom := errors.New("boom")
	body, _ := testFrame(t, 10, 1)
	big, _ := testFrame(t, 100, 2)
	for _, tc := range []struct {
		name  string
		w     *failingWriter
		first []byte // written before Flush
		want  error
	}{
		{"error on flush", &failingWriter{n: 5, err: boom}, body, boom},
		{"short write on flush", &failingWriter{n: 5}, body, io.ErrShortWrite},
		{"error on a large frame", &failingWriter{n: 50, err: boom}, big, boom},
		{"short large frame", &failingWriter{n: 50}, big, io.ErrShortWrite},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var c Codec
			c.Init(bytes.NewReader(nil), tc.w, 0, 0, 64)
			err := c.WriteFrame(tc.first)
			if err == nil {
				err = c.Flush()
			}
			require.ErrorIs(t, err, tc.want)
			require.ErrorIs(t, c.WriteFrame(body), tc.want)
			require.ErrorIs(t, c.Flush(), tc.want)
		})
	}
}

// BenchmarkWriteFrameSmall buffers 16-byte PAYLOAD frames and flushes them
// 64 at a time.
func BenchmarkWriteFrameSmall(b *testing.B) {
	body, _ := testFrame(b, 16, 1)
	var c Codec
	c.Init(bytes.NewReader(nil), io.Discard, 0, 0, 0)
	i := 0
	for b.Loop() {
		if err := c.WriteFrame(body); err != nil {
			b.Fatal(err)
		}
		if i++; i%64 == 0 {
			if err := c.Flush(); err != nil {
				b.Fatal(err)
			}
		}
	}
}

// BenchmarkWritePrefixedSmall writes 64 frames of 16 bytes, each behind its
// length prefix, in one call and flushes them (ns/op is per batch).
func BenchmarkWritePrefixedSmall(b *testing.B) {
	_, wire := testFrame(b, 16, 1)
	batch := bytes.Repeat(wire, 64)
	var c Codec
	c.Init(bytes.NewReader(nil), io.Discard, 0, 0, 0)
	for b.Loop() {
		if err := c.WritePrefixed(batch); err != nil {
			b.Fatal(err)
		}
		if err := c.Flush(); err != nil {
			b.Fatal(err)
		}
	}
}

// FuzzCodecReadFrame reads any bytes, arriving in any pieces with read
// deadlines expiring between and with them, through buffers of any size,
// and checks that the codec returns the frames and the final error that
// frame.ReadFrame returns reading the same bytes whole.
func FuzzCodecReadFrame(f *testing.F) {
	_, a := testFrame(f, 10, 1)
	_, b := testFrame(f, 100, 2)
	f.Add(append(append([]byte(nil), a...), b...), []byte{3, 40, 70, 1}, uint8(16))
	f.Add(append(append([]byte(nil), b...), a[:5]...), []byte{31}, uint8(0))
	f.Add([]byte{0, 0, 2, 1, 2}, []byte{}, uint8(3))
	const maxLength = 4096
	f.Fuzz(func(t *testing.T, wire, pieces []byte, bufSize uint8) {
		var want [][]byte
		var wantErr error
		r := bytes.NewReader(wire)
		for {
			b, err := frame.ReadFrame(r, nil, maxLength)
			if err != nil {
				wantErr = err
				break
			}
			want = append(want, b)
		}

		// Each piece byte: 1-32 bytes (low 5 bits), then a deadline
		// error with them (bit 5) or alone before them (bit 6).
		var steps []step
		rest := wire
		for i := 0; len(rest) > 0; i++ {
			p := byte(31)
			if len(pieces) > 0 {
				p = pieces[i%len(pieces)]
			}
			if p&64 != 0 {
				steps = append(steps, step{err: os.ErrDeadlineExceeded})
			}
			n := min(int(p&31)+1, len(rest))
			s := step{b: rest[:n]}
			if p&32 != 0 {
				s.err = os.ErrDeadlineExceeded
			}
			steps = append(steps, s)
			rest = rest[n:]
		}
		var c Codec
		c.Init(&scriptedReader{steps: steps}, io.Discard, maxLength, int(bufSize), 0)
		var got [][]byte
		for range len(steps) + len(want) + 2 {
			b, err := c.ReadFrame()
			switch {
			case err == nil:
				got = append(got, b)
				continue
			case errors.Is(err, os.ErrDeadlineExceeded):
				continue
			}
			require.Equal(t, want, got)
			switch {
			case errors.Is(wantErr, frame.ErrMalformed):
				require.ErrorIs(t, err, frame.ErrMalformed)
			default:
				require.Equal(t, wantErr, err)
			}
			return
		}
		t.Fatal("ReadFrame did not reach the end of the stream")
	})
}
