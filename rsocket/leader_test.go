package rsocket_test

import (
	"bytes"
	"context"
	"crypto/tls"
	"crypto/x509"
	"fmt"
	"runtime"
	"sync"
	"sync/atomic"
	"testing"
	"time"
	"weak"

	"github.com/sluicego/sluice/flux"
	"github.com/sluicego/sluice/mono"
	"github.com/sluicego/sluice/rsocket"
	"github.com/sluicego/sluice/rsocket/transport/tcp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// These tests cover the latency paths of request-response over TCP: a
// caller blocked in Mono.Block on a quiet client connection reads its own
// answer (leader.go), and the server's reader answers request-responses
// whose handlers return fused Monos itself (inline.go).

// leaderFrame is how a goroutine reading the transport for its own
// request-response appears in a stack dump. The tests below use it only to
// check that they exercise that path, not to decide whether it works.
const leaderFrame = "rsocket.(*Conn).lead("

// leading reports whether some goroutine reads its own answer now.
func leading() bool {
	buf := make([]byte, 1<<20)
	for {
		n := runtime.Stack(buf, true)
		if n < len(buf) {
			return bytes.Contains(buf[:n], []byte(leaderFrame))
		}
		buf = make([]byte, 2*len(buf))
	}
}

// testPayload returns a payload whose data and metadata depend on i and
// hold every byte value, zero included.
func testPayload(i, size int) rsocket.Payload {
	data := make([]byte, size)
	for j := range data {
		data[j] = byte(i + j*13)
	}
	return rsocket.NewPayload(data, []byte(fmt.Sprintf("md-%d\x00\xff", i)))
}

// requireEcho checks that got is want byte for byte.
func requireEcho(t *testing.T, want, got rsocket.Payload) {
	t.Helper()
	require.True(t, bytes.Equal(want.Data, got.Data), "data differs (%d bytes sent, %d received)", len(want.Data), len(got.Data))
	require.Equal(t, want.Metadata, got.Metadata)
}

// leaderHandler answers request-responses: "hang" is never answered (arrived
// gets a token when it is called), "big" gets big, anything else is echoed
// with a fused Mono (answered on the server's reader).
func leaderHandler(arrived chan<- struct{}, big []byte) rsocket.Handler {
	return rsocket.Handler{RequestResponse: func(_ context.Context, p rsocket.Payload) mono.Mono[rsocket.Payload] {
		switch string(p.Data) {
		case "hang":
			select {
			case arrived <- struct{}{}:
			default:
			}
			return mono.Never[rsocket.Payload]()
		case "big":
			return mono.Just(rsocket.NewPayload(big, nil))
		}
		return mono.Just(p)
	}}
}

// blockResult is what a Block in another goroutine returned.
type blockResult struct {
	v   rsocket.Payload
	ok  bool
	err error
}

// blockOnHeld makes a request-response on c right after an answered one
// (so that the caller may read its own answer) whose handler holds it
// ("hang"), waits until the handler has it (arrived), and returns where
// the Block's result will arrive and whether the caller was then reading
// its own answer.
func blockOnHeld(t *testing.T, c *rsocket.Conn, ctx context.Context, arrived <-chan struct{}, round int) (<-chan blockResult, bool) {
	t.Helper()
	res := make(chan blockResult, 1)
	go func() {
		if _, _, err := c.RequestResponse(rsocket.PayloadString("warm", "")).Block(ctx); err != nil {
			res <- blockResult{err: err}
			return
		}
		v, ok, err := c.RequestResponse(rsocket.PayloadString("hang", "")).Block(ctx)
		res <- blockResult{v, ok, err}
	}()
	select {
	case <-arrived:
	case <-time.After(2 * waitFor):
		t.Fatalf("round %d: the handler was not called", round)
	}
	return res, leading()
}

// awaitBlock waits (with a generous bound) for the result of a Block run in
// another goroutine.
func awaitBlock(t *testing.T, res <-chan blockResult, what string) blockResult {
	t.Helper()
	select {
	case r := <-res:
		return r
	case <-time.After(2 * waitFor):
		t.Fatalf("%s: Block did not return", what)
		return blockResult{}
	}
}

// echoOnce does one echoed request-response and checks the answer.
func echoOnce(t *testing.T, c *rsocket.Conn, ctx context.Context, i int) {
	t.Helper()
	want := testPayload(i, 1+i%300)
	v, ok, err := c.RequestResponse(want).Block(ctx)
	require.NoError(t, err, "request %d", i)
	require.True(t, ok, "request %d", i)
	requireEcho(t, want, v)
}

// Sequential blocking request-responses, with a context that cannot be
// cancelled, one that can (shared by every call, or new for each call),
// and alternating between them, all get their own answer byte for byte.
func TestLeaderSequentialBlock(t *testing.T) {
	c := startTCP(t, leaderHandler(nil, nil), rsocket.SetupOptions{}, rsocket.ServerOptions{}, tcp.Options{}, tcp.Options{}).client
	shared, cancel := context.WithTimeout(context.Background(), time.Hour)
	defer cancel()
	ctxs := map[string]func(i int) (context.Context, context.CancelFunc){
		"background": func(int) (context.Context, context.CancelFunc) { return context.Background(), func() {} },
		"shared cancellable": func(int) (context.Context, context.CancelFunc) {
			return shared, func() {}
		},
		"new timeout per call": func(int) (context.Context, context.CancelFunc) {
			return context.WithTimeout(context.Background(), time.Hour)
		},
		"alternating": func(i int) (context.Context, context.CancelFunc) {
			switch i % 3 {
			case 0:
				return context.Background(), func() {}
			case 1:
				return shared, func() {}
			}
			return context.WithCancel(context.Background())
		},
	}
	for name, mk := range ctxs {
		t.Run(name, func(t *testing.T) {
			for i := range 200 {
				ctx, cancel := mk(i)
				echoOnce(t, c, ctx, i)
				cancel()
			}
			require.NoError(t, c.Err())
		})
	}
}

// A caller whose context ends while it waits for an answer that never
// comes returns ctx.Err(), and the connection goes on serving: the read it
// was doing was interrupted without losing anything and without leaving a
// read deadline on the socket, and the reader goroutine took over. Over
// plain TCP and TLS.
func TestLeaderCancelledWhileWaiting(t *testing.T) {
	cert := selfSigned(t)
	pool := x509.NewCertPool()
	pool.AddCert(cert.Leaf)
	cases := map[string][2]tcp.Options{
		"tcp": {},
		"tls": {
			{TLSConfig: &tls.Config{Certificates: []tls.Certificate{cert}}},
			{TLSConfig: &tls.Config{RootCAs: pool, ServerName: "localhost"}},
		},
	}
	for name, opts := range cases {
		t.Run(name, func(t *testing.T) {
			arrived := make(chan struct{}, 1)
			c := startTCP(t, leaderHandler(arrived, nil), rsocket.SetupOptions{}, rsocket.ServerOptions{}, opts[0], opts[1]).client
			const rounds = 20
			led := 0
			for round := range rounds {
				ctx, cancel := context.WithCancel(context.Background())
				res, led1 := blockOnHeld(t, c, ctx, arrived, round)
				if led1 {
					led++
				}
				cancel()
				r := awaitBlock(t, res, "cancelled")
				require.ErrorIs(t, r.err, context.Canceled, "round %d", round)

				for i := range 5 {
					echoOnce(t, c, context.Background(), round*10+i)
				}
				ctx, cancel = context.WithTimeout(context.Background(), time.Hour)
				echoOnce(t, c, ctx, round)
				cancel()
				require.NoError(t, c.Err(), "round %d", round)
			}
			t.Logf("%d of %d cancelled callers were reading their own answer", led, rounds)
			require.Positive(t, led, "no caller read its own answer: the test misses the path it is for")
		})
	}
}

// Callers whose deadline expires at all sorts of points (before the
// request is written, while the answer is in flight, while a 1 MiB answer
// is half read) return either the whole answer or ctx.Err(); the
// connection stays consistent: later answers are the right ones, byte for
// byte, and it is never closed.
func TestLeaderDeadlineRaces(t *testing.T) {
	big := bytes.Repeat([]byte("0123456789abcdefghijklmnopqrstuvwxyz!"), (1<<20)/37+1)[:1<<20]
	cases := []struct {
		name     string
		request  rsocket.Payload
		want     []byte
		maxDelay time.Duration
	}{
		{"small answer", rsocket.PayloadString("small", ""), []byte("small"), 200 * time.Microsecond},
		{"1 MiB answer", rsocket.PayloadString("big", ""), big, 12 * time.Millisecond},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c := startTCP(t, leaderHandler(nil, big), rsocket.SetupOptions{}, rsocket.ServerOptions{}, tcp.Options{}, tcp.Options{}).client
			answered, expired := 0, 0
			const rounds = 60
			for i := range rounds {
				echoOnce(t, c, context.Background(), i)
				// Spread over 0..maxDelay, not in order.
				d := time.Duration((i*37)%rounds) * tc.maxDelay / rounds
				ctx, cancel := context.WithTimeout(context.Background(), d)
				v, ok, err := c.RequestResponse(tc.request).Block(ctx)
				cancel()
				if err != nil {
					require.ErrorIs(t, err, context.DeadlineExceeded, "round %d (%v)", i, d)
					expired++
					continue
				}
				require.True(t, ok)
				require.True(t, bytes.Equal(tc.want, v.Data), "round %d: the answer differs", i)
				answered++
			}
			t.Logf("%d answered, %d expired", answered, expired)
			v, ok, err := c.RequestResponse(tc.request).Block(context.Background())
			require.NoError(t, err)
			require.True(t, ok)
			require.True(t, bytes.Equal(tc.want, v.Data), "the final answer differs")
			for i := range 20 {
				echoOnce(t, c, context.Background(), i)
			}
			require.NoError(t, c.Err())
		})
	}
}

// Frames the server sends unasked reach a client whose last blocking
// request-response was answered to the caller itself (nobody reads the
// socket then): a request-response to the client's responder and a
// METADATA_PUSH. And a request the server makes to the client while a
// caller reads its own answer (the server's answer waits for it) is
// answered by the client, not stuck behind the caller.
func TestLeaderServerToClientAfterBlock(t *testing.T) {
	requesters := make(chan rsocket.RSocket, 1)
	so := rsocket.ServerOptions{Acceptor: func(_ context.Context, _ rsocket.SetupInfo, r rsocket.RSocket) (rsocket.Handler, error) {
		requesters <- r
		return rsocket.Handler{RequestResponse: func(_ context.Context, p rsocket.Payload) mono.Mono[rsocket.Payload] {
			if string(p.Data) == "call back" {
				// Answer with what the client answers.
				return r.RequestResponse(rsocket.PayloadString("from server", ""))
			}
			return mono.Just(p)
		}}, nil
	}}
	pushes := make(chan string, 1)
	responder := clientResponder
	responder.MetadataPush = func(_ context.Context, md []byte) { pushes <- string(md) }
	c := startTCP(t, rsocket.Handler{}, rsocket.SetupOptions{Responder: responder}, so, tcp.Options{}, tcp.Options{}).client
	server := <-requesters

	for i := range 20 {
		echoOnce(t, c, context.Background(), i)
		requireClientAnswers(t, server, i)

		echoOnce(t, c, context.Background(), i)
		require.NoError(t, server.MetadataPush(context.Background(), []byte("md-"+itoa(i))))
		select {
		case md := <-pushes:
			require.Equal(t, "md-"+itoa(i), md)
		case <-time.After(2 * waitFor):
			t.Fatalf("round %d: METADATA_PUSH not received", i)
		}
	}

	for i := range 20 {
		echoOnce(t, c, context.Background(), i)
		for _, ctx := range []context.Context{context.Background(), t.Context()} {
			res := make(chan blockResult, 1)
			go func() {
				v, ok, err := c.RequestResponse(rsocket.PayloadString("call back", "")).Block(ctx)
				res <- blockResult{v, ok, err}
			}()
			r := awaitBlock(t, res, "call back")
			require.NoError(t, r.err, "round %d", i)
			require.True(t, r.ok)
			require.Equal(t, "client:from server", r.v.DataString())
		}
	}
	require.NoError(t, c.Err())
}

// A stream in flight and blocking request-responses on the same
// connection, from two goroutines, take turns at reading the socket: every
// stream element and every answer arrives.
func TestLeaderMixedWithStreams(t *testing.T) {
	h := leaderHandler(nil, nil)
	h.RequestStream = func(_ context.Context, p rsocket.Payload) flux.Flux[rsocket.Payload] {
		n := int(p.Data[0])
		items := make([]rsocket.Payload, n)
		for i := range items {
			items[i] = rsocket.PayloadString(p.MetadataString()+"/"+itoa(i), "")
		}
		return fluxOf(items...)
	}
	c := startTCP(t, h, rsocket.SetupOptions{}, rsocket.ServerOptions{}, tcp.Options{}, tcp.Options{}).client

	const streams, elements, requests = 40, 50, 600
	stop := make(chan struct{})
	blocks := make(chan error, 1)
	go func() {
		defer close(blocks)
		for i := 0; ; i++ {
			if i >= requests {
				select {
				case <-stop:
					return
				default:
				}
			}
			var ctx context.Context = context.Background()
			var cancel context.CancelFunc = func() {}
			if i%2 == 1 {
				ctx, cancel = context.WithTimeout(ctx, time.Hour)
			}
			want := testPayload(i, 1+i%50)
			v, ok, err := c.RequestResponse(want).Block(ctx)
			cancel()
			if err == nil && (!ok || !bytes.Equal(want.Data, v.Data) || !bytes.Equal(want.Metadata, v.Metadata)) {
				err = fmt.Errorf("request %d: wrong answer %q", i, v.Data)
			}
			if err != nil {
				blocks <- err
				return
			}
		}
	}()

	for s := range streams {
		name := "s" + itoa(s)
		var rec *recorder
		if s%2 == 0 {
			rec = newRecorder(elements)
		} else {
			// One element at a time: every REQUEST_N is a round trip.
			rec = newRecorder(1)
			rec.onNext = func(r *recorder, _ rsocket.Payload) { r.request(1) }
		}
		c.RequestStream(rsocket.NewPayload([]byte{elements}, []byte(name))).Subscribe(rec)
		require.NoError(t, rec.wait(t), "stream %d", s)
		want := make([]string, elements)
		for i := range want {
			want[i] = name + "/" + itoa(i)
		}
		require.Equal(t, want, rec.data(), "stream %d", s)
	}
	close(stop)
	select {
	case err := <-blocks:
		require.NoError(t, err)
	case <-time.After(30 * time.Second):
		t.Fatal("blocking requests did not finish")
	}
	require.NoError(t, c.Err())
}

// A caller reading its own answer when the server goes away gets an error
// matching ErrConnectionClosed, whether the server closes that connection
// or shuts down, and whatever the caller's context.
func TestLeaderConnectionClosedWhileWaiting(t *testing.T) {
	closers := map[string]func(*testing.T, *tcpPair, rsocket.RSocket){
		"server conn closed": func(t *testing.T, _ *tcpPair, r rsocket.RSocket) { require.NoError(t, r.(*rsocket.Conn).Close()) },
		"server closed":      func(t *testing.T, p *tcpPair, _ rsocket.RSocket) { require.NoError(t, p.server.Close()) },
	}
	contexts := map[string]func() (context.Context, context.CancelFunc){
		"background": func() (context.Context, context.CancelFunc) { return context.Background(), func() {} },
		"cancellable": func() (context.Context, context.CancelFunc) {
			return context.WithTimeout(context.Background(), time.Hour)
		},
	}
	for cname, closeServer := range closers {
		for xname, mkCtx := range contexts {
			t.Run(cname+", "+xname, func(t *testing.T) {
				led := 0
				const rounds = 8
				for round := range rounds {
					arrived := make(chan struct{}, 1)
					requesters := make(chan rsocket.RSocket, 1)
					so := rsocket.ServerOptions{Acceptor: func(_ context.Context, _ rsocket.SetupInfo, r rsocket.RSocket) (rsocket.Handler, error) {
						requesters <- r
						return leaderHandler(arrived, nil), nil
					}}
					p := startTCP(t, rsocket.Handler{}, rsocket.SetupOptions{}, so, tcp.Options{}, tcp.Options{})
					serverConn := <-requesters
					ctx, cancel := mkCtx()
					res, led1 := blockOnHeld(t, p.client, ctx, arrived, round)
					if led1 {
						led++
					}
					closeServer(t, p, serverConn)
					r := awaitBlock(t, res, "connection closed")
					cancel()
					require.ErrorIs(t, r.err, rsocket.ErrConnectionClosed, "round %d", round)
					select {
					case <-p.client.Done():
					case <-time.After(2 * waitFor):
						t.Fatalf("round %d: the client connection did not end", round)
					}
					require.ErrorIs(t, p.client.Err(), rsocket.ErrConnectionClosed)
				}
				t.Logf("%d of %d callers were reading their own answer", led, rounds)
				require.Positive(t, led, "no caller read its own answer: the test misses the path it is for")
			})
		}
	}
}

// Many goroutines blocking on request-responses on one connection (with
// contexts of every kind) each get their own answer.
func TestLeaderConcurrentBlock(t *testing.T) {
	c := startTCP(t, leaderHandler(nil, nil), rsocket.SetupOptions{}, rsocket.ServerOptions{}, tcp.Options{}, tcp.Options{}).client
	const goroutines, requests = 64, 200
	var wg sync.WaitGroup
	var failed atomic.Int64
	for g := range goroutines {
		wg.Go(func() {
			shared, cancelShared := context.WithCancel(context.Background())
			defer cancelShared()
			for i := range requests {
				var ctx context.Context
				cancel := context.CancelFunc(func() {})
				switch (g + i) % 3 {
				case 0:
					ctx = context.Background()
				case 1:
					ctx = shared
				default:
					ctx, cancel = context.WithTimeout(context.Background(), time.Hour)
				}
				want := testPayload(g*requests+i, 1+(g+i)%100)
				v, ok, err := c.RequestResponse(want).Block(ctx)
				cancel()
				if !assert.NoError(t, err, "goroutine %d request %d", g, i) ||
					!assert.True(t, ok) ||
					!assert.True(t, bytes.Equal(want.Data, v.Data) && bytes.Equal(want.Metadata, v.Metadata),
						"goroutine %d request %d: another answer", g, i) {
					failed.Add(1)
					return
				}
			}
		})
	}
	wg.Wait()
	require.Zero(t, failed.Load())
	require.NoError(t, c.Err())
}

// Concurrent callers, some of whose deadlines expire at once, others not:
// interrupting one caller's read never costs another caller its answer,
// and the connection stays open.
func TestLeaderConcurrentDeadlines(t *testing.T) {
	c := startTCP(t, leaderHandler(nil, nil), rsocket.SetupOptions{}, rsocket.ServerOptions{}, tcp.Options{}, tcp.Options{}).client
	const goroutines, rounds = 16, 100
	var wg sync.WaitGroup
	var answered, expired atomic.Int64
	for g := range goroutines {
		wg.Go(func() {
			for i := range rounds {
				want := testPayload(g*rounds+i, 1+i%64)
				if i%2 == 0 {
					v, ok, err := c.RequestResponse(want).Block(context.Background())
					if !assert.NoError(t, err) || !assert.True(t, ok) ||
						!assert.True(t, bytes.Equal(want.Data, v.Data), "goroutine %d round %d: another answer", g, i) {
						return
					}
					continue
				}
				d := time.Duration((g*31+i*17)%600) * time.Microsecond
				ctx, cancel := context.WithTimeout(context.Background(), d)
				v, ok, err := c.RequestResponse(want).Block(ctx)
				cancel()
				if err != nil {
					if !assert.ErrorIs(t, err, context.DeadlineExceeded) {
						return
					}
					expired.Add(1)
					continue
				}
				if !assert.True(t, ok) || !assert.True(t, bytes.Equal(want.Data, v.Data), "goroutine %d round %d: another answer", g, i) {
					return
				}
				answered.Add(1)
			}
		})
	}
	wg.Wait()
	t.Logf("with deadlines: %d answered, %d expired", answered.Load(), expired.Load())
	require.NoError(t, c.Err())
	for i := range 10 {
		echoOnce(t, c, context.Background(), i)
	}
}

// A Block's context may be any implementation of context.Context, even a
// struct value that cannot be compared with ==.
func TestLeaderUncomparableContext(t *testing.T) {
	addr, stopServer := serveLeaderHandler(t)
	c, err := rsocket.Connect(context.Background(), tcp.NewDialer(addr, tcp.Options{}), rsocket.SetupOptions{})
	require.NoError(t, err)
	parent, cancel := context.WithCancel(context.Background())
	defer cancel()

	var panicked any
	for i := 0; i < 20 && panicked == nil; i++ {
		ctx := taggedContext{Context: parent, tags: []string{itoa(i)}}
		func() {
			defer func() { panicked = recover() }()
			want := testPayload(i, 10)
			v, ok, err := c.RequestResponse(want).Block(ctx)
			assert.NoError(t, err)
			assert.True(t, ok)
			assert.True(t, bytes.Equal(want.Data, v.Data))
		}()
	}
	if panicked != nil {
		// The client connection may be left locked by the panic: it is
		// not closed, so that the test fails instead of hanging.
		t.Errorf("Block panicked with a valid context: %v", panicked)
		stopServer()
		return
	}
	require.NoError(t, c.Close())
	<-c.Done()
	stopServer()
}

// serveLeaderHandler serves leaderHandler over TCP on a server the test
// stops itself (stop closes it and checks that Serve returned), for tests
// that manage their client connections by hand.
func serveLeaderHandler(t *testing.T) (addr string, stop func()) {
	t.Helper()
	l, err := tcp.Listen(context.Background(), "127.0.0.1:0", tcp.Options{})
	require.NoError(t, err)
	server := rsocket.NewServer(rsocket.ServerOptions{Acceptor: func(context.Context, rsocket.SetupInfo, rsocket.RSocket) (rsocket.Handler, error) {
		return leaderHandler(nil, nil), nil
	}})
	served := make(chan error, 1)
	go func() { served <- server.Serve(l) }()
	return l.Addr().String(), func() {
		require.NoError(t, server.Close())
		require.ErrorIs(t, <-served, rsocket.ErrServerClosed)
	}
}

// A closed connection is not kept reachable by the contexts its blocking
// callers used, including one that blocked after the close: a context that
// lives long (the application's) must not hold every dead connection with
// its buffers.
func TestLeaderClosedConnectionNotRetainedByContext(t *testing.T) {
	addr, stopServer := serveLeaderHandler(t)
	defer stopServer()
	appCtx, cancel := context.WithCancel(context.Background())
	defer cancel()

	for _, lateBlock := range []bool{false, true} {
		wp := func() weak.Pointer[rsocket.Conn] {
			c, err := rsocket.Connect(context.Background(), tcp.NewDialer(addr, tcp.Options{}), rsocket.SetupOptions{})
			require.NoError(t, err)
			for i := range 10 {
				echoOnce(t, c, appCtx, i)
			}
			require.NoError(t, c.Close())
			select {
			case <-c.Done():
			case <-time.After(2 * waitFor):
				t.Fatal("the connection did not end")
			}
			if lateBlock {
				_, _, err = c.RequestResponse(rsocket.PayloadString("late", "")).Block(appCtx)
				require.ErrorIs(t, err, rsocket.ErrConnectionClosed)
			}
			return weak.Make(c)
		}()
		require.Eventually(t, func() bool {
			runtime.GC()
			return wp.Value() == nil
		}, waitFor, 10*time.Millisecond, "block after close %v: the closed connection is still reachable", lateBlock)
	}
}

// taggedContext is a context.Context whose values cannot be compared.
type taggedContext struct {
	context.Context
	tags []string
}

// A request-response handler that blocks delays the other requests on its
// connection only briefly, also after several fast requests answered on
// the server's reader, and again and again (more often than the server
// tolerates before it stops calling handlers on its reader).
func TestBlockingHandlerAfterInlineAnswers(t *testing.T) {
	const rounds = 6 // more than maxStalls (inline.go)
	started := make(chan int, rounds)
	var onReader atomic.Int64 // blocking calls made by the server's reader
	release := make([]chan struct{}, rounds)
	for i := range release {
		release[i] = make(chan struct{})
	}
	h := rsocket.Handler{RequestResponse: func(_ context.Context, p rsocket.Payload) mono.Mono[rsocket.Payload] {
		if len(p.Metadata) > 0 && string(p.Metadata) == "block" {
			var i int
			_, _ = fmt.Sscan(p.DataString(), &i)
			if onReaderStack() {
				onReader.Add(1)
			}
			started <- i
			<-release[i]
			return mono.Just(rsocket.PayloadString("released "+p.DataString(), ""))
		}
		return mono.Just(p)
	}}
	c := startTCP(t, h, rsocket.SetupOptions{}, rsocket.ServerOptions{}, tcp.Options{}, tcp.Options{}).client
	defer func() {
		for _, ch := range release {
			select {
			case <-ch:
			default:
				close(ch)
			}
		}
	}()
	bounded := func() (context.Context, context.CancelFunc) {
		return context.WithTimeout(context.Background(), 2*waitFor)
	}
	for round := range rounds {
		for i := range 10 {
			echoOnce(t, c, context.Background(), round*100+i)
		}
		// The blocking request and a burst of fast ones together.
		blocked := make(chan blockResult, 1)
		go func() {
			ctx, cancel := bounded()
			defer cancel()
			v, ok, err := c.RequestResponse(rsocket.PayloadString(itoa(round), "block")).Block(ctx)
			blocked <- blockResult{v, ok, err}
		}()
		var wg sync.WaitGroup
		for g := range 8 {
			wg.Go(func() {
				ctx, cancel := bounded()
				defer cancel()
				want := testPayload(round*100+50+g, 10)
				v, ok, err := c.RequestResponse(want).Block(ctx)
				if assert.NoError(t, err, "round %d: a fast request was held up", round) && assert.True(t, ok) {
					assert.True(t, bytes.Equal(want.Data, v.Data))
				}
			})
		}
		select {
		case i := <-started:
			require.Equal(t, round, i)
		case <-time.After(2 * waitFor):
			t.Fatalf("round %d: the blocking handler was not called", round)
		}
		wg.Wait()
		if t.Failed() {
			t.FailNow()
		}
		// More requests while the handler still blocks.
		for i := range 5 {
			ctx, cancel := bounded()
			echoOnce(t, c, ctx, round*100+70+i)
			cancel()
		}
		select {
		case r := <-blocked:
			t.Fatalf("round %d: the blocked request returned early: %v", round, r.err)
		default:
		}
		close(release[round])
		r := awaitBlock(t, blocked, "released")
		require.NoError(t, r.err, "round %d", round)
		require.True(t, r.ok)
		require.Equal(t, "released "+itoa(round), r.v.DataString())
	}
	require.NoError(t, c.Err())
	t.Logf("%d of %d blocking calls were made by the server's reader", onReader.Load(), rounds)
	require.Positive(t, onReader.Load(), "no blocking handler stalled the reader: the test misses the path it is for")
}

// readerFrame is how the server's reader goroutine appears in a stack dump.
const readerFrame = "rsocket.(*Conn).readLoop("

// onReaderStack reports whether the calling goroutine is a connection's
// reader.
func onReaderStack() bool {
	buf := make([]byte, 64<<10)
	return bytes.Contains(buf[:runtime.Stack(buf, false)], []byte(readerFrame))
}

// After a long run of blocking request-responses, during which the
// reader's idle checks find callers reading their own answers, the reader
// still takes the socket back once the callers stop: a request the server
// then makes to the client is answered.
func TestLeaderReaderReturnsAfterLongRun(t *testing.T) {
	requesters := make(chan rsocket.RSocket, 1)
	so := rsocket.ServerOptions{Acceptor: func(_ context.Context, _ rsocket.SetupInfo, r rsocket.RSocket) (rsocket.Handler, error) {
		requesters <- r
		return leaderHandler(nil, nil), nil
	}}
	c := startTCP(t, rsocket.Handler{}, rsocket.SetupOptions{Responder: clientResponder}, so, tcp.Options{}, tcp.Options{}).client
	server := <-requesters

	for round := range 3 {
		// Long enough for several idle checks to run meanwhile.
		start := time.Now()
		for i := 0; time.Since(start) < 50*time.Millisecond; i++ {
			echoOnce(t, c, context.Background(), i)
		}
		requireClientAnswers(t, server, round)
	}
}

// clientResponder answers the server's request-responses with "client:"
// and the request's data.
var clientResponder = rsocket.Handler{RequestResponse: func(_ context.Context, p rsocket.Payload) mono.Mono[rsocket.Payload] {
	return mono.Just(rsocket.PayloadString("client:"+p.DataString(), ""))
}}

// requireClientAnswers makes a request-response from the server to a client
// served by clientResponder and checks its answer.
func requireClientAnswers(t *testing.T, server rsocket.RSocket, round int) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 2*waitFor)
	defer cancel()
	v, ok, err := server.RequestResponse(rsocket.PayloadString(itoa(round), "")).Block(ctx)
	require.NoError(t, err, "round %d: the client did not answer", round)
	require.True(t, ok)
	require.Equal(t, "client:"+itoa(round), v.DataString())
}

// A handler that takes a while but returns is a stall too, counted when it
// returns: after maxStalls of them, the server calls handlers on workers,
// not on its reader.
func TestSlowHandlersMoveOffTheReader(t *testing.T) {
	const maxStalls, rounds = 4, 8 // maxStalls mirrors inline.go's
	var (
		mu       sync.Mutex
		onReader []bool
	)
	h := rsocket.Handler{RequestResponse: func(_ context.Context, p rsocket.Payload) mono.Mono[rsocket.Payload] {
		if p.MetadataString() == "slow" {
			mu.Lock()
			onReader = append(onReader, onReaderStack())
			mu.Unlock()
			time.Sleep(2 * time.Millisecond) // the handler's own slow work, longer than slowCall
		}
		return mono.Just(p)
	}}
	c := startTCP(t, h, rsocket.SetupOptions{}, rsocket.ServerOptions{}, tcp.Options{}, tcp.Options{}).client
	for i := range rounds {
		echoOnce(t, c, context.Background(), i)
		v, ok, err := c.RequestResponse(rsocket.PayloadString(itoa(i), "slow")).Block(context.Background())
		require.NoError(t, err)
		require.True(t, ok)
		require.Equal(t, itoa(i), v.DataString())
	}
	mu.Lock()
	defer mu.Unlock()
	// Normally the first maxStalls slow calls run on the reader and the
	// rest on workers; a fast call that the machine itself stalled for a
	// millisecond counts too, so fewer may.
	onReaderCalls := 0
	for onReaderCalls < len(onReader) && onReader[onReaderCalls] {
		onReaderCalls++
	}
	assert.Positive(t, onReaderCalls, "no slow handler ran on the reader: %v", onReader)
	assert.LessOrEqual(t, onReaderCalls, maxStalls, "slow handlers on the reader: %v", onReader)
	assert.Equal(t, make([]bool, rounds-onReaderCalls), onReader[onReaderCalls:],
		"slow handlers on the reader after the stalls: %v", onReader)
}
