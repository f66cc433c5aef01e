package rsocket

import (
	"fmt"
	"sync"

	"github.com/sluicego/sluice"
	"github.com/sluicego/sluice/internal/demand"
	"github.com/sluicego/sluice/internal/fuse"
)

// kick makes sure a goroutine of the stream runs the pending outbound work
// (subscribe, request the upstream publisher): a synchronous publisher
// produces on the stream's goroutine, and a blocking handler blocks only
// its stream. (The reader itself calls request-response handlers and
// requests small REQUEST_N, watched for stalls: inline.go.)
//
// Cancellation is the exception: it runs at once on the calling goroutine,
// because the stream's goroutine may be busy inside a Request that only a
// concurrent Cancel can stop (rule 3.5 allows it).
func (s *stream) kick() {
	if s.claim() {
		s.c.runStream(s)
	}
}

func (s *stream) hasWorkLocked() bool {
	if !s.subscribed {
		return !s.outDone && s.pendingN > 0 && (s.makePub != nil || s.handlerDue)
	}
	return s.upstream != nil && (s.cancelUp || (s.pendingN > 0 && !s.outDone))
}

// drive runs the outbound work until none is left.
func (s *stream) drive() {
	for {
		s.mu.Lock()
		switch {
		case !s.subscribed && !s.outDone && s.pendingN > 0 && (s.makePub != nil || s.handlerDue):
			s.subscribed = true
			mk := s.makePub
			s.makePub, s.handlerDue = nil, false
			s.mu.Unlock()
			s.subscribeUpstream(mk)
		case s.upstream != nil && s.cancelUp:
			up := s.upstream
			s.upstream, s.cancelUp = nil, false
			s.mu.Unlock()
			cancelSafely(up)
		case s.upstream != nil && s.pendingN > 0 && !s.outDone:
			n, up := s.pendingN, s.upstream
			s.pendingN = 0
			s.mu.Unlock()
			s.requestSafely(up, n)
		default:
			s.running = false
			s.mu.Unlock()
			return
		}
	}
}

func (s *stream) subscribeUpstream(mk func() sluice.Publisher[Payload]) {
	defer func() {
		if r := recover(); r != nil {
			s.OnError(sluice.NewPanicError(r))
		}
	}()
	var pub sluice.Publisher[Payload]
	if mk != nil {
		pub = mk()
	} else {
		pub = s.callHandler()
	}
	if pub == nil {
		s.OnError(fmt.Errorf("rsocket: handler returned a nil publisher"))
		return
	}
	if s.kind == kindRR && !s.requester {
		if seq, ok := asSeq(pub); ok {
			s.answerFused(seq)
			return
		}
	}
	pub.Subscribe(s)
}

// firstSink takes the first element of a fused loop; pooled, so that
// answering a request with mono.Just allocates nothing here.
type firstSink struct {
	v     Payload
	has   bool
	yield func(Payload) bool
}

var firstSinks = sync.Pool{New: func() any {
	k := &firstSink{}
	k.yield = func(p Payload) bool {
		k.v, k.has = p, true
		return false
	}
	return k
}}

// answerFused answers a request-response whose publisher is a synchronous
// fused source (mono.Just, mono.Empty, …) by running its loop to the first
// element instead of subscribing to it.
func (s *stream) answerFused(seq fuse.Seq[Payload]) {
	s.mu.Lock()
	s.gotSub = true
	s.mu.Unlock()
	k := firstSinks.Get().(*firstSink)
	err := seq.ForEach(k.yield)
	v, has := k.v, k.has
	k.v, k.has = Payload{}, false
	firstSinks.Put(k)
	switch {
	case has:
		s.OnNext(v)
	case err != nil:
		s.OnError(err)
	default:
		s.OnComplete()
	}
}

func (s *stream) requestSafely(up sluice.Subscription, n int64) {
	defer func() {
		if r := recover(); r != nil {
			s.OnError(sluice.NewPanicError(r))
		}
	}()
	up.Request(n)
}

func cancelSafely(up sluice.Subscription) {
	defer func() {
		if r := recover(); r != nil {
			sluice.ErrorDropped(sluice.NewPanicError(r))
		}
	}()
	up.Cancel()
}

// onRequestN passes the peer's REQUEST_N to the upstream publisher.
func (s *stream) onRequestN(n uint32) {
	s.mu.Lock()
	if s.outDone || (s.kind == kindRR && !s.requester) {
		s.mu.Unlock()
		return
	}
	d := creditOf(n)
	demand.AddAtomic(&s.outCredit, d)
	s.pendingN = demand.Add(s.pendingN, d)
	s.mu.Unlock()
	s.requestOnReader(n)
}

// OnSubscribe receives the upstream publisher's subscription.
func (s *stream) OnSubscribe(sub sluice.Subscription) {
	if sub == nil {
		panic(sluice.ErrNilSubscription)
	}
	s.mu.Lock()
	if s.gotSub {
		s.mu.Unlock()
		sub.Cancel() // rule 2.5
		return
	}
	s.gotSub = true
	s.upstream = sub
	if s.outDone {
		s.cancelUp = true
	}
	s.mu.Unlock()
	s.kick()
}

// OnNext sends an element of the upstream publisher as a PAYLOAD. The
// elements of a stream or channel after its request take no stream lock:
// the credit is atomic, and outFirst and id change only inside the
// (serialized) signals.
func (s *stream) OnNext(p Payload) {
	if s.kind != kindRR && !s.outFirst {
		if s.outClosed.Load() {
			return
		}
		if !s.takeCredit() {
			s.overflow()
			return
		}
		s.c.sendPayloadBy(s.id, p, true, false, true, s.outOnReader.Load())
		return
	}
	s.mu.Lock()
	if s.outDone {
		s.mu.Unlock()
		return
	}
	if !s.takeCredit() {
		s.mu.Unlock()
		s.overflow()
		return
	}
	if s.outFirst {
		s.outFirst = false
		if s.inState != inOpening {
			// The response side was cancelled before the request was sent.
			s.cancelOutboundLocked()
			done := s.finishedLocked()
			s.mu.Unlock()
			s.kick()
			if done {
				s.release()
			}
			return
		}
		if err := s.openChannelLocked(p); err != nil {
			s.inState = inDone
			s.cancelOutboundLocked()
			done := s.finishedLocked()
			s.mu.Unlock()
			s.kick()
			s.sub.OnError(err)
			if done {
				s.release()
			}
			return
		}
		s.mu.Unlock()
		return
	}
	id := s.id
	if s.kind == kindRR {
		s.endOutboundLocked()
		done := s.finishedLocked()
		onReader := s.onReader
		s.mu.Unlock()
		s.c.sendPayloadBy(id, p, true, true, false, onReader)
		if done {
			s.release()
		}
		return
	}
	s.mu.Unlock()
	s.c.sendPayload(id, p, true, false, true)
}

// takeCredit uses one element of the peer's credit; false if there is none.
func (s *stream) takeCredit() bool {
	for {
		c := s.outCredit.Load()
		if unbounded(c) {
			return true
		}
		if c <= 0 {
			return false
		}
		if s.outCredit.CompareAndSwap(c, c-1) {
			return true
		}
	}
}

// overflow fails a publisher that emitted beyond the peer's credit.
func (s *stream) overflow() {
	s.OnError(fmt.Errorf("rsocket: publisher emitted more elements than requested (rule 1.1)"))
	s.kick()
}

// OnComplete sends PAYLOAD(C).
func (s *stream) OnComplete() {
	s.mu.Lock()
	if s.outDone {
		s.mu.Unlock()
		return
	}
	s.endOutboundLocked()
	if s.outFirst {
		// Requester channel whose input completed empty: nothing to send.
		s.outFirst = false
		s.inState = inDone
		done := s.finishedLocked()
		s.mu.Unlock()
		s.sub.OnComplete()
		if done {
			s.release()
		}
		return
	}
	id := s.id
	// A responder channel whose handler never subscribed to its input will
	// never want the requester's elements.
	cancelIn := !s.requester && s.kind == kindChannel && !s.inSubscribed && s.inState != inDone
	if cancelIn {
		s.inState = inDone
		s.hasFirst, s.first = false, Payload{}
	}
	done := s.finishedLocked()
	onReader := s.onReader
	s.mu.Unlock()
	s.c.sendPayloadBy(id, Payload{}, false, true, false, onReader)
	if cancelIn {
		s.c.sendCancel(id)
	}
	if done {
		s.release()
	}
}

// OnError sends ERROR (APPLICATION_ERROR, or the code of an *Error) and ends
// the whole stream.
func (s *stream) OnError(err error) {
	if err == nil {
		panic(sluice.ErrNilError)
	}
	s.mu.Lock()
	if s.outDone {
		s.mu.Unlock()
		sluice.ErrorDropped(err)
		return
	}
	s.endOutboundLocked()
	s.cancelUp = s.gotSub
	if s.outFirst {
		// Requester channel whose input failed before the request was sent.
		s.outFirst = false
		s.inState = inDone
		done := s.finishedLocked()
		s.mu.Unlock()
		s.sub.OnError(err)
		if done {
			s.release()
		}
		return
	}
	id := s.id
	inOpen := s.inState != inDone
	s.inState = inDone
	s.hasFirst, s.first = false, Payload{}
	sub := s.sub
	var inErr error
	if inOpen {
		if s.requester {
			inErr = err
		} else {
			inErr = &Error{Code: ErrCanceled.Code, Message: "channel output failed: " + err.Error()}
			if sub == nil {
				s.inErr = inErr
			}
		}
	}
	done := s.finishedLocked()
	onReader := s.onReader
	s.mu.Unlock()
	s.c.sendFrameBy(streamErrorFrame(id, err), onReader)
	if inOpen && sub != nil {
		sub.OnError(inErr)
	}
	if done {
		s.release()
	}
}

// errorPublisher fails every subscriber with err.
type errorPublisher struct{ err error }

func (e errorPublisher) Subscribe(sub sluice.Subscriber[Payload]) {
	sub.OnSubscribe(noopSubscription{})
	sub.OnError(e.err)
}
