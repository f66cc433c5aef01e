package rsocket

import "context"

type streamIDKey struct{}

// StreamID returns the id of the stream a Handler function is answering,
// read from the ctx the handler received (REQUEST_RESPONSE, REQUEST_STREAM,
// REQUEST_CHANNEL and REQUEST_FNF handlers). It reports false for any other
// context. Ids are per connection: two connections may use the same id.
func StreamID(ctx context.Context) (uint32, bool) {
	id, ok := ctx.Value(streamIDKey{}).(uint32)
	return id, ok
}
