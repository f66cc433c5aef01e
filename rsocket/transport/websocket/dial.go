package websocket

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"sync"

	ws "github.com/coder/websocket"

	"github.com/sluicego/sluice/rsocket/transport"
	"github.com/sluicego/sluice/rsocket/transport/internal/framing"
)

// Dialer opens RSocket-over-WebSocket connections to one URL.
type Dialer struct {
	url  string
	opts options
}

// Dial returns a Dialer for url (ws://host:port/path or wss://…; http and
// https are accepted as synonyms). Nothing is dialed until Dial(ctx).
func Dial(url string, opts ...Option) *Dialer {
	return &Dialer{url: url, opts: newOptions(opts)}
}

var _ transport.Dialer = (*Dialer)(nil)

// Dial performs the WebSocket handshake; ctx bounds it (and only it: the
// connection outlives ctx).
func (d *Dialer) Dial(ctx context.Context) (transport.Conn, error) {
	u, err := url.Parse(d.url)
	if err != nil {
		return nil, err
	}
	switch u.Scheme {
	case "ws", "wss", "http", "https":
	default:
		return nil, fmt.Errorf("rsocket/transport/websocket: unsupported URL scheme %q (want ws or wss)", u.Scheme)
	}
	var local, remote net.Addr = Addr(d.url), Addr(d.url)
	addrs := func() (net.Addr, net.Addr) { return local, remote }
	var batch *batchConn
	batched := func() *batchConn { return nil }
	client := d.opts.httpClient
	if client == nil {
		// A private transport per connection: it records the socket's
		// addresses and holds no idle connection (and no goroutine) after
		// the handshake.
		var mu sync.Mutex
		var nd net.Dialer
		tr := &http.Transport{
			Proxy: http.ProxyFromEnvironment,
			DialContext: func(ctx context.Context, network, addr string) (net.Conn, error) {
				nc, err := nd.DialContext(ctx, network, addr)
				if err != nil {
					return nil, err
				}
				bc := &batchConn{Conn: nc}
				mu.Lock()
				local, remote, batch = nc.LocalAddr(), nc.RemoteAddr(), bc
				mu.Unlock()
				return bc, nil
			},
			TLSClientConfig: d.opts.tlsConfig,
		}
		defer tr.CloseIdleConnections()
		client = &http.Client{Transport: tr}
		addrs = func() (net.Addr, net.Addr) {
			mu.Lock()
			defer mu.Unlock()
			return local, remote
		}
		batched = func() *batchConn {
			mu.Lock()
			defer mu.Unlock()
			return batch
		}
	}
	c, resp, err := ws.Dial(ctx, d.url, &ws.DialOptions{
		HTTPClient:   client,
		HTTPHeader:   d.opts.header,
		Subprotocols: d.opts.subprotocols,
	})
	if resp != nil && resp.Body != nil && err != nil {
		_ = resp.Body.Close()
	}
	if err != nil {
		return nil, err
	}
	l, r := addrs()
	return newConn(c, framing.MaxFrameLength(d.opts.maxFrameLength), l, r, batched()), nil
}
