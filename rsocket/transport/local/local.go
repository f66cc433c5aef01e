// Package local connects the two ends of an RSocket connection inside one
// process, without sockets: frames move through bounded channels, so a
// writer blocks when its peer stops reading (backpressure), exactly one frame
// at a time as on a real transport. Use it in tests and examples.
package local

import (
	"context"
	"fmt"
	"io"
	"net"
	"sync"
	"sync/atomic"

	"github.com/sluicego/sluice/rsocket/internal/slab"
	"github.com/sluicego/sluice/rsocket/transport"
)

// DefaultCapacity is the number of frames each direction buffers before a
// writer blocks.
const DefaultCapacity = 256

// Addr is the address of a local end.
type Addr string

// Network returns "local".
func (Addr) Network() string { return "local" }

// String returns the name.
func (a Addr) String() string { return string(a) }

type pair struct {
	done      chan struct{}
	closeOnce sync.Once
}

func (p *pair) close() { p.closeOnce.Do(func() { close(p.done) }) }

// Conn is one end of an in-process connection.
type Conn struct {
	p      *pair
	in     <-chan []byte
	out    chan<- []byte
	alloc  slab.Allocator
	local  Addr
	remote Addr
}

// Pair returns two connected ends; each direction buffers capacity frames
// (DefaultCapacity when capacity <= 0). Closing either end closes both.
func Pair(capacity int) (*Conn, *Conn) {
	return pairNamed(capacity, "local-a", "local-b")
}

func pairNamed(capacity int, a, b Addr) (*Conn, *Conn) {
	if capacity <= 0 {
		capacity = DefaultCapacity
	}
	p := &pair{done: make(chan struct{})}
	ab := make(chan []byte, capacity)
	ba := make(chan []byte, capacity)
	return &Conn{p: p, in: ba, out: ab, local: a, remote: b},
		&Conn{p: p, in: ab, out: ba, local: b, remote: a}
}

// ReadFrame returns the next frame the peer wrote. Frames written before the
// pair was closed are still delivered; then it returns io.EOF.
func (c *Conn) ReadFrame() ([]byte, error) {
	select {
	case b := <-c.in:
		return b, nil
	default:
	}
	select {
	case b := <-c.in:
		return b, nil
	case <-c.p.done:
		select {
		case b := <-c.in:
			return b, nil
		default:
			return nil, io.EOF
		}
	}
}

// Buffered returns how many frames the peer wrote that ReadFrame has not
// returned yet (the local transport buffers whole frames).
func (c *Conn) Buffered() int { return len(c.in) }

// FrameBuffered reports whether ReadFrame has a frame to return at once.
func (c *Conn) FrameBuffered() bool { return len(c.in) > 0 }

// WriteFrame copies b and hands it to the peer, blocking while the peer's
// buffer is full.
func (c *Conn) WriteFrame(b []byte) error {
	select {
	case <-c.p.done:
		return transport.ErrClosed
	default:
	}
	cp := c.alloc.Get(len(b))
	copy(cp, b)
	select {
	case c.out <- cp:
		return nil
	case <-c.p.done:
		return transport.ErrClosed
	}
}

// Flush does nothing: frames are handed over by WriteFrame.
func (c *Conn) Flush() error {
	select {
	case <-c.p.done:
		return transport.ErrClosed
	default:
		return nil
	}
}

// Close closes both ends.
func (c *Conn) Close() error {
	c.p.close()
	return nil
}

// LocalAddr returns this end's name.
func (c *Conn) LocalAddr() net.Addr { return c.local }

// RemoteAddr returns the peer's name.
func (c *Conn) RemoteAddr() net.Addr { return c.remote }

// Listener accepts in-process connections; it is also the Dialer that opens
// them, so a server can Serve it while clients Connect to it.
type Listener struct {
	name     Addr
	capacity int
	conns    chan *Conn
	done     chan struct{}
	once     sync.Once
	seq      atomic.Int64
}

// NewListener returns a listener whose connections buffer capacity frames
// per direction (DefaultCapacity when capacity <= 0).
func NewListener(name string, capacity int) *Listener {
	return &Listener{name: Addr(name), capacity: capacity, conns: make(chan *Conn), done: make(chan struct{})}
}

// Dial opens a connection to the listener; it blocks until a goroutine
// Accepts it, ctx ends or the listener closes.
func (l *Listener) Dial(ctx context.Context) (transport.Conn, error) {
	client := Addr(fmt.Sprintf("%s-client-%d", l.name, l.seq.Add(1)))
	a, b := pairNamed(l.capacity, client, l.name)
	select {
	case l.conns <- b:
		return a, nil
	case <-l.done:
		return nil, fmt.Errorf("rsocket/transport/local: dial %s: %w", l.name, transport.ErrClosed)
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

// Accept waits for a Dial.
func (l *Listener) Accept(ctx context.Context) (transport.Conn, error) {
	select {
	case c := <-l.conns:
		return c, nil
	case <-l.done:
		return nil, fmt.Errorf("rsocket/transport/local: accept %s: %w", l.name, transport.ErrClosed)
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

// Close stops accepting; established connections stay open.
func (l *Listener) Close() error {
	l.once.Do(func() { close(l.done) })
	return nil
}

// Addr returns the listener's name.
func (l *Listener) Addr() net.Addr { return l.name }
