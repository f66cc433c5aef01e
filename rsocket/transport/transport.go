// Package transport defines what the RSocket connection needs from a
// transport: a bidirectional channel that moves whole RSocket frames (header
// and body, without any length prefix), a listener that accepts such
// channels and a dialer that opens them.
//
// Implementations live in sub-packages: tcp (24-bit length-prefixed frames
// over TCP, optionally TLS) and local (an in-process pair for tests and
// examples).
package transport

import (
	"context"
	"errors"
	"net"
)

// ErrClosed is returned (possibly wrapped) by the methods of a Conn or
// Listener that has been closed.
var ErrClosed = errors.New("rsocket/transport: closed")

// Conn moves whole RSocket frames.
//
// ReadFrame is called by one goroutine at a time; WriteFrame and Flush by
// one goroutine at a time (possibly another one). Close may be called from
// any goroutine, any number of times, and unblocks ReadFrame, WriteFrame and
// Flush, which then return an error.
type Conn interface {
	// ReadFrame blocks until the next frame arrives and returns it. The
	// returned slice belongs to the caller: the transport never writes into
	// it again. A frame the transport cannot accept (an announced length
	// outside 6..max) is reported with an error matching frame.ErrMalformed;
	// the connection should answer with ERROR[CONNECTION_ERROR] and close.
	ReadFrame() ([]byte, error)
	// WriteFrame queues one encoded frame. The transport copies b or writes
	// it before returning, so the caller may reuse b. Frames may be buffered
	// until Flush.
	WriteFrame(b []byte) error
	// Flush sends every buffered frame to the peer.
	Flush() error
	// Close closes the connection.
	Close() error
	// LocalAddr and RemoteAddr return the addresses of the two ends.
	LocalAddr() net.Addr
	RemoteAddr() net.Addr
}

// Listener accepts incoming transport connections.
type Listener interface {
	// Accept waits for the next connection. It returns an error wrapping
	// ErrClosed once the listener is closed, and ctx.Err() when ctx ends.
	Accept(ctx context.Context) (Conn, error)
	// Close stops listening; a blocked Accept returns.
	Close() error
	// Addr returns the listening address.
	Addr() net.Addr
}

// Dialer opens transport connections to one server.
type Dialer interface {
	// Dial opens a connection; ctx bounds the time it may take.
	Dial(ctx context.Context) (Conn, error)
}

// DialerFunc adapts a function to the Dialer interface.
type DialerFunc func(ctx context.Context) (Conn, error)

// Dial calls f(ctx).
func (f DialerFunc) Dial(ctx context.Context) (Conn, error) { return f(ctx) }
