package websocket

import (
	"net"
	"sync"
)

// batchLimit is the most a batchConn holds before it writes anyway.
const batchLimit = 64 << 10

// batchConn sits under the WebSocket library and lets Conn.WriteFrame
// collect several messages into one socket write: while a WriteFrame is in
// progress the library's writes are held in a buffer, and Conn.Flush (or
// any write outside WriteFrame, such as a pong or a close frame, which
// first sends what is held, keeping the order) writes them out.
type batchConn struct {
	net.Conn
	mu      sync.Mutex
	holding bool
	buf     []byte
}

func (b *batchConn) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.holding && len(b.buf)+len(p) <= batchLimit {
		b.buf = append(b.buf, p...)
		return len(p), nil
	}
	if len(b.buf) > 0 {
		if err := b.flushLocked(); err != nil {
			return 0, err
		}
	}
	return b.Conn.Write(p)
}

// hold makes the following writes collect in the buffer, until release.
func (b *batchConn) hold() {
	b.mu.Lock()
	b.holding = true
	b.mu.Unlock()
}

func (b *batchConn) release() {
	b.mu.Lock()
	b.holding = false
	b.mu.Unlock()
}

// flush writes what is held.
func (b *batchConn) flush() error {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.flushLocked()
}

func (b *batchConn) flushLocked() error {
	if len(b.buf) == 0 {
		return nil
	}
	_, err := b.Conn.Write(b.buf)
	b.buf = b.buf[:0]
	return err
}

// batchListener wraps accepted connections in batchConns.
type batchListener struct{ net.Listener }

func (l batchListener) Accept() (net.Conn, error) {
	c, err := l.Listener.Accept()
	if err != nil {
		return nil, err
	}
	return &batchConn{Conn: c}, nil
}

// batchKey is the request context key under which Listener's http.Server
// stores the connection's batchConn.
type batchKey struct{}
