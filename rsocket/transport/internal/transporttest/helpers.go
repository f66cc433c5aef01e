// Package transporttest runs the RSocket client and server over a
// transport, so that every transport package checks the same behaviour
// (interactions, demand, fragmentation, frame limits, a vanishing peer,
// graceful shutdown) and measures the same benchmark.
package transporttest

import (
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"math/big"
	"net"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/sluicego/sluice"
	"github.com/sluicego/sluice/flux"
	"github.com/sluicego/sluice/internal/pull"
	"github.com/sluicego/sluice/mono"
	"github.com/sluicego/sluice/rsocket"
	"github.com/stretchr/testify/require"
)

// WaitFor bounds every wait of the suite.
const WaitFor = 10 * time.Second

// TLSConfigs returns a server configuration with a fresh self-signed ECDSA
// certificate for "localhost" and 127.0.0.1, and a client configuration
// that trusts it.
func TLSConfigs(t testing.TB) (server, client *tls.Config) {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	require.NoError(t, err)
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(1),
		Subject:      pkix.Name{CommonName: "localhost"},
		DNSNames:     []string{"localhost"},
		IPAddresses:  []net.IP{net.IPv4(127, 0, 0, 1)},
		NotBefore:    time.Now().Add(-time.Hour),
		NotAfter:     time.Now().Add(24 * time.Hour),
		KeyUsage:     x509.KeyUsageDigitalSignature,
		ExtKeyUsage:  []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	require.NoError(t, err)
	leaf, err := x509.ParseCertificate(der)
	require.NoError(t, err)
	pool := x509.NewCertPool()
	pool.AddCert(leaf)
	cert := tls.Certificate{Certificate: [][]byte{der}, PrivateKey: key, Leaf: leaf}
	return &tls.Config{Certificates: []tls.Certificate{cert}, MinVersion: tls.VersionTLS12},
		&tls.Config{RootCAs: pool, ServerName: "localhost", MinVersion: tls.VersionTLS12}
}

type pubFunc[T any] func(sluice.Subscriber[T])

func (f pubFunc[T]) Subscribe(s sluice.Subscriber[T]) { f(s) }

func fromSource(src pull.Source[rsocket.Payload]) flux.Flux[rsocket.Payload] {
	return flux.From[rsocket.Payload](pubFunc[rsocket.Payload](func(s sluice.Subscriber[rsocket.Payload]) {
		pull.Subscribe[rsocket.Payload](s, src)
	}))
}

// counter produces "0", "1", … forever (or left items when left >= 0),
// counting what it produced.
type counter struct {
	n        int
	left     int
	payload  *rsocket.Payload
	produced *atomic.Int64
	gate     <-chan struct{}
}

func (c *counter) Next() (rsocket.Payload, bool, error) {
	if c.left == 0 {
		return rsocket.Payload{}, false, nil
	}
	if c.gate != nil {
		<-c.gate
	}
	c.left--
	if c.produced != nil {
		c.produced.Add(1)
	}
	if c.payload != nil {
		return *c.payload, true, nil
	}
	p := rsocket.PayloadString(strconv.Itoa(c.n), "")
	c.n++
	return p, true, nil
}

func (c *counter) Exhausted() bool { return c.left == 0 }

// recorder records what a requester receives and requests more from
// onNext when told to.
type recorder struct {
	initial int64
	onNext  func(r *recorder, p rsocket.Payload)

	mu    sync.Mutex
	sub   sluice.Subscription
	items []rsocket.Payload
	done  chan error
	next  chan struct{}
}

func newRecorder(initial int64) *recorder {
	return &recorder{initial: initial, done: make(chan error, 1), next: make(chan struct{}, 1024)}
}

func (r *recorder) OnSubscribe(s sluice.Subscription) {
	r.mu.Lock()
	r.sub = s
	r.mu.Unlock()
	if r.initial > 0 {
		s.Request(r.initial)
	}
}

func (r *recorder) OnNext(p rsocket.Payload) {
	r.mu.Lock()
	r.items = append(r.items, p)
	r.mu.Unlock()
	select {
	case r.next <- struct{}{}:
	default:
	}
	if r.onNext != nil {
		r.onNext(r, p)
	}
}

func (r *recorder) OnError(err error) { r.done <- err }
func (r *recorder) OnComplete()       { r.done <- nil }

func (r *recorder) subscription() sluice.Subscription {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.sub
}

func (r *recorder) count() int {
	r.mu.Lock()
	defer r.mu.Unlock()
	return len(r.items)
}

func (r *recorder) data() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	out := make([]string, len(r.items))
	for i, p := range r.items {
		out[i] = p.DataString()
	}
	return out
}

func (r *recorder) wait(t testing.TB) error {
	t.Helper()
	select {
	case err := <-r.done:
		return err
	case <-time.After(WaitFor):
		t.Fatal("the stream did not end in time")
		return nil
	}
}

func (r *recorder) waitNext(t testing.TB) {
	t.Helper()
	select {
	case <-r.next:
	case <-time.After(WaitFor):
		t.Fatal("no element in time")
	}
}

// echo answers a request-response with its data.
func echo(_ context.Context, p rsocket.Payload) mono.Mono[rsocket.Payload] {
	return mono.Just(rsocket.NewPayload(p.Data, nil))
}

func timeAfter() <-chan time.Time { return time.After(WaitFor) }
