package rsocket

import (
	"context"
	"errors"
	"os"
	"sync"
	"sync/atomic"
	"time"
)

// On a client connection, a goroutine blocked in a request-response
// (Mono.Block) reads its own answer from the transport when nothing else is
// in flight, instead of waiting for the reader goroutine to read it and
// wake it up. Waking a parked goroutine makes the Go scheduler start a
// second thread, and on a lightly loaded connection that hand-off, not the
// frames, is most of a round trip: a caller that writes its request and
// reads its answer itself does a request-response at the speed of a plain
// socket ping-pong.
//
// The right to read the transport (the baton) belongs to one goroutine at a
// time: the reader goroutine, a caller (the leader), or no one. The reader
// lets go of it when it has just answered a blocking caller and nothing
// else is in flight and no frame is buffered; a
// caller takes it only then, and gives it back to no one if it leaves the
// transport in that state, or to the reader otherwise. So that frames the
// peer sends unasked (its requests, keepalives, a connection error) are
// never left unread for long, the reader takes the baton back once no one
// has held it for a whole idle-check period (leaderIdle after a lone call,
// up to maxIdleCheck after a long run of them), and at once when a stream
// opens while no one holds it.

// leaderIdle is how long the transport of an idle client connection may go
// unread after a caller let go of it before the reader goroutine reads it
// again (at most twice that), after a lone call.
const leaderIdle = 500 * time.Microsecond

// maxIdleCheck bounds the period of the reader's idle check. Each check
// that finds callers still at work doubles the period up to this, so that
// a long run of calls is not interrupted by a check every leaderIdle: a
// check wakes a second thread, which then shares the socket's wake-ups
// with the first for a while (sequential request-responses over loopback
// make twice the context switches with checks every 8 ms as with none).
// Once the calls stop, the reader reads again within twice the period
// reached.
const maxIdleCheck = 32 * time.Millisecond

// readAhead is implemented by transports that buffer what they read
// (tcp, quic): the reader writes what it answered itself only when no whole
// frame is buffered, and the baton is let go only when nothing is.
type readAhead interface {
	// Buffered returns the number of bytes received and not yet returned
	// by ReadFrame.
	Buffered() int
	// FrameBuffered reports whether a whole frame is buffered, so that
	// ReadFrame returns without reading.
	FrameBuffered() bool
}

// readInterrupter is implemented by transports whose blocked ReadFrame can
// be made to return without losing what it read (tcp): a leader whose
// context ends stops reading this way.
type readInterrupter interface {
	// InterruptRead makes ReadFrame return an error matching
	// os.ErrDeadlineExceeded, now and until ResumeRead.
	InterruptRead()
	// ResumeRead undoes InterruptRead.
	ResumeRead()
}

// Holders of the baton.
const (
	heldByReader uint32 = iota
	heldByLeader
	heldByNoOne
)

// readBaton decides who reads the transport.
type readBaton struct {
	c       *Conn
	ra      readAhead       // nil if the transport does not buffer
	ri      readInterrupter // nil: only callers that cannot be cancelled lead
	enabled bool            // callers may lead: a client over a buffering transport

	mu       sync.Mutex
	holder   atomic.Uint32 // written under mu; read without it on the reader's fast path
	wake     chan struct{} // the reader is given the baton
	timer    *time.Timer   // the reader's idle check
	armed    bool          // the timer runs
	period   time.Duration // the idle check's period
	releases uint64        // times the baton was let go
	seen     uint64        // releases at the previous idle check
	stopped  bool          // the leader's context ended: its read was interrupted
	// The context the leaders block with is watched once for all the
	// calls that share it (context.AfterFunc costs two allocations);
	// leaderCh is the Done channel of the reading leader's context.
	watch    ctxWatch
	leaderCh <-chan struct{}

	leading  atomic.Bool // a leader is dispatching frames
	answered bool        // holder only: the last frame answered a blocking caller
}

func (rb *readBaton) init(c *Conn) {
	rb.c = c
	rb.ra, _ = c.t.(readAhead)
	rb.ri, _ = c.t.(readInterrupter)
	rb.enabled = c.client && rb.ra != nil
	rb.wake = make(chan struct{}, 1)
	// The reader always listens to the timer, so that arming it needs no
	// wake-up (a stopped or reset timer delivers no stale tick).
	rb.timer = time.NewTimer(leaderIdle)
	rb.timer.Stop()
	rb.period = leaderIdle
}

// frameBuffered reports whether the next ReadFrame returns without reading.
func (rb *readBaton) frameBuffered() bool { return rb.ra != nil && rb.ra.FrameBuffered() }

// leaderDispatching reports whether the goroutine dispatching frames is a
// leader (which must not run handlers: it is the user's goroutine).
func (rb *readBaton) leaderDispatching() bool { return rb.leading.Load() }

// idleLocked reports whether nothing is in flight and nothing is buffered.
func (rb *readBaton) idleLocked() bool {
	return rb.c.nstreams.Load() == 0 && rb.ra.Buffered() == 0
}

// letGoLocked leaves the baton to no one and arms the reader's idle check.
func (rb *readBaton) letGoLocked() {
	rb.holder.Store(heldByNoOne)
	rb.releases++
	if rb.armed {
		return
	}
	rb.armLocked()
}

// armLocked starts the reader's idle check.
func (rb *readBaton) armLocked() {
	rb.armed = true
	rb.timer.Reset(rb.period)
}

// busyLocked is an idle check's finding that callers are at work: the
// next check waits twice as long (up to maxIdleCheck).
func (rb *readBaton) busyLocked() {
	rb.period = min(2*rb.period, maxIdleCheck)
}

// giveReaderLocked hands the baton to the reader goroutine.
func (rb *readBaton) giveReaderLocked() {
	rb.holder.Store(heldByReader)
	rb.period = leaderIdle
	select {
	case rb.wake <- struct{}{}:
	default:
	}
}

// readerTurn waits until the reader goroutine holds the baton; false if the
// connection closed first.
func (rb *readBaton) readerTurn() bool {
	// Only the reader lets go of a baton it holds.
	if !rb.enabled || rb.holder.Load() == heldByReader {
		return true
	}
	return rb.awaitTurn()
}

// awaitTurn is readerTurn's wait.
func (rb *readBaton) awaitTurn() bool {
	for {
		rb.mu.Lock()
		if rb.holder.Load() == heldByReader {
			rb.mu.Unlock()
			return true
		}
		rb.mu.Unlock()
		select {
		case <-rb.wake:
		case <-rb.timer.C:
			rb.mu.Lock()
			rb.armed = false
			switch rb.holder.Load() {
			case heldByNoOne:
				if rb.releases == rb.seen {
					rb.holder.Store(heldByReader)
					rb.period = leaderIdle
				} else {
					rb.seen = rb.releases
					rb.busyLocked()
					rb.armLocked()
				}
			case heldByLeader:
				// Armed again when the leader lets go.
				rb.busyLocked()
			}
			rb.mu.Unlock()
		case <-rb.c.closeCh:
			return false
		}
	}
}

// readerYield runs on the reader goroutine after each frame it dispatched:
// when the frame answered a blocking caller (who is likely to send the next
// request at once) and nothing else is in flight or buffered, it lets go
// of the baton. Other traffic (the peer's fire-and-forget, pushes) keeps
// the reader reading.
func (rb *readBaton) readerYield() {
	if rb.enabled && rb.answered {
		rb.yield()
	}
}

// yield is readerYield's hand-back.
func (rb *readBaton) yield() {
	rb.answered = false
	rb.mu.Lock()
	if rb.holder.Load() == heldByReader && rb.idleLocked() {
		rb.letGoLocked()
	}
	rb.mu.Unlock()
}

// streamOpened runs after a stream was registered: if no one reads, the
// reader must.
func (rb *readBaton) streamOpened() {
	if !rb.enabled {
		return
	}
	rb.mu.Lock()
	if rb.holder.Load() == heldByNoOne {
		rb.giveReaderLocked()
	}
	rb.mu.Unlock()
}

// tryLead takes the baton for a blocking caller if no one holds it and the caller can
// stop reading when ctx ends.
func (rb *readBaton) tryLead(ctx context.Context) bool {
	cancellable := ctx.Done() != nil
	if !rb.enabled || (cancellable && rb.ri == nil) {
		return false
	}
	rb.mu.Lock()
	if rb.holder.Load() != heldByNoOne || rb.closing() {
		rb.mu.Unlock()
		return false
	}
	rb.holder.Store(heldByLeader)
	rb.leading.Store(true)
	if cancellable {
		done := ctx.Done()
		rb.leaderCh = done
		if !rb.watch.watching(done) {
			rb.watch.set(ctx, rb.ctxDone)
		}
	}
	rb.mu.Unlock()
	return true
}

// ctxDone runs when a watched context ends (done is its Done channel): it
// stops the read of the leader blocking with it.
func (rb *readBaton) ctxDone(done <-chan struct{}) {
	rb.mu.Lock()
	if rb.watch.watching(done) {
		rb.watch.fired()
	}
	if rb.holder.Load() == heldByLeader && rb.leaderCh == done && !rb.stopped {
		rb.stopped = true
		rb.ri.InterruptRead()
	}
	rb.mu.Unlock()
}

// closing reports whether the connection is closing: then no caller leads
// (and no context is watched after stopWatching ran).
func (rb *readBaton) closing() bool {
	select {
	case <-rb.c.closeCh:
		return true
	default:
		return false
	}
}

// stopWatching ends the watch of a context (the connection closed), so that
// the context does not keep the connection reachable.
func (rb *readBaton) stopWatching() {
	rb.mu.Lock()
	rb.watch.clear()
	rb.mu.Unlock()
}

// interrupted reports whether err is the leader's read being interrupted.
func (rb *readBaton) interrupted(err error) bool {
	if !errors.Is(err, os.ErrDeadlineExceeded) {
		return false
	}
	rb.mu.Lock()
	defer rb.mu.Unlock()
	return rb.stopped
}

// leaderDone gives the leader's baton back: to no one when nothing is in
// flight or buffered, to the reader goroutine otherwise.
func (rb *readBaton) leaderDone() {
	rb.mu.Lock()
	rb.leading.Store(false)
	rb.leaderCh, rb.answered = nil, false
	if rb.stopped {
		rb.stopped = false
		rb.ri.ResumeRead()
	}
	if rb.idleLocked() {
		rb.letGoLocked()
	} else {
		rb.giveReaderLocked()
	}
	rb.mu.Unlock()
}

// lead reads and dispatches frames on the calling goroutine, which holds
// the baton, until done has a token (its answer arrived, or its stream
// ended with the connection) or its read is interrupted, then gives the
// baton back.
func (c *Conn) lead(done chan struct{}) {
	tok := c.inline.Load() >> 1 // a leader never runs handlers: it stays
	owing := 0
	for len(done) == 0 {
		if c.w.owed.Load() && c.owesWrite(&owing) {
			c.flushOwed()
		}
		if c.readOne(tok) != readNext {
			break
		}
	}
	if c.w.owed.Load() {
		c.flushOwed()
	}
	c.rb.leaderDone()
}
