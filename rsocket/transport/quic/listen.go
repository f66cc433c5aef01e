package quic

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"net"
	"sync"

	quicgo "github.com/quic-go/quic-go"

	"github.com/sluicego/sluice/rsocket/transport"
)

// Listener accepts RSocket-over-QUIC connections. It owns its UDP socket
// and quic-go transport, and closes them (stopping their goroutines) once
// the listener and every connection it accepted are closed.
type Listener struct {
	l    *quicgo.Listener
	tr   *quicgo.Transport
	udp  *net.UDPConn
	opts options

	mu     sync.Mutex
	live   int  // accepted connections not yet closed
	closed bool // Close was called
	done   bool // the transport is closed
}

var _ transport.Listener = (*Listener)(nil)

// Listen listens on the UDP address addr ("host:port"; port 0 picks a free
// one). tlsConf must hold the server's certificate. ctx is checked before
// listening (binding a UDP socket does not block).
func Listen(ctx context.Context, addr string, tlsConf *tls.Config, opts ...Option) (*Listener, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	o := newOptions(opts)
	cfg, err := o.tlsConfig(tlsConf, true)
	if err != nil {
		return nil, err
	}
	ua, err := net.ResolveUDPAddr("udp", addr)
	if err != nil {
		return nil, err
	}
	udp, err := net.ListenUDP("udp", ua)
	if err != nil {
		return nil, err
	}
	tr := &quicgo.Transport{Conn: udp}
	l, err := tr.Listen(cfg, o.quicConfig)
	if err != nil {
		_ = tr.Close()
		_ = udp.Close()
		return nil, err
	}
	return &Listener{l: l, tr: tr, udp: udp, opts: o}, nil
}

// Accept waits for the next QUIC connection whose handshake completed. The
// RSocket stream is accepted lazily, by the first ReadFrame (the server's
// setup read, which its setup timeout bounds), so a client that opens no
// stream never blocks Accept.
func (l *Listener) Accept(ctx context.Context) (transport.Conn, error) {
	qc, err := l.l.Accept(ctx)
	if err != nil {
		if errors.Is(err, quicgo.ErrServerClosed) {
			return nil, fmt.Errorf("%w: %w", transport.ErrClosed, err)
		}
		return nil, err
	}
	l.mu.Lock()
	l.live++
	l.mu.Unlock()
	o := l.opts
	c := newConn(qc, &o)
	c.onClosed = l.release
	return c, nil
}

// release is called once per accepted connection, after it closed.
func (l *Listener) release() {
	l.mu.Lock()
	l.live--
	last := l.closed && l.live == 0 && !l.done
	if last {
		l.done = true
	}
	l.mu.Unlock()
	if last {
		l.closeTransport()
	}
}

func (l *Listener) closeTransport() {
	_ = l.tr.Close()
	_ = l.udp.Close()
}

// Close stops listening; connections already accepted stay open (the UDP
// socket closes with the last of them).
func (l *Listener) Close() error {
	err := l.l.Close()
	l.mu.Lock()
	l.closed = true
	last := l.live == 0 && !l.done
	if last {
		l.done = true
	}
	l.mu.Unlock()
	if last {
		l.closeTransport()
	}
	if errors.Is(err, net.ErrClosed) || errors.Is(err, quicgo.ErrServerClosed) {
		return nil
	}
	return err
}

// Addr returns the listening UDP address.
func (l *Listener) Addr() net.Addr { return l.l.Addr() }
