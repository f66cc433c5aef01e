package rsocket

import (
	"fmt"

	"github.com/sluicego/sluice"
	"github.com/sluicego/sluice/flux"
	"github.com/sluicego/sluice/rsocket/frame"
	"github.com/sluicego/sluice/rsocket/internal/fragment"
)

// onRequest starts answering a request from the peer (reader goroutine).
func (c *Conn) onRequest(f frame.Fragmentable) *fault {
	id := f.StreamID()
	if !c.isPeerID(id) {
		return nil // PROTOCOL.md §6: a request with our own parity is ignored
	}
	if _, busy := c.reasm[id]; busy {
		return connectionFault(protocolError("new request on stream %d while a fragmented message is being reassembled", id))
	}
	if f.HasFollows() {
		if c.lookup(id) != nil {
			return nil
		}
		a, err := fragment.Begin(f, c.maxReasm)
		if err != nil {
			c.onTooLarge(id, f.Type(), err)
			return nil
		}
		c.reasm[id] = a
		return nil
	}
	if !c.awaitAccepted() {
		return nil
	}
	m := fragment.FromFrame(f)
	p := Payload{Data: m.Data, Metadata: m.Metadata, HasMetadata: m.HasMetadata}
	if f.Type() == frame.TypeRequestFNF {
		c.onFNF(id, p)
		return nil
	}
	c.startResponder(id, f.Type(), p, m.InitialRequestN, m.Complete)
	return nil
}

// onRequestResponseFrame handles a whole REQUEST_RESPONSE decoded on the
// reader's stack (no frame allocated); false sends b down the general path
// (a fragment, a malformed frame).
func (c *Conn) onRequestResponseFrame(b []byte) (*fault, bool) {
	f, err := frame.DecodeRequestResponse(b)
	if err != nil || f.Follows {
		return nil, false
	}
	if c.logger != nil {
		logged := f
		c.logger.log("receiving", &logged)
	}
	id := f.Stream
	if flt, ok := c.admitWholeRequest(id); !ok {
		return flt, true
	}
	if c.awaitAccepted() {
		c.startResponder(id, frame.TypeRequestResponse,
			Payload{Data: f.Data, Metadata: f.Metadata, HasMetadata: f.HasMetadata}, 0, false)
	}
	return nil, true
}

// admitWholeRequest runs the checks a whole request from the peer passes on
// the reader's allocation-free paths (reader goroutine): it marks a
// client's connection established, ignores a request with our own parity
// (PROTOCOL.md §6) and fails the connection on a new request for a stream
// that is being reassembled. ok reports that the request is to be served;
// flt, when not nil, is the connection's fault.
func (c *Conn) admitWholeRequest(id uint32) (flt *fault, ok bool) {
	if c.client && !c.established.Load() {
		c.established.Store(true)
	}
	if !c.isPeerID(id) {
		return nil, false
	}
	if _, busy := c.reasm[id]; busy {
		return connectionFault(protocolError("new request on stream %d while a fragmented message is being reassembled", id)), false
	}
	return nil, true
}

// startResponder registers the responder stream of a whole request from the
// peer (not fire-and-forget) and has its handler called on a worker, or on
// the reader for a request-response (inline.go).
func (c *Conn) startResponder(id uint32, t frame.FrameType, p Payload, initialN uint32, complete bool) {
	if c.draining.Load() {
		c.sendFrame(&frame.ErrorFrame{Stream: id, Code: frame.ErrorCodeRejected, Data: []byte("server is shutting down")})
		return
	}
	s := newResponderStream()
	s.c, s.id, s.inState, s.handlerDue, s.request = c, id, inDone, true, p
	s.sc = &streamCtx{}
	s.sc.init(c.ctx, id)
	switch t {
	case frame.TypeRequestResponse:
		s.kind = kindRR
		s.pendingN = 1
		s.outCredit.Store(1)
	case frame.TypeRequestStream:
		s.kind = kindStream
		n := creditOf(initialN)
		s.pendingN = n
		s.outCredit.Store(n)
	default:
		s.kind = kindChannel
		n := creditOf(initialN)
		s.pendingN = n
		s.outCredit.Store(n)
		s.inState = inOpen
		s.first, s.hasFirst, s.firstComplete = p, true, complete
	}
	if !c.registerPeer(id, s) {
		s.sc.cancel()
		return
	}
	if s.kind == kindRR {
		s.answerOnReader()
		return
	}
	s.kick()
}

// awaitAccepted waits until the server's acceptor has chosen the handler; it
// reports false if the connection closed first.
func (c *Conn) awaitAccepted() bool {
	if c.accepted == nil {
		return true
	}
	select {
	case <-c.accepted:
		return true
	default:
	}
	select {
	case <-c.accepted:
		return true
	case <-c.closeCh:
		return false
	}
}

// callHandler calls the handler of a responder stream (stream goroutine).
func (s *stream) callHandler() sluice.Publisher[Payload] {
	h := &s.c.handler
	p := s.request
	s.request = Payload{}
	switch s.kind {
	case kindRR:
		if h.RequestResponse == nil {
			return unsupported("request-response")
		}
		m := h.RequestResponse(s.sc, p)
		if pub := m.Unwrap(); pub != nil {
			return pub // the publisher itself: boxing the Mono would allocate
		}
		return m
	case kindStream:
		if h.RequestStream == nil {
			return unsupported("request-stream")
		}
		return h.RequestStream(s.sc, p)
	default:
		if h.RequestChannel == nil {
			return unsupported("request-channel")
		}
		return h.RequestChannel(s.sc, p, flux.From[Payload](channelIn{s}))
	}
}

func unsupported(model string) sluice.Publisher[Payload] {
	return errorPublisher{err: &Error{Code: frame.ErrorCodeRejected, Message: model + " not supported"}}
}

// onMetadataPush calls the handler's MetadataPush on the reader goroutine.
func (c *Conn) onMetadataPush(md []byte) {
	if !c.awaitAccepted() {
		return
	}
	h := c.handler.MetadataPush
	if h == nil {
		return
	}
	defer func() {
		if r := recover(); r != nil {
			sluice.ErrorDropped(fmt.Errorf("rsocket: MetadataPush handler: %w", sluice.NewPanicError(r)))
		}
	}()
	h(c.ctx, md)
}
