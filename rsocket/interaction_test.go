package rsocket_test

import (
	"context"
	"sync"
	"testing"

	"github.com/sluicego/sluice"
	"github.com/sluicego/sluice/flux"
	"github.com/sluicego/sluice/mono"
	"github.com/sluicego/sluice/rsocket"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// events gathers what handlers saw.
type events struct {
	fnf      chan rsocket.Payload
	metadata chan string
}

func fullHandler(ev *events) rsocket.Handler {
	h := echoHandler()
	h.FireAndForget = func(_ context.Context, p rsocket.Payload) { ev.fnf <- p }
	h.MetadataPush = func(_ context.Context, md []byte) { ev.metadata <- string(md) }
	h.RequestChannel = func(_ context.Context, first rsocket.Payload, in flux.Flux[rsocket.Payload]) flux.Flux[rsocket.Payload] {
		// Upper-case echo of every element, tagged with the first one's data.
		return flux.From[rsocket.Payload](pubFunc[rsocket.Payload](func(s sluice.Subscriber[rsocket.Payload]) {
			in.Subscribe(&mapper{down: s, f: func(p rsocket.Payload) rsocket.Payload {
				return rsocket.PayloadString(first.DataString()+">"+p.DataString(), "")
			}})
		}))
	}
	return h
}

// mapper is a minimal map operator (passes demand through).
type mapper struct {
	down sluice.Subscriber[rsocket.Payload]
	f    func(rsocket.Payload) rsocket.Payload
}

func (m *mapper) OnSubscribe(s sluice.Subscription) { m.down.OnSubscribe(s) }
func (m *mapper) OnNext(p rsocket.Payload)          { m.down.OnNext(m.f(p)) }
func (m *mapper) OnError(err error)                 { m.down.OnError(err) }
func (m *mapper) OnComplete()                       { m.down.OnComplete() }

// exercise runs every interaction model from requester to a responder
// built with fullHandler(ev).
func exercise(t *testing.T, requester rsocket.RSocket, ev *events) {
	ctx := context.Background()
	t.Run("fnf", func(t *testing.T) {
		require.NoError(t, requester.FireAndForget(ctx, rsocket.PayloadString("fire", "md")))
		p := <-ev.fnf
		assert.Equal(t, "fire", p.DataString())
		assert.Equal(t, "md", p.MetadataString())
	})
	t.Run("metadata push", func(t *testing.T) {
		require.NoError(t, requester.MetadataPush(ctx, []byte("config")))
		assert.Equal(t, "config", <-ev.metadata)
	})
	t.Run("request-response", func(t *testing.T) {
		r := newRecorder(1)
		requester.RequestResponse(rsocket.PayloadString("q", "")).Subscribe(r)
		require.NoError(t, r.wait(t))
		assert.Equal(t, []string{"echo:q"}, r.data())
	})
	t.Run("request-stream", func(t *testing.T) {
		r := newRecorder(2)
		r.onNext = func(r *recorder, _ rsocket.Payload) { r.request(1) }
		requester.RequestStream(rsocket.PayloadString("z", "")).Subscribe(r)
		require.NoError(t, r.wait(t))
		assert.Equal(t, []string{"a", "b", "z"}, r.data())
	})
	t.Run("request-channel", func(t *testing.T) {
		r := newRecorder(sluice.Unbounded)
		in := fluxOf(rsocket.PayloadString("h", ""), rsocket.PayloadString("x", ""), rsocket.PayloadString("y", ""))
		requester.RequestChannel(in).Subscribe(r)
		require.NoError(t, r.wait(t))
		assert.Equal(t, []string{"h>h", "h>x", "h>y"}, r.data())
	})
	t.Run("request-channel limited demand", func(t *testing.T) {
		r := newRecorder(1)
		r.onNext = func(r *recorder, _ rsocket.Payload) { r.request(1) }
		in := fluxOf(rsocket.PayloadString("1", ""), rsocket.PayloadString("2", ""), rsocket.PayloadString("3", ""), rsocket.PayloadString("4", ""))
		requester.RequestChannel(in).Subscribe(r)
		require.NoError(t, r.wait(t))
		assert.Equal(t, []string{"1>1", "1>2", "1>3", "1>4"}, r.data())
	})
	t.Run("channel with empty input completes", func(t *testing.T) {
		r := newRecorder(3)
		requester.RequestChannel(fluxOf()).Subscribe(r)
		require.NoError(t, r.wait(t))
		assert.Empty(t, r.data())
	})
}

func newEvents() *events {
	return &events{fnf: make(chan rsocket.Payload, 1), metadata: make(chan string, 1)}
}

func TestClientToServer(t *testing.T) {
	ev := newEvents()
	p := startPair(t, fullHandler(ev), rsocket.SetupOptions{}, rsocket.ServerOptions{})
	exercise(t, p.client, ev)
}

func TestServerToClient(t *testing.T) {
	ev := newEvents()
	var once sync.Once
	requesters := make(chan rsocket.RSocket, 1)
	so := rsocket.ServerOptions{Acceptor: func(_ context.Context, _ rsocket.SetupInfo, r rsocket.RSocket) (rsocket.Handler, error) {
		once.Do(func() { requesters <- r })
		return rsocket.Handler{}, nil
	}}
	startPair(t, rsocket.Handler{}, rsocket.SetupOptions{Responder: fullHandler(ev)}, so)
	exercise(t, <-requesters, ev)
}

func TestUnsupportedIsRejected(t *testing.T) {
	p := startPair(t, rsocket.Handler{}, rsocket.SetupOptions{}, rsocket.ServerOptions{})
	for name, pub := range map[string]sluice.Publisher[rsocket.Payload]{
		"rr":      p.client.RequestResponse(rsocket.PayloadString("x", "")),
		"stream":  p.client.RequestStream(rsocket.PayloadString("x", "")),
		"channel": p.client.RequestChannel(fluxOf(rsocket.PayloadString("x", ""))),
	} {
		r := newRecorder(1)
		pub.Subscribe(r)
		err := r.wait(t)
		require.ErrorIs(t, err, rsocket.ErrRejected, name)
		assert.Contains(t, err.Error(), "not supported", name)
	}
}

func TestHandlerPanicKeepsConnection(t *testing.T) {
	h := rsocket.Handler{
		RequestResponse: func(_ context.Context, p rsocket.Payload) mono.Mono[rsocket.Payload] {
			if p.DataString() == "panic" {
				panic("handler exploded")
			}
			return monoJust(p)
		},
		RequestStream: func(context.Context, rsocket.Payload) flux.Flux[rsocket.Payload] {
			return flux.From[rsocket.Payload](pubFunc[rsocket.Payload](func(s sluice.Subscriber[rsocket.Payload]) {
				s.OnSubscribe(panicky{})
			}))
		},
	}
	p := startPair(t, h, rsocket.SetupOptions{}, rsocket.ServerOptions{})
	r := newRecorder(1)
	p.client.RequestResponse(rsocket.PayloadString("panic", "")).Subscribe(r)
	err := r.wait(t)
	require.ErrorIs(t, err, rsocket.ErrApplication)
	assert.Contains(t, err.Error(), "handler exploded")

	r = newRecorder(5)
	p.client.RequestStream(rsocket.PayloadString("x", "")).Subscribe(r)
	err = r.wait(t)
	require.ErrorIs(t, err, rsocket.ErrApplication)
	assert.Contains(t, err.Error(), "publisher exploded")

	r = newRecorder(1)
	p.client.RequestResponse(rsocket.PayloadString("fine", "")).Subscribe(r)
	require.NoError(t, r.wait(t))
	assert.Equal(t, []string{"fine"}, r.data())
}

// panicky is a subscription whose Request panics (user code inside a publisher).
type panicky struct{}

func (panicky) Request(int64) { panic("publisher exploded") }
func (panicky) Cancel()       {}

func TestCustomErrorCode(t *testing.T) {
	h := rsocket.Handler{RequestResponse: func(context.Context, rsocket.Payload) mono.Mono[rsocket.Payload] {
		return monoError(rsocket.NewError(0x00000305, "teapot"))
	}}
	p := startPair(t, h, rsocket.SetupOptions{}, rsocket.ServerOptions{})
	r := newRecorder(1)
	p.client.RequestResponse(rsocket.PayloadString("x", "")).Subscribe(r)
	var re *rsocket.Error
	require.ErrorAs(t, r.wait(t), &re)
	assert.Equal(t, rsocket.ErrorCode(0x305), re.Code)
	assert.Equal(t, "teapot", re.Message)
}
