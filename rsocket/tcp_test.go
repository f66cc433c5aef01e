package rsocket_test

import (
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"io"
	"math/big"
	"net"
	"testing"
	"time"

	"github.com/sluicego/sluice/rsocket"
	"github.com/sluicego/sluice/rsocket/frame"
	"github.com/sluicego/sluice/rsocket/transport/tcp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

type tcpPair struct {
	server *rsocket.Server
	client *rsocket.Conn
	addr   string
}

func startTCP(t *testing.T, h rsocket.Handler, co rsocket.SetupOptions, so rsocket.ServerOptions, opts tcp.Options, dialOpts tcp.Options) *tcpPair {
	t.Helper()
	l, err := tcp.Listen(context.Background(), "127.0.0.1:0", opts)
	require.NoError(t, err)
	if so.Acceptor == nil {
		so.Acceptor = func(context.Context, rsocket.SetupInfo, rsocket.RSocket) (rsocket.Handler, error) { return h, nil }
	}
	p := &tcpPair{server: rsocket.NewServer(so), addr: l.Addr().String()}
	served := make(chan error, 1)
	go func() { served <- p.server.Serve(l) }()
	c, err := rsocket.Connect(context.Background(), tcp.NewDialer(p.addr, dialOpts), co)
	require.NoError(t, err)
	p.client = c
	t.Cleanup(func() {
		_ = c.Close()
		<-c.Done()
		require.NoError(t, p.server.Close())
		require.ErrorIs(t, <-served, rsocket.ErrServerClosed)
	})
	return p
}

func TestTCPInteractions(t *testing.T) {
	ev := newEvents()
	p := startTCP(t, fullHandler(ev), rsocket.SetupOptions{}, rsocket.ServerOptions{}, tcp.Options{}, tcp.Options{})
	exercise(t, p.client, ev)
}

func TestTCPServerToClient(t *testing.T) {
	ev := newEvents()
	requesters := make(chan rsocket.RSocket, 1)
	so := rsocket.ServerOptions{Acceptor: func(_ context.Context, _ rsocket.SetupInfo, r rsocket.RSocket) (rsocket.Handler, error) {
		requesters <- r
		return rsocket.Handler{}, nil
	}}
	startTCP(t, rsocket.Handler{}, rsocket.SetupOptions{Responder: fullHandler(ev)}, so, tcp.Options{}, tcp.Options{})
	exercise(t, <-requesters, ev)
}

func TestTCPWithTLS(t *testing.T) {
	cert := selfSigned(t)
	pool := x509.NewCertPool()
	pool.AddCert(cert.Leaf)
	ev := newEvents()
	p := startTCP(t, fullHandler(ev), rsocket.SetupOptions{}, rsocket.ServerOptions{},
		tcp.Options{TLSConfig: &tls.Config{Certificates: []tls.Certificate{cert}}},
		tcp.Options{TLSConfig: &tls.Config{RootCAs: pool, ServerName: "localhost"}})
	exercise(t, p.client, ev)
}

func TestTCPGarbageClosesOnlyThatConnection(t *testing.T) {
	p := startTCP(t, echoHandler(), rsocket.SetupOptions{}, rsocket.ServerOptions{SetupTimeout: 50 * time.Millisecond}, tcp.Options{}, tcp.Options{})
	t.Run("no frame before the setup timeout", func(t *testing.T) {
		nc, err := net.Dial("tcp", p.addr)
		require.NoError(t, err)
		defer nc.Close()
		_, err = nc.Write([]byte("GET / HTTP/1.1\r\n")) // announces a 4.6 MB frame
		require.NoError(t, err)
		require.NoError(t, nc.SetReadDeadline(time.Now().Add(waitFor)))
		_, err = nc.Read(make([]byte, 1))
		assert.ErrorIs(t, err, io.EOF)
	})
	for name, garbage := range map[string][]byte{
		"length below header": []byte("\x00\x00\x02hello world"),
		"unknown frame type":  {0, 0, 8, 0, 0, 0, 1, 0x3e << 2, 0, 1, 2},
	} {
		t.Run(name, func(t *testing.T) {
			nc, err := net.Dial("tcp", p.addr)
			require.NoError(t, err)
			defer nc.Close()
			_, err = nc.Write(garbage)
			require.NoError(t, err)
			require.NoError(t, nc.SetReadDeadline(time.Now().Add(waitFor)))
			b, err := frame.ReadFrame(nc, nil, 0)
			require.NoError(t, err)
			f, err := frame.Parse(b)
			require.NoError(t, err)
			ef := f.(*frame.ErrorFrame)
			assert.Equal(t, uint32(0), ef.Stream)
			assert.Contains(t, []frame.ErrorCode{frame.ErrorCodeConnectionError, frame.ErrorCodeInvalidSetup}, ef.Code)
			_, err = nc.Read(make([]byte, 1))
			assert.ErrorIs(t, err, io.EOF, "the server closed the connection")
		})
	}
	// Garbage after a valid SETUP.
	nc, err := net.Dial("tcp", p.addr)
	require.NoError(t, err)
	defer nc.Close()
	b, err := frame.AppendWithLengthPrefix(nil, setupFrame())
	require.NoError(t, err)
	_, err = nc.Write(append(b, 0, 0, 6, 0, 0, 0, 1, 0x3e<<2, 0)) // unknown type, I clear
	require.NoError(t, err)
	require.NoError(t, nc.SetReadDeadline(time.Now().Add(waitFor)))
	b, err = frame.ReadFrame(nc, nil, 0)
	require.NoError(t, err)
	f, err := frame.Parse(b)
	require.NoError(t, err)
	assert.Equal(t, frame.ErrorCodeConnectionError, f.(*frame.ErrorFrame).Code)

	// The server still serves the others.
	r := newRecorder(1)
	p.client.RequestResponse(rsocket.PayloadString("still", "")).Subscribe(r)
	require.NoError(t, r.wait(t))
	assert.Equal(t, []string{"echo:still"}, r.data())
}

func TestTCPMaxFrameLength(t *testing.T) {
	// The server accepts frames up to 1 KiB; the client does not fragment.
	p := startTCP(t, echoHandler(), rsocket.SetupOptions{}, rsocket.ServerOptions{}, tcp.Options{MaxFrameLength: 1024}, tcp.Options{})
	r := newRecorder(1)
	p.client.RequestResponse(rsocket.NewPayload(bigPayload(4096, 1), nil)).Subscribe(r)
	err := r.wait(t)
	require.ErrorIs(t, err, rsocket.ErrConnectionClosed)
	require.ErrorIs(t, err, rsocket.ErrConnectionError, "the server answered ERROR[CONNECTION_ERROR]")
}

func TestTCPFrameTooLargeToSend(t *testing.T) {
	// The client writes frames up to 1 KiB and does not fragment: its own
	// transport refuses the request, and the connection closes with why.
	p := startTCP(t, echoHandler(), rsocket.SetupOptions{}, rsocket.ServerOptions{}, tcp.Options{}, tcp.Options{MaxFrameLength: 1024})
	r := newRecorder(1)
	p.client.RequestResponse(rsocket.NewPayload(bigPayload(4096, 1), nil)).Subscribe(r)
	err := r.wait(t)
	require.ErrorIs(t, err, rsocket.ErrConnectionClosed)
	require.ErrorIs(t, err, tcp.ErrFrameTooLarge)
}

func selfSigned(t *testing.T) tls.Certificate {
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	require.NoError(t, err)
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(1),
		Subject:      pkix.Name{CommonName: "localhost"},
		DNSNames:     []string{"localhost"},
		NotBefore:    time.Now().Add(-time.Hour),
		NotAfter:     time.Now().Add(time.Hour),
		KeyUsage:     x509.KeyUsageDigitalSignature,
		ExtKeyUsage:  []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	require.NoError(t, err)
	leaf, err := x509.ParseCertificate(der)
	require.NoError(t, err)
	return tls.Certificate{Certificate: [][]byte{der}, PrivateKey: key, Leaf: leaf}
}
