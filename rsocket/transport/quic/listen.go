package quic

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"net"

	quicgo "github.com/quic-go/quic-go"

	"github.com/sluicego/sluice/rsocket/transport"
)

// Listener accepts RSocket-over-QUIC connections.
type Listener struct {
	l    *quicgo.Listener
	opts options
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
	l, err := quicgo.ListenAddr(addr, cfg, o.quicConfig)
	if err != nil {
		return nil, err
	}
	return &Listener{l: l, opts: o}, nil
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
	o := l.opts
	return newConn(qc, &o), nil
}

// Close stops listening; connections already accepted stay open (the UDP
// socket closes with the last of them).
func (l *Listener) Close() error {
	err := l.l.Close()
	if errors.Is(err, net.ErrClosed) || errors.Is(err, quicgo.ErrServerClosed) {
		return nil
	}
	return err
}

// Addr returns the listening UDP address.
func (l *Listener) Addr() net.Addr { return l.l.Addr() }
