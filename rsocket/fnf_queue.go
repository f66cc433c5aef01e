package rsocket

import (
	"context"
	"sync"

	"github.com/sluicego/sluice"
)

// Bounds of the fire-and-forget queue of a connection.
const (
	// fnfMaxWorkers is the most FireAndForget handlers that run at once on
	// one connection.
	fnfMaxWorkers = 64
	// fnfQueueLen is the most received fire-and-forget requests waiting for
	// a worker; beyond it the reader waits, so the peer's writes back up
	// into the socket (TCP backpressure) instead of into memory.
	fnfQueueLen = 1024
	// fnfBacklogPerWorker is the backlog per running worker above which
	// another worker starts: a fast handler keeps one worker busy, slow or
	// blocking handlers get up to fnfMaxWorkers.
	fnfBacklogPerWorker = 16
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
	room    sync.Cond // a job was taken
	jobs    []fnfJob  // ring of fnfQueueLen
	head    int
	n       int
	workers int
	idle    int
	closed  bool
}

// pushFNF queues a fire-and-forget (reader goroutine), waiting while the
// queue is full.
func (c *Conn) pushFNF(j fnfJob) {
	q := &c.fnf
	q.mu.Lock()
	if q.jobs == nil {
		q.jobs = make([]fnfJob, fnfQueueLen)
		q.work.L = &q.mu
		q.room.L = &q.mu
	}
	for q.n == len(q.jobs) {
		q.room.Wait()
	}
	q.jobs[(q.head+q.n)%len(q.jobs)] = j
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

// closeFNF lets parked workers exit once the queue is empty.
func (c *Conn) closeFNF() {
	q := &c.fnf
	q.mu.Lock()
	q.closed = true
	if q.jobs != nil {
		q.work.Broadcast()
	}
	q.mu.Unlock()
}

// runFNF is a worker: it runs queued jobs until none is left, then parks if
// no other worker is parked, or exits.
func (c *Conn) runFNF() {
	q := &c.fnf
	h := c.handler.FireAndForget
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
		q.head = (q.head + 1) % len(q.jobs)
		q.n--
		q.room.Signal()
		q.mu.Unlock()
		c.runFNFJob(h, j)
		q.mu.Lock()
	}
}

// runFNFJob calls the handler, turning a panic into ErrorDropped so that
// one failing handler does not take the connection down.
func (c *Conn) runFNFJob(h func(context.Context, Payload), j fnfJob) {
	defer func() {
		if r := recover(); r != nil {
			sluice.ErrorDropped(sluice.NewPanicError(r))
		}
	}()
	h(withStreamID(c.ctx, j.id), j.p)
}
