// Package local connects the two ends of an RSocket connection inside one
// process, without sockets. Written frames are copied and handed to the
// peer in batches at each Flush (one lock and at most one wake-up per
// batch, not per frame), and the reader takes a whole batch at a time; a
// Flush blocks while the peer holds its capacity of unread frames
// (backpressure), as a socket's writer blocks when its peer stops reading.
// Use it in tests, examples and in-process services.
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

// DefaultCapacity is the number of unread frames each direction holds
// before a writer blocks.
const DefaultCapacity = 256

// Addr is the address of a local end.
type Addr string

// Network returns "local".
func (Addr) Network() string { return "local" }

// String returns the name.
func (a Addr) String() string { return string(a) }

type pair struct {
	done      chan struct{}
	closed    atomic.Bool
	closeOnce sync.Once
}

func (p *pair) close() {
	p.closeOnce.Do(func() {
		p.closed.Store(true)
		close(p.done)
	})
}

// pipe is one direction of a pair: the frames flushed and not yet taken by
// the reader.
type pipe struct {
	mu     sync.Mutex
	ready  [][]byte      // flushed frames the reader has not taken, oldest first
	unread atomic.Int64  // flushed frames ReadFrame has not returned (ready and the reader's batch)
	data   chan struct{} // a token: frames were flushed
	room   chan struct{} // a token: the reader returned frames
}

func newPipe() *pipe {
	return &pipe{data: make(chan struct{}, 1), room: make(chan struct{}, 1)}
}

func signal(ch chan struct{}) {
	select {
	case ch <- struct{}{}:
	default:
	}
}

// Conn is one end of an in-process connection.
type Conn struct {
	p        *pair
	capacity int
	local    Addr
	remote   Addr

	// Reading side.
	in    *pipe
	batch [][]byte // taken from in; batch[next:] are not returned yet
	next  int

	// Writing side.
	out     *pipe
	pending [][]byte // written since the last Flush
	alloc   slab.Allocator
}

// Pair returns two connected ends; each direction holds capacity unread
// frames (DefaultCapacity when capacity <= 0). Closing either end closes
// both.
func Pair(capacity int) (*Conn, *Conn) {
	return pairNamed(capacity, "local-a", "local-b")
}

func pairNamed(capacity int, a, b Addr) (*Conn, *Conn) {
	if capacity <= 0 {
		capacity = DefaultCapacity
	}
	p := &pair{done: make(chan struct{})}
	ab, ba := newPipe(), newPipe()
	return &Conn{p: p, capacity: capacity, in: ba, out: ab, local: a, remote: b},
		&Conn{p: p, capacity: capacity, in: ab, out: ba, local: b, remote: a}
}

// ReadFrame returns the next frame the peer flushed. Frames flushed before
// the pair was closed are still delivered; then it returns io.EOF.
func (c *Conn) ReadFrame() ([]byte, error) {
	for {
		if c.next < len(c.batch) {
			b := c.batch[c.next]
			c.batch[c.next] = nil
			c.next++
			if c.in.unread.Add(-1) <= int64(c.capacity/2) {
				signal(c.in.room)
			}
			return b, nil
		}
		if c.take() {
			continue
		}
		select {
		case <-c.in.data:
		case <-c.p.done:
			if c.take() {
				continue
			}
			return nil, io.EOF
		}
	}
}

// take swaps the reader's spent batch for the frames flushed since it last
// took; it reports whether there were any.
func (c *Conn) take() bool {
	in := c.in
	in.mu.Lock()
	c.batch, in.ready = in.ready, c.batch[:0]
	in.mu.Unlock()
	c.next = 0
	return len(c.batch) > 0
}

// Buffered returns how many frames the peer flushed that ReadFrame has not
// returned yet (the local transport buffers whole frames).
func (c *Conn) Buffered() int { return int(c.in.unread.Load()) }

// FrameBuffered reports whether ReadFrame has a frame to return at once.
func (c *Conn) FrameBuffered() bool { return c.in.unread.Load() > 0 }

// WriteFrame copies b; the copy goes to the peer at the next Flush, or at
// once when capacity frames are waiting for one.
func (c *Conn) WriteFrame(b []byte) error {
	if c.p.closed.Load() {
		return transport.ErrClosed
	}
	cp := c.alloc.Get(len(b))
	copy(cp, b)
	c.pending = append(c.pending, cp)
	if len(c.pending) >= c.capacity {
		return c.Flush()
	}
	return nil
}

// Flush hands the written frames to the peer, blocking while the peer
// holds too many unread ones: a batch goes when it fits in the capacity,
// or when the peer has read everything.
func (c *Conn) Flush() error {
	out := c.out
	for {
		if c.p.closed.Load() {
			return transport.ErrClosed
		}
		if len(c.pending) == 0 {
			return nil
		}
		out.mu.Lock()
		if n := out.unread.Load(); n == 0 || n+int64(len(c.pending)) <= int64(c.capacity) {
			out.ready = append(out.ready, c.pending...)
			out.unread.Add(int64(len(c.pending)))
			out.mu.Unlock()
			clear(c.pending)
			c.pending = c.pending[:0]
			signal(out.data)
			return nil
		}
		out.mu.Unlock()
		select {
		case <-out.room:
		case <-c.p.done:
			return transport.ErrClosed
		}
	}
}

// Close closes both ends; frames not flushed are dropped.
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
