// Package framing reads and writes RSocket frames on a byte stream (a TCP
// connection, a QUIC stream): every frame is preceded by its 24-bit
// big-endian length, reads and writes go through buffers, received frames
// are returned where they were read, and writes are flushed only when
// asked, so that a batch of frames costs one system call.
package framing

import (
	"errors"
	"fmt"
	"io"
	"net"

	"github.com/sluicego/sluice/rsocket/frame"
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
	// The buffers are handled here rather than by bufio, so that a frame
	// already buffered whole costs one bounds check and no copy.
	rd    io.Reader
	rbuf  []byte
	rpos  int   // start of the bytes read and not yet returned
	rend  int   // end of the bytes read
	rerr  error // the last read's error, returned once the bytes before it are used
	empty int   // reads in a row that returned nothing
	wr    io.Writer
	wbuf  []byte
	wn    int   // bytes buffered in wbuf
	werr  error // the first write error
	max   int
	part  []byte // a frame larger than rbuf, being read
	partN int    // bytes of part read
}

// Init sets c up over r and w with the given maximum frame length and
// buffer sizes (see MaxFrameLength and BufferSize for the defaults).
func (c *Codec) Init(r io.Reader, w io.Writer, maxFrameLength, readBufferSize, writeBufferSize int) {
	c.rd = r
	c.rbuf = make([]byte, max(BufferSize(readBufferSize), frame.LengthPrefixSize))
	c.wr = w
	c.wbuf = make([]byte, max(BufferSize(writeBufferSize), frame.LengthPrefixSize))
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
		if c.rend-c.rpos < frame.LengthPrefixSize {
			if err := c.fill(frame.LengthPrefixSize); err != nil {
				return nil, c.fillFailed(err)
			}
		}
		n, err := frame.ReadLengthPrefix(c.rbuf[c.rpos:c.rend], c.max)
		if err != nil {
			return nil, err
		}
		if k := frame.LengthPrefixSize + n; k <= len(c.rbuf) {
			// The frame is returned where it was read: the buffer
			// is never written there again (see fill).
			if c.rend-c.rpos < k {
				if err := c.fill(k); err != nil {
					return nil, c.fillFailed(err)
				}
			}
			start := c.rpos + frame.LengthPrefixSize
			c.rpos += k
			return c.rbuf[start:c.rpos:c.rpos], nil
		}
		// Larger than the buffer: read into a slice of its own.
		c.rpos += frame.LengthPrefixSize
		c.part, c.partN = make([]byte, n), 0
	}
	for c.partN < len(c.part) {
		if c.rpos < c.rend {
			m := copy(c.part[c.partN:], c.rbuf[c.rpos:c.rend])
			c.rpos += m
			c.partN += m
			continue
		}
		if err := c.readErr(); err != nil {
			return nil, c.partFailed(err)
		}
		m, err := c.rd.Read(c.part[c.partN:])
		c.partN += m
		c.noteRead(m, err)
	}
	b := c.part
	c.part = nil
	return b, nil
}

// fillFailed is ReadFrame's error when fill failed: a stream that ended
// inside a frame gives io.ErrUnexpectedEOF.
func (c *Codec) fillFailed(err error) error {
	if c.rend > c.rpos && errors.Is(err, io.EOF) {
		return io.ErrUnexpectedEOF
	}
	return err
}

// maxEmptyReads is how many reads in a row may return nothing and no error
// before ReadFrame gives up with io.ErrNoProgress.
const maxEmptyReads = 100

// partFailed is ReadFrame's error when the stream failed inside a frame:
// at its end the frame is lost (io.ErrUnexpectedEOF); otherwise what was
// read of it is kept for the next call.
func (c *Codec) partFailed(err error) error {
	if errors.Is(err, io.EOF) {
		c.part = nil
		return io.ErrUnexpectedEOF
	}
	return err
}

// noteRead records a read's error for readErr, or io.ErrNoProgress after
// maxEmptyReads reads in a row that returned nothing.
func (c *Codec) noteRead(m int, err error) {
	switch {
	case err != nil:
		c.rerr = err
	case m == 0:
		if c.empty++; c.empty >= maxEmptyReads {
			c.rerr = io.ErrNoProgress
		}
	default:
		c.empty = 0
	}
}

// readErr returns and clears the error of the last read.
func (c *Codec) readErr() error {
	err := c.rerr
	c.rerr = nil
	return err
}

// fill reads until at least k bytes are buffered (k is at most the
// buffer's size); it returns the read's error otherwise, keeping what it
// read. The frames returned alias the buffer, so it only ever reads past
// what it read before: when too little room is left for k bytes, or for a
// read worth a system call, it moves what is left unreturned to a new
// buffer.
func (c *Codec) fill(k int) error {
	if room := len(c.rbuf) - c.rend; room < k-(c.rend-c.rpos) || room < len(c.rbuf)/minReadFraction {
		b := make([]byte, len(c.rbuf))
		c.rend = copy(b, c.rbuf[c.rpos:c.rend])
		c.rbuf, c.rpos = b, 0
	}
	for c.rend-c.rpos < k {
		if err := c.readErr(); err != nil {
			return err
		}
		m, err := c.rd.Read(c.rbuf[c.rend:])
		c.rend += m
		c.noteRead(m, err)
	}
	return nil
}

// minReadFraction: fill moves to a new buffer rather than read into less
// than this fraction of one.
const minReadFraction = 16

// Buffered returns the number of bytes read from the stream and not yet
// returned by ReadFrame.
func (c *Codec) Buffered() int {
	if c.part != nil {
		return c.rend - c.rpos + frame.LengthPrefixSize + c.partN
	}
	return c.rend - c.rpos
}

// FrameBuffered reports whether a whole frame is buffered, so that the next
// ReadFrame returns without reading from the stream.
func (c *Codec) FrameBuffered() bool {
	n := c.rend - c.rpos
	if c.part != nil {
		return n >= len(c.part)-c.partN
	}
	if n < frame.LengthPrefixSize {
		return false
	}
	// A bad length is returned as an error without reading, too.
	k, err := frame.ReadLengthPrefix(c.rbuf[c.rpos:c.rend], c.max)
	return err != nil || n-frame.LengthPrefixSize >= k
}

// WriteFrame buffers the length prefix and the frame, after writing what
// is buffered if the frame does not fit. A frame larger than the buffer is
// written at once.
func (c *Codec) WriteFrame(b []byte) error {
	if err := CheckWrite(b, c.max); err != nil {
		return err
	}
	if c.werr != nil {
		return c.werr
	}
	n := len(b)
	if len(c.wbuf)-c.wn < frame.LengthPrefixSize+n {
		if frame.LengthPrefixSize+n > len(c.wbuf) {
			return c.writeLarge(b)
		}
		if err := c.Flush(); err != nil {
			return err
		}
	}
	c.appendPrefix(n)
	c.wn += copy(c.wbuf[c.wn:], b)
	return nil
}

// WritePrefixed buffers frames that are each already preceded by their
// length prefix, back to back as on the wire, with one copy for all of
// them; what does not fit in the buffer is written at once, with what is
// buffered, in one system call. Every announced length is checked as
// WriteFrame checks a frame's: nothing of b is written if one is outside
// frame.HeaderLength..max or runs past the end of b.
func (c *Codec) WritePrefixed(b []byte) error {
	for p := b; len(p) > 0; {
		n, err := frame.ReadLengthPrefix(p, c.max)
		if err != nil {
			return fmt.Errorf("%w: %w", ErrFrameTooLarge, err)
		}
		p = p[frame.LengthPrefixSize:]
		if n > len(p) {
			return fmt.Errorf("%w: a frame of %d bytes cut short at %d", ErrFrameTooLarge, n, len(p))
		}
		p = p[n:]
	}
	if c.werr != nil {
		return c.werr
	}
	if len(b) <= len(c.wbuf)-c.wn {
		c.wn += copy(c.wbuf[c.wn:], b)
		return nil
	}
	return c.writeWith(b)
}

// appendPrefix buffers the length prefix of a frame of n bytes, which
// CheckWrite accepted; the buffer has room for it.
func (c *Codec) appendPrefix(n int) {
	p, _ := frame.AppendLengthPrefix(c.wbuf[:c.wn], n)
	c.wn = len(p)
}

// writeLarge writes what is buffered and b, a frame larger than the
// buffer, at once (one writev on a socket).
func (c *Codec) writeLarge(b []byte) error {
	if len(c.wbuf)-c.wn < frame.LengthPrefixSize {
		if err := c.Flush(); err != nil {
			return err
		}
	}
	c.appendPrefix(len(b))
	return c.writeWith(b)
}

// writeWith writes what is buffered and then b at once (one writev on a
// socket).
func (c *Codec) writeWith(b []byte) error {
	if c.wn == 0 {
		m, err := c.wr.Write(b)
		return c.wrote(int64(m), int64(len(b)), err)
	}
	bufs := net.Buffers{c.wbuf[:c.wn], b}
	m, err := bufs.WriteTo(c.wr)
	return c.wrote(m, int64(c.wn+len(b)), err)
}

// Flush writes the buffered frames to the stream. A write error is kept:
// every later write returns it.
func (c *Codec) Flush() error {
	if c.werr != nil {
		return c.werr
	}
	if c.wn == 0 {
		return nil
	}
	m, err := c.wr.Write(c.wbuf[:c.wn])
	return c.wrote(int64(m), int64(c.wn), err)
}

// wrote ends a write of want bytes that wrote m: the buffer is empty
// again, or the error (io.ErrShortWrite for a short write without one) is
// kept for every later write.
func (c *Codec) wrote(m, want int64, err error) error {
	if err == nil && m < want {
		err = io.ErrShortWrite
	}
	if err != nil {
		c.werr = err
		return err
	}
	c.wn = 0
	return nil
}
