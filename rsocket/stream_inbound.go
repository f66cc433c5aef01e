package rsocket

import (
	"github.com/sluicego/sluice"
	"github.com/sluicego/sluice/internal/demand"
	"github.com/sluicego/sluice/internal/serial"
	"github.com/sluicego/sluice/rsocket/frame"
	"github.com/sluicego/sluice/rsocket/internal/fragment"
)

// Request is the inbound subscriber's demand. The first call of a requester
// sends the request frame with the demand as initial request n; later calls
// send REQUEST_N.
func (s *stream) Request(n int64) {
	if n <= 0 {
		s.invalidDemand(n)
		return
	}
	s.mu.Lock()
	if s.subscribing {
		s.deferred = demand.Add(s.deferred, n)
		s.mu.Unlock()
		return
	}
	switch s.inState {
	case inDone:
		s.mu.Unlock()
		return
	case inIdle:
		s.inPending = demand.Add(s.inPending, n)
		if s.kind == kindChannel {
			// Subscribe to the input and take its first element: it is
			// the request.
			s.inState = inOpening
			s.pendingN = 1
			s.outCredit.Store(1)
			s.mu.Unlock()
			s.kick()
			return
		}
		err := s.openLocked()
		s.mu.Unlock()
		if err != nil {
			s.sub.OnError(err)
		}
		return
	case inOpening:
		s.inPending = demand.Add(s.inPending, n)
		s.mu.Unlock()
		return
	}
	if s.kind == kindRR {
		s.mu.Unlock()
		return
	}
	if s.hasFirst {
		// Responder channel: the request's payload is the input's first
		// element and uses one unit of the first demand (rsocket-java
		// sends REQUEST_N(n-1)).
		first, complete := s.first, s.firstComplete
		s.first, s.hasFirst = Payload{}, false
		if complete {
			s.inState = inDone
		}
		s.mu.Unlock()
		s.sub.OnNext(first)
		if complete {
			s.sub.OnComplete()
			s.inboundEnded()
			return
		}
		if !unbounded(n) {
			n--
		}
		if n == 0 {
			return
		}
		s.mu.Lock()
		if s.inState != inOpen {
			s.mu.Unlock()
			return
		}
	}
	if !unbounded(s.inCredit) {
		s.inCredit = addCredit(s.inCredit, n)
		s.c.sendRequestNBy(s.id, n, s.delivering.Load())
	}
	s.mu.Unlock()
}

// openLocked registers a request-response or request-stream and sends its
// request frame.
func (s *stream) openLocked() error {
	id, err := s.c.register(s)
	if err != nil {
		s.inState = inDone
		return err
	}
	s.id, s.inState = id, inOpen
	m := fragment.Message{Type: frame.TypeRequestResponse, Stream: id,
		Metadata: s.request.Metadata, HasMetadata: s.request.HasMetadata, Data: s.request.Data}
	if s.kind == kindStream {
		m.Type = frame.TypeRequestStream
		m.InitialRequestN = requestN(s.inPending)
		s.inCredit = addCredit(0, s.inPending)
	}
	s.request = Payload{}
	// A blocking request-response (BlockOne) writes its request itself
	// once it holds no lock (flushQueued).
	_, blocking := s.sub.(*rrCall)
	s.c.queueMessage(&m, !blocking)
	if !blocking {
		s.c.rb.streamOpened()
	}
	return nil
}

// openChannelLocked registers a requester channel and sends REQUEST_CHANNEL
// carrying the input's first element.
func (s *stream) openChannelLocked(first Payload) error {
	id, err := s.c.register(s)
	if err != nil {
		return err
	}
	s.c.rb.streamOpened()
	s.id, s.inState = id, inOpen
	s.inCredit = addCredit(0, s.inPending)
	s.c.sendMessage(&fragment.Message{Type: frame.TypeRequestChannel, Stream: id,
		InitialRequestN: requestN(s.inPending),
		Metadata:        first.Metadata, HasMetadata: first.HasMetadata, Data: first.Data})
	return nil
}

// invalidDemand ends the inbound half after Request(n <= 0) (rule 3.9).
func (s *stream) invalidDemand(n int64) {
	s.mu.Lock()
	done := s.inState == inDone
	s.mu.Unlock()
	if done {
		return
	}
	s.Cancel()
	s.sub.OnError(demand.Invalid(n))
}

// Cancel is the inbound subscriber's cancellation: a requester sends CANCEL
// (and stops its channel's input), a responder channel sends CANCEL to stop
// the requester's elements.
func (s *stream) Cancel() {
	s.mu.Lock()
	st := s.inState
	if st == inDone {
		s.mu.Unlock()
		return
	}
	s.inState = inDone
	s.hasFirst, s.first = false, Payload{}
	if s.requester {
		s.request = Payload{}
	}
	if st == inOpen {
		s.c.sendCancel(s.id)
	}
	if s.requester {
		s.cancelOutboundLocked()
	}
	done := s.finishedLocked()
	s.mu.Unlock()
	s.kick()
	if done {
		s.release()
	}
}

// onPayload delivers a (whole) PAYLOAD from the peer.
func (s *stream) onPayload(f *frame.PayloadFrame) {
	s.mu.Lock()
	if s.inState != inOpen {
		s.mu.Unlock()
		return
	}
	if s.hasFirst {
		// Responder channel whose input has not asked for anything yet.
		if f.Next {
			s.mu.Unlock()
			s.onLocalError(protocolError("stream %d: PAYLOAD beyond the granted credit", s.id))
			return
		}
		s.firstComplete = s.firstComplete || f.Complete
		s.mu.Unlock()
		return
	}
	if f.Next && s.kind != kindRR && !unbounded(s.inCredit) {
		if s.inCredit == 0 {
			s.mu.Unlock()
			s.onLocalError(protocolError("stream %d: PAYLOAD beyond the granted credit", s.id))
			return
		}
		s.inCredit--
	}
	complete := f.Complete || s.kind == kindRR
	if complete {
		s.inState = inDone
	}
	sub := s.sub
	if call, ok := sub.(*rrCall); ok {
		// A request-response waited for by BlockOne: the stream is
		// released before the caller wakes up, and the wake-up is the
		// last time anything touches it, so that the call can be reused
		// when no one else can hold it (see rrCall.reusable).
		done := s.finishedLocked()
		id := s.id
		s.mu.Unlock()
		reusable := done && s.c.unregisterOpen(id, s)
		s.c.rb.answered = true
		call.answer(Payload{Data: f.Data, Metadata: f.Metadata, HasMetadata: f.HasMetadata}, f.Next, reusable)
		return
	}
	// Only a subscriber with bounded demand may send REQUEST_N from
	// OnNext (then the reader writes it: Request).
	track := !unbounded(s.inCredit)
	s.mu.Unlock()
	if f.Next {
		if track {
			s.delivering.Store(true)
		}
		sub.OnNext(Payload{Data: f.Data, Metadata: f.Metadata, HasMetadata: f.HasMetadata})
		if track {
			s.delivering.Store(false)
		}
	}
	if complete {
		sub.OnComplete()
		s.inboundEnded()
	}
}

// channelIn is the input Flux that a responder channel's handler receives.
type channelIn struct{ s *stream }

// Subscribe attaches the handler's subscriber; only one is allowed.
func (ci channelIn) Subscribe(sub sluice.Subscriber[Payload]) {
	if sub == nil {
		panic(sluice.ErrNilSubscriber)
	}
	s := ci.s
	s.mu.Lock()
	if s.inSubscribed {
		s.mu.Unlock()
		sub.OnSubscribe(noopSubscription{})
		sub.OnError(sluice.ErrAlreadySubscribed)
		return
	}
	s.inSubscribed = true
	s.sub = serial.New(sub)
	inErr := s.inErr
	s.mu.Unlock()
	s.subscribe()
	if inErr != nil {
		s.sub.OnError(inErr)
	}
}

type noopSubscription struct{}

func (noopSubscription) Request(int64) {}
func (noopSubscription) Cancel()       {}
