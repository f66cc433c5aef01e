package rsocket_test

import (
	"context"
	"errors"
	"io"
	"testing"
	"time"

	"github.com/sluicego/sluice/rsocket"
	"github.com/sluicego/sluice/rsocket/frame"
	"github.com/sluicego/sluice/rsocket/transport"
	"github.com/sluicego/sluice/rsocket/transport/local"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// rawPeer is the far end of a connection driven frame by frame by a test.
type rawPeer struct {
	t      *testing.T
	c      *local.Conn
	frames chan frame.Frame
	done   chan struct{}
}

// connectRaw connects a client to a raw peer that plays the server.
func connectRaw(t *testing.T, opts rsocket.SetupOptions) (*rsocket.Conn, *rawPeer) {
	a, b := local.Pair(0)
	peer := newRawPeer(t, b)
	c, err := rsocket.Connect(context.Background(), transport.DialerFunc(func(context.Context) (transport.Conn, error) {
		return a, nil
	}), opts)
	require.NoError(t, err)
	t.Cleanup(func() {
		_ = c.Close()
		<-c.Done()
		_ = b.Close()
		<-peer.done
	})
	f := peer.next()
	require.Equal(t, frame.TypeSetup, f.Type())
	return c, peer
}

func newRawPeer(t *testing.T, c *local.Conn) *rawPeer {
	p := &rawPeer{t: t, c: c, frames: make(chan frame.Frame, 1024), done: make(chan struct{})}
	go func() {
		defer close(p.done)
		defer close(p.frames)
		for {
			b, err := c.ReadFrame()
			if err != nil {
				return
			}
			f, err := frame.Parse(b)
			if err != nil {
				continue
			}
			p.frames <- f
		}
	}()
	return p
}

// next returns the next frame the peer received, skipping KEEPALIVEs.
func (p *rawPeer) next() frame.Frame {
	p.t.Helper()
	for {
		select {
		case f, ok := <-p.frames:
			if !ok {
				p.t.Fatal("connection closed")
			}
			if f.Type() == frame.TypeKeepalive {
				continue
			}
			return f
		case <-time.After(waitFor):
			p.t.Fatal("no frame")
		}
	}
}

// nextOf returns the next received frame of type t.
func (p *rawPeer) nextOf(typ frame.FrameType) frame.Frame {
	p.t.Helper()
	for {
		select {
		case f, ok := <-p.frames:
			if !ok {
				p.t.Fatalf("connection closed before %v", typ)
			}
			if f.Type() == typ {
				return f
			}
		case <-time.After(waitFor):
			p.t.Fatalf("no %v", typ)
		}
	}
}

func (p *rawPeer) send(f frame.Frame) { p.sendRaw(f.Append(nil)) }

func (p *rawPeer) sendRaw(b []byte) {
	require.NoError(p.t, p.c.WriteFrame(b))
	require.NoError(p.t, p.c.Flush())
}

// closed waits until the connection delivered EOF to the peer.
func (p *rawPeer) closed() {
	p.t.Helper()
	select {
	case <-p.done:
	case <-time.After(waitFor):
		p.t.Fatal("connection not closed")
	}
}

func waitDone(t *testing.T, c *rsocket.Conn) {
	t.Helper()
	select {
	case <-c.Done():
	case <-time.After(waitFor):
		t.Fatal("connection not done")
	}
}

func TestPeerExceedingCreditFailsTheStream(t *testing.T) {
	c, peer := connectRaw(t, rsocket.SetupOptions{})
	r := newRecorder(2)
	c.RequestStream(rsocket.PayloadString("x", "")).Subscribe(r)
	req := peer.next().(*frame.RequestStreamFrame)
	require.Equal(t, uint32(2), req.InitialRequestN)
	for range 3 {
		peer.send(&frame.PayloadFrame{Stream: req.Stream, Next: true, Data: []byte("p")})
	}
	err := r.wait(t)
	require.ErrorIs(t, err, rsocket.ErrProtocol)
	assert.Equal(t, 2, r.count())
	assert.Equal(t, frame.TypeCancel, peer.next().Type())
	assert.NoError(t, c.Err(), "only the stream fails")
}

func TestKeepaliveAnswered(t *testing.T) {
	c, peer := connectRaw(t, rsocket.SetupOptions{KeepaliveInterval: 5 * time.Millisecond, MaxLifetime: time.Minute})
	// The client pings on its own…
	ka := peer.nextOf(frame.TypeKeepalive).(*frame.KeepaliveFrame)
	assert.True(t, ka.Respond)
	// …and answers a ping with the same data and without R.
	peer.send(&frame.KeepaliveFrame{Respond: true, Data: []byte("ping")})
	for {
		reply := peer.nextOf(frame.TypeKeepalive).(*frame.KeepaliveFrame)
		if !reply.Respond {
			assert.Equal(t, "ping", string(reply.Data))
			break
		}
	}
	assert.NoError(t, c.Err())
}

func TestSilentPeerDetectedByMaxLifetime(t *testing.T) {
	c, _ := connectRaw(t, rsocket.SetupOptions{KeepaliveInterval: 5 * time.Millisecond, MaxLifetime: 50 * time.Millisecond})
	r := newRecorder(1)
	c.RequestStream(rsocket.PayloadString("x", "")).Subscribe(r)
	waitDone(t, c)
	require.ErrorIs(t, c.Err(), rsocket.ErrKeepaliveTimeout)
	require.ErrorIs(t, c.Err(), rsocket.ErrConnectionClosed)
	err := r.wait(t)
	require.ErrorIs(t, err, rsocket.ErrConnectionClosed)
	require.ErrorIs(t, err, rsocket.ErrKeepaliveTimeout)
}

func TestMalformedFramesCloseTheConnection(t *testing.T) {
	cases := map[string][]byte{
		"payload without N or C":   {0, 0, 0, 2, 0x28, 0x00},
		"unknown type, I clear":    {0, 0, 0, 0, 0x20 << 2, 0x00},
		"metadata length overruns": {0, 0, 0, 2, 0x29, 0x20, 0, 0, 9, 'x'},
		"reserved stream id bit":   {0x80, 0, 0, 2, 0x24, 0x00},
		"reserved bit, I flag set": {0xde, 0xad, 0xbe, 0xef, 0x3f<<2 | 0x02, 0x00, 0, 0, 0, 1},
	}
	for name, b := range cases {
		t.Run(name, func(t *testing.T) {
			c, peer := connectRaw(t, rsocket.SetupOptions{})
			peer.sendRaw(b)
			ef := peer.nextOf(frame.TypeError).(*frame.ErrorFrame)
			assert.Equal(t, uint32(0), ef.Stream)
			assert.Equal(t, frame.ErrorCodeConnectionError, ef.Code)
			peer.closed()
			waitDone(t, c)
			require.ErrorIs(t, c.Err(), rsocket.ErrProtocol)
		})
	}
}

func TestIgnorableFramesAreIgnored(t *testing.T) {
	c, peer := connectRaw(t, rsocket.SetupOptions{})
	peer.sendRaw([]byte{0, 0, 0, 0, 0x20<<2 | 0x02, 0x00, 1, 2, 3}) // unknown type with I
	peer.send(&frame.CancelFrame{Stream: 99})                       // unknown stream
	peer.send(&frame.RequestNFrame{Stream: 7, RequestN: 1})         // unknown stream
	r := newRecorder(1)
	c.RequestResponse(rsocket.PayloadString("x", "")).Subscribe(r)
	req := peer.next()
	peer.send(&frame.PayloadFrame{Stream: req.StreamID(), Next: true, Data: []byte("ok")})
	require.NoError(t, r.wait(t))
	assert.Equal(t, []string{"ok"}, r.data())
	assert.NoError(t, c.Err())
}

func TestRequestOnClosedConnection(t *testing.T) {
	c, _ := connectRaw(t, rsocket.SetupOptions{})
	require.NoError(t, c.Close())
	waitDone(t, c)
	r := newRecorder(1)
	c.RequestResponse(rsocket.PayloadString("x", "")).Subscribe(r)
	require.ErrorIs(t, r.wait(t), rsocket.ErrConnectionClosed)
	require.ErrorIs(t, c.FireAndForget(context.Background(), rsocket.PayloadString("x", "")), rsocket.ErrConnectionClosed)
}

// dialRaw opens a raw transport connection to a server on l.
func dialRaw(t *testing.T, l *local.Listener) *rawPeer {
	tc, err := l.Dial(context.Background())
	require.NoError(t, err)
	p := newRawPeer(t, tc.(*local.Conn))
	t.Cleanup(func() {
		_ = tc.Close()
		<-p.done
	})
	return p
}

func serve(t *testing.T, opts rsocket.ServerOptions) *local.Listener {
	l := local.NewListener("raw", 0)
	s := rsocket.NewServer(opts)
	served := make(chan error, 1)
	go func() { served <- s.Serve(l) }()
	t.Cleanup(func() {
		require.NoError(t, s.Close())
		require.ErrorIs(t, <-served, rsocket.ErrServerClosed)
	})
	return l
}

func setupFrame() *frame.SetupFrame {
	return &frame.SetupFrame{MajorVersion: 1, KeepaliveInterval: 1000, MaxLifetime: 10000}
}

func TestServerSetupChecks(t *testing.T) {
	l := serve(t, rsocket.ServerOptions{})
	cases := []struct {
		name string
		f    frame.Frame
		code frame.ErrorCode
	}{
		{"not setup", &frame.RequestResponseFrame{Stream: 1}, frame.ErrorCodeInvalidSetup},
		{"version 2.1", &frame.SetupFrame{MajorVersion: 2, MinorVersion: 1, KeepaliveInterval: 1, MaxLifetime: 1}, frame.ErrorCodeInvalidSetup},
		{"lease", &frame.SetupFrame{MajorVersion: 1, KeepaliveInterval: 1, MaxLifetime: 1, Lease: true}, frame.ErrorCodeUnsupportedSetup},
		{"resume", &frame.SetupFrame{MajorVersion: 1, KeepaliveInterval: 1, MaxLifetime: 1, ResumeToken: []byte("t")}, frame.ErrorCodeRejectedSetup},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			p := dialRaw(t, l)
			p.send(tc.f)
			ef := p.nextOf(frame.TypeError).(*frame.ErrorFrame)
			assert.Equal(t, tc.code, ef.Code)
			p.closed()
		})
	}
}

func TestAcceptorRejects(t *testing.T) {
	l := serve(t, rsocket.ServerOptions{Acceptor: func(_ context.Context, s rsocket.SetupInfo, _ rsocket.RSocket) (rsocket.Handler, error) {
		if s.Payload.DataString() != "secret" {
			return rsocket.Handler{}, errors.New("bad credentials")
		}
		return echoHandler(), nil
	}})
	c, err := rsocket.Connect(context.Background(), l, rsocket.SetupOptions{SetupPayload: rsocket.PayloadString("wrong", "")})
	require.NoError(t, err)
	waitDone(t, c)
	require.ErrorIs(t, c.Err(), rsocket.ErrRejectedSetup)
	assert.Contains(t, c.Err().Error(), "bad credentials")

	c, err = rsocket.Connect(context.Background(), l, rsocket.SetupOptions{SetupPayload: rsocket.PayloadString("secret", "")})
	require.NoError(t, err)
	r := newRecorder(1)
	c.RequestResponse(rsocket.PayloadString("x", "")).Subscribe(r)
	require.NoError(t, r.wait(t))
	require.NoError(t, c.Close())
	waitDone(t, c)
}

func TestServerDetectsSilentClient(t *testing.T) {
	l := serve(t, rsocket.ServerOptions{})
	p := dialRaw(t, l)
	p.send(&frame.SetupFrame{MajorVersion: 1, KeepaliveInterval: 5, MaxLifetime: 50})
	ef := p.nextOf(frame.TypeError).(*frame.ErrorFrame)
	assert.Equal(t, frame.ErrorCodeConnectionError, ef.Code)
	assert.Contains(t, string(ef.Data), "keepalive")
	p.closed()
}

var _ = io.EOF
