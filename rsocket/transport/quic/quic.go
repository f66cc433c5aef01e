// Package quic carries RSocket over QUIC: one QUIC connection per RSocket
// connection, and on it one bidirectional stream, opened by the client,
// that carries the frames exactly as TCP does (each preceded by its 24-bit
// length). RSocket streams are not mapped to QUIC streams: the protocol's
// ordering assumes one ordered channel (PROTOCOL.md §2.4).
//
// QUIC always runs TLS 1.3. The default ALPN is "quic-rsocket", the value
// of rsocket-go's QUIC transport; a Listener also accepts "rsocket" unless
// told otherwise with WithALPN.
package quic

import (
	"crypto/tls"
	"errors"
	"fmt"
	"io"
	"net"
	"sync"
	"sync/atomic"
	"time"

	quicgo "github.com/quic-go/quic-go"

	"github.com/sluicego/sluice/rsocket/transport"
	"github.com/sluicego/sluice/rsocket/transport/internal/framing"
)

// ALPN is the default application protocol a client offers.
const ALPN = "quic-rsocket"

// ALPNShort is the other application protocol a Listener accepts by default.
const ALPNShort = "rsocket"

// DefaultCloseTimeout bounds how long Close waits for the peer to take the
// last frames before it closes the QUIC connection.
const DefaultCloseTimeout = time.Second

// ErrFrameTooLarge is returned by WriteFrame for a frame longer than the
// configured maximum (the same error as the tcp and websocket transports').
var ErrFrameTooLarge = framing.ErrFrameTooLarge

// Application error codes sent in the QUIC CONNECTION_CLOSE.
const (
	// CodeNoError closes a connection normally.
	CodeNoError quicgo.ApplicationErrorCode = 0
)

// Option configures a dialer or a listener.
type Option func(*options)

type options struct {
	quicConfig                      *quicgo.Config
	alpn                            []string
	maxFrameLength                  int
	readBufferSize, writeBufferSize int
	closeTimeout                    time.Duration
}

func newOptions(opts []Option) options {
	o := options{closeTimeout: DefaultCloseTimeout}
	for _, opt := range opts {
		if opt != nil {
			opt(&o)
		}
	}
	return o
}

// WithQUICConfig sets quic-go's configuration (idle timeout, flow-control
// windows, keep-alive…). nil, the default, uses quic-go's defaults.
func WithQUICConfig(c *quicgo.Config) Option { return func(o *options) { o.quicConfig = c } }

// WithALPN sets the application protocols: the ones a client offers, in
// order of preference, or the ones a server accepts. It applies only when
// the tls.Config's NextProtos is empty.
func WithALPN(protos ...string) Option { return func(o *options) { o.alpn = protos } }

// WithMaxFrameLength sets the largest frame accepted from the peer and
// written (6..frame.MaxFrameLength; 0, the default, means the maximum). A
// larger announced length fails ReadFrame with a *frame.LengthError.
func WithMaxFrameLength(n int) Option { return func(o *options) { o.maxFrameLength = n } }

// WithBufferSizes sizes the read and write buffers (0: 64 KiB). Received
// frames are handed out where they were read, so a payload kept alive keeps
// the read buffer it came in alive: copy the bytes of a small payload you
// keep for long.
func WithBufferSizes(read, write int) Option {
	return func(o *options) { o.readBufferSize, o.writeBufferSize = read, write }
}

// WithCloseTimeout sets how long Close waits for the peer to acknowledge
// the end of the stream before closing the connection (0: close at once,
// possibly losing frames still in flight).
func WithCloseTimeout(d time.Duration) Option { return func(o *options) { o.closeTimeout = d } }

func (o *options) tlsConfig(c *tls.Config, server bool) (*tls.Config, error) {
	if c == nil {
		return nil, errors.New("rsocket/transport/quic: a tls.Config is required")
	}
	c = c.Clone()
	if len(c.NextProtos) == 0 {
		switch {
		case len(o.alpn) > 0:
			c.NextProtos = o.alpn
		case server:
			c.NextProtos = []string{ALPN, ALPNShort}
		default:
			c.NextProtos = []string{ALPN}
		}
	}
	return c, nil
}

// Conn is a transport.Conn over one QUIC connection and its single
// bidirectional stream.
type Conn struct {
	qc    *quicgo.Conn
	opts  *options
	codec framing.Codec

	// ready is closed once the stream exists (at once for a client, after
	// the client's first bytes for a server); err tells why it failed.
	ready     chan struct{}
	stream    *quicgo.Stream
	streamErr error
	acceptMu  sync.Mutex // serializes the server's lazy AcceptStream

	readMu    sync.Mutex    // held by ReadFrame; Close drains the stream when it is free
	peerDone  chan struct{} // closed when ReadFrame saw the peer end the stream
	peerOnce  sync.Once
	closed    atomic.Bool
	closeOnce sync.Once
	onClosed  func() // the listener's bookkeeping, nil for a client
}

func newConn(qc *quicgo.Conn, o *options) *Conn {
	return &Conn{qc: qc, opts: o, ready: make(chan struct{}), peerDone: make(chan struct{})}
}

func (c *Conn) setStream(s *quicgo.Stream, err error) {
	c.stream, c.streamErr = s, err
	if s != nil {
		c.codec.Init(s, s, c.opts.maxFrameLength, c.opts.readBufferSize, c.opts.writeBufferSize)
	}
	close(c.ready)
}

// awaitStream returns once the stream is there. On the server it accepts
// the client's stream, bounded by the connection's life.
func (c *Conn) awaitStream() error {
	select {
	case <-c.ready:
		return c.streamErr
	default:
	}
	c.acceptMu.Lock()
	defer c.acceptMu.Unlock()
	select {
	case <-c.ready:
	default:
		c.setStream(c.qc.AcceptStream(c.qc.Context()))
	}
	return c.streamErr
}

// QUICConn returns the underlying QUIC connection (for its TLS state and
// statistics; closing it ends the RSocket connection abruptly).
func (c *Conn) QUICConn() *quicgo.Conn { return c.qc }

// ReadFrame reads one length-prefixed frame from the stream. The slice is
// owned by the caller.
func (c *Conn) ReadFrame() ([]byte, error) {
	c.readMu.Lock()
	defer c.readMu.Unlock()
	if c.closed.Load() {
		return nil, fmt.Errorf("rsocket/transport/quic: %w", transport.ErrClosed)
	}
	if err := c.awaitStream(); err != nil {
		return nil, c.wrap(err)
	}
	b, err := c.codec.ReadFrame()
	if err != nil {
		if errors.Is(err, io.EOF) {
			c.peerOnce.Do(func() { close(c.peerDone) })
		}
		return nil, c.wrap(err)
	}
	return b, nil
}

// WriteFrame buffers the length prefix and the frame.
func (c *Conn) WriteFrame(b []byte) error {
	if err := c.awaitStream(); err != nil {
		return c.wrap(err)
	}
	return c.wrap(c.codec.WriteFrame(b))
}

// WritePrefixed buffers frames that are each already preceded by their
// 24-bit length prefix, back to back as on the wire (the RSocket
// connection queues its frames so), which saves a copy per frame; a batch
// larger than the buffer is written at once. A bad length prefix, or a
// frame longer than the maximum, gives ErrFrameTooLarge and writes nothing.
func (c *Conn) WritePrefixed(b []byte) error {
	if err := c.awaitStream(); err != nil {
		return c.wrap(err)
	}
	return c.wrap(c.codec.WritePrefixed(b))
}

// Flush writes the buffered frames to the stream.
func (c *Conn) Flush() error {
	if err := c.awaitStream(); err != nil {
		return c.wrap(err)
	}
	return c.wrap(c.codec.Flush())
}

func (c *Conn) wrap(err error) error {
	if err != nil && c.closed.Load() && !errors.Is(err, transport.ErrClosed) {
		return fmt.Errorf("%w: %w", transport.ErrClosed, err)
	}
	return err
}

// Close ends the stream (FIN after the frames already flushed), waits up
// to the close timeout for the peer to finish (it ends its side or closes
// the connection), then closes the QUIC connection. It unblocks ReadFrame,
// WriteFrame and Flush.
func (c *Conn) Close() error {
	c.closeOnce.Do(func() {
		c.closed.Store(true)
		select {
		case <-c.ready:
			if c.stream != nil && c.opts.closeTimeout > 0 {
				_ = c.stream.Close()
				if c.readMu.TryLock() {
					// Nobody reads: read up to the peer's end of stream
					// ourselves, so that we notice it.
					c.drain()
					c.readMu.Unlock()
				} else {
					t := time.NewTimer(c.opts.closeTimeout)
					select {
					case <-c.peerDone:
					case <-c.qc.Context().Done():
					case <-t.C:
					}
					t.Stop()
				}
			}
		default: // no stream yet: nothing to deliver
		}
		_ = c.qc.CloseWithError(CodeNoError, "")
		if c.onClosed != nil {
			c.onClosed()
		}
	})
	return nil
}

// drain discards what the peer still sends until it ends the stream (or
// the close timeout passes, or the connection fails).
func (c *Conn) drain() {
	_ = c.stream.SetReadDeadline(time.Now().Add(c.opts.closeTimeout))
	var buf [4 << 10]byte
	for {
		if _, err := c.stream.Read(buf[:]); err != nil {
			return
		}
	}
}

// LocalAddr returns the local UDP address.
func (c *Conn) LocalAddr() net.Addr { return c.qc.LocalAddr() }

// RemoteAddr returns the peer's UDP address.
func (c *Conn) RemoteAddr() net.Addr { return c.qc.RemoteAddr() }
