package quic

import (
	"context"
	"crypto/tls"

	quicgo "github.com/quic-go/quic-go"

	"github.com/sluicego/sluice/rsocket/transport"
)

// Dialer opens RSocket-over-QUIC connections to one address.
type Dialer struct {
	addr string
	tls  *tls.Config
	opts options
}

var _ transport.Dialer = (*Dialer)(nil)

// Dial returns a Dialer for addr ("host:port"). tlsConf must be usable by
// a client (RootCAs or the system roots, ServerName when addr is an IP
// that the certificate does not name). Nothing is dialed until Dial(ctx).
func Dial(addr string, tlsConf *tls.Config, opts ...Option) *Dialer {
	return &Dialer{addr: addr, tls: tlsConf, opts: newOptions(opts)}
}

// Dial performs the QUIC handshake on a UDP socket of its own (closed with
// the connection) and opens the RSocket stream; ctx bounds both.
func (d *Dialer) Dial(ctx context.Context) (transport.Conn, error) {
	cfg, err := d.opts.tlsConfig(d.tls, false)
	if err != nil {
		return nil, err
	}
	qc, err := quicgo.DialAddr(ctx, d.addr, cfg, d.opts.quicConfig)
	if err != nil {
		return nil, err
	}
	s, err := qc.OpenStreamSync(ctx)
	if err != nil {
		_ = qc.CloseWithError(CodeNoError, "")
		return nil, err
	}
	o := d.opts
	c := newConn(qc, &o)
	c.setStream(s, nil)
	return c, nil
}
