package websocket

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"sync"
	"sync/atomic"

	ws "github.com/coder/websocket"

	"github.com/sluicego/sluice/rsocket/frame"
	"github.com/sluicego/sluice/rsocket/internal/slab"
	"github.com/sluicego/sluice/rsocket/transport"
	"github.com/sluicego/sluice/rsocket/transport/internal/framing"
)

// ErrFrameTooLarge is returned by WriteFrame for a frame longer than the
// configured maximum (the same error as the tcp and quic transports').
var ErrFrameTooLarge = framing.ErrFrameTooLarge

// scratchSize is the reusable buffer a message is first read into; larger
// messages get a buffer of their own.
const scratchSize = 32 << 10

// Conn is a transport.Conn over one WebSocket connection: every RSocket
// frame travels as one binary message, without length prefix. Text
// messages from the peer are skipped.
type Conn struct {
	ws      *ws.Conn
	max     int
	scratch []byte
	alloc   slab.Allocator
	local   net.Addr
	remote  net.Addr
	batch   *batchConn // nil when the socket is not ours to batch

	closed    atomic.Bool
	closeOnce sync.Once
	closeErr  error
}

func newConn(c *ws.Conn, max int, local, remote net.Addr, batch *batchConn) *Conn {
	// Our own limit (max+1 bytes read, then stop) answers first; the
	// library's is a backstop.
	c.SetReadLimit(int64(max) + 1)
	return &Conn{ws: c, max: max, local: local, remote: remote, batch: batch}
}

// ReadFrame reads the next binary message and returns it as one frame. The
// slice is owned by the caller. A message longer than the maximum frame
// length or shorter than a frame header gives a *frame.LengthError; the
// peer's close (with any status) gives an error matching io.EOF.
func (c *Conn) ReadFrame() ([]byte, error) {
	for {
		typ, r, err := c.ws.Reader(context.Background())
		if err != nil {
			return nil, c.readError(err)
		}
		if typ != ws.MessageBinary {
			if _, err := io.Copy(io.Discard, r); err != nil {
				return nil, c.readError(err)
			}
			continue
		}
		b, err := c.readMessage(r)
		if err != nil {
			return nil, c.readError(err)
		}
		return b, nil
	}
}

// readMessage reads one message of at most max bytes.
func (c *Conn) readMessage(r io.Reader) ([]byte, error) {
	if c.scratch == nil {
		c.scratch = make([]byte, min(scratchSize, c.max+1))
	}
	buf, n, own := c.scratch, 0, false
	for {
		if n == len(buf) {
			if n > c.max {
				return nil, &frame.LengthError{Length: n, Max: c.max}
			}
			grown := make([]byte, min(2*len(buf), c.max+1))
			copy(grown, buf[:n])
			buf, own = grown, true
		}
		m, err := r.Read(buf[n:])
		n += m
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, err
		}
	}
	if n < frame.HeaderLength || n > c.max {
		return nil, &frame.LengthError{Length: n, Max: c.max}
	}
	if own {
		return buf[:n:n], nil
	}
	b := c.alloc.Get(n)
	copy(b, buf[:n])
	return b, nil
}

func (c *Conn) readError(err error) error {
	var le *frame.LengthError
	switch {
	case errors.As(err, &le):
		return err
	case c.closed.Load():
		return fmt.Errorf("%w: %w", transport.ErrClosed, err)
	case ws.CloseStatus(err) != -1:
		return fmt.Errorf("websocket closed by peer: %w (%w)", io.EOF, err)
	}
	return err
}

// WriteFrame queues b as one binary message. When the transport owns the
// socket (Dial without WithHTTPClient, Listen) messages collect until
// Flush, so that a batch of frames costs one socket write; otherwise (a
// Handler mounted on your own server) every message is written at once.
func (c *Conn) WriteFrame(b []byte) error {
	if err := framing.CheckWrite(b, c.max); err != nil {
		return err
	}
	var err error
	if c.batch != nil {
		c.batch.hold()
		err = c.ws.Write(context.Background(), ws.MessageBinary, b)
		c.batch.release()
	} else {
		err = c.ws.Write(context.Background(), ws.MessageBinary, b)
	}
	if err != nil {
		if c.closed.Load() {
			return fmt.Errorf("%w: %w", transport.ErrClosed, err)
		}
		return err
	}
	return nil
}

// Flush writes the messages WriteFrame collected.
func (c *Conn) Flush() error {
	if c.batch == nil {
		return nil
	}
	if err := c.batch.flush(); err != nil {
		if c.closed.Load() {
			return fmt.Errorf("%w: %w", transport.ErrClosed, err)
		}
		return err
	}
	return nil
}

// Close closes the connection at once (no WebSocket close handshake, which
// could wait seconds for an unresponsive peer); the peer sees the
// connection end. It unblocks ReadFrame and WriteFrame.
func (c *Conn) Close() error {
	c.closeOnce.Do(func() {
		c.closed.Store(true)
		err := c.ws.CloseNow()
		if err != nil && !errors.Is(err, net.ErrClosed) {
			c.closeErr = err
		}
	})
	return c.closeErr
}

// LocalAddr returns the local address of the underlying connection, or the
// URL when it is not known (a client dialing with WithHTTPClient).
func (c *Conn) LocalAddr() net.Addr { return c.local }

// RemoteAddr returns the peer's address, or the URL when it is not known.
func (c *Conn) RemoteAddr() net.Addr { return c.remote }

// Addr is the address of a WebSocket endpoint when no socket address is
// known: its URL.
type Addr string

// Network returns "websocket".
func (Addr) Network() string { return "websocket" }

// String returns the URL.
func (a Addr) String() string { return string(a) }
