package quic_test

import (
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"fmt"
	"math/big"
	"net"
	"time"

	"github.com/sluicego/sluice/mono"
	"github.com/sluicego/sluice/rsocket"
	"github.com/sluicego/sluice/rsocket/transport/quic"
)

// selfSigned returns a server configuration with a throwaway certificate
// for 127.0.0.1 and a client configuration that trusts it.
func selfSigned() (server, client *tls.Config) {
	key, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(1),
		IPAddresses:  []net.IP{net.IPv4(127, 0, 0, 1)},
		NotBefore:    time.Now().Add(-time.Hour),
		NotAfter:     time.Now().Add(time.Hour),
	}
	der, _ := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	leaf, _ := x509.ParseCertificate(der)
	roots := x509.NewCertPool()
	roots.AddCert(leaf)
	return &tls.Config{Certificates: []tls.Certificate{{Certificate: [][]byte{der}, PrivateKey: key}}},
		&tls.Config{RootCAs: roots}
}

// An RSocket server on QUIC and a client.
func Example() {
	ctx := context.Background()
	serverTLS, clientTLS := selfSigned()
	l, err := quic.Listen(ctx, "127.0.0.1:0", serverTLS)
	if err != nil {
		panic(err)
	}
	srv := rsocket.NewServer(rsocket.ServerOptions{
		Acceptor: func(context.Context, rsocket.SetupInfo, rsocket.RSocket) (rsocket.Handler, error) {
			return rsocket.Handler{RequestResponse: func(_ context.Context, p rsocket.Payload) mono.Mono[rsocket.Payload] {
				return mono.Just(rsocket.PayloadString("echo: "+p.DataString(), ""))
			}}, nil
		},
	})
	served := make(chan error, 1)
	go func() { served <- srv.Serve(l) }()

	c, err := rsocket.Connect(ctx, quic.Dial(l.Addr().String(), clientTLS), rsocket.SetupOptions{})
	if err != nil {
		panic(err)
	}
	p, _, err := c.RequestResponse(rsocket.PayloadString("hello", "")).Block(ctx)
	fmt.Println(p.DataString(), err)

	_ = c.Close()
	<-c.Done()
	_ = srv.Close()
	<-served
	// Output: echo: hello <nil>
}
