package rsocket

import "sync"

// A request-response answered on the reader with a fused Mono (inline.go)
// is over when answerOnReader returns: nothing else refers to its stream
// then, unless the connection began closing meanwhile. Such streams are
// reused, which takes the largest allocation of a request-response off the
// server (the handler's context is allocated apart and may be kept). Fewer
// bytes mean fewer garbage collections, and each one wakes a second thread
// that then shares the socket's wake-ups for a while (bench/README.md,
// "Wake-ups, not frames").

// responderStreams holds streams of finished request-responses.
var responderStreams = sync.Pool{New: func() any { return new(stream) }}

// newResponderStream returns a zeroed stream.
func newResponderStream() *stream { return responderStreams.Get().(*stream) }

// recycle zeroes s, a stream no goroutine refers to any more, and keeps
// it for newResponderStream.
func (s *stream) recycle() {
	*s = stream{}
	responderStreams.Put(s)
}
