package router_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.uber.org/goleak"

	"github.com/sluicego/sluice/flux"
	"github.com/sluicego/sluice/mono"
	"github.com/sluicego/sluice/rsocket"
	"github.com/sluicego/sluice/rsocket/extension/composite"
	"github.com/sluicego/sluice/rsocket/extension/routing"
	"github.com/sluicego/sluice/rsocket/router"
	"github.com/sluicego/sluice/rsocket/transport/local"
)

func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }

// connect serves r on an in-process listener and returns a client
// connection announcing metadataMimeType; everything is closed on cleanup.
func connect(t *testing.T, r *router.Router, metadataMimeType string) (context.Context, *rsocket.Conn) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	l := local.NewListener(t.Name(), 0)
	srv := rsocket.NewServer(rsocket.ServerOptions{Acceptor: r.Acceptor()})
	served := make(chan error, 1)
	go func() { served <- srv.Serve(l) }()
	c, err := rsocket.Connect(ctx, l, rsocket.SetupOptions{MetadataMimeType: metadataMimeType})
	require.NoError(t, err)
	t.Cleanup(func() {
		_ = c.Close()
		require.NoError(t, srv.Shutdown(ctx))
		require.ErrorIs(t, <-served, rsocket.ErrServerClosed)
		cancel()
	})
	return ctx, c
}

func upper(_ context.Context, p rsocket.Payload) mono.Mono[rsocket.Payload] {
	return mono.Just(rsocket.PayloadString(strings.ToUpper(p.DataString()), ""))
}

func TestRoutesEveryModel(t *testing.T) {
	fnf := make(chan string, 1)
	pushed := make(chan string, 1)
	r := router.New().
		RequestResponse("upper", upper).
		RequestStream("letters", func(_ context.Context, p rsocket.Payload) flux.Flux[rsocket.Payload] {
			return flux.Map(flux.FromSlice(strings.Split(p.DataString(), "")), func(s string) rsocket.Payload {
				return rsocket.PayloadString(s, "")
			})
		}).
		RequestChannel("echo", func(_ context.Context, _ rsocket.Payload, in flux.Flux[rsocket.Payload]) flux.Flux[rsocket.Payload] {
			return in
		}).
		FireAndForget("log", func(ctx context.Context, p rsocket.Payload) {
			route, _ := router.RouteFrom(ctx)
			fnf <- route + ":" + p.DataString()
		}).
		MetadataPush(func(_ context.Context, md []byte) { pushed <- string(md) })
	ctx, c := connect(t, r, "")

	p, ok, err := c.RequestResponse(router.Payload("upper", []byte("hi"))).Block(ctx)
	require.NoError(t, err)
	require.True(t, ok)
	assert.Equal(t, "HI", p.DataString())

	got, err := flux.Map(c.RequestStream(router.Payload("letters", []byte("abc"))), rsocket.Payload.DataString).Collect(ctx)
	require.NoError(t, err)
	assert.Equal(t, []string{"a", "b", "c"}, got)

	in := flux.Just(router.Payload("echo", []byte("1")), rsocket.PayloadString("2", ""))
	got, err = flux.Map(c.RequestChannel(in), rsocket.Payload.DataString).Collect(ctx)
	require.NoError(t, err)
	assert.Equal(t, []string{"1", "2"}, got)

	require.NoError(t, c.FireAndForget(ctx, router.Payload("log", []byte("x"))))
	assert.Equal(t, "log:x", <-fnf)

	require.NoError(t, c.MetadataPush(ctx, []byte("config")))
	assert.Equal(t, "config", <-pushed)
}

func TestUnroutedRequestsFail(t *testing.T) {
	unrouted := make(chan string, 1)
	r := router.New().RequestResponse("upper", upper).
		Unrouted(func(_ context.Context, route string, _ rsocket.Payload) { unrouted <- route })
	ctx, c := connect(t, r, "")

	tests := []struct {
		name string
		run  func() error
		want string
	}{
		{"unknown route", func() error {
			_, _, err := c.RequestResponse(router.Payload("nope", nil)).Block(ctx)
			return err
		}, `no request-response handler for route "nope"`},
		{"route of another model", func() error {
			_, err := c.RequestStream(router.Payload("upper", nil)).Collect(ctx)
			return err
		}, `no request-stream handler for route "upper"`},
		{"no metadata", func() error {
			_, _, err := c.RequestResponse(rsocket.PayloadString("x", "")).Block(ctx)
			return err
		}, "no route in metadata"},
		{"channel", func() error {
			_, err := c.RequestChannel(flux.Just(router.Payload("nope", nil))).Collect(ctx)
			return err
		}, `no request-channel handler for route "nope"`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			err := tc.run()
			require.ErrorIs(t, err, rsocket.ErrApplication)
			var re *rsocket.Error
			require.ErrorAs(t, err, &re)
			assert.Equal(t, tc.want, re.Message)
		})
	}

	require.NoError(t, c.FireAndForget(ctx, router.Payload("nope", nil)))
	assert.Equal(t, "nope", <-unrouted)
}

func TestRoutingMetadataMimeType(t *testing.T) {
	ctx, c := connect(t, router.New().RequestResponse("upper", upper), routing.Format)
	md, err := routing.Append(nil, "upper")
	require.NoError(t, err)
	p, _, err := c.RequestResponse(rsocket.NewPayload([]byte("ok"), md)).Block(ctx)
	require.NoError(t, err)
	assert.Equal(t, "OK", p.DataString())
}

func TestRouteOf(t *testing.T) {
	md, err := router.Metadata("a.b", "extra")
	require.NoError(t, err)
	// A routing entry after another entry is still found.
	withOther, err := composite.Append(nil, "text/plain", []byte("x"))
	require.NoError(t, err)
	withOther = append(withOther, md...)

	tests := []struct {
		name     string
		md       []byte
		mimeType string
		want     string
		err      string
	}{
		{"composite", md, composite.Format, "a.b", ""},
		{"default is composite", md, "", "a.b", ""},
		{"routing after another entry", withOther, composite.Format, "a.b", ""},
		{"routing", []byte("\x03a.b"), routing.Format, "a.b", ""},
		{"no routing entry", withOther[:len(withOther)-len(md)], composite.Format, "", "no route in metadata"},
		{"empty routing", nil, routing.Format, "", "no route in metadata"},
		{"malformed routing", []byte("\x09a"), routing.Format, "", "malformed routing metadata"},
		{"other mime type", md, "application/json", "", "has no routing"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := router.RouteOf(rsocket.NewPayload(nil, tc.md), tc.mimeType)
			if tc.err != "" {
				require.ErrorContains(t, err, tc.err)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tc.want, got)
		})
	}
}

func TestRegistrationPanics(t *testing.T) {
	assert.Panics(t, func() { router.New().RequestResponse("", upper) })
	assert.Panics(t, func() { router.New().RequestResponse("x", upper).RequestResponse("x", upper) })
	assert.Panics(t, func() { router.Payload(strings.Repeat("x", 256), nil) })
}
