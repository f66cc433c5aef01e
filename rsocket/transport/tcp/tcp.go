// Package tcp carries RSocket frames over TCP (optionally TLS): every frame
// is preceded by its 24-bit big-endian length, reads and writes go through
// buffers, and written frames are flushed in batches when the connection's
// writer runs out of queued frames, not one system call per frame.
package tcp

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"net"
	"sync"
	"time"

	"github.com/sluicego/sluice/rsocket/transport"
	"github.com/sluicego/sluice/rsocket/transport/internal/framing"
)

// Options configure a TCP transport. The zero value is plain TCP with
// 64 KiB buffers and the protocol's maximum frame size.
type Options struct {
	// TLSConfig enables TLS when non-nil (a server needs certificates, a
	// client at least a ServerName or InsecureSkipVerify).
	TLSConfig *tls.Config
	// MaxFrameLength is the largest frame accepted from the peer and the
	// largest one written (6..frame.MaxFrameLength; 0 means the maximum).
	// A larger announced length fails ReadFrame with a *frame.LengthError.
	MaxFrameLength int
	// ReadBufferSize and WriteBufferSize size the buffers (0: 64 KiB).
	// Received frames are handed out where they were read, so a payload
	// kept alive keeps the read buffer it came in alive: copy the bytes
	// of a small payload you keep for long.
	ReadBufferSize, WriteBufferSize int
}

// ErrFrameTooLarge is returned by WriteFrame for a frame longer than the
// configured maximum. The websocket and quic transports return the same
// error.
var ErrFrameTooLarge = framing.ErrFrameTooLarge

// Conn is a transport.Conn over a net.Conn.
type Conn struct {
	nc       net.Conn
	codec    framing.Codec
	closeMu  sync.Once
	closeErr error
}

// NewConn wraps an established net.Conn (TLS already applied if wanted).
func NewConn(nc net.Conn, opts Options) *Conn {
	c := &Conn{nc: nc}
	c.codec.Init(nc, nc, opts.MaxFrameLength, opts.ReadBufferSize, opts.WriteBufferSize)
	return c
}

// ReadFrame reads one length-prefixed frame. The slice is owned by the caller.
func (c *Conn) ReadFrame() ([]byte, error) { return c.codec.ReadFrame() }

// Buffered returns the number of bytes received and not yet returned by
// ReadFrame.
func (c *Conn) Buffered() int { return c.codec.Buffered() }

// FrameBuffered reports whether a whole frame is buffered, so that the next
// ReadFrame returns without reading from the socket.
func (c *Conn) FrameBuffered() bool { return c.codec.FrameBuffered() }

// InterruptRead makes a ReadFrame blocked now, or called later, return an
// error matching os.ErrDeadlineExceeded, until ResumeRead; the frame it was
// reading is kept for the next ReadFrame.
func (c *Conn) InterruptRead() { _ = c.nc.SetReadDeadline(time.Unix(1, 0)) }

// ResumeRead undoes InterruptRead.
func (c *Conn) ResumeRead() { _ = c.nc.SetReadDeadline(time.Time{}) }

// WriteFrame buffers the length prefix and the frame.
func (c *Conn) WriteFrame(b []byte) error { return c.codec.WriteFrame(b) }

// WritePrefixed buffers frames that are each already preceded by their
// 24-bit length prefix, back to back as on the wire (the RSocket
// connection queues its frames so), which saves a copy per frame; a batch
// larger than the buffer is written at once. A bad length prefix, or a
// frame longer than the maximum, gives ErrFrameTooLarge and writes nothing.
func (c *Conn) WritePrefixed(b []byte) error { return c.codec.WritePrefixed(b) }

// Flush writes the buffered frames to the socket.
func (c *Conn) Flush() error { return c.codec.Flush() }

// Close closes the socket.
func (c *Conn) Close() error {
	c.closeMu.Do(func() { c.closeErr = c.nc.Close() })
	return c.closeErr
}

// LocalAddr returns the local socket address.
func (c *Conn) LocalAddr() net.Addr { return c.nc.LocalAddr() }

// RemoteAddr returns the peer's socket address.
func (c *Conn) RemoteAddr() net.Addr { return c.nc.RemoteAddr() }

// Dialer dials one TCP address.
type Dialer struct {
	// Addr is the "host:port" to dial.
	Addr string
	// Options configure the connections.
	Options Options
}

// NewDialer returns a Dialer for addr.
func NewDialer(addr string, opts Options) *Dialer { return &Dialer{Addr: addr, Options: opts} }

// Dial connects (and completes the TLS handshake when configured).
func (d *Dialer) Dial(ctx context.Context) (transport.Conn, error) {
	var nd net.Dialer
	nc, err := nd.DialContext(ctx, "tcp", d.Addr)
	if err != nil {
		return nil, err
	}
	if d.Options.TLSConfig != nil {
		tc := tls.Client(nc, d.Options.TLSConfig)
		if err := tc.HandshakeContext(ctx); err != nil {
			_ = nc.Close()
			return nil, err
		}
		nc = tc
	}
	return NewConn(nc, d.Options), nil
}

// Listener accepts TCP connections.
type Listener struct {
	l    net.Listener
	opts Options
}

// Listen listens on addr ("host:port"; port 0 picks a free one).
func Listen(ctx context.Context, addr string, opts Options) (*Listener, error) {
	var lc net.ListenConfig
	l, err := lc.Listen(ctx, "tcp", addr)
	if err != nil {
		return nil, err
	}
	return &Listener{l: l, opts: opts}, nil
}

// NewListener wraps an existing net.Listener.
func NewListener(l net.Listener, opts Options) *Listener { return &Listener{l: l, opts: opts} }

// Accept waits for a connection. The TLS handshake, when configured, runs
// lazily on the first read or write.
func (l *Listener) Accept(ctx context.Context) (transport.Conn, error) {
	type result struct {
		nc  net.Conn
		err error
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if ctx.Done() == nil {
		nc, err := l.l.Accept()
		return l.wrap(nc, err)
	}
	ch := make(chan result, 1)
	go func() {
		nc, err := l.l.Accept()
		ch <- result{nc, err}
	}()
	select {
	case r := <-ch:
		return l.wrap(r.nc, r.err)
	case <-ctx.Done():
		_ = l.l.Close()
		r := <-ch
		if r.nc != nil {
			_ = r.nc.Close()
		}
		return nil, ctx.Err()
	}
}

func (l *Listener) wrap(nc net.Conn, err error) (transport.Conn, error) {
	if err != nil {
		if errors.Is(err, net.ErrClosed) {
			return nil, fmt.Errorf("%w: %w", transport.ErrClosed, err)
		}
		return nil, err
	}
	if l.opts.TLSConfig != nil {
		nc = tls.Server(nc, l.opts.TLSConfig)
	}
	return NewConn(nc, l.opts), nil
}

// Close stops listening.
func (l *Listener) Close() error { return l.l.Close() }

// Addr returns the listening address.
func (l *Listener) Addr() net.Addr { return l.l.Addr() }
