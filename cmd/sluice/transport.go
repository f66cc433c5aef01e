package main

import (
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"fmt"
	"math/big"
	"net"
	"net/url"
	"time"

	"github.com/sluicego/sluice/rsocket/transport"
	"github.com/sluicego/sluice/rsocket/transport/quic"
	"github.com/sluicego/sluice/rsocket/transport/tcp"
	"github.com/sluicego/sluice/rsocket/transport/websocket"
)

// uriUsage lists the URI forms the command understands.
const uriUsage = "tcp://host:port, ws://host:port/path, wss://host:port/path or quic://host:port"

// endpoint is a parsed transport URI.
type endpoint struct {
	scheme string // tcp, ws, wss or quic
	host   string // host:port
	path   string // ws and wss only; "/" when absent
}

// parseURI parses a transport URI.
func parseURI(uri string) (endpoint, error) {
	bad := fmt.Errorf("unsupported URI %q: want %s", uri, uriUsage)
	u, err := url.Parse(uri)
	if err != nil || u.Host == "" || u.User != nil || u.RawQuery != "" || u.Fragment != "" || u.Opaque != "" {
		return endpoint{}, bad
	}
	if _, _, err := net.SplitHostPort(u.Host); err != nil {
		return endpoint{}, bad
	}
	e := endpoint{scheme: u.Scheme, host: u.Host}
	switch u.Scheme {
	case "tcp", "quic":
		if u.Path != "" {
			return endpoint{}, bad
		}
	case "ws", "wss":
		e.path = u.EscapedPath()
		if e.path == "" {
			e.path = "/"
		}
	default:
		return endpoint{}, bad
	}
	return e, nil
}

// dialer returns the transport for a client URI. insecure skips the
// verification of the server's certificate (wss, quic).
func (e endpoint) dialer(insecure bool) transport.Dialer {
	clientTLS := &tls.Config{InsecureSkipVerify: insecure} //nolint:gosec // opt-in for test servers
	switch e.scheme {
	case "ws":
		return websocket.Dial("ws://" + e.host + e.path)
	case "wss":
		return websocket.Dial("wss://"+e.host+e.path, websocket.WithTLSConfig(clientTLS))
	case "quic":
		return quic.Dial(e.host, clientTLS)
	}
	return tcp.NewDialer(e.host, tcp.Options{})
}

// listen opens the listener for a serve URI and returns it with the URI
// clients dial (with the actual port). wss and quic serve a self-signed
// certificate made at start (clients need --insecure).
func (e endpoint) listen(ctx context.Context) (transport.Listener, string, error) {
	switch e.scheme {
	case "ws", "wss":
		var opts []websocket.Option
		if e.scheme == "wss" {
			cfg, err := selfSignedTLS(e.host)
			if err != nil {
				return nil, "", err
			}
			opts = append(opts, websocket.WithTLSConfig(cfg))
		}
		l, err := websocket.Listen(ctx, e.host, e.path, opts...)
		if err != nil {
			return nil, "", err
		}
		return l, l.URL(), nil
	case "quic":
		cfg, err := selfSignedTLS(e.host)
		if err != nil {
			return nil, "", err
		}
		l, err := quic.Listen(ctx, e.host, cfg)
		if err != nil {
			return nil, "", err
		}
		return l, "quic://" + l.Addr().String(), nil
	}
	l, err := tcp.Listen(ctx, e.host, tcp.Options{})
	if err != nil {
		return nil, "", err
	}
	return l, "tcp://" + l.Addr().String(), nil
}

// selfSignedTLS makes a throwaway ECDSA certificate for localhost, the
// loopback addresses and the listening host.
func selfSignedTLS(hostport string) (*tls.Config, error) {
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return nil, err
	}
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(time.Now().UnixNano()),
		Subject:      pkix.Name{CommonName: "sluice serve"},
		DNSNames:     []string{"localhost"},
		IPAddresses:  []net.IP{net.IPv4(127, 0, 0, 1), net.IPv6loopback},
		NotBefore:    time.Now().Add(-time.Hour),
		NotAfter:     time.Now().Add(30 * 24 * time.Hour),
		KeyUsage:     x509.KeyUsageDigitalSignature,
		ExtKeyUsage:  []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
	}
	if host, _, err := net.SplitHostPort(hostport); err == nil && host != "" {
		if ip := net.ParseIP(host); ip != nil {
			tmpl.IPAddresses = append(tmpl.IPAddresses, ip)
		} else {
			tmpl.DNSNames = append(tmpl.DNSNames, host)
		}
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		return nil, err
	}
	return &tls.Config{Certificates: []tls.Certificate{{Certificate: [][]byte{der}, PrivateKey: key}}}, nil
}
