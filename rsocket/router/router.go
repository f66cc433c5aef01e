// Package router dispatches RSocket requests by route, the way Spring's
// @MessageMapping and rsocket-java's routing acceptors do: each request
// carries its route in a routing entry (message/x.rsocket.routing.v0) of its
// composite metadata, and the Router calls the handler registered for that
// route and interaction model.
//
//	r := router.New().
//		RequestResponse("echo", func(ctx context.Context, p rsocket.Payload) mono.Mono[rsocket.Payload] {
//			return mono.Just(p)
//		}).
//		RequestStream("numbers", numbers)
//	srv := rsocket.NewServer(rsocket.ServerOptions{Acceptor: r.Acceptor()})
//
// A request whose route has no handler for its interaction model fails with
// ERROR[APPLICATION_ERROR] `no request-stream handler for route "x"`; a
// request without routing metadata with `no route in metadata`. Requesters
// build the metadata with Metadata.
package router

import (
	"context"
	"fmt"

	"github.com/sluicego/sluice/flux"
	"github.com/sluicego/sluice/mono"
	"github.com/sluicego/sluice/rsocket"
)

// Router maps routes to handlers, one table per interaction model. Register
// every route before serving: the methods that register are not safe for
// concurrent use with requests.
type Router struct {
	fnf      map[string]func(ctx context.Context, p rsocket.Payload)
	response map[string]func(ctx context.Context, p rsocket.Payload) mono.Mono[rsocket.Payload]
	stream   map[string]func(ctx context.Context, p rsocket.Payload) flux.Flux[rsocket.Payload]
	channel  map[string]func(ctx context.Context, first rsocket.Payload, in flux.Flux[rsocket.Payload]) flux.Flux[rsocket.Payload]
	push     func(ctx context.Context, metadata []byte)
	// Unrouted, when set, receives fire-and-forget requests whose route has
	// no handler (they have no answer to carry an error).
	unrouted func(ctx context.Context, route string, p rsocket.Payload)
}

// New returns an empty router.
func New() *Router {
	return &Router{
		fnf:      make(map[string]func(context.Context, rsocket.Payload)),
		response: make(map[string]func(context.Context, rsocket.Payload) mono.Mono[rsocket.Payload]),
		stream:   make(map[string]func(context.Context, rsocket.Payload) flux.Flux[rsocket.Payload]),
		channel:  make(map[string]func(context.Context, rsocket.Payload, flux.Flux[rsocket.Payload]) flux.Flux[rsocket.Payload]),
	}
}

func register[F any](m map[string]F, model, route string, fn F) {
	if route == "" {
		panic("router: empty route")
	}
	if _, dup := m[route]; dup {
		panic(fmt.Sprintf("router: %s route %q registered twice", model, route))
	}
	m[route] = fn
}

// FireAndForget registers the handler of fire-and-forget requests to route.
// It panics if route is empty or already has one.
func (r *Router) FireAndForget(route string, fn func(ctx context.Context, p rsocket.Payload)) *Router {
	register(r.fnf, "fire-and-forget", route, fn)
	return r
}

// RequestResponse registers the handler of request-response requests to
// route. It panics if route is empty or already has one.
func (r *Router) RequestResponse(route string, fn func(ctx context.Context, p rsocket.Payload) mono.Mono[rsocket.Payload]) *Router {
	register(r.response, "request-response", route, fn)
	return r
}

// RequestStream registers the handler of request-stream requests to route.
// The returned Flux receives exactly the requester's demand. It panics if
// route is empty or already has one.
func (r *Router) RequestStream(route string, fn func(ctx context.Context, p rsocket.Payload) flux.Flux[rsocket.Payload]) *Router {
	register(r.stream, "request-stream", route, fn)
	return r
}

// RequestChannel registers the handler of channels opened on route (the
// route is read from the first payload). It panics if route is empty or
// already has one.
func (r *Router) RequestChannel(route string, fn func(ctx context.Context, first rsocket.Payload, in flux.Flux[rsocket.Payload]) flux.Flux[rsocket.Payload]) *Router {
	register(r.channel, "request-channel", route, fn)
	return r
}

// MetadataPush sets the handler of METADATA_PUSH (not routed: the metadata
// is the whole frame). It runs on the connection's reader: keep it short.
func (r *Router) MetadataPush(fn func(ctx context.Context, metadata []byte)) *Router {
	r.push = fn
	return r
}

// Unrouted sets the function that receives fire-and-forget requests with
// no handler for their route (route is "" when the metadata has none).
// Without it they are dropped.
func (r *Router) Unrouted(fn func(ctx context.Context, route string, p rsocket.Payload)) *Router {
	r.unrouted = fn
	return r
}

// Acceptor returns a server acceptor that answers every connection with
// HandlerFor(the metadata MIME type of its SETUP).
func (r *Router) Acceptor() rsocket.Acceptor {
	return func(_ context.Context, setup rsocket.SetupInfo, _ rsocket.RSocket) (rsocket.Handler, error) {
		return r.HandlerFor(setup.MetadataMimeType), nil
	}
}

// Handler returns the router as an rsocket.Handler for connections whose
// metadata MIME type is composite metadata.
func (r *Router) Handler() rsocket.Handler { return r.HandlerFor(rsocket.DefaultMetadataMimeType) }

// HandlerFor returns the router as an rsocket.Handler for a connection
// whose metadata has the given MIME type: composite metadata (the route is
// its first routing entry) or routing metadata itself.
func (r *Router) HandlerFor(metadataMimeType string) rsocket.Handler {
	d := dispatch{r: r, mimeType: metadataMimeType}
	h := rsocket.Handler{
		FireAndForget:   d.fireAndForget,
		RequestResponse: d.requestResponse,
		RequestStream:   d.requestStream,
		RequestChannel:  d.requestChannel,
	}
	if r.push != nil {
		h.MetadataPush = r.push
	}
	return h
}
