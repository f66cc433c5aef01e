package websocket

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"sync"

	ws "github.com/coder/websocket"

	"github.com/sluicego/sluice/rsocket/transport"
	"github.com/sluicego/sluice/rsocket/transport/internal/framing"
)

// Accept upgrades one HTTP request to an RSocket-over-WebSocket
// connection. On failure it has already answered the request with an HTTP
// error. Use it to mount RSocket inside a handler of your own; Handler
// does the same and hands the connections to a Server.
func Accept(w http.ResponseWriter, r *http.Request, opts ...Option) (*Conn, error) {
	o := newOptions(opts)
	return accept(w, r, &o)
}

func accept(w http.ResponseWriter, r *http.Request, o *options) (*Conn, error) {
	c, err := ws.Accept(w, r, &ws.AcceptOptions{
		Subprotocols:   o.subprotocols,
		OriginPatterns: o.originPatterns,
	})
	if err != nil {
		return nil, err
	}
	var local net.Addr = Addr(r.Host + r.URL.Path)
	if a, ok := r.Context().Value(http.LocalAddrContextKey).(net.Addr); ok {
		local = a
	}
	var remote net.Addr = Addr(r.RemoteAddr)
	if a, err := net.ResolveTCPAddr("tcp", r.RemoteAddr); err == nil {
		remote = a
	}
	batch, _ := r.Context().Value(batchKey{}).(*batchConn)
	return newConn(c, framing.MaxFrameLength(o.maxFrameLength), local, remote, batch), nil
}

// Handler is an http.Handler that upgrades every request to RSocket over
// WebSocket, and the transport.Listener whose Accept returns those
// connections: mount it on your own mux and serve it with an RSocket
// server.
//
//	h := websocket.NewHandler()
//	mux.Handle("/rsocket", h)
//	go server.Serve(h)
//
// A request arriving while nobody calls Accept waits for it (or for the
// request's end, or Close).
type Handler struct {
	opts  options
	conns chan *Conn
	done  chan struct{}

	mu     sync.Mutex
	closed bool
	wg     sync.WaitGroup // ServeHTTP calls in flight
}

// NewHandler returns a Handler.
func NewHandler(opts ...Option) *Handler {
	return &Handler{opts: newOptions(opts), conns: make(chan *Conn), done: make(chan struct{})}
}

var (
	_ http.Handler       = (*Handler)(nil)
	_ transport.Listener = (*Handler)(nil)
)

// ServeHTTP upgrades the request and hands the connection to Accept. After
// Close it answers 503 Service Unavailable.
func (h *Handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	h.mu.Lock()
	if h.closed {
		h.mu.Unlock()
		http.Error(w, "rsocket: server closed", http.StatusServiceUnavailable)
		return
	}
	h.wg.Add(1)
	h.mu.Unlock()
	defer h.wg.Done()

	c, err := accept(w, r, &h.opts)
	if err != nil {
		return // accept answered the request
	}
	select {
	case h.conns <- c:
	case <-h.done:
		_ = c.Close()
	case <-r.Context().Done():
		_ = c.Close()
	}
}

// Accept waits for the next upgraded connection. It returns an error
// wrapping transport.ErrClosed once the handler is closed, and ctx.Err()
// when ctx ends.
func (h *Handler) Accept(ctx context.Context) (transport.Conn, error) {
	select {
	case c := <-h.conns:
		return c, nil
	case <-h.done:
		return nil, fmt.Errorf("rsocket/transport/websocket: %w", transport.ErrClosed)
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

// Close stops handing out connections: requests waiting for Accept are
// dropped and later ones answered 503. It waits for the ServeHTTP calls in
// flight; connections already accepted stay open (their owner closes them).
func (h *Handler) Close() error {
	h.mu.Lock()
	if !h.closed {
		h.closed = true
		close(h.done)
	}
	h.mu.Unlock()
	h.wg.Wait()
	return nil
}

// Addr returns a placeholder address: the handler does not know where it
// is mounted. Listener.Addr returns the real one.
func (h *Handler) Addr() net.Addr { return Addr("websocket-handler") }
