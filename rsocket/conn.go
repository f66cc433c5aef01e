package rsocket

import (
	"context"
	"errors"
	"math"
	"net"
	"sync"
	"sync/atomic"
	"time"

	"github.com/sluicego/sluice/rsocket/frame"
	"github.com/sluicego/sluice/rsocket/internal/fragment"
	"github.com/sluicego/sluice/rsocket/transport"
)

// Conn is one RSocket connection, seen from either end: Connect returns the
// client's, and a server's Acceptor receives its own as the requester. It
// implements RSocket (requests to the peer) and answers the peer's requests
// with its Handler.
//
// Each Conn owns two goroutines, a reader and a writer, plus workers that run
// handlers and subscribe to and request publishers: a stream with such work
// gets a worker of its own (a parked one is reused, up to 64 stay parked),
// so a handler that blocks holds up only its stream. A request-response
// handler is first called on the reader, which answers a Mono such as
// mono.Just at once; one that takes a millisecond or more counts as a
// stall, one that blocks is noticed within 100 milliseconds and a new reader
// takes over, and after four stalls in a run (each within 1024 calls of
// the one before) the connection calls its request-response handlers on
// workers too, for 4096 calls, then tries the reader again (each time it
// leaves the reader again, for twice as many calls, up to about a
// million). The same holds for the
// demand of a stream's REQUEST_N of at most 256, which the reader passes to
// the publisher itself, so that a synchronous publisher's elements go out
// in the reader's next write. On a client, a goroutine
// blocked in RequestResponse(...).Block with nothing else in flight writes
// its request and reads its answer itself, which saves two goroutine
// wake-ups per request.
// FireAndForget handlers run on at most 64 goroutines per connection with a
// backlog of 1024 requests; when both are used up the reader stops reading,
// so a flood of fire-and-forget requests backs up into the peer's socket
// instead of into memory. A FireAndForget handler that waits for a response
// on the same connection can therefore stall it once 64 such handlers wait:
// hand such work to a goroutine of your own.
// Signals to the subscribers of requests (elements, completion, errors)
// arrive on the reader goroutine: a subscriber that blocks in OnNext holds up
// every stream of the connection, so hand heavy work to another goroutine.
type Conn struct {
	t      transport.Conn
	pw     prefixedWriter // t, when it takes frames behind their length prefix
	client bool

	mtu      int
	maxReasm int
	wlimit   int
	logger   *frameLogger

	keepalive     time.Duration
	lifetime      time.Duration
	sendKeepalive bool

	handler  Handler
	accepted chan struct{} // closed once handler is final; nil when it is from the start

	ctx    context.Context
	cancel context.CancelFunc

	mu      sync.Mutex
	streams streamTable
	// nstreams is len(streams), for the writer's policy: with one stream
	// in flight a frame the peer waits for is written through, with more
	// the writer goroutine batches them.
	nstreams atomic.Int32
	closing  bool
	cause    error
	closeCh  chan struct{} // closed when closing starts

	nextID      atomic.Uint32 // the next local stream id (allocID)
	established atomic.Bool
	received    atomic.Int64 // frames received, for the liveness check
	dispatching atomic.Bool  // the reader is calling out; producers must not wait for room
	draining    atomic.Bool  // the server is shutting down: new requests are rejected

	w writer

	fnf     fnfQueue // fire-and-forget handlers
	workers workers  // goroutines running the outbound work of streams

	reasm map[uint32]*fragment.Assembly // reader only
	rpf   frame.PayloadFrame            // reader only: the PAYLOAD being dispatched

	// The stream of the last PAYLOAD dispatched, while it is in the table
	// (lookupPayload): written by the reader under mu, forgotten by
	// whoever removes it from the table.
	lastID     uint32 // reader only
	lastStream atomic.Pointer[stream]

	inline      atomic.Uint64 // reader token<<1, | 1 while the reader runs a handler (inline.go)
	inlineCalls atomic.Uint64 // handler calls the reader has made
	noInline    atomic.Bool   // handlers stalled the reader maxStalls times: they run on workers
	stalls      atomic.Int32  // stalls of the reader in the current run
	lastStall   atomic.Uint64 // inlineCalls at the latest stall
	probation   atomic.Int64  // handler calls on workers before the reader is tried again
	offCalls    atomic.Int64  // handler calls sent to workers in the current probation
	watchIdle   atomic.Bool   // the writer's stall watch is not ticking
	watchWake   chan struct{} // wakes the stall watch

	rb readBaton // who reads the transport (leader.go)
	// calls watches the context shared by blocking request-responses
	// (call_watch.go).
	calls callWatch

	spawnMu    sync.Mutex
	noSpawn    bool
	wg         sync.WaitGroup // stream goroutines
	readerDone chan struct{}
	done       chan struct{}
	forceClose *time.Timer
	onDone     func() // set before start; runs before Done is closed
}

type connConfig struct {
	client        bool
	opts          ConnectionOptions
	keepalive     time.Duration
	lifetime      time.Duration
	sendKeepalive bool
	handler       Handler
	pendingAccept bool
}

func newConn(t transport.Conn, cfg connConfig) *Conn {
	c := &Conn{
		t:             t,
		client:        cfg.client,
		mtu:           cfg.opts.MTU,
		maxReasm:      cfg.opts.MaxReassembledSize,
		wlimit:        cfg.opts.WriteBufferLimit,
		keepalive:     cfg.keepalive,
		lifetime:      cfg.lifetime,
		sendKeepalive: cfg.sendKeepalive,
		handler:       cfg.handler,
		closeCh:       make(chan struct{}),
		reasm:         make(map[uint32]*fragment.Assembly),
		readerDone:    make(chan struct{}),
		watchWake:     make(chan struct{}, 1),
		done:          make(chan struct{}),
	}
	if cfg.opts.FrameLogger != nil {
		c.logger = &frameLogger{w: cfg.opts.FrameLogger}
	}
	if c.mtu <= 0 || c.mtu > frame.MaxFrameLength {
		c.mtu = frame.MaxFrameLength
	}
	c.mtu = max(c.mtu, fragment.MinMTU)
	switch {
	case c.maxReasm == 0:
		c.maxReasm = DefaultMaxReassembledSize
	case c.maxReasm < 0:
		c.maxReasm = 0
	}
	if c.wlimit <= 0 {
		c.wlimit = DefaultWriteBufferLimit
	}
	if cfg.client {
		c.nextID.Store(1)
	} else {
		c.nextID.Store(2)
	}
	if cfg.pendingAccept {
		c.accepted = make(chan struct{})
	}
	c.ctx, c.cancel = context.WithCancel(context.Background())
	c.w.init()
	c.pw, _ = t.(prefixedWriter)
	c.watchIdle.Store(true)
	c.rb.init(c)
	return c
}

// start launches the reader and the writer.
func (c *Conn) start() {
	go c.readLoop()
	go c.writeLoop()
}

// accept installs the handler chosen by the server's acceptor.
func (c *Conn) accept(h Handler) {
	c.handler = h
	close(c.accepted)
}

// spawn runs f on a goroutine owned by the connection. After the connection
// has finished it runs f inline instead (f is then only cleanup).
func (c *Conn) spawn(f func()) {
	c.spawnMu.Lock()
	if c.noSpawn {
		c.spawnMu.Unlock()
		f()
		return
	}
	c.wg.Add(1)
	c.spawnMu.Unlock()
	go func() {
		defer c.wg.Done()
		f()
	}()
}

// Close closes the connection: streams still running end with an error
// matching ErrConnectionClosed, the transport is closed, and the
// connection's goroutines exit soon after (Done tells when). Close does not
// wait, so it may be called from any callback; it always returns nil.
func (c *Conn) Close() error {
	c.closeWith(ErrConnectionClosed, nil)
	return nil
}

// Done returns a channel that is closed when the connection has ended and
// every goroutine it started has exited.
func (c *Conn) Done() <-chan struct{} { return c.done }

// Err returns why the connection ended (nil while it is open). The error
// matches ErrConnectionClosed and wraps the cause.
func (c *Conn) Err() error {
	c.mu.Lock()
	defer c.mu.Unlock()
	if !c.closing {
		return nil
	}
	return &closedError{cause: c.cause}
}

// LocalAddr returns the transport's local address.
func (c *Conn) LocalAddr() net.Addr { return c.t.LocalAddr() }

// RemoteAddr returns the transport's remote address.
func (c *Conn) RemoteAddr() net.Addr { return c.t.RemoteAddr() }

// activeStreams returns the number of streams in flight.
func (c *Conn) activeStreams() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.streams.len()
}

// closeWith starts closing: it records cause, queues errFrame (if any) as
// the last frame, fails every stream and lets the writer flush and close the
// transport. Only the first call has an effect.
func (c *Conn) closeWith(cause error, errFrame *frame.ErrorFrame) {
	c.mu.Lock()
	if c.closing {
		c.mu.Unlock()
		return
	}
	c.closing = true
	c.cause = cause
	streams := c.streams
	c.streams = streamTable{}
	c.lastStream.Store(nil)
	c.nstreams.Store(0)
	close(c.closeCh)
	// A writer stuck on a peer that does not read must not hold the close.
	c.forceClose = time.AfterFunc(time.Second, func() { _ = c.t.Close() })
	c.mu.Unlock()

	c.w.finish(errFrame)
	c.rb.stopWatching()
	c.calls.close()
	c.closeFNF()
	c.closeWorkers()
	c.cancel()
	err := &closedError{cause: cause}
	streams.each(func(_ uint32, s *stream) { s.onClose(err) })
}

// closedErr returns the error for requests on a closing connection, or nil.
func (c *Conn) closedErr() error {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.closing {
		return &closedError{cause: c.cause}
	}
	return nil
}

// register allocates a stream id for a local request and records s.
func (c *Conn) register(s *stream) (uint32, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.closing {
		return 0, &closedError{cause: c.cause}
	}
	id, err := c.nextStreamID()
	if err != nil {
		return 0, err
	}
	c.streams.put(id, s)
	c.nstreams.Store(int32(c.streams.len()))
	return id, nil
}

// nextStreamID allocates a local stream id; it needs no lock, so that a
// fire-and-forget can take its id while holding only the writer's lock.
func (c *Conn) nextStreamID() (uint32, error) {
	for {
		id := c.nextID.Load()
		if id > frame.MaxStreamID {
			return 0, ErrStreamIDsExhausted
		}
		if c.nextID.CompareAndSwap(id, id+2) {
			return id, nil
		}
	}
}

// registerPeer records a stream opened by the peer; false if the id is in
// use or the connection is closing.
func (c *Conn) registerPeer(id uint32, s *stream) bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.closing {
		return false
	}
	if c.streams.get(id) != nil {
		return false
	}
	c.streams.put(id, s)
	c.nstreams.Store(int32(c.streams.len()))
	return true
}

func (c *Conn) unregister(id uint32, s *stream) {
	c.unregisterOpen(id, s)
}

// unregisterOpen removes s and reports whether it was removed from the
// table of an open connection: then no goroutine closing the connection can
// hold s (closeWith takes its snapshot of the table under the same lock).
func (c *Conn) unregisterOpen(id uint32, s *stream) bool {
	c.mu.Lock()
	removed := c.streams.get(id) == s
	if removed {
		c.streams.del(id)
		if c.lastStream.Load() == s {
			c.lastStream.Store(nil)
		}
		c.nstreams.Store(int32(c.streams.len()))
	}
	closing := c.closing
	c.mu.Unlock()
	return removed && !closing
}

func (c *Conn) lookup(id uint32) *stream {
	c.mu.Lock()
	s := c.streams.get(id)
	c.mu.Unlock()
	return s
}

// lookupPayload is lookup for the PAYLOAD frames the reader dispatches: it
// remembers the last stream or channel it found (lastStream, written only
// under c.mu, and forgotten there when the stream leaves the table), so
// that the frames of a stream cost no lock. A request-response, which
// gets one PAYLOAD, is not remembered.
func (c *Conn) lookupPayload(id uint32) *stream {
	if s := c.lastStream.Load(); s != nil && id == c.lastID {
		return s
	}
	c.mu.Lock()
	s := c.streams.get(id)
	if s != nil && s.kind != kindRR {
		c.lastID = id
		c.lastStream.Store(s)
	}
	c.mu.Unlock()
	return s
}

// isPeerID reports whether id has the parity of the peer's requests.
func (c *Conn) isPeerID(id uint32) bool {
	if c.client {
		return id%2 == 0
	}
	return id%2 == 1
}

// requestN converts local demand to a wire request n.
func requestN(n int64) uint32 {
	if n >= frame.MaxRequestN {
		return frame.MaxRequestN
	}
	return uint32(n)
}

// creditOf converts a wire request n to demand (MaxRequestN is unbounded).
func creditOf(n uint32) int64 {
	if n >= frame.MaxRequestN {
		return math.MaxInt64
	}
	return int64(n)
}

// addCredit accumulates wire credit: at or beyond MaxRequestN it is unbounded.
func addCredit(cur, n int64) int64 {
	if cur == math.MaxInt64 || n >= frame.MaxRequestN || cur+n >= frame.MaxRequestN {
		return math.MaxInt64
	}
	return cur + n
}

func isMalformed(err error) bool { return errors.Is(err, frame.ErrMalformed) }
