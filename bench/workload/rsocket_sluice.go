package workload

import (
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"sync/atomic"
	"time"

	"github.com/sluicego/sluice"
	"github.com/sluicego/sluice/flux"
	"github.com/sluicego/sluice/mono"
	"github.com/sluicego/sluice/operators"
	"github.com/sluicego/sluice/rsocket"
	"github.com/sluicego/sluice/rsocket/transport/local"
	"github.com/sluicego/sluice/rsocket/transport/tcp"
)

func init() {
	for _, g := range []struct {
		group string
		unit  string
		size  int
		round func(*sluiceConn, int) error
	}{
		{"RSocketRequestResponse", "req", RequestResponseSize, (*sluiceConn).requestResponse},
		{"RSocketRequestResponse64", "req", RequestResponseSize, (*sluiceConn).requestResponse64},
		{"RSocketStream", "msg", StreamSize, func(c *sluiceConn, n int) error { return c.stream(n, sluice.Unbounded) }},
		{"RSocketStreamBatch64", "msg", StreamSize, func(c *sluiceConn, n int) error { return c.stream(n, StreamBatch) }},
		{"RSocketStreamLimitRate64", "msg", StreamSize, (*sluiceConn).streamLimitRate},
		{"RSocketFireAndForget", "frame", FireAndForgetSize, (*sluiceConn).fireAndForget},
		{"RSocketChannel", "msg", ChannelSize, (*sluiceConn).channel},
	} {
		for _, impl := range []string{Sluice, SluiceLocal} {
			register(Workload{Group: g.group, Impl: impl, Unit: g.unit, Size: g.size, New: func(size int) (Runner, error) {
				c, err := dialSluice(impl == SluiceLocal)
				if err != nil {
					return nil, err
				}
				c.size, c.round = size, g.round
				return c, nil
			}})
		}
	}
}

type sluiceConn struct {
	srv     *rsocket.Server
	srvDone chan error
	conn    *rsocket.Conn
	msg     rsocket.Payload
	size    int
	round   func(*sluiceConn, int) error
	lat     latencies

	fnfCount  atomic.Int64
	fnfTarget atomic.Int64
	fnfDone   chan struct{}
}

// sluiceHandler is the responder every sluice RSocket workload talks to:
// a constant answer, a counted fire-and-forget, a stream of n constant
// messages (n in the request's data) and an echoing channel.
func (c *sluiceConn) handler() rsocket.Handler {
	respond := c.msg
	return rsocket.Handler{
		RequestResponse: func(context.Context, rsocket.Payload) mono.Mono[rsocket.Payload] {
			return mono.Just(respond)
		},
		FireAndForget: func(_ context.Context, p rsocket.Payload) {
			if checkMsg(p.Data) != nil {
				return // not counted: the round fails on its count
			}
			if c.fnfCount.Add(1) == c.fnfTarget.Load() {
				c.fnfDone <- struct{}{}
			}
		},
		RequestStream: func(_ context.Context, p rsocket.Payload) flux.Flux[rsocket.Payload] {
			n := int(binary.BigEndian.Uint64(p.Data))
			return flux.From(operators.Map(flux.Range(0, n), func(int) rsocket.Payload { return respond }))
		},
		RequestChannel: func(_ context.Context, _ rsocket.Payload, in flux.Flux[rsocket.Payload]) flux.Flux[rsocket.Payload] {
			return in
		},
	}
}

func dialSluice(inProcess bool) (*sluiceConn, error) {
	c := &sluiceConn{srvDone: make(chan error, 1), msg: rsocket.NewPayload(msg, nil), fnfDone: make(chan struct{}, 1)}
	h := c.handler()
	c.srv = rsocket.NewServer(rsocket.ServerOptions{
		Acceptor: func(context.Context, rsocket.SetupInfo, rsocket.RSocket) (rsocket.Handler, error) { return h, nil },
	})
	ctx := context.Background()
	var conn *rsocket.Conn
	var err error
	if inProcess {
		l := local.NewListener("bench", 0)
		go func() { c.srvDone <- c.srv.Serve(l) }()
		conn, err = rsocket.Connect(ctx, l, rsocket.SetupOptions{})
	} else {
		l, lerr := tcp.Listen(ctx, "127.0.0.1:0", tcp.Options{})
		if lerr != nil {
			return nil, lerr
		}
		go func() { c.srvDone <- c.srv.Serve(l) }()
		conn, err = rsocket.Connect(ctx, tcp.NewDialer(l.Addr().String(), tcp.Options{}), rsocket.SetupOptions{})
	}
	if err != nil {
		c.srv.Close()
		<-c.srvDone
		return nil, err
	}
	c.conn = conn
	return c, nil
}

func (c *sluiceConn) Round() error             { return c.round(c, c.size) }
func (c *sluiceConn) Samples() []time.Duration { return c.lat.Samples() }
func (c *sluiceConn) Reset()                   { c.lat.Reset() }

func (c *sluiceConn) Close() error {
	err := c.conn.Close()
	if errors.Is(err, rsocket.ErrConnectionClosed) {
		err = nil
	}
	if cerr := c.srv.Close(); cerr != nil && !errors.Is(cerr, rsocket.ErrServerClosed) {
		err = errors.Join(err, cerr)
	}
	if serr := <-c.srvDone; serr != nil && !errors.Is(serr, rsocket.ErrServerClosed) {
		err = errors.Join(err, serr)
	}
	return err
}

func (c *sluiceConn) requestResponse(n int) error {
	ctx, cancel := context.WithTimeout(context.Background(), roundTimeout)
	defer cancel()
	for i := 0; i < n; i++ {
		start := time.Now()
		p, ok, err := c.conn.RequestResponse(c.msg).Block(ctx)
		if err != nil {
			return err
		}
		if !ok {
			return mismatch("response", "empty", "one payload")
		}
		if err := checkMsg(p.Data); err != nil {
			return err
		}
		c.lat.add(time.Since(start))
	}
	return nil
}

func (c *sluiceConn) requestResponse64(n int) error {
	ctx, cancel := context.WithTimeout(context.Background(), roundTimeout)
	defer cancel()
	return inFlight(n, func() error {
		p, ok, err := c.conn.RequestResponse(c.msg).Block(ctx)
		if err != nil {
			return err
		}
		if !ok {
			return mismatch("response", "empty", "one payload")
		}
		return checkMsg(p.Data)
	})
}

// counter checks and counts payloads with batch demand (sluice.Unbounded
// or n requested again each time n have arrived, from inside OnNext).
type counter struct {
	s     sluice.Subscription
	batch int64
	left  int64
	n     int
	err   error
	done  chan struct{}
}

func (x *counter) OnSubscribe(s sluice.Subscription) {
	x.s, x.left = s, x.batch
	s.Request(x.batch)
}

func (x *counter) OnNext(p rsocket.Payload) {
	if err := checkMsg(p.Data); err != nil && x.err == nil {
		x.err = err
	}
	x.n++
	if x.batch == sluice.Unbounded {
		return
	}
	if x.left--; x.left == 0 {
		x.left = x.batch
		x.s.Request(x.batch)
	}
}

func (x *counter) OnError(err error) {
	if x.err == nil {
		x.err = err
	}
	close(x.done)
}

func (x *counter) OnComplete() { close(x.done) }

func (x *counter) wait(want int) error {
	select {
	case <-x.done:
	case <-time.After(roundTimeout):
		x.s.Cancel()
		return fmt.Errorf("timed out after %d of %d messages", x.n, want)
	}
	if x.err != nil {
		return x.err
	}
	return checkCount(x.n, want)
}

func (c *sluiceConn) stream(n int, batch int64) error {
	var req [8]byte
	binary.BigEndian.PutUint64(req[:], uint64(n))
	x := &counter{batch: batch, done: make(chan struct{})}
	c.conn.RequestStream(rsocket.NewPayload(req[:], nil)).Subscribe(x)
	return x.wait(n)
}

// streamLimitRate requests the stream through LimitRate(64, 48): 64 up
// front, then 48 each time 48 were delivered, from inside OnNext.
func (c *sluiceConn) streamLimitRate(n int) error {
	var req [8]byte
	binary.BigEndian.PutUint64(req[:], uint64(n))
	x := &counter{batch: sluice.Unbounded, done: make(chan struct{})}
	operators.LimitRate(c.conn.RequestStream(rsocket.NewPayload(req[:], nil)), StreamBatch, StreamReplenish).Subscribe(x)
	return x.wait(n)
}

func (c *sluiceConn) fireAndForget(n int) error {
	c.fnfCount.Store(0)
	c.fnfTarget.Store(int64(n))
	ctx, cancel := context.WithTimeout(context.Background(), roundTimeout)
	defer cancel()
	for i := 0; i < n; i++ {
		if err := c.conn.FireAndForget(ctx, c.msg); err != nil {
			return err
		}
	}
	select {
	case <-c.fnfDone:
		return nil
	case <-ctx.Done():
		return mismatch("fire-and-forget frames received", c.fnfCount.Load(), n)
	}
}

func (c *sluiceConn) channel(n int) error {
	m := c.msg
	in := operators.Map(flux.Range(0, n), func(int) rsocket.Payload { return m })
	x := &counter{batch: sluice.Unbounded, done: make(chan struct{})}
	c.conn.RequestChannel(in).Subscribe(x)
	return x.wait(n)
}
