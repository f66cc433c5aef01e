// Package framing reads and writes RSocket frames on a byte stream (a TCP
// connection, a QUIC stream): every frame is preceded by its 24-bit
// big-endian length, reads and writes go through buffers, received frames
// are carved from a slab, and writes are flushed only when asked, so that a
// batch of frames costs one system call.
package framing

import (
	"bufio"
	"errors"
	"fmt"
	"io"

	"github.com/sluicego/sluice/rsocket/frame"
	"github.com/sluicego/sluice/rsocket/internal/slab"
)

// DefaultBufferSize is the size of the read and write buffers when none is
// configured.
const DefaultBufferSize = 64 << 10

// ErrFrameTooLarge is returned by WriteFrame for a frame outside
// frame.HeaderLength..max. The transports re-export it.
var ErrFrameTooLarge = errors.New("rsocket/transport: frame exceeds the maximum frame length")

// MaxFrameLength clamps a configured maximum frame length: 0, negative or
// above frame.MaxFrameLength mean frame.MaxFrameLength.
func MaxFrameLength(n int) int {
	if n <= 0 || n > frame.MaxFrameLength {
		return frame.MaxFrameLength
	}
	return n
}

// BufferSize returns n, or DefaultBufferSize when n <= 0.
func BufferSize(n int) int {
	if n <= 0 {
		return DefaultBufferSize
	}
	return n
}

// CheckWrite reports ErrFrameTooLarge for a frame of len(b) bytes that may
// not be sent under the limit max.
func CheckWrite(b []byte, max int) error {
	if len(b) > max || len(b) < frame.HeaderLength {
		return fmt.Errorf("%w: %d bytes (max %d)", ErrFrameTooLarge, len(b), max)
	}
	return nil
}

// Codec moves length-prefixed frames over a byte stream. ReadFrame must be
// called by one goroutine at a time, WriteFrame and Flush by one goroutine
// at a time (possibly another one).
type Codec struct {
	r     *bufio.Reader
	w     *bufio.Writer
	max   int
	alloc slab.Allocator
	part  []byte // the frame being read, when a read failed inside it
	partN int    // bytes of part read
}

// Init sets c up over r and w with the given maximum frame length and
// buffer sizes (see MaxFrameLength and BufferSize for the defaults).
func (c *Codec) Init(r io.Reader, w io.Writer, maxFrameLength, readBufferSize, writeBufferSize int) {
	c.r = bufio.NewReaderSize(r, BufferSize(readBufferSize))
	c.w = bufio.NewWriterSize(w, BufferSize(writeBufferSize))
	c.max = MaxFrameLength(maxFrameLength)
}

// ReadFrame reads one length-prefixed frame. The slice is owned by the
// caller. An announced length outside 6..max gives a *frame.LengthError
// (it matches frame.ErrMalformed); a stream that ends inside a frame gives
// io.ErrUnexpectedEOF, and one that ends between frames io.EOF. A read that
// fails otherwise (a read deadline) keeps what it read of the frame: the
// next ReadFrame goes on with it.
func (c *Codec) ReadFrame() ([]byte, error) {
	if c.part == nil {
		prefix, err := c.r.Peek(frame.LengthPrefixSize)
		if err != nil {
			if len(prefix) > 0 && errors.Is(err, io.EOF) {
				return nil, io.ErrUnexpectedEOF
			}
			return nil, err
		}
		n, err := frame.ReadLengthPrefix(prefix, c.max)
		if err != nil {
			return nil, err
		}
		_, _ = c.r.Discard(frame.LengthPrefixSize)
		c.part, c.partN = c.alloc.Get(n), 0
	}
	for c.partN < len(c.part) {
		m, err := c.r.Read(c.part[c.partN:])
		c.partN += m
		if err != nil {
			if errors.Is(err, io.EOF) {
				c.part = nil
				return nil, io.ErrUnexpectedEOF
			}
			return nil, err
		}
	}
	b := c.part
	c.part = nil
	return b, nil
}

// Buffered returns the number of bytes read from the stream and not yet
// returned by ReadFrame.
func (c *Codec) Buffered() int {
	if c.part != nil {
		return c.r.Buffered() + frame.LengthPrefixSize + c.partN
	}
	return c.r.Buffered()
}

// FrameBuffered reports whether a whole frame is buffered, so that the next
// ReadFrame returns without reading from the stream.
func (c *Codec) FrameBuffered() bool {
	n := c.r.Buffered()
	if c.part != nil {
		return n >= len(c.part)-c.partN
	}
	if n < frame.LengthPrefixSize {
		return false
	}
	p, _ := c.r.Peek(frame.LengthPrefixSize)
	return n-frame.LengthPrefixSize >= int(p[0])<<16|int(p[1])<<8|int(p[2])
}

// WriteFrame buffers the length prefix and the frame.
func (c *Codec) WriteFrame(b []byte) error {
	if err := CheckWrite(b, c.max); err != nil {
		return err
	}
	n := len(b)
	if c.w.Available() < frame.LengthPrefixSize {
		if err := c.w.Flush(); err != nil {
			return err
		}
	}
	_ = c.w.WriteByte(byte(n >> 16))
	_ = c.w.WriteByte(byte(n >> 8))
	_ = c.w.WriteByte(byte(n))
	_, err := c.w.Write(b)
	return err
}

// Flush writes the buffered frames to the stream.
func (c *Codec) Flush() error { return c.w.Flush() }
