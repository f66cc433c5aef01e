package rsocket

import (
	"context"
	"sync"
	"time"

	"github.com/sluicego/sluice"
	"github.com/sluicego/sluice/rsocket/frame"
)

// Bounds of the fire-and-forget queue of a connection.
const (
	// fnfMaxWorkers is the most FireAndForget handlers that run at once on
	// one connection.
	fnfMaxWorkers = 64
	// fnfQueueLen is the most received fire-and-forget requests waiting for
	// a worker; beyond it the reader waits, so the peer's writes back up
	// into the socket (TCP backpressure) instead of into memory. A power of
	// two.
	fnfQueueLen = 1024
	// fnfBacklogPerWorker is the backlog per running worker above which
	// another worker starts: a fast handler keeps one worker busy, slow or
	// blocking handlers get up to fnfMaxWorkers.
	fnfBacklogPerWorker = 16
	// fnfCtxChunk is how many handler contexts a worker carves from one
	// allocation.
	fnfCtxChunk = 128
)

// fnfJob is one received fire-and-forget.
type fnfJob struct {
	id uint32
	p  Payload
}

// fnfQueue runs the FireAndForget handler of a connection with bounded
// concurrency and a bounded backlog. The reader pushes, workers (goroutines
// owned by the connection) pop; at most one idle worker stays parked.
type fnfQueue struct {
	mu      sync.Mutex
	work    sync.Cond // a job was queued, or the connection closed
	room    sync.Cond // a job was taken, or the connection closed
	jobs    []fnfJob  // ring of fnfQueueLen
	head    int
	n       int
	workers int
	idle    int
	closed  bool
}

// fnfCtx is the context a FireAndForget handler receives: the connection's
// context plus the stream id. Workers carve them from chunks and never reuse
// one, so a handler may keep its context.
type fnfCtx struct {
	c  *Conn
	id uint32
}

// Deadline returns the connection's deadline (none).
func (x *fnfCtx) Deadline() (time.Time, bool) { return x.c.ctx.Deadline() }

// Done returns the connection's Done channel.
func (x *fnfCtx) Done() <-chan struct{} { return x.c.ctx.Done() }

// Err returns the connection's context error.
func (x *fnfCtx) Err() error { return x.c.ctx.Err() }

// Value returns the stream id for StreamID, and the connection's values.
func (x *fnfCtx) Value(key any) any {
	if _, ok := key.(streamIDKey); ok {
		return x.id
	}
	return x.c.ctx.Value(key)
}

// onFNFFrame is the reader's path for a whole REQUEST_FNF: decoded on the
// stack and queued without allocating. It reports false, having done
// nothing, for a frame the general path must handle (one that does not
// decode, or the first fragment of a request).
func (c *Conn) onFNFFrame(b []byte) (*fault, bool) {
	f, err := frame.DecodeRequestFNF(b)
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
	if c.awaitAccepted() && c.handler.FireAndForget != nil {
		c.pushFNF(fnfJob{id: id, p: Payload{Data: f.Data, Metadata: f.Metadata, HasMetadata: f.HasMetadata}})
	}
	return nil, true
}

// onFNF queues a fire-and-forget for the handler, if there is one (reader
// goroutine).
func (c *Conn) onFNF(id uint32, p Payload) {
	if c.handler.FireAndForget != nil {
		c.pushFNF(fnfJob{id: id, p: p})
	}
}

// pushFNF queues a fire-and-forget (reader goroutine), waiting while the
// queue is full; it drops the job once the connection is closing.
func (c *Conn) pushFNF(j fnfJob) {
	q := &c.fnf
	q.mu.Lock()
	if q.jobs == nil {
		q.jobs = make([]fnfJob, fnfQueueLen)
		q.work.L = &q.mu
		q.room.L = &q.mu
	}
	for q.n == len(q.jobs) && !q.closed {
		q.room.Wait()
	}
	if q.closed {
		q.mu.Unlock()
		return
	}
	q.jobs[(q.head+q.n)&(fnfQueueLen-1)] = j
	q.n++
	start := false
	switch {
	case q.idle > 0:
		q.work.Signal()
	case q.workers == 0 || (q.workers < fnfMaxWorkers && q.n > q.workers*fnfBacklogPerWorker):
		q.workers++
		start = true
	}
	q.mu.Unlock()
	if start {
		c.spawn(c.runFNF)
	}
}

// closeFNF lets parked workers exit once the queue is empty, and a reader
// waiting for room go.
func (c *Conn) closeFNF() {
	q := &c.fnf
	q.mu.Lock()
	q.closed = true
	if q.jobs != nil {
		q.work.Broadcast()
		q.room.Broadcast()
	}
	q.mu.Unlock()
}

// runFNF is a worker: it runs queued jobs until none is left, then parks if
// no other worker is parked, or exits.
func (c *Conn) runFNF() {
	q := &c.fnf
	h := c.handler.FireAndForget
	var ctxs []fnfCtx
	q.mu.Lock()
	for {
		for q.n == 0 {
			if q.closed || q.idle > 0 {
				q.workers--
				q.mu.Unlock()
				return
			}
			q.idle++
			q.work.Wait()
			q.idle--
		}
		j := q.jobs[q.head]
		q.jobs[q.head] = fnfJob{}
		q.head = (q.head + 1) & (fnfQueueLen - 1)
		full := q.n == len(q.jobs)
		q.n--
		if full {
			q.room.Signal()
		}
		q.mu.Unlock()
		if len(ctxs) == 0 {
			ctxs = make([]fnfCtx, fnfCtxChunk)
		}
		ctx := &ctxs[0]
		ctxs = ctxs[1:]
		ctx.c, ctx.id = c, j.id
		c.runFNFJob(h, ctx, j.p)
		q.mu.Lock()
	}
}

// runFNFJob calls the handler, turning a panic into ErrorDropped so that
// one failing handler does not take the connection down.
func (c *Conn) runFNFJob(h func(context.Context, Payload), ctx *fnfCtx, p Payload) {
	defer func() {
		if r := recover(); r != nil {
			sluice.ErrorDropped(sluice.NewPanicError(r))
		}
	}()
	h(ctx, p)
}
