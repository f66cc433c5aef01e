package router

import (
	"context"
	"fmt"

	"github.com/sluicego/sluice/flux"
	"github.com/sluicego/sluice/mono"
	"github.com/sluicego/sluice/rsocket"
	"github.com/sluicego/sluice/rsocket/frame"
)

// dispatch finds the handler of one request on a connection whose metadata
// has mimeType.
type dispatch struct {
	r        *Router
	mimeType string
}

type routeKey struct{}

// RouteFrom returns the route of the request a routed handler is answering,
// from the ctx it received.
func RouteFrom(ctx context.Context) (string, bool) {
	route, ok := ctx.Value(routeKey{}).(string)
	return route, ok
}

// find returns the handler of p's route in m, the context carrying the
// route, or the error to answer with.
func find[F any](d dispatch, ctx context.Context, m map[string]F, model string, p rsocket.Payload) (F, context.Context, error) {
	var zero F
	route, err := RouteOf(p, d.mimeType)
	if err != nil {
		return zero, ctx, rsocket.NewError(frame.ErrorCodeApplicationError, err.Error())
	}
	fn, ok := m[route]
	if !ok {
		return zero, ctx, rsocket.NewError(frame.ErrorCodeApplicationError, fmt.Sprintf("no %s handler for route %q", model, route))
	}
	return fn, context.WithValue(ctx, routeKey{}, route), nil
}

func (d dispatch) fireAndForget(ctx context.Context, p rsocket.Payload) {
	fn, rctx, err := find(d, ctx, d.r.fnf, "fire-and-forget", p)
	if err != nil {
		if d.r.unrouted != nil {
			route, _ := RouteOf(p, d.mimeType)
			d.r.unrouted(ctx, route, p)
		}
		return
	}
	fn(rctx, p)
}

func (d dispatch) requestResponse(ctx context.Context, p rsocket.Payload) mono.Mono[rsocket.Payload] {
	fn, rctx, err := find(d, ctx, d.r.response, "request-response", p)
	if err != nil {
		return mono.Error[rsocket.Payload](err)
	}
	return fn(rctx, p)
}

func (d dispatch) requestStream(ctx context.Context, p rsocket.Payload) flux.Flux[rsocket.Payload] {
	fn, rctx, err := find(d, ctx, d.r.stream, "request-stream", p)
	if err != nil {
		return flux.Error[rsocket.Payload](err)
	}
	return fn(rctx, p)
}

func (d dispatch) requestChannel(ctx context.Context, first rsocket.Payload, in flux.Flux[rsocket.Payload]) flux.Flux[rsocket.Payload] {
	fn, rctx, err := find(d, ctx, d.r.channel, "request-channel", first)
	if err != nil {
		return flux.Error[rsocket.Payload](err)
	}
	return fn(rctx, first, in)
}
