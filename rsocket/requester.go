package rsocket

import (
	"context"
	"fmt"
	"sync"

	"github.com/sluicego/sluice"
	"github.com/sluicego/sluice/flux"
	"github.com/sluicego/sluice/internal/serial"
	"github.com/sluicego/sluice/mono"
	"github.com/sluicego/sluice/rsocket/frame"
	"github.com/sluicego/sluice/rsocket/internal/fragment"
)

var _ RSocket = (*Conn)(nil)

// requestPublisher is the cold publisher behind RequestResponse,
// RequestStream and RequestChannel: every subscription is a new request.
type requestPublisher struct {
	c    *Conn
	kind kind
	p    Payload
	in   sluice.Publisher[Payload]
}

// Subscribe starts a request; its frame is sent at the first Request. On a
// closed connection the subscriber gets OnError right after OnSubscribe.
func (r *requestPublisher) Subscribe(sub sluice.Subscriber[Payload]) {
	if sub == nil {
		panic(sluice.ErrNilSubscriber)
	}
	s := &stream{c: r.c, kind: r.kind, requester: true, request: r.p, sub: serial.New(sub), outDone: true}
	if r.kind == kindChannel {
		in := r.in
		s.outDone, s.outFirst = false, true
		s.makePub = func() sluice.Publisher[Payload] { return in }
	} else {
		s.outClosed.Store(true)
	}
	s.subscribe()
	if err := r.c.closedErr(); err != nil {
		// Rule 1.9: a connection that cannot serve rejects at once.
		s.terminate(err)
	}
}

// FireAndForget sends a REQUEST_FNF; see RSocket. A frame within the MTU is
// encoded straight into the connection's write buffer under one lock, its
// stream id taken under the same lock (so ids go out in order).
func (c *Conn) FireAndForget(ctx context.Context, p Payload) error {
	f := frame.RequestFNFFrame{Metadata: p.Metadata, HasMetadata: p.HasMetadata, Data: p.Data}
	if f.Length() > c.mtu {
		return c.fireAndForgetFragmented(ctx, p)
	}
	w := &c.w
	w.mu.Lock()
	for len(w.buf) > c.wlimit && !w.finishing {
		w.mu.Unlock()
		if err := c.waitRoom(ctx); err != nil {
			return err
		}
		w.mu.Lock()
	}
	if w.finishing {
		w.mu.Unlock()
		return c.Err()
	}
	id, err := c.nextStreamID()
	if err != nil {
		w.mu.Unlock()
		return err
	}
	f.Stream = id
	start := w.begin()
	w.buf = f.Append(w.buf)
	w.end(start)
	w.mu.Unlock()
	w.signal()
	return nil
}

// fireAndForgetFragmented sends a REQUEST_FNF larger than the MTU as
// fragments.
func (c *Conn) fireAndForgetFragmented(ctx context.Context, p Payload) error {
	if err := c.waitRoom(ctx); err != nil {
		return err
	}
	if err := c.closedErr(); err != nil {
		return err
	}
	id, err := c.nextStreamID()
	if err != nil {
		return err
	}
	if !c.sendMessage(&fragment.Message{Type: frame.TypeRequestFNF, Stream: id,
		Metadata: p.Metadata, HasMetadata: p.HasMetadata, Data: p.Data}) {
		return c.Err()
	}
	return nil
}

// RequestResponse sends a REQUEST_RESPONSE when the Mono is requested; see RSocket.
func (c *Conn) RequestResponse(p Payload) mono.Mono[Payload] {
	return mono.From[Payload](&rrPublisher{c: c, p: p})
}

// rrPublisher is the publisher of RequestResponse. Besides subscribing, it
// can be waited for directly (Mono.Block), which needs no subscriber chain.
// It holds only what a request-response needs (64 bytes, a third less
// than a requestPublisher), since one is allocated per request.
type rrPublisher struct {
	c *Conn
	p Payload
}

// Subscribe starts a request-response; see requestPublisher.Subscribe.
func (r *rrPublisher) Subscribe(sub sluice.Subscriber[Payload]) {
	rp := requestPublisher{c: r.c, kind: kindRR, p: r.p}
	rp.Subscribe(sub)
}

// rrCalls holds calls whose stream no one references any more.
var rrCalls = sync.Pool{New: func() any { return &rrCall{done: make(chan struct{}, 1), watchIdx: -1} }}

// BlockOne sends the request and waits for the response (lambda.OneBlocker):
// (p, true, nil), (zero, false, nil) for an empty response, the stream's
// error, or ctx.Err() after cancelling the request.
func (r *rrPublisher) BlockOne(ctx context.Context) (Payload, bool, error) {
	if err := ctx.Err(); err != nil {
		return Payload{}, false, err
	}
	call := rrCalls.Get().(*rrCall)
	s := &call.s
	c := r.c
	s.c, s.kind, s.requester, s.request, s.sub, s.outDone = c, kindRR, true, r.p, call, true
	// With nothing else in flight, the caller writes its request and, if
	// it may block without a way to be cancelled, reads its answer itself
	// (leader.go).
	lead := c.rb.tryLead(ctx)
	s.Request(1)
	c.flushQueued()
	if lead {
		c.lead(call.done)
	} else {
		c.rb.streamOpened()
	}
	if ctx.Done() == nil || len(call.done) > 0 {
		<-call.done // cheaper than a select (a leader's answer is there)
	} else if c.calls.add(ctx, call) {
		<-call.done // ctx's end cancels the call (call_watch.go)
		c.calls.remove(call)
	} else {
		select {
		case <-call.done:
		case <-ctx.Done():
			s.Cancel()
			select {
			case <-call.done: // a response that raced with ctx wins
			default:
				return Payload{}, false, ctx.Err() // the call is not reused
			}
		}
	}
	v, has, err := call.v, call.has, call.err
	if call.reusable {
		done := call.done
		*call = rrCall{done: done, watchIdx: -1} // the token was received: done is empty
		rrCalls.Put(call)
	}
	return v, has, err
}

// rrCall is a request-response waited for by BlockOne: the stream and the
// subscriber that receives its signals, in one allocation, reused through
// rrCalls when its answer arrived on the reader while the connection was
// open: the reader released the stream before waking the caller, so no
// goroutine can hold it any more. Calls ended any other way (an error, a
// closing connection, ctx) are left to the garbage collector.
type rrCall struct {
	s        stream
	mu       sync.Mutex
	v        Payload
	has      bool
	err      error
	done     chan struct{} // receives one token when the call ends
	end      bool
	reusable bool
	watchIdx int // index in Conn.calls while watched, else -1
}

func (r *rrCall) OnSubscribe(sluice.Subscription) {}

func (r *rrCall) OnNext(p Payload) {
	r.mu.Lock()
	if !r.end {
		r.v, r.has = p, true
	}
	r.mu.Unlock()
}

func (r *rrCall) OnError(err error) { r.finish(err) }

func (r *rrCall) OnComplete() { r.finish(nil) }

// answer is the reader's delivery of the response (next: with a value);
// the stream is already released, and reusable says whether no one else
// can reference it.
func (r *rrCall) answer(p Payload, next, reusable bool) {
	r.mu.Lock()
	if r.end {
		r.mu.Unlock()
		return
	}
	if next {
		r.v, r.has = p, true
	}
	r.end, r.reusable = true, reusable
	r.mu.Unlock()
	r.done <- struct{}{}
}

func (r *rrCall) finish(err error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.end {
		return
	}
	r.end = true
	if err != nil {
		r.v, r.has, r.err = Payload{}, false, err
	}
	r.done <- struct{}{}
}

// RequestStream sends a REQUEST_STREAM when the Flux is first requested; see RSocket.
func (c *Conn) RequestStream(p Payload) flux.Flux[Payload] {
	return flux.From[Payload](&requestPublisher{c: c, kind: kindStream, p: p})
}

// RequestChannel opens a channel whose request is in's first element; see RSocket.
func (c *Conn) RequestChannel(in sluice.Publisher[Payload]) flux.Flux[Payload] {
	if in == nil {
		return flux.From[Payload](errorPublisher{err: fmt.Errorf("rsocket: RequestChannel: nil input publisher")})
	}
	return flux.From[Payload](&requestPublisher{c: c, kind: kindChannel, in: in})
}

// MetadataPush sends a METADATA_PUSH; see RSocket.
func (c *Conn) MetadataPush(ctx context.Context, metadata []byte) error {
	f := &frame.MetadataPushFrame{Metadata: metadata}
	if err := f.Validate(); err != nil {
		return err
	}
	if err := c.waitRoom(ctx); err != nil {
		return err
	}
	if !c.sendFrame(f) {
		return c.Err()
	}
	return nil
}
