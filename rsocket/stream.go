package rsocket

import (
	"math"
	"sync"
	"sync/atomic"

	"github.com/sluicego/sluice"
)

// kind is the interaction model of a stream.
type kind uint8

const (
	kindRR kind = iota
	kindStream
	kindChannel
)

// States of a stream's inbound half (elements from the peer to a local
// subscriber).
const (
	inIdle    uint8 = iota // requester: the request frame is not sent yet
	inOpening              // requester channel: waiting for the first element to send
	inOpen
	inDone
)

// stream is one request on the connection, on either side. It has up to two
// halves:
//
//   - inbound: PAYLOADs from the peer go to sub (the requester's subscriber,
//     or the subscriber of a responder channel's input). sub's demand becomes
//     the request's initial n and then REQUEST_N frames; the peer may never
//     send more PAYLOADs than that (inCredit).
//   - outbound: a local publisher (the handler's answer, or the input of a
//     requester channel) is subscribed on a goroutine of the stream, gets
//     exactly the demand the peer sends (initial n, REQUEST_N), and its
//     elements become PAYLOADs.
//
// A request-response or request-stream requester has only the inbound half,
// its responder only the outbound one; a channel has both. The stream
// leaves the connection's table when both halves are done.
//
// Lock order: stream.mu, then Conn.mu, then the writer's mutex. No lock is
// held while calling a subscriber or a publisher.
type stream struct {
	c         *Conn
	kind      kind
	requester bool
	id        uint32

	mu       sync.Mutex
	released bool

	// inbound half
	sub           sluice.Subscriber[Payload] // serialized
	inState       uint8
	inCredit      int64   // PAYLOADs the peer may still send (MaxInt64: unbounded)
	inPending     int64   // requester: demand gathered before the request frame
	request       Payload // requester: the request payload, until sent; responder: see handlerDue
	first         Payload // responder channel: the request's payload, until requested
	hasFirst      bool
	firstComplete bool  // responder channel: the requester completed right after first
	inSubscribed  bool  // responder channel: its input has a subscriber
	inErr         error // responder channel: terminal error before the input was subscribed
	subscribing   bool  // OnSubscribe is running: demand waits until it returns (rule 1.3)
	deferred      int64 // demand made inside OnSubscribe

	// outbound half
	outDone    bool
	outClosed  atomic.Bool  // outDone, for OnNext's lock-free path (set with it)
	outFirst   bool         // requester channel: the next element is the request itself
	outCredit  atomic.Int64 // elements the peer granted and the publisher has not used
	makePub    func() sluice.Publisher[Payload]
	upstream   sluice.Subscription
	gotSub     bool
	subscribed bool
	pendingN   int64 // demand to pass to upstream
	cancelUp   bool
	running    bool
	onReader   bool // the reader answers this request-response itself (inline.go)
	// outOnReader: the reader requests the publisher itself (inline.go);
	// delivering: the reader is calling the subscriber's OnNext. Both
	// let the frames sent meanwhile wait for the reader's next write.
	outOnReader atomic.Bool
	delivering  atomic.Bool

	// responder: the handler's context, cancelled when the stream ends
	// (allocated apart, so that a handler may keep it after the stream
	// itself is reused: see answerOnReader)
	sc *streamCtx
	// openRemoved: release took the stream out of an open connection's
	// table, so no goroutine closing the connection holds it
	openRemoved atomic.Bool
	// responder: request holds the request to hand to the handler until
	// it is called (a worker reads it without the lock, so only
	// callHandler clears it)
	handlerDue bool
}

// finishedLocked reports (once) that both halves are done.
func (s *stream) finishedLocked() bool {
	if s.inState == inDone && s.outDone && !s.released {
		s.released = true
		return true
	}
	return false
}

// release removes the stream from the connection.
func (s *stream) release() {
	removed := false
	if s.id != 0 {
		removed = s.c.unregisterOpen(s.id, s)
	}
	if s.sc != nil {
		s.sc.cancel()
	}
	s.openRemoved.Store(removed) // last: see answerOnReader
}

// endOutboundLocked marks the outbound half done.
func (s *stream) endOutboundLocked() {
	s.outDone = true
	s.outClosed.Store(true)
}

// cancelOutboundLocked ends the outbound half and arranges for the upstream
// subscription to be cancelled (kick afterwards).
func (s *stream) cancelOutboundLocked() {
	if !s.outDone {
		s.endOutboundLocked()
		s.cancelUp = true
	}
}

// terminate ends both halves with err without sending anything: the peer's
// ERROR, or the end of the connection.
func (s *stream) terminate(err error) {
	s.mu.Lock()
	inOpen := s.inState != inDone
	s.inState = inDone
	s.hasFirst, s.first = false, Payload{}
	if s.requester {
		s.request = Payload{}
	}
	s.cancelOutboundLocked()
	sub := s.sub
	if inOpen && sub == nil && !s.requester {
		s.inErr = err
	}
	done := s.finishedLocked()
	s.mu.Unlock()
	s.kick()
	if inOpen && sub != nil {
		sub.OnError(err)
	}
	if done {
		s.release()
	}
}

// onClose fails the stream because the connection ended.
func (s *stream) onClose(err error) { s.terminate(err) }

// onError handles the peer's ERROR on this stream.
func (s *stream) onError(err *Error) { s.terminate(err) }

// onLocalError fails the stream for a reason found locally (a peer that
// exceeds its credit, a payload too large to reassemble) and tells the peer:
// CANCEL from a requester, ERROR[INVALID] from a responder.
func (s *stream) onLocalError(err error) {
	s.mu.Lock()
	opened := s.id != 0 && (s.inState == inOpen || !s.outDone)
	s.mu.Unlock()
	if opened {
		if s.requester {
			s.c.sendCancel(s.id)
		} else {
			s.c.sendFrame((&Error{Code: ErrInvalid.Code, Message: err.Error()}).frame(s.id))
		}
	}
	s.terminate(err)
}

// onCancel handles the peer's CANCEL.
func (s *stream) onCancel() {
	s.mu.Lock()
	s.cancelOutboundLocked()
	var inErr error
	var sub sluice.Subscriber[Payload]
	if !s.requester && s.kind == kindChannel && s.inState != inDone {
		// The requester cancelled the channel: its input ends too (as in
		// rsocket-java).
		s.inState = inDone
		s.hasFirst, s.first = false, Payload{}
		inErr = &Error{Code: ErrCanceled.Code, Message: "channel cancelled by the requester"}
		if sub = s.sub; sub == nil {
			s.inErr = inErr
		}
	}
	done := s.finishedLocked()
	s.mu.Unlock()
	s.kick()
	if sub != nil {
		sub.OnError(inErr)
	}
	if done {
		s.release()
	}
}

// inboundEnded releases the stream if the outbound half is done too.
func (s *stream) inboundEnded() {
	s.mu.Lock()
	done := s.finishedLocked()
	s.mu.Unlock()
	if done {
		s.release()
	}
}

// subscribe hands s to its inbound subscriber. Demand expressed inside
// OnSubscribe takes effect when it returns, so that no element can arrive on
// another goroutine while OnSubscribe is still running (rule 1.3).
func (s *stream) subscribe() {
	s.mu.Lock()
	s.subscribing = true
	s.mu.Unlock()
	s.sub.OnSubscribe(s)
	s.mu.Lock()
	s.subscribing = false
	n := s.deferred
	s.deferred = 0
	s.mu.Unlock()
	if n != 0 {
		s.Request(n)
	}
}

// unbounded reports whether credit means "no limit".
func unbounded(n int64) bool { return n == math.MaxInt64 }
