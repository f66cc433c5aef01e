package rsocket_test

import (
	"context"
	"errors"
	"testing"

	"github.com/sluicego/sluice"
	"github.com/sluicego/sluice/flux"
	"github.com/sluicego/sluice/mono"
	"github.com/sluicego/sluice/rsocket"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func echoHandler() rsocket.Handler {
	return rsocket.Handler{
		RequestResponse: func(_ context.Context, p rsocket.Payload) mono.Mono[rsocket.Payload] {
			return monoJust(rsocket.PayloadString("echo:"+p.DataString(), p.MetadataString()))
		},
		RequestStream: func(_ context.Context, p rsocket.Payload) flux.Flux[rsocket.Payload] {
			return fluxOf(rsocket.PayloadString("a", ""), rsocket.PayloadString("b", "m"), rsocket.PayloadString(p.DataString(), ""))
		},
	}
}

func TestRequestResponse(t *testing.T) {
	p := startPair(t, echoHandler(), rsocket.SetupOptions{}, rsocket.ServerOptions{})
	r := newRecorder(1)
	p.client.RequestResponse(rsocket.PayloadString("hi", "meta")).Subscribe(r)
	require.NoError(t, r.wait(t))
	assert.Equal(t, []string{"echo:hi"}, r.data())
	assert.Equal(t, "meta", r.items[0].MetadataString())
	assert.True(t, r.completed)
}

func TestRequestStream(t *testing.T) {
	p := startPair(t, echoHandler(), rsocket.SetupOptions{}, rsocket.ServerOptions{})
	r := newRecorder(sluice.Unbounded)
	p.client.RequestStream(rsocket.PayloadString("c", "")).Subscribe(r)
	require.NoError(t, r.wait(t))
	assert.Equal(t, []string{"a", "b", "c"}, r.data())
	assert.True(t, r.items[1].HasMetadata)
	assert.False(t, r.items[0].HasMetadata)
}

func TestApplicationError(t *testing.T) {
	h := rsocket.Handler{
		RequestResponse: func(context.Context, rsocket.Payload) mono.Mono[rsocket.Payload] {
			return monoError(errors.New("boom"))
		},
	}
	p := startPair(t, h, rsocket.SetupOptions{}, rsocket.ServerOptions{})
	r := newRecorder(1)
	p.client.RequestResponse(rsocket.PayloadString("x", "")).Subscribe(r)
	err := r.wait(t)
	require.ErrorIs(t, err, rsocket.ErrApplication)
	var re *rsocket.Error
	require.ErrorAs(t, err, &re)
	assert.Equal(t, "boom", re.Message)
}
