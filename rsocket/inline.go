package rsocket

import (
	"fmt"
	"time"

	"github.com/sluicego/sluice"
	"github.com/sluicego/sluice/internal/fuse"
)

// The reader answers a request-response itself: it calls the handler and,
// when the answer is a fused or scalar Mono (mono.Just, …), queues the
// PAYLOAD at once, instead of waking a stream worker to do so (any other
// Mono is subscribed on a worker, as before). That saves a
// goroutine hand-off per request. The reader also passes a stream's small
// REQUEST_N to its publisher itself (requestOnReader). A handler or a
// publisher may block, though. A call that took slowCall or more is a
// stall, counted when it returns; and so that a call that does not return
// cannot hold up the connection for good, the writer goroutine watches the
// calls while they happen: when the reader has been in the same call for
// at least stallCheck, a new reader goroutine takes over the connection,
// and the stalled one finishes the request as a stream goroutine and then
// exits (that is a stall too). After maxStalls stalls in a run (each
// within stallRun calls of the one before) the connection stops
// answering on the reader (its handlers block: they get a worker each, as
// streams and channels always do) for a probation of firstProbation
// calls, then tries the reader again; each time it leaves the reader
// again the probation doubles, up to maxProbation. So a blocking handler
// holds up the connection a few times, for at most
// maxStallCheck+stallCheck each, and then rarely, while a connection that
// a burst of the machine's own pauses moved off the reader gets its fast
// path back. The answer
// is written by the reader before it next blocks reading (flushOwed), so a
// burst of requests costs one write.
//
// The watch ticks rarely because every tick wakes a goroutine, and on a
// connection doing request-responses one by one that wake-up lets a second
// thread share the socket's wake-ups with the first for a while: ticking
// every millisecond instead of every 10 cost sequential request-responses
// over loopback about 1.7 times the context switches and 7 µs at the 99th
// percentile, and letting the period grow to 80 ms while the reader is
// found between calls took another 8-10 µs off the 99th percentile (16
// interleaved pairs of runs). A check that finds the reader inside a call
// looks again stallCheck later.
//
// The reader's state (c.inline) is its token shifted left by one, with the
// low bit set while it runs a handler; the watch bumps the token to take
// over, which the stalled goroutine notices when it returns.

// stallCheck is how long a call must have lasted, seen by two checks of the
// stall watch, for the reader to be replaced, and the watch's shortest
// period.
const stallCheck = 10 * time.Millisecond

// slowCall is how long a call must have taken, when it returns, to count as
// a stall.
const slowCall = time.Millisecond

// maxStalls is how many stalls in a run (see stallRun) make the
// connection stop calling handlers on the reader (one stall may be the
// machine's, a pause of the whole process; handlers that block keep
// stalling).
const maxStalls = 4

// stallRun is how many handler calls may separate two stalls for them to
// count as one run. The machine's own pauses (a garbage collection, the
// host taking the CPU away) stall a call now and then, hundreds of
// thousands of calls apart: counted for the whole life of a connection,
// they would move a busy connection's handlers off the reader for good
// after a few seconds (request-responses 64 in flight did so
// after 0.7-1.1M calls). A handler that blocks stalls most of its calls.
const stallRun = 1024

// firstProbation is how many handler calls go to workers after the
// connection left the reader for the first time, before the reader is
// tried again; maxProbation bounds the doubling on each later time.
const (
	firstProbation = 1 << 12
	maxProbation   = 1 << 20
)

// maxStallCheck bounds the period of the stall watch, which doubles from
// stallCheck while its checks find the reader between calls, and drops
// back to stallCheck when one finds it inside a call: a call that blocks
// is noticed within maxStallCheck+stallCheck.
const maxStallCheck = 80 * time.Millisecond

// stallIdleChecks is how many checks without any handler call on the
// reader the watch keeps ticking before it stops until the next call.
const stallIdleChecks = 8

// claim marks s running if it has outbound work and nobody runs it, after
// running a pending cancellation; it reports whether the caller must drive
// s.
func (s *stream) claim() bool {
	s.mu.Lock()
	if s.cancelUp && s.upstream != nil {
		up := s.upstream
		s.upstream, s.cancelUp = nil, false
		s.mu.Unlock()
		cancelSafely(up)
		s.mu.Lock()
	}
	if s.running || !s.hasWorkLocked() {
		s.mu.Unlock()
		return false
	}
	s.running = true
	s.mu.Unlock()
	return true
}

// answerOnReader is kick for a new request-response, on the reader
// goroutine: its handler runs there, watched for stalls, and a fused or
// scalar answer is sent at once; any other publisher is subscribed on a
// worker. Once a handler of this connection stalled the reader, handlers
// run on workers from the start.
func (s *stream) answerOnReader() {
	c := s.c
	if c.rb.leaderDispatching() || c.offReader() {
		s.kick()
		return
	}
	s.mu.Lock()
	if s.running || s.outDone || !s.handlerDue {
		s.mu.Unlock()
		s.kick()
		return
	}
	s.handlerDue = false
	s.running = true // no worker starts on s meanwhile
	s.mu.Unlock()

	tok, start := c.enterInline()
	fused := s.answerInline()
	stillReader := c.leaveInline(tok, start)

	s.mu.Lock()
	s.running = false
	// A fused answer that ended the stream leaves nothing to kick. If no
	// other goroutine dispatched the peer's frames meanwhile, none can be
	// releasing s now, and it is reused (responder_pool.go).
	reuse := fused && stillReader && s.released
	s.mu.Unlock()
	if reuse && s.openRemoved.Load() {
		s.recycle()
		return
	}
	s.kick() // a publisher to subscribe, or a cancellation
}

// enterInline marks the reader as calling out for a stream's work, watched
// for stalls; it returns the reader's token and the time, for leaveInline.
func (c *Conn) enterInline() (uint64, time.Duration) {
	tok := c.inline.Load() >> 1
	c.inlineCalls.Add(1)
	c.inline.Store(tok<<1 | 1)
	if c.watchIdle.Load() && c.watchIdle.CompareAndSwap(true, false) {
		select {
		case c.watchWake <- struct{}{}:
		default:
		}
	}
	return tok, monotonic()
}

// clockBase is the origin of monotonic.
var clockBase = time.Now()

// monotonic returns the time since clockBase: it reads only the monotonic
// clock, at about half the cost of time.Now.
func monotonic() time.Duration { return time.Since(clockBase) }

// leaveInline ends what enterInline began at start and reports true,
// unless another goroutine reads now: then ours returns to readLoop, which
// sees the token changed and exits. A call that took slowCall or more is a
// stall.
func (c *Conn) leaveInline(tok uint64, start time.Duration) bool {
	if !c.inline.CompareAndSwap(tok<<1|1, tok<<1) {
		return false
	}
	if monotonic()-start >= slowCall {
		c.stalled()
	}
	return true
}

// stalled counts a stall of the reader; after maxStalls in a run, handlers
// no longer run on it.
func (c *Conn) stalled() {
	n := c.inlineCalls.Load()
	if n-c.lastStall.Swap(n) > stallRun {
		c.stalls.Store(0)
	}
	if c.stalls.Add(1) >= maxStalls && !c.noInline.Load() {
		p := c.probation.Load()
		if p == 0 {
			p = firstProbation
		} else {
			p = min(2*p, maxProbation)
		}
		c.probation.Store(p)
		c.offCalls.Store(0)
		c.noInline.Store(true)
	}
}

// offReader reports whether a handler call is to go to a worker because
// handlers stalled the reader; the call that ends the probation gets the
// reader again, with no stall counted yet.
func (c *Conn) offReader() bool {
	if !c.noInline.Load() {
		return false
	}
	if c.offCalls.Add(1) < c.probation.Load() {
		return true
	}
	c.stalls.Store(0)
	c.lastStall.Store(c.inlineCalls.Load())
	c.noInline.Store(false)
	return false
}

// maxDemandOnReader is the largest REQUEST_N whose elements the reader asks
// the publisher for itself (requestOnReader): a synchronous publisher then
// emits that many elements on the reader, and they go out in the reader's
// next write, with no goroutine woken. Larger demand goes to a worker, so
// that the reader is not kept producing a long stream.
const maxDemandOnReader = 256

// requestOnReader is kick for the peer's REQUEST_N of n, on the reader
// goroutine: when the stream's publisher is subscribed, idle and n is
// small, the reader requests it itself, watched for stalls like a handler.
func (s *stream) requestOnReader(n uint32) {
	c := s.c
	if n > maxDemandOnReader || c.rb.leaderDispatching() || c.offReader() {
		s.kick()
		return
	}
	s.mu.Lock()
	if s.running || !s.subscribed || s.upstream == nil || s.cancelUp || s.outDone || s.pendingN <= 0 {
		s.mu.Unlock()
		s.kick()
		return
	}
	s.running = true // no worker starts on s meanwhile
	s.mu.Unlock()
	tok, start := c.enterInline()
	s.outOnReader.Store(true)
	s.drive()
	s.outOnReader.Store(false)
	c.leaveInline(tok, start)
}

// answerInline calls the handler of a request-response and answers a fused
// result (fused reports it); any other publisher is left for a worker to
// subscribe.
func (s *stream) answerInline() (fused bool) {
	defer func() {
		if r := recover(); r != nil {
			fused = false
			s.OnError(sluice.NewPanicError(r))
		}
	}()
	pub := s.callHandler()
	if pub == nil {
		s.OnError(fmt.Errorf("rsocket: handler returned a nil publisher"))
		return
	}
	if seq, ok := asSeq(pub); ok {
		s.mu.Lock()
		s.subscribed, s.onReader = true, true
		s.mu.Unlock()
		s.answerFused(seq)
		s.mu.Lock()
		s.onReader = false
		s.mu.Unlock()
		return true
	}
	s.mu.Lock()
	s.makePub = func() sluice.Publisher[Payload] { return pub }
	s.mu.Unlock()
	return false
}

// asSeq is fuse.AsSeq for payloads. A handler's answer (callHandler
// unwraps the Mono) is usually a fused publisher itself, and asserting the
// concrete interface type here is cached at the call site, while the
// generic assertions inside fuse.AsSeq look the type up in the runtime's
// table every time (about 50 ns each; two per request-response).
func asSeq(pub sluice.Publisher[Payload]) (fuse.Seq[Payload], bool) {
	if seq, ok := pub.(fuse.Seq[Payload]); ok {
		return seq, true
	}
	return fuse.AsSeq(pub)
}

// stallWatch is the writer goroutine's watch over the handlers that the
// reader runs.
type stallWatch struct {
	ticker *time.Ticker
	tick   <-chan time.Time
	state  uint64    // c.inline at the previous check
	calls  uint64    // c.inlineCalls at the previous check
	idle   int       // checks in a row without a call
	since  time.Time // when a check first saw the reader in its current call
	period time.Duration
}

// start makes the watch tick (writer goroutine, woken by answerOnReader).
func (sw *stallWatch) start() {
	if sw.ticker == nil {
		sw.ticker = time.NewTicker(stallCheck)
	} else {
		sw.ticker.Reset(stallCheck)
	}
	sw.tick, sw.idle, sw.state, sw.period = sw.ticker.C, 0, 0, stallCheck
}

func (sw *stallWatch) stop() {
	if sw.ticker != nil {
		sw.ticker.Stop()
	}
}

// checkStall runs at every tick: it replaces a reader that has been in the
// same call for at least stallCheck (measured, since a busy writer may take
// ticks late and then two in a row), adapts the period, and stops ticking
// after a quiet spell.
func (c *Conn) checkStall(sw *stallWatch) {
	v, n := c.inline.Load(), c.inlineCalls.Load()
	now := time.Now()
	if v != sw.state || n != sw.calls {
		sw.since = now
	} else if v&1 == 1 && now.Sub(sw.since) >= stallCheck {
		c.replaceReader(v)
	}
	if n == sw.calls && v&1 == 0 {
		sw.idle++
	} else {
		sw.idle = 0
	}
	sw.state, sw.calls = v, n
	next := stallCheck
	if v&1 == 0 {
		next = min(2*sw.period, maxStallCheck)
	}
	if next != sw.period {
		sw.period = next
		sw.ticker.Reset(next)
	}
	if sw.idle >= stallIdleChecks {
		sw.ticker.Stop()
		sw.tick = nil
		c.watchIdle.Store(true)
		if c.inlineCalls.Load() != n && c.watchIdle.CompareAndSwap(true, false) {
			sw.start() // a call started while we stopped
		}
	}
}

// replaceReader starts a new reader goroutine when the reader is still in
// the call whose state is v; the stalled one is counted as a stream
// goroutine until it exits. Handlers no longer run on the reader.
func (c *Conn) replaceReader(v uint64) {
	c.stalled()
	c.wg.Add(1) // the stalled reader, released when it exits
	if !c.inline.CompareAndSwap(v, (v>>1+1)<<1) {
		c.wg.Done()
		return
	}
	go c.readLoop()
}
