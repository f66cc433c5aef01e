package rsocket

import (
	"context"

	"github.com/sluicego/sluice"
	"github.com/sluicego/sluice/flux"
	"github.com/sluicego/sluice/mono"
)

// RSocket is the requester side of a connection: the five interaction models
// of the protocol. Both ends of a connection have one after SETUP: the
// client's *Conn, and the requester handed to the server's Acceptor.
//
// Requests are lazy: RequestResponse, RequestStream and RequestChannel send
// nothing until their subscriber first calls Request(n); that first demand
// becomes the request frame's initial request n, later demand becomes
// REQUEST_N frames, and Cancel sends CANCEL.
type RSocket interface {
	// FireAndForget sends a REQUEST_FNF and returns once the frame is queued
	// for sending. Delivery is not confirmed: the protocol has no answer.
	// ctx bounds the wait for room in the outbound buffer.
	FireAndForget(ctx context.Context, p Payload) error
	// RequestResponse returns a Mono of the responder's single answer (or
	// completion without a value, or an error such as an *Error).
	RequestResponse(p Payload) mono.Mono[Payload]
	// RequestStream returns a Flux of the responder's stream.
	RequestStream(p Payload) flux.Flux[Payload]
	// RequestChannel opens a bidirectional channel, as rsocket-java does:
	// the first element of in is the request (it rides in the
	// REQUEST_CHANNEL frame), the following ones are sent as the responder
	// grants credit. in is subscribed when the returned Flux is first
	// requested. If in completes without an element, the Flux completes
	// without sending anything.
	RequestChannel(in sluice.Publisher[Payload]) flux.Flux[Payload]
	// MetadataPush sends a METADATA_PUSH frame (connection-level metadata)
	// and returns once it is queued.
	MetadataPush(ctx context.Context, metadata []byte) error
}

// Handler answers the requests of the peer. Every field is optional: a
// request whose function is nil is answered with ERROR[REJECTED]
// ("… not supported"); a METADATA_PUSH or FNF without function is dropped.
//
// The functions run on a goroutine of their own stream, never on the
// connection's reader, so they may block; ctx is cancelled when the stream
// ends (peer's CANCEL, connection closed). A function that panics, returns
// a publisher that panics, or whose publisher fails, ends its stream with
// ERROR[APPLICATION_ERROR] (or the code of an *Error it returned); the
// connection stays up.
type Handler struct {
	// FireAndForget handles REQUEST_FNF. Calls run on a per-connection pool
	// of at most 64 goroutines with a backlog of 1024 requests; when both are
	// full the connection stops reading (TCP backpressure) until a call
	// returns, so keep calls short and do not wait in them for a response on
	// the same connection. A panic is reported to sluice.ErrorDropped.
	FireAndForget func(ctx context.Context, p Payload)
	// RequestResponse handles REQUEST_RESPONSE: the Mono's value is sent as
	// PAYLOAD(N|C), an empty Mono as PAYLOAD(C), an error as ERROR.
	RequestResponse func(ctx context.Context, p Payload) mono.Mono[Payload]
	// RequestStream handles REQUEST_STREAM. The returned publisher receives
	// exactly the demand the requester expressed: the initial request n,
	// then each REQUEST_N.
	RequestStream func(ctx context.Context, p Payload) flux.Flux[Payload]
	// RequestChannel handles REQUEST_CHANNEL. in carries every element the
	// requester sends, starting with first (the payload of REQUEST_CHANNEL,
	// passed separately for routing); subscribe to it at most once. The
	// returned Flux is sent to the requester within its credit.
	RequestChannel func(ctx context.Context, first Payload, in flux.Flux[Payload]) flux.Flux[Payload]
	// MetadataPush handles METADATA_PUSH. It runs on the connection's reader
	// goroutine, in order: keep it short.
	MetadataPush func(ctx context.Context, metadata []byte)
}
