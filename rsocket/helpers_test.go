package rsocket_test

import (
	"context"
	"errors"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/sluicego/sluice"
	"github.com/sluicego/sluice/flux"
	"github.com/sluicego/sluice/internal/pull"
	"github.com/sluicego/sluice/mono"
	"github.com/sluicego/sluice/rsocket"
	"github.com/sluicego/sluice/rsocket/transport"
	"github.com/sluicego/sluice/rsocket/transport/local"
	"github.com/stretchr/testify/require"
)

const waitFor = 5 * time.Second

// sliceSource emits a fixed list, or fails with err at the end.
type sliceSource struct {
	items []rsocket.Payload
	err   error
}

func (s *sliceSource) Next() (rsocket.Payload, bool, error) {
	if len(s.items) == 0 {
		return rsocket.Payload{}, false, s.err
	}
	p := s.items[0]
	s.items = s.items[1:]
	return p, true, nil
}

func (s *sliceSource) Exhausted() bool { return len(s.items) == 0 && s.err == nil }

type pubFunc[T any] func(sluice.Subscriber[T])

func (f pubFunc[T]) Subscribe(s sluice.Subscriber[T]) { f(s) }

func fluxOf(items ...rsocket.Payload) flux.Flux[rsocket.Payload] {
	return flux.From[rsocket.Payload](pubFunc[rsocket.Payload](func(s sluice.Subscriber[rsocket.Payload]) {
		pull.Subscribe[rsocket.Payload](s, &sliceSource{items: append([]rsocket.Payload(nil), items...)})
	}))
}

func fluxError(err error, items ...rsocket.Payload) flux.Flux[rsocket.Payload] {
	return flux.From[rsocket.Payload](pubFunc[rsocket.Payload](func(s sluice.Subscriber[rsocket.Payload]) {
		pull.Subscribe[rsocket.Payload](s, &sliceSource{items: append([]rsocket.Payload(nil), items...), err: err})
	}))
}

func monoJust(p rsocket.Payload) mono.Mono[rsocket.Payload] {
	return mono.From[rsocket.Payload](fluxOf(p))
}

func monoError(err error) mono.Mono[rsocket.Payload] {
	return mono.From[rsocket.Payload](fluxError(err))
}

// genSource produces "0", "1", … forever, counting what it produced.
type genSource struct {
	n        int
	produced *atomic.Int64
	closed   chan struct{}
}

func (g *genSource) Next() (rsocket.Payload, bool, error) {
	g.produced.Add(1)
	p := rsocket.PayloadString(itoa(g.n), "")
	g.n++
	return p, true, nil
}

func (g *genSource) Close() {
	if g.closed != nil {
		close(g.closed)
	}
}

// generator is an infinite publisher; closed (if not nil) is closed on cancel.
func generator(produced *atomic.Int64, closed chan struct{}) flux.Flux[rsocket.Payload] {
	return flux.From[rsocket.Payload](pubFunc[rsocket.Payload](func(s sluice.Subscriber[rsocket.Payload]) {
		pull.Subscribe[rsocket.Payload](s, &genSource{produced: produced, closed: closed})
	}))
}

func itoa(n int) string {
	if n == 0 {
		return "0"
	}
	var b []byte
	for n > 0 {
		b = append([]byte{byte('0' + n%10)}, b...)
		n /= 10
	}
	return string(b)
}

// recorder is a test subscriber that requests by hand.
type recorder struct {
	mu        sync.Mutex
	sub       sluice.Subscription
	items     []rsocket.Payload
	err       error
	completed bool
	done      chan struct{}
	initial   int64
	onNext    func(r *recorder, p rsocket.Payload)
}

func newRecorder(initial int64) *recorder {
	return &recorder{done: make(chan struct{}), initial: initial}
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
	f := r.onNext
	r.mu.Unlock()
	if f != nil {
		f(r, p)
	}
}

func (r *recorder) OnError(err error) {
	r.mu.Lock()
	r.err = err
	r.mu.Unlock()
	close(r.done)
}

func (r *recorder) OnComplete() {
	r.mu.Lock()
	r.completed = true
	r.mu.Unlock()
	close(r.done)
}

func (r *recorder) request(n int64) { r.subscription().Request(n) }
func (r *recorder) cancel()         { r.subscription().Cancel() }

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

func (r *recorder) wait(t *testing.T) error {
	t.Helper()
	select {
	case <-r.done:
	case <-time.After(waitFor):
		t.Fatalf("subscriber not terminated after %v (got %d items)", waitFor, r.count())
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.err
}

// pair starts a server on a local listener and connects a client.
type pair struct {
	server *rsocket.Server
	client *rsocket.Conn
	served chan error
	l      *local.Listener
	closed bool
	rec    *recordingDialer
}

func startPair(t *testing.T, serverHandler rsocket.Handler, clientOpts rsocket.SetupOptions, serverOpts rsocket.ServerOptions) *pair {
	t.Helper()
	l := local.NewListener("test", 0)
	if serverOpts.Acceptor == nil {
		serverOpts.Acceptor = func(context.Context, rsocket.SetupInfo, rsocket.RSocket) (rsocket.Handler, error) {
			return serverHandler, nil
		}
	}
	p := &pair{server: rsocket.NewServer(serverOpts), served: make(chan error, 1), l: l}
	go func() { p.served <- p.server.Serve(l) }()
	p.rec = &recordingDialer{d: l}
	c, err := rsocket.Connect(context.Background(), p.rec, clientOpts)
	require.NoError(t, err)
	p.client = c
	t.Cleanup(func() { p.close(t) })
	return p
}

func (p *pair) close(t *testing.T) {
	if p.closed {
		return
	}
	p.closed = true
	_ = p.client.Close()
	<-p.client.Done()
	require.NoError(t, p.server.Close())
	require.True(t, errors.Is(<-p.served, rsocket.ErrServerClosed))
}

var _ transport.Dialer = (*local.Listener)(nil)

// the is the polling interval of require.Eventually.
const the = time.Millisecond

func timeout() <-chan time.Time { return time.After(waitFor) }
