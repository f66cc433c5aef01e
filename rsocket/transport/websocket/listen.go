package websocket

import (
	"context"
	"crypto/tls"
	"errors"
	"net"
	"net/http"
	"sync"
	"time"

	"github.com/sluicego/sluice/rsocket/transport"
)

// readHeaderTimeout bounds the upgrade request's headers, so that a client
// that connects and says nothing does not hold a goroutine forever.
const readHeaderTimeout = 10 * time.Second

// Listener is a transport.Listener that runs its own http.Server: it
// upgrades requests for one path and answers 404 for the others.
type Listener struct {
	h      *Handler
	srv    *http.Server
	ln     net.Listener
	tls    bool
	path   string
	served chan struct{}

	closeOnce sync.Once
}

var _ transport.Listener = (*Listener)(nil)

// Listen listens on addr ("host:port"; port 0 picks a free one) and serves
// the WebSocket upgrade on path ("" means "/"). With WithTLSConfig it
// serves wss:// (HTTP/1.1 over TLS).
func Listen(ctx context.Context, addr, path string, opts ...Option) (*Listener, error) {
	var lc net.ListenConfig
	ln, err := lc.Listen(ctx, "tcp", addr)
	if err != nil {
		return nil, err
	}
	return NewListener(ln, path, opts...), nil
}

// NewListener serves the WebSocket upgrade on path over an existing
// net.Listener, which the Listener then owns.
func NewListener(ln net.Listener, path string, opts ...Option) *Listener {
	if path == "" {
		path = "/"
	}
	h := NewHandler(opts...)
	mux := http.NewServeMux()
	mux.Handle(path, h)
	l := &Listener{
		h: h,
		srv: &http.Server{
			Handler:           mux,
			ReadHeaderTimeout: readHeaderTimeout,
			ConnContext:       withBatchConn,
		},
		ln:     batchListener{ln},
		path:   path,
		served: make(chan struct{}),
	}
	if cfg := h.opts.tlsConfig; cfg != nil {
		cfg = cfg.Clone()
		if len(cfg.NextProtos) == 0 {
			// WebSocket upgrades need HTTP/1.1; never negotiate h2.
			cfg.NextProtos = []string{"http/1.1"}
		}
		l.ln = tls.NewListener(l.ln, cfg)
		l.tls = true
	}
	go func() {
		defer close(l.served)
		_ = l.srv.Serve(l.ln)
	}()
	return l
}

// withBatchConn stores the connection's batchConn (under TLS when there is
// TLS) in its context, for accept.
func withBatchConn(ctx context.Context, c net.Conn) context.Context {
	if tc, ok := c.(*tls.Conn); ok {
		c = tc.NetConn()
	}
	if bc, ok := c.(*batchConn); ok {
		return context.WithValue(ctx, batchKey{}, bc)
	}
	return ctx
}

// Accept waits for the next upgraded connection. It returns an error
// wrapping transport.ErrClosed once the listener is closed, and ctx.Err()
// when ctx ends.
func (l *Listener) Accept(ctx context.Context) (transport.Conn, error) { return l.h.Accept(ctx) }

// Close stops the HTTP server (listening socket, idle and half-open HTTP
// connections, its goroutines) and the handler. Connections already
// upgraded and accepted stay open: their owner (the RSocket server)
// closes them.
func (l *Listener) Close() error {
	var err error
	l.closeOnce.Do(func() {
		err = l.srv.Close()
		<-l.served
		_ = l.h.Close()
		if errors.Is(err, net.ErrClosed) {
			err = nil
		}
	})
	return err
}

// Addr returns the listening address.
func (l *Listener) Addr() net.Addr { return l.ln.Addr() }

// URL returns the ws:// (or wss://) URL clients dial, with the listening
// address and path.
func (l *Listener) URL() string {
	scheme := "ws://"
	if l.tls {
		scheme = "wss://"
	}
	return scheme + l.ln.Addr().String() + l.path
}
